import { formatTime, initial } from './format.ts';
import type { ChatState, ChatStore } from './store.ts';

/** Every conversation of the visitor, most recent first, so none becomes unreachable. */
export function ConversationList({ store, state }: { store: ChatStore; state: ChatState }) {
  return (
    <>
      <div class="body">
        <h3 class="list-title">Your conversations</h3>
        {state.conversations.length === 0 ? (
          <p class="muted">No conversations yet.</p>
        ) : (
          <ul class="convs">
            {state.conversations.map((c, index) => {
              const last = c.lastMessage;
              // Named for the team member who last wrote; the visitor's own last words read "You: …".
              const who = (last?.kind === 'outgoing' && last.sender.name) || state.inbox.name;
              const body = last ? last.text || last.attachments.map((a) => a.filename).join(', ') : '';
              const text = last?.kind === 'incoming' ? `You: ${body}` : body;
              const unread = state.unread[c.id] ?? 0;
              return (
                <li key={c.id}>
                  <button
                    type="button"
                    class="conv"
                    data-autofocus={index === 0 ? '' : undefined}
                    onClick={() => store.openConversation(c.id)}
                  >
                    <span class="av" aria-hidden="true">
                      {initial(who)}
                    </span>
                    <span class="conv-main">
                      <span class="conv-top">
                        <span class="conv-who">{who}</span>
                        <time dateTime={c.lastActivityAt} title={new Date(c.lastActivityAt).toLocaleString()}>
                          {formatTime(c.lastActivityAt)}
                        </time>
                      </span>
                      <span class="conv-text">{text || 'No messages yet'}</span>
                      {c.status === 'resolved' && <span class="tag">Resolved</span>}
                    </span>
                    {unread > 0 && <span class="count">{unread > 9 ? '9+' : unread}</span>}
                    {unread > 0 && <span class="sr-only">, {unread} unread</span>}
                  </button>
                </li>
              );
            })}
          </ul>
        )}
        {state.listCursor && (
          <button
            type="button"
            class="older"
            disabled={state.isLoadingList}
            onClick={() => void store.loadMoreConversations()}
          >
            {state.isLoadingList ? 'Loading…' : 'Show earlier conversations'}
          </button>
        )}
      </div>
      <div class="list-foot">
        <button
          type="button"
          class="primary wide"
          data-autofocus={state.conversations.length === 0 ? '' : undefined}
          onClick={store.startNewConversation}
        >
          New conversation
        </button>
      </div>
    </>
  );
}
