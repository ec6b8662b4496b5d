import { textOn, themeColor } from '../shared/color.ts';
import { ChatWindow } from './chat-window.tsx';
import { MessagePreview } from './message-preview.tsx';
import { type ChatStore, useChatState } from './store.ts';

export function ChatApp({ store }: { store: ChatStore }) {
  const state = useChatState(store);
  const color = themeColor(state.inbox.color);
  return (
    <div
      class={`pc ${state.inbox.position === 'left' ? 'left' : 'right'}`}
      style={`--pc:${color};--po:${textOn(color)}`}
    >
      {!state.isOpen && state.preview && (
        <MessagePreview store={store} state={state} message={state.preview} />
      )}
      <ChatWindow store={store} state={state} />
      <div class="sr-only" aria-live="polite">
        {state.announcement}
      </div>
    </div>
  );
}
