import { useEffect, useReducer } from 'preact/hooks';
import type { ChatBridge } from '../shared/bridge.ts';
import type {
  ApiError,
  Attachment,
  Contact,
  Conversation,
  ConversationPage,
  Inbox,
  Message,
  MessagesPage,
  ServerFrame,
  StartedConversation,
} from '../shared/types.ts';
import { type ConnectionStatus, connectRealtime, type Realtime } from './realtime.ts';

/** A message the visitor sent that the server has not confirmed yet. */
export type OutboxItem = {
  localId: string;
  text: string;
  attachments: Attachment[];
  state: 'sending' | 'failed';
  error: string | null;
  createdAt: string;
};

export type PreChat = { name?: string; email?: string; consent?: boolean };

export type ChatState = {
  isOpen: boolean;
  contact: Contact;
  inbox: Inbox;
  /** Most recent activity first. */
  conversations: Conversation[];
  /** Where the next page of earlier conversations starts; null when all are loaded. */
  listCursor: string | null;
  isLoadingList: boolean;
  /** The visitor's conversation list, or one conversation. */
  view: 'list' | 'conversation';
  /** The conversation on screen; null while the visitor writes the first message of a new one. */
  conversationId: string | null;
  /** The visitor asked for a new conversation: keep showing an empty one until the first send. */
  isNewConversation: boolean;
  messages: Message[];
  outbox: OutboxItem[];
  hasMore: boolean;
  loadState: 'idle' | 'loading' | 'error';
  isLoadingOlder: boolean;
  unread: Record<string, number>;
  /** The team member typing in the conversation on screen (name may be null). */
  typing: { name: string | null } | null;
  /** A new reply shown beside the launcher while the window is closed. */
  preview: Message | null;
  announcement: string;
  connection: ConnectionStatus;
};

export type ChatStore = ReturnType<typeof createChatStore>;

const TYPING_EVERY_MS = 2000;
const TYPING_IDLE_MS = 3000;
const AGENT_TYPING_TIMEOUT_MS = 10_000;

const byActivity = (list: Conversation[]) =>
  [...list].sort((a, b) => Date.parse(b.lastActivityAt) - Date.parse(a.lastActivityAt));

/** Union by id, the first list winning (fresher), most recent activity first. */
export function mergeConversations(fresh: Conversation[], known: Conversation[]): Conversation[] {
  const byId = new Map<string, Conversation>();
  for (const c of [...known, ...fresh]) {
    byId.set(c.id, c);
  }
  return byActivity([...byId.values()]);
}

/** Union by id, the second list winning (fresher), ordered oldest first. */
export function mergeMessages(older: Message[], newer: Message[]): Message[] {
  const byId = new Map<string, Message>();
  for (const m of [...older, ...newer]) {
    byId.set(m.id, m);
  }
  return [...byId.values()].sort(
    (a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt) || (a.id < b.id ? -1 : 1),
  );
}

export function errorMessage(err: unknown): string {
  return (err as ApiError)?.message || 'Something went wrong. Please try again.';
}

const warn = (err: unknown) => console.warn('[Parley]', err);

/**
 * All of the chat's state and every call to the visitor API and socket, outside the components, which
 * only read the state and call these actions.
 */
