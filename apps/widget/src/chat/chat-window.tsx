import { useLayoutEffect, useRef } from 'preact/hooks';
import { Composer } from './composer.tsx';
import { ConversationList } from './conversation-list.tsx';
import { focusFirst, trapTab } from './focus.ts';
import { Header } from './header.tsx';
import { MessageList } from './message-list.tsx';
import { PreChatForm } from './pre-chat-form.tsx';
import type { ChatState, ChatStore } from './store.ts';

export function ChatWindow({ store, state }: { store: ChatStore; state: ChatState }) {
  const ref = useRef<HTMLDivElement>(null);
  const { inbox, contact } = state;
  const current = state.conversations.find((c) => c.id === state.conversationId);
  const needsPreChat =
    inbox.preChatForm.enabled && !contact.email && !state.conversationId && state.outbox.length === 0;
  const isList = state.view === 'list';

  // Focus moves into the window when it opens (before it is painted, so nothing else can take it
  // first), and to the composer when a new conversation starts or the pre-chat form is done.
  useLayoutEffect(() => {
    if (state.isOpen && ref.current) {
      focusFirst(ref.current);
    }
  }, [state.isOpen, state.isNewConversation, needsPreChat, isList, state.conversationId]);

  function onKeyDown(event: KeyboardEvent) {
    if (event.key === 'Escape') {
      event.stopPropagation();
      store.close();
    } else if (event.key === 'Tab' && ref.current) {
      trapTab(event, ref.current);
    }
  }

  return (
    <div
      ref={ref}
      class="win"
      role="dialog"
      aria-label={`Chat with ${inbox.name}`}
      hidden={!state.isOpen}
      onKeyDown={onKeyDown}
    >
      <Header
        inbox={inbox}
        onClose={store.close}
        onBack={!isList && state.conversations.length > 0 ? store.showConversations : undefined}
      />
      {state.connection === 'offline' && (
        <p class="banner" role="status">
          Connection lost. Reconnecting…
        </p>
      )}
      {state.connection === 'ended' && (
        <p class="banner" role="status">
          This chat has ended here. Reload the page to start again.
        </p>
      )}
      {isList ? (
        <ConversationList store={store} state={state} />
      ) : needsPreChat ? (
        <PreChatForm store={store} state={state} />
      ) : (
        <>
          <MessageList store={store} state={state} />
          {current?.status === 'resolved' && (
            <p class="resolved" role="note">
              {inbox.replyToResolved === 'new_conversation'
                ? 'This conversation is resolved. A reply starts a new one.'
                : 'This conversation is resolved. Reply to reopen it.'}
            </p>
          )}
          <Composer store={store} state={state} />
        </>
      )}
    </div>
  );
}
