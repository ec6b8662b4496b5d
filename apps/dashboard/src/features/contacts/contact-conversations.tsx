import { Link } from '@tanstack/react-router';
import { MessagesSquare } from 'lucide-react';
import { useContactConversations } from '../../api/contacts';
import { Button } from '../../components/button';
import { ErrorState, Spinner } from '../../components/states';
import { useDateFormat, useRelativeTime } from '../../lib/date-format';
import { messagePreview, shortId } from '../conversations/format';
import { ConversationStatusBadge } from './contact-badges';

type Props = {
  contactId: string;
  /** The conversation on screen beside the panel: left out of "previous" conversations. */
  excludeId?: string;
};

/** The contact's conversations, newest first, each a link to open it. */
export function ContactConversations({ contactId, excludeId }: Props) {
  const conversations = useContactConversations(contactId);
  const relative = useRelativeTime();
  const formatDate = useDateFormat();

  if (conversations.isPending) {
    return (
      <p role="status" className="flex items-center gap-2 text-fg-muted text-sm">
        <Spinner />
        Loading conversations…
      </p>
    );
  }
  if (conversations.isError) {
    return <ErrorState error={conversations.error} onRetry={() => void conversations.refetch()} />;
  }
  const items = conversations.data.filter((conversation) => conversation.id !== excludeId);
  if (items.length === 0) {
    return (
      <p className="flex items-center gap-2 text-fg-muted text-sm">
        <MessagesSquare aria-hidden className="size-4 shrink-0 text-fg-subtle" />
        {excludeId ? 'No other conversations.' : 'No conversations yet.'}
      </p>
    );
  }

  return (
    <div className="space-y-2">
      <ul className="-mx-2 space-y-0.5">
        {items.map((conversation) => (
          <li key={conversation.id}>
            <Link
              to="/conversations/$conversationId"
              params={{ conversationId: conversation.id }}
              className="block rounded-control px-2 py-1.5 transition-colors hover:bg-surface-hover"
            >
              <span className="flex items-center gap-2">
                <span className="font-medium font-mono text-fg-subtle text-xs">
                  #{shortId(conversation.id)}
                </span>
                <ConversationStatusBadge status={conversation.status} />
                <time
                  dateTime={conversation.lastActivityAt}
                  title={formatDate(conversation.lastActivityAt)}
                  className="ml-auto shrink-0 text-fg-subtle text-xs"
                >
                  {relative(conversation.lastActivityAt)}
                </time>
              </span>
              <span className="mt-0.5 block truncate text-[0.8125rem] text-fg-muted">
                {messagePreview(conversation.lastMessage) || 'No messages yet'}
              </span>
            </Link>
          </li>
        ))}
      </ul>
      {conversations.hasNextPage ? (
        <Button
          size="sm"
          variant="ghost"
          onClick={() => void conversations.fetchNextPage()}
          isPending={conversations.isFetchingNextPage}
        >
          Show older conversations
        </Button>
      ) : null}
    </div>
  );
}
