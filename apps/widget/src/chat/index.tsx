// The chat bundle (`/widget/chat.js`), loaded by the loader on demand: it registers itself on a global
// the loader reads once the script has run, then draws the window into the loader's shadow root.
import { render } from 'preact';
import { CHAT_GLOBAL, type ChatBridge, type ChatHandle, type ChatModule } from '../shared/bridge.ts';
import { ChatApp } from './chat-app.tsx';
import { createChatStore } from './store.ts';

declare const __CHAT_CSS__: string;

function mount(bridge: ChatBridge): ChatHandle {
  const style = document.createElement('style');
  style.textContent = __CHAT_CSS__;
  const container = document.createElement('div');
  bridge.root.append(style, container);
  const store = createChatStore(bridge);
  render(<ChatApp store={store} />, container);
  return { setOpen: store.setOpen, sessionChanged: store.sessionChanged };
}

(window as unknown as Record<string, ChatModule>)[CHAT_GLOBAL] = { mount };
