import type { Message } from '../shared/types.ts';
import { initial } from './format.ts';
import { Icon } from './icons.tsx';
import type { ChatState, ChatStore } from './store.ts';

/** The newest unread reply beside the closed launcher; opening it opens the chat. */
export function MessagePreview({
  store,
  state,
  message,
}: {
  store: ChatStore;
  state: ChatState;
  message: Message;
}) {
  const name = message.sender.name || state.inbox.name;
  const text = message.text || message.attachments.map((a) => a.filename).join(', ');
  return (
    <section class="preview" aria-label={`New message from ${name}`}>
      <button type="button" class="preview-open" onClick={() => store.openPreview(message)}>
        <span class="av" aria-hidden="true">
          {initial(name)}
        </span>
        <span class="preview-body">
          <span class="name">{name}</span>
          <span class="preview-text">{text}</span>
        </span>
      </button>
      <button type="button" class="icon dismiss" aria-label="Dismiss" onClick={store.dismissPreview}>
        <Icon name="x" />
      </button>
    </section>
  );
}