export function createChatStore(bridge: ChatBridge) {
  const listeners = new Set<() => void>();
  let state: ChatState = { ...fromSession(), isOpen: false, connection: 'connecting' };
  let socket: Realtime | undefined;
  let token = bridge.session().visitorToken;
  const seqKey = `parley:${bridge.widgetKey}:seq`;
  let sending: Promise<void> = Promise.resolve();
  let localIds = 0;
  let typingSentAt = 0;
  let typingIdle: ReturnType<typeof setTimeout> | undefined;
  let agentTypingTimer: ReturnType<typeof setTimeout> | undefined;

  function set(patch: Partial<ChatState>) {
    state = { ...state, ...patch };
    for (const listener of listeners) {
      listener();
    }
  }

  function fromSession(): Omit<ChatState, 'isOpen' | 'connection'> {
    const session = bridge.session();
    const conversations = byActivity(session.conversations);
    const withUnread = conversations.find((c) => c.unread > 0 && c.lastMessage?.kind === 'outgoing');
    return {
      contact: session.contact,
      inbox: session.inbox,
      conversations,
      listCursor: null,
      isLoadingList: false,
      view: 'conversation',
      conversationId: conversations[0]?.id ?? null,
      isNewConversation: false,
      messages: [],
      outbox: [],
      hasMore: false,
      loadState: 'idle',
      isLoadingOlder: false,
      unread: Object.fromEntries(conversations.map((c) => [c.id, c.unread])),
      typing: null,
      preview: withUnread?.lastMessage ?? null,
      announcement: '',
    };
  }

  /** Attachment and avatar links may be relative to the Parley server, never to the host page. */
  function resolveUrl(url: string): string {
    const resolved = new URL(url, bridge.host);
    return /^https?:$/.test(resolved.protocol) ? resolved.href : 'about:blank';
  }

  const isSeen = () =>
    state.isOpen && state.view === 'conversation' && document.visibilityState === 'visible';

  function setUnread(unread: Record<string, number>) {
    set({ unread });
    bridge.setUnread(Object.values(unread).reduce((sum, n) => sum + n, 0));
  }

  function markRead(conversationId: string) {
    setUnread({ ...state.unread, [conversationId]: 0 });
    bridge.request('POST', `/conversations/${conversationId}/read`).catch(warn);
  }

  function markReadIfSeen() {
    const id = state.conversationId;
    if (id && isSeen() && (state.unread[id] ?? 0) > 0) {
      markRead(id);
    }
  }

  function connect() {
    const { visitorToken } = bridge.session();
    socket = connectRealtime({
      url: `${bridge.host.replace(/^http/, 'ws')}/api/widget/v1/ws?token=${encodeURIComponent(visitorToken)}`,
      seqKey,
      onFrame,
      onStatus: (connection) => set({ connection }),
      onRescoped: () => void refresh(),
    });
  }

  function upsertConversation(conversation: Conversation) {
    set({
      conversations: byActivity([
        conversation,
        ...state.conversations.filter((c) => c.id !== conversation.id),
      ]),
    });
  }

  function onMessageCreated(message: Message) {
    const id = message.conversationId;
    const conversation = state.conversations.find((c) => c.id === id);
    if (conversation) {
      upsertConversation({ ...conversation, lastMessage: message, lastActivityAt: message.createdAt });
    }
    if (id !== state.conversationId) {
      if (message.kind === 'outgoing') {
        setUnread({ ...state.unread, [id]: (state.unread[id] ?? 0) + 1 });
        set({ preview: state.isOpen ? null : message });
      }
    } else if (message.kind === 'incoming') {
      // Our own message echoed by the socket before the POST answered: drop its outbox twin.
      const twin = state.outbox.find((o) => o.state === 'sending' && o.text === message.text);
      set({ outbox: state.outbox.filter((o) => o !== twin) });
    } else if (message.kind === 'outgoing') {
      clearTimeout(agentTypingTimer);
      set({ typing: null });
      if (isSeen()) {
        markRead(id);
      } else {
        setUnread({ ...state.unread, [id]: (state.unread[id] ?? 0) + 1 });
        set({ preview: state.isOpen ? null : message });
      }
    }
    if (message.kind === 'outgoing') {
      const files = message.attachments.map((a) => a.filename).join(', ');
      set({ announcement: `${message.sender.name || state.inbox.name}: ${message.text || files}` });
      bridge.emit('message', message);
    }
  }

  function onFrame(frame: ServerFrame) {
    switch (frame.type) {
      case 'message.created':
      case 'message.updated': {
        if (frame.data.conversationId === state.conversationId) {
          set({ messages: mergeMessages(state.messages, [frame.data]) });
        }
        if (frame.type === 'message.created') {
          onMessageCreated(frame.data);
        }
        break;
      }
      case 'conversation.created':
      case 'conversation.updated': {
        const previous = state.conversations.find((c) => c.id === frame.data.id);
        // Unread counts stay ours (boot, list and message frames); a conversation frame may race them.
        upsertConversation({ ...frame.data, unread: previous?.unread ?? 0 });
        if (!state.conversationId && !state.isNewConversation && state.outbox.length === 0) {
          set({ conversationId: frame.data.id });
          if (state.isOpen) {
            void loadMessages(frame.data.id);
          }
        }
        break;
      }
      case 'typing': {
        const { conversationId, isTyping, sender } = frame.data;
        if (sender.type === 'user' && conversationId === state.conversationId) {
          clearTimeout(agentTypingTimer);
          set({ typing: isTyping ? { name: sender.name } : null });
          if (isTyping) {
            agentTypingTimer = setTimeout(() => set({ typing: null }), AGENT_TYPING_TIMEOUT_MS);
          }
        }
        break;
      }
      case 'error':
        warn(frame.message);
        break;
      case 'ready':
      case 'pong':
        break;
    }
  }

  async function loadMessages(conversationId: string) {
    if (state.messages.length === 0 || state.messages[0]?.conversationId !== conversationId) {
      set({ messages: [], hasMore: false, loadState: 'loading' });
    }
    try {
      const page = await bridge.request<MessagesPage>(
        'GET',
        `/conversations/${conversationId}/messages?limit=50`,
      );
      if (state.conversationId !== conversationId) {
        return;
      }
      const kept = state.messages.filter((m) => m.conversationId === conversationId);
      set({ messages: mergeMessages(kept, page.items), hasMore: page.hasMore, loadState: 'idle' });
      markReadIfSeen();
    } catch (err) {
      warn(err);
      set({ loadState: 'error' });
    }
  }

  /**
   * On open: the first page of conversations, and the messages of the one on screen (the most recent
   * unless the visitor picked another), with fresh attachment links.
   */
  async function refresh() {
    if (state.messages.length === 0 && state.conversationId) {
      set({ loadState: 'loading' });
    }
    try {
      const page = await bridge.request<ConversationPage>('GET', '/conversations?limit=20');
      const current = state.conversations.find((c) => c.id === state.conversationId);
      const conversations = mergeConversations(page.items, current ? [current] : []);
      const conversationId = state.isNewConversation
        ? null
        : (state.conversationId ?? conversations[0]?.id ?? null);
      set({ conversations, conversationId, listCursor: page.nextCursor });
      setUnread(Object.fromEntries(conversations.map((c) => [c.id, c.unread])));
      if (conversationId) {
        await loadMessages(conversationId);
      } else {
        set({ messages: [], hasMore: false, loadState: 'idle' });
      }
    } catch (err) {
      warn(err);
      set({ loadState: 'error' });
    }
  }

  /** The next page of earlier conversations in the list. */
  async function loadMoreConversations() {
    const cursor = state.listCursor;
    if (!cursor || state.isLoadingList) {
      return;
    }
    set({ isLoadingList: true });
    try {
      const page = await bridge.request<ConversationPage>(
        'GET',
        `/conversations?limit=20&cursor=${encodeURIComponent(cursor)}`,
      );
      set({
        conversations: mergeConversations(state.conversations, page.items),
        listCursor: page.nextCursor,
      });
      setUnread({ ...Object.fromEntries(page.items.map((c) => [c.id, c.unread])), ...state.unread });
    } catch (err) {
      warn(err);
    } finally {
      set({ isLoadingList: false });
    }
  }

  function showConversations() {
    stopTyping();
    set({ view: 'list', typing: null });
  }

  /** Any of the visitor's conversations, from the list or a preview. */
  function openConversation(conversationId: string) {
    stopTyping();
    const isOther = conversationId !== state.conversationId;
    set({
      view: 'conversation',
      conversationId,
      isNewConversation: false,
      typing: null,
      ...(isOther ? { messages: [], hasMore: false } : {}),
    });
    if (state.isOpen) {
      void loadMessages(conversationId);
    }
  }

  async function loadOlder() {
    const conversationId = state.conversationId;
    const first = state.messages[0];
    if (!conversationId || !first || !state.hasMore || state.isLoadingOlder) {
      return;
    }
    set({ isLoadingOlder: true });
    try {
      const page = await bridge.request<MessagesPage>(
        'GET',
        `/conversations/${conversationId}/messages?before=${encodeURIComponent(first.id)}&limit=50`,
      );
      if (state.conversationId === conversationId) {
        set({ messages: mergeMessages(page.items, state.messages), hasMore: page.hasMore });
      }
    } catch (err) {
      warn(err);
    } finally {
      set({ isLoadingOlder: false });
    }
  }

  function startedConversation(conversation: Conversation, message: Message) {
    upsertConversation(conversation);
    set({
      conversationId: conversation.id,
      isNewConversation: false,
      messages: mergeMessages([], [message]),
      hasMore: false,
      loadState: 'idle',
    });
  }

  async function deliver(item: OutboxItem) {
    const attachmentIds = item.attachments.length ? item.attachments.map((a) => a.id) : undefined;
    try {
      const conversationId = state.conversationId;
      if (conversationId) {
        const message = await bridge.request<Message>('POST', `/conversations/${conversationId}/messages`, {
          text: item.text || undefined,
          attachmentIds,
        });
        if (message.conversationId !== conversationId) {
          // The conversation was resolved and the inbox started a new one with this reply: follow it.
          followedUp(conversationId, message);
        } else if (state.conversationId === conversationId) {
          set({ messages: mergeMessages(state.messages, [message]) });
        }
      } else {
        const r = await bridge.request<StartedConversation>('POST', '/conversations', {
          text: item.text,
          attachmentIds,
        });
        startedConversation(r.conversation, r.message);
      }
      set({ outbox: state.outbox.filter((o) => o.localId !== item.localId) });
    } catch (err) {
      set({
        outbox: state.outbox.map((o) =>
          o.localId === item.localId ? { ...o, state: 'failed', error: errorMessage(err) } : o,
        ),
      });
    }
  }

  function followedUp(resolvedId: string, message: Message) {
    const known = state.conversations.find((c) => c.id === message.conversationId);
    upsertConversation({
      id: message.conversationId,
      status: 'open',
      unread: 0,
      ...known,
      lastActivityAt: message.createdAt,
      lastMessage: message,
    });
    if (state.conversationId === resolvedId) {
      set({
        conversationId: message.conversationId,
        messages: mergeMessages([], [message]),
        hasMore: false,
        typing: null,
      });
    }
  }

  /** Messages go out one at a time, in order, so two quick first messages make one conversation. */
  function enqueue(item: OutboxItem) {
    sending = sending.then(() => deliver(item));
  }

  function send(text: string, attachments: Attachment[]) {
    stopTyping();
    const item: OutboxItem = {
      localId: `local_${++localIds}`,
      text,
      attachments,
      state: 'sending',
      error: null,
      createdAt: new Date().toISOString(),
    };
    set({ outbox: [...state.outbox, item] });
    enqueue(item);
  }

  function retry(localId: string) {
    const item = state.outbox.find((o) => o.localId === localId);
    if (item) {
      const again: OutboxItem = { ...item, state: 'sending', error: null };
      set({ outbox: state.outbox.map((o) => (o === item ? again : o)) });
      enqueue(again);
    }
  }

  /** The first message with the pre-chat answers; errors are the form's to show. */
  async function startWithPreChat(text: string, preChat: PreChat) {
    const r = await bridge.request<StartedConversation>('POST', '/conversations', {
      text,
      preChat,
    });
    set({
      contact: {
        ...state.contact,
        name: preChat.name || state.contact.name,
        email: preChat.email || state.contact.email,
      },
    });
    startedConversation(r.conversation, r.message);
  }

  async function leaveEmail(email: string) {
    const contact = await bridge.request<Contact>('PATCH', '/contact', { email });
    set({ contact });
  }

  function upload(file: File): Promise<Attachment> {
    const form = new FormData();
    form.append('file', file);
    return bridge.request<Attachment>('POST', '/attachments', form);
  }

  function startNewConversation() {
    set({
      view: 'conversation',
      conversationId: null,
      isNewConversation: true,
      messages: [],
      hasMore: false,
      typing: null,
      loadState: 'idle',
    });
  }

  function stopTyping() {
    clearTimeout(typingIdle);
    if (typingSentAt && state.conversationId) {
      socket?.send({ type: 'typing', conversationId: state.conversationId, isTyping: false });
    }
    typingSentAt = 0;
  }

  /** Called on every keystroke: tells the team at most every 2 s, and that it stopped after 3 s idle. */
  function typing() {
    const conversationId = state.conversationId;
    if (!conversationId) {
      return;
    }
    if (Date.now() - typingSentAt >= TYPING_EVERY_MS) {
      socket?.send({ type: 'typing', conversationId, isTyping: true });
      typingSentAt = Date.now();
    }
    clearTimeout(typingIdle);
    typingIdle = setTimeout(stopTyping, TYPING_IDLE_MS);
  }

  function setOpen(isOpen: boolean) {
    if (isOpen === state.isOpen) {
      return;
    }
    set({ isOpen, preview: null });
    if (isOpen) {
      void refresh();
    } else {
      stopTyping();
    }
  }

  /** After identify or reset the contact (and maybe the token) changed: start over. */
  function sessionChanged() {
    socket?.close();
    if (bridge.session().visitorToken !== token) {
      // A new visitor (reset): the old one's event position means nothing to the new token.
      token = bridge.session().visitorToken;
      try {
        sessionStorage.removeItem(seqKey);
      } catch {
        // Nothing stored.
      }
    }
    stopTyping();
    state = { ...state, ...fromSession(), preview: null };
    set({});
    connect();
    if (state.isOpen) {
      void refresh();
    }
  }

  document.addEventListener('visibilitychange', markReadIfSeen);
  connect();

  return {
    get: () => state,
    subscribe(listener: () => void) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    setOpen,
    sessionChanged,
    refresh,
    loadOlder,
    send,
    retry,
    startWithPreChat,
    leaveEmail,
    upload,
    startNewConversation,
    typing,
    dismissPreview: () => set({ preview: null }),
    loadMoreConversations,
    showConversations,
    openConversation,
    /** The preview opens the chat on the conversation the reply belongs to. */
    openPreview(message: Message) {
      openConversation(message.conversationId);
      bridge.setOpen(true);
    },
    resolveUrl,
    close: () => bridge.setOpen(false),
    open: () => bridge.setOpen(true),
  };
}

/** The store's current state; re-renders the component on every change. */
export function useChatState(store: ChatStore): ChatState {
  const [, rerender] = useReducer((n: number) => n + 1, 0);
  useEffect(() => store.subscribe(() => rerender(undefined)), [store]);
  return store.get();
}
