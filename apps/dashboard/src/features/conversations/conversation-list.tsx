import { Link } from '@tanstack/react-router';
import { Inbox, MessagesSquare, Paperclip } from 'lucide-react';
import { useConversations, useHasAnyConversation } from '../../api/conversations';
import type { Conversation, ConversationFilter, Session } from '../../api/types';
import { Avatar } from '../../components/avatar';
import { Button } from '../../components/button';
import { EmptyState, ErrorState } from '../../components/states';
import { useDateFormat, useRelativeTime } from '../../lib/date-format';
import { ConnectionStatus } from './connection-status';
import { contactName, FILTER_LABEL, messagePreview, shortId } from './format';

const FILTERS: ConversationFilter[] = ['open', 'pending', 'snoozed', 'resolved', 'all'];

type Props = { session: Session; filter: ConversationFilter; selectedId: string | null };

export function ConversationList({ session, filter, selectedId }: Props) {
  const conversations = useConversations(filter);

  return (
    <div className="flex w-72 shrink-0 flex-col border-line border-r bg-canvas xl:w-80">
      <div className="border-line border-b px-4 pt-4">
        <div className="flex items-center justify-between gap-2">
          <h2 className="font-semibold text-base text-fg tracking-tight">Conversations</h2>
          <ConnectionStatus />
        </div>
        <nav aria-label="Filter conversations" className="-mx-1.5 -mb-px mt-3 flex overflow-x-auto">
          {FILTERS.map((candidate) => (
            <FilterTab
              key={candidate}
              filter={candidate}
              isCurrent={candidate === filter}
              selectedId={selectedId}
            />
          ))}
        </nav>
      </div>
      <div className="min-h-0 flex-1 overflow-y-auto">
        {conversations.isPending ? (
          <ListSkeleton />
        ) : conversations.isError ? (
          <ErrorState error={conversations.error} onRetry={() => void conversations.refetch()} />
        ) : conversations.data.length === 0 ? (
          <EmptyList session={session} filter={filter} />
        ) : (
          <nav aria-label={`${FILTER_LABEL[filter]} conversations`}>
            <ul className="divide-y divide-line">
              {conversations.data.map((conversation) => (
                <ConversationRow
                  key={conversation.id}
                  conversation={conversation}
                  filter={filter}
                  isSelected={conversation.id === selectedId}
                  myUserId={session.user.id}
                />
              ))}
            </ul>
            {conversations.hasNextPage ? (
              <div className="border-line border-t p-3">
                <Button
                  size="sm"
                  className="w-full"
                  onClick={() => void conversations.fetchNextPage()}
                  isPending={conversations.isFetchingNextPage}
                >
                  Load more
                </Button>
              </div>
            ) : null}
          </nav>
        )}
      </div>
    </div>
  );
}

function FilterTab({
  filter,
  isCurrent,
  selectedId,
}: {
  filter: ConversationFilter;
  isCurrent: boolean;
  selectedId: string | null;
}) {
  // "Open" is the default view, so it keeps the address clean.
  const search = { status: filter === 'open' ? undefined : filter };
  const className = `flex h-8 flex-1 items-center justify-center whitespace-nowrap border-b-2 px-1 text-[0.8125rem] transition-colors ${
    isCurrent
      ? 'border-accent font-medium text-fg'
      : 'border-transparent text-fg-muted hover:border-line-strong hover:text-fg'
  }`;
  // Exact matching, so only the current tab is marked (aria-current) by the router.
  const activeOptions = { exact: true, includeSearch: true };
  return selectedId ? (
    <Link
      to="/conversations/$conversationId"
      params={{ conversationId: selectedId }}
      search={search}
      activeOptions={activeOptions}
      className={className}
    >
      {FILTER_LABEL[filter]}
    </Link>
  ) : (
    <Link to="/conversations" search={search} activeOptions={activeOptions} className={className}>
      {FILTER_LABEL[filter]}
    </Link>
  );
}

