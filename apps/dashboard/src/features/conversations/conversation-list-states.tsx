import { Inbox, MessagesSquare } from 'lucide-react';
import { useHasAnyConversation } from '../../api/conversations';
import type { ConversationListParams, Session } from '../../api/types';
import { EmptyState } from '../../components/states';
import { FILTER_LABEL, PRIORITY_LABEL } from './format';

/** While the first page loads: rows shaped like conversations. */
export function ListSkeleton() {
  return (
    <div role="status" aria-label="Loading conversations" className="divide-y divide-line">
      {[0, 1, 2, 3, 4, 5].map((row) => (
        <div key={row} className="flex animate-pulse gap-3 px-4 py-3.5">
          <span className="mt-1 size-3.5 shrink-0 rounded bg-surface-hover" />
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

/** No conversation in this view: the first run, or what the view and its filters leave out. */
export function EmptyList({ session, params }: { session: Session; params: ConversationListParams }) {
  const hasMoreFilters = params.assignee !== null || params.channel !== null || params.created !== null;
  const isUnfiltered =
    params.view === 'all' && params.status === 'all' && params.priority === null && !hasMoreFilters;
  // An empty list may just mean "nothing pending"; ask once whether anything exists at all.
  const anyConversation = useHasAnyConversation(!isUnfiltered);
  const isFirstRun = isUnfiltered || anyConversation.data === false;
  const canManage = session.role === 'owner' || session.role === 'admin';

  if (!isUnfiltered && anyConversation.isPending) {
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
  const status = params.status === 'all' ? '' : `${FILTER_LABEL[params.status].toLowerCase()} `;
  const priority = params.priority ? ` with ${PRIORITY_LABEL[params.priority].toLowerCase()} priority` : '';
  const [title, description] = hasMoreFilters
    ? [
        `No ${status}conversations match these filters${priority}`,
        'Change a filter, or remove one with its × above.',
      ]
    : params.view === 'mine'
      ? [
          `No ${status}conversations assigned to you${priority}`,
          params.status === 'open'
            ? 'You’re all caught up. Take one from Unassigned, or press a in a conversation to assign it to yourself.'
            : 'Conversations assigned to you appear here when they have this status.',
        ]
      : params.view === 'unassigned'
        ? [
            `No ${status}unassigned conversations${priority}`,
            'Every conversation has someone on it. New chats land here until someone takes them.',
          ]
        : [
            `No ${status}conversations${priority}`,
            params.status === 'open'
              ? 'You’re all caught up. New chats from your website appear here as they arrive.'
              : params.priority
                ? 'Try another priority, or clear the priority filter.'
                : 'Conversations you mark this way appear here.',
          ];
  return <EmptyState icon={Inbox} title={title} description={description} className="py-16" />;
}
