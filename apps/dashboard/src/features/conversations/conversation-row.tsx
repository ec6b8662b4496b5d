import { Link } from '@tanstack/react-router';
import { AlarmClock, Paperclip, UserRound } from 'lucide-react';
import type { FocusEvent, MouseEvent } from 'react';
import { PRESENCE_LABEL, usePresence } from '../../api/presence';
import type { Conversation } from '../../api/types';
import { Avatar } from '../../components/avatar';
import { useDateFormat, useRelativeTime } from '../../lib/date-format';
import { PresenceDot, PresenceText } from '../presence/presence-dot';
import { ColorDot, PriorityIcon } from './badges';
import { contactName, messagePreview, PRIORITY_LABEL, shortId } from './format';
import type { ConversationListSearch } from './list-search';

/** The id of a row's link, which the list's keyboard cursor focuses. */
export const rowLinkId = (conversationId: string) => `conversation-row-${conversationId}`;

type RowProps = {
  conversation: Conversation;
  search: ConversationListSearch;
  isOpen: boolean;
  isCursor: boolean;
  isChecked: boolean;
  onToggle: (conversationId: string, isRange: boolean) => void;
  onFocus: () => void;
  onBlur: (event: FocusEvent<HTMLAnchorElement>) => void;
  myUserId: string;
};

/** One conversation in the queue: its contact, last message, unread count, priority, labels and assignee. */
export function ConversationRow({
  conversation,
  search,
  isOpen,
  isCursor,
  isChecked,
  onToggle,
  onFocus,
  onBlur,
  myUserId,
}: RowProps) {
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
  const labels = conversation.labels;

  return (
    <li
      className={`relative flex items-start ${
        isOpen ? 'bg-accent-soft' : isChecked ? 'bg-accent-soft/50' : 'hover:bg-surface-hover'
      }`}
    >
      {/* The keyboard cursor: a bar at the row's edge, also when focus is elsewhere (the composer). */}
      {isCursor ? <span aria-hidden className="absolute inset-y-0 left-0 w-0.5 bg-accent" /> : null}
      <input
        type="checkbox"
        aria-label={`Select conversation with ${name} #${shortId(conversation.id)}`}
        checked={isChecked}
        onChange={() => {
          // Toggled in onClick, which knows whether Shift was held.
        }}
        onClick={(event: MouseEvent<HTMLInputElement>) => onToggle(conversation.id, event.shiftKey)}
        className="mt-[1.125rem] ml-3 size-3.5 shrink-0 cursor-pointer accent-accent"
      />
      <Link
        id={rowLinkId(conversation.id)}
        to="/conversations/$conversationId"
        params={{ conversationId: conversation.id }}
        search={search}
        aria-current={isOpen ? 'page' : undefined}
        onFocus={onFocus}
        onBlur={onBlur}
        className="flex min-w-0 flex-1 gap-2.5 py-3 pr-4 pl-2.5 focus-visible:-outline-offset-2"
      >
        <Avatar name={name} url={conversation.contact.avatarUrl} />
        <span className="min-w-0 flex-1">
          <span className="flex items-baseline gap-2">
            <span
              title={name}
              className={`min-w-0 truncate text-fg ${unread > 0 ? 'font-semibold' : 'font-medium'}`}
            >
              {name}
            </span>
            {/* On a phone the name takes the room; the reference is in the conversation's header. */}
            <span className="shrink-0 font-mono text-[0.6875rem] text-fg-muted max-sm:hidden">
              #{shortId(conversation.id)}
            </span>
            <time
              dateTime={conversation.lastActivityAt}
              title={formatDate(conversation.lastActivityAt)}
              className={`ml-auto shrink-0 text-xs ${unread > 0 ? 'font-medium text-accent-text' : 'text-fg-muted'}`}
            >
              {relativeTime(conversation.lastActivityAt)}
            </time>
          </span>
          <span className="mt-0.5 flex items-center gap-2">
            <span
              className={`min-w-0 flex-1 truncate text-[0.8125rem] ${unread > 0 ? 'text-fg' : 'text-fg-muted'}`}
            >
              {author ? <span className="text-fg-muted">{author}: </span> : null}
              <Preview text={messagePreview(last)} />
            </span>
            {unread > 0 ? (
              <span className="inline-flex h-5 min-w-5 shrink-0 items-center justify-center rounded-full bg-accent px-1.5 font-semibold text-[0.6875rem] text-accent-fg tabular-nums">
                {unread > 99 ? '99+' : unread}
                <span className="sr-only"> unread</span>
              </span>
            ) : null}
          </span>
          {conversation.priority !== 'none' ||
          labels.length > 0 ||
          conversation.assignee ||
          conversation.status === 'snoozed' ? (
            <span className="mt-1.5 flex items-center gap-2 text-fg-muted text-xs">
              {conversation.priority !== 'none' ? (
                <span className="inline-flex shrink-0 items-center gap-1">
                  <PriorityIcon priority={conversation.priority} className="size-3.5" />
                  {PRIORITY_LABEL[conversation.priority]}
                </span>
              ) : null}
              {conversation.status === 'snoozed' && conversation.snoozedUntil ? (
                <span
                  className="inline-flex shrink-0 items-center gap-1"
                  title={formatDate(conversation.snoozedUntil)}
                >
                  <AlarmClock aria-hidden className="size-3.5" />
                  <span className="sr-only">Snoozed until </span>
                  {formatDate(conversation.snoozedUntil)}
                </span>
              ) : null}
              {labels.length > 0 ? (
                <span className="flex min-w-0 items-center gap-1.5 truncate">
                  <span className="sr-only">Labels: </span>
                  {labels.slice(0, 3).map((label) => (
                    <span key={label.id} className="inline-flex min-w-0 items-center gap-1">
                      <ColorDot color={label.color} className="size-2" />
                      <span className="truncate">{label.name}</span>
                    </span>
                  ))}
                  {labels.length > 3 ? <span>+{labels.length - 3}</span> : null}
                </span>
              ) : null}
              {conversation.assignee ? (
                <Assignee assignee={conversation.assignee} myUserId={myUserId} />
              ) : null}
            </span>
          ) : null}
        </span>
      </Link>
    </li>
  );
}

/** Who the conversation is assigned to, with their presence (a dot, and in words for screen readers). */
function Assignee({
  assignee,
  myUserId,
}: {
  assignee: NonNullable<Conversation['assignee']>;
  myUserId: string;
}) {
  const status = usePresence()(assignee.id);
  return (
    <span
      title={`Assigned to ${assignee.name} (${PRESENCE_LABEL[status].toLowerCase()})`}
      className="ml-auto inline-flex min-w-0 shrink-0 items-center gap-1"
    >
      <UserRound aria-hidden className="size-3.5" />
      <span className="sr-only">Assigned to </span>
      <span className="max-w-20 truncate">
        {assignee.id === myUserId ? 'You' : assignee.name.split(' ')[0]}
      </span>
      <PresenceDot status={status} className="size-1.5" />
      <PresenceText status={status} />
    </span>
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