function ConversationRow({
  conversation,
  filter,
  isSelected,
  myUserId,
}: {
  conversation: Conversation;
  filter: ConversationFilter;
  isSelected: boolean;
  myUserId: string;
}) {
  const relativeTime = useRelativeTime();
  const formatDate = useDateFormat();
  const name = contactName(conversation);
  const last = conversation.lastMessage;
  const unread = conversation.unreadByAgents;
  const author =
    last?.kind === 'outgoing'
      ? last.sender.id === myUserId
        ? 'You'
        : last.sender.name?.split(' ')[0]
      : null;

  return (
    <li>
      <Link
        to="/conversations/$conversationId"
        params={{ conversationId: conversation.id }}
        search={{ status: filter === 'open' ? undefined : filter }}
        aria-current={isSelected ? 'page' : undefined}
        className={`flex gap-3 px-4 py-3 transition-colors focus-visible:-outline-offset-2 ${
          isSelected ? 'bg-accent-soft' : 'hover:bg-surface-hover'
        }`}
      >
        <Avatar name={name} url={conversation.contact.avatarUrl} />
        <span className="min-w-0 flex-1">
          <span className="flex items-baseline gap-2">
            <span className={`min-w-0 truncate text-fg ${unread > 0 ? 'font-semibold' : 'font-medium'}`}>
              {name}
            </span>
            <span className="shrink-0 font-mono text-[0.6875rem] text-fg-subtle">
              #{shortId(conversation.id)}
            </span>
            <time
              dateTime={conversation.lastActivityAt}
              title={formatDate(conversation.lastActivityAt)}
              className={`ml-auto shrink-0 text-xs ${unread > 0 ? 'font-medium text-accent-text' : 'text-fg-subtle'}`}
            >
              {relativeTime(conversation.lastActivityAt)}
            </time>
          </span>
          <span className="mt-0.5 flex items-center gap-2">
            <span
              className={`min-w-0 flex-1 truncate text-[0.8125rem] ${unread > 0 ? 'text-fg' : 'text-fg-muted'}`}
            >
              {author ? <span className="text-fg-subtle">{author}: </span> : null}
              <Preview text={messagePreview(last)} />
            </span>
            {unread > 0 ? (
              <span className="inline-flex h-5 min-w-5 shrink-0 items-center justify-center rounded-full bg-accent px-1.5 font-semibold text-[0.6875rem] text-accent-fg tabular-nums">
                {unread > 99 ? '99+' : unread}
                <span className="sr-only"> unread</span>
              </span>
            ) : null}
            {conversation.assignee ? (
              <span title={`Assigned to ${conversation.assignee.name}`} className="shrink-0">
                <Avatar name={conversation.assignee.name} url={conversation.assignee.avatarUrl} size="sm" />
                <span className="sr-only">, assigned to {conversation.assignee.name}</span>
              </span>
            ) : null}
          </span>
        </span>
      </Link>
    </li>
  );
}

/** A file preview ("📎 name") gets a drawn paperclip, so it looks the same without an emoji font. */
function Preview({ text }: { text: string }) {
  if (!text.startsWith('📎 ')) {
    return text;
  }
  return (
    <>
      <span className="sr-only">📎 </span>
      <Paperclip aria-hidden className="mr-1 inline size-3.5 align-[-0.15em] text-fg-subtle" />
      {text.slice(3)}
    </>
  );
}

function ListSkeleton() {
  return (
    <div role="status" aria-label="Loading conversations" className="divide-y divide-line">
      {[0, 1, 2, 3, 4, 5].map((row) => (
        <div key={row} className="flex animate-pulse gap-3 px-4 py-3.5">
          <span className="size-7 shrink-0 rounded-full bg-surface-hover" />
          <span className="flex-1 space-y-2 pt-0.5">
            <span className="flex justify-between gap-6">
              <span className="h-3 w-28 rounded bg-surface-hover" />
              <span className="h-3 w-8 rounded bg-surface-hover" />
            </span>
            <span className={`block h-3 rounded bg-surface-hover ${row % 2 ? 'w-3/4' : 'w-11/12'}`} />
          </span>
        </div>
      ))}
    </div>
  );
}

function EmptyList({ session, filter }: { session: Session; filter: ConversationFilter }) {
  // An empty tab may just mean "nothing pending"; ask once whether anything exists at all.
  const anyConversation = useHasAnyConversation(filter !== 'all');
  const isFirstRun = filter === 'all' || anyConversation.data === false;
  const canManage = session.role === 'owner' || session.role === 'admin';

  if (filter !== 'all' && anyConversation.isPending) {
    return null;
  }
  if (isFirstRun) {
    return (
      <EmptyState
        icon={MessagesSquare}
        title="No conversations yet"
        description={
          canManage
            ? 'Install the widget from Settings → Inboxes to start chatting with your visitors.'
            : 'Once an admin installs the widget from Settings → Inboxes, visitors’ chats show up here.'
        }
        className="py-16"
      />
    );
  }
  return (
    <EmptyState
      icon={Inbox}
      title={`No ${FILTER_LABEL[filter].toLowerCase()} conversations`}
      description={
        filter === 'open' ? 'You’re all caught up.' : 'Conversations you mark this way appear here.'
      }
      className="py-16"
    />
  );
}
