import type { BootResponse, Message } from './types.ts';

export type SdkEvent = 'ready' | 'open' | 'close' | 'message' | 'unread';

/** What the loader lends the lazily loaded chat bundle: the session, the API client and the launcher. */
export type ChatBridge = {
  host: string;
  widgetKey: string;
  /** The shadow root both bundles draw into. */
  root: ShadowRoot;
  /** The current session; replaced after identify and reset (the chat is told by `sessionChanged`). */
  session: () => BootResponse;
  request: <T>(method: string, path: string, body?: unknown) => Promise<T>;
  /** Open or close the window through the loader, which owns the launcher and the SDK events. */
  setOpen: (isOpen: boolean) => void;
  setUnread: (count: number) => void;
  emit: (event: SdkEvent, payload?: Message | number) => void;
};

export type ChatHandle = {
  setOpen: (isOpen: boolean) => void;
  sessionChanged: () => void;
};

export type ChatModule = { mount: (bridge: ChatBridge) => ChatHandle };

/** The global through which chat.js hands itself to the loader that injected it. */
export const CHAT_GLOBAL = '__parleyChat';
