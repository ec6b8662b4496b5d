import { Link } from '@tanstack/react-router';
import { AlarmClock, Inbox, MessagesSquare, Paperclip, SearchX, UserRound } from 'lucide-react';
import {
  type FocusEvent,
  type MouseEvent,
  type KeyboardEvent as ReactKeyboardEvent,
  type ReactNode,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import { useConversations, useHasAnyConversation } from '../../api/conversations';
import { PRESENCE_LABEL, usePresence } from '../../api/presence';
import type { Conversation, ConversationListParams, Session } from '../../api/types';
import { Avatar } from '../../components/avatar';
import { Button } from '../../components/button';
import { EmptyState, ErrorState } from '../../components/states';
import { useDateFormat, useRelativeTime } from '../../lib/date-format';
import { PresenceDot, PresenceText } from '../presence/presence-dot';
import { ColorDot, PriorityIcon } from './badges';
import { BulkBar } from './bulk-bar';
import {
  contactName,
  FILTER_LABEL,
  matchesFilterText,
  messagePreview,
  PRIORITY_LABEL,
  shortId,
} from './format';
import { useShortcuts } from './keyboard';
import { type ConversationListSearch, useListParams } from './list-search';
import { ActiveFilters, FilterRow, type ListChange, StatusTabs, ViewSwitcher } from './list-toolbar';

type Props = {
  session: Session;
  search: ConversationListSearch;
  selectedId: string | null;
  onChange: ListChange;
  onOpen: (conversationId: string) => void;
  className?: string;
  /** Under the list (the shortcuts button). */
  footer?: ReactNode;
};

const rowLinkId = (conversationId: string) => `conversation-row-${conversationId}`;

/**
 * The queue: views, status tabs, filters, and the conversations with a keyboard cursor (j/k, ↑/↓,
 * Enter) and checkboxes for bulk actions (x, shift-click for a range).
 */
export function ConversationList({
  session,
  search,
  selectedId,
  onChange,
  onOpen,
  className = '',
  footer,
}: Props) {
  const params = useListParams(search);
  const conversations = useConversations(params);
  const filterRef = useRef<HTMLInputElement>(null);
  const text = search.q ?? '';
  const rows = useMemo(
    () => (conversations.data ?? []).filter((conversation) => matchesFilterText(conversation, text)),
    [conversations.data, text],
  );

  // ── The keyboard cursor: a row the agent moves with j/k, distinct from the open conversation ──
  const [cursorId, setCursorId] = useState<string | null>(selectedId);
  const lastCursorIndex = useRef(0);
  useEffect(() => {
    if (selectedId) {
      setCursorId(selectedId);
    }
  }, [selectedId]);
  let cursorIndex = cursorId ? rows.findIndex((row) => row.id === cursorId) : -1;
  // The row under the cursor left the list (resolved, reassigned): the cursor stays at its place.
  if (cursorIndex === -1 && cursorId && rows.length > 0) {
    cursorIndex = Math.min(lastCursorIndex.current, rows.length - 1);
  }
  const cursorRow = rows[cursorIndex];
  useEffect(() => {
    if (cursorIndex >= 0) {
      lastCursorIndex.current = cursorIndex;
    }
  }, [cursorIndex]);

  // When the focused row leaves the list (resolved, snoozed, reassigned by someone), focus would
  // fall to the page; it moves to the row that took the cursor's place instead.
  const hadRowFocus = useRef(false);
  const cursorRowId = cursorRow?.id;
  useLayoutEffect(() => {
    if (hadRowFocus.current && document.activeElement === document.body && cursorRowId) {
      document.getElementById(rowLinkId(cursorRowId))?.focus({ preventScroll: true });
    }
  });

  const focusRow = (row: Conversation | undefined) => {
    if (!row) {
      return;
    }
    setCursorId(row.id);
    const link = document.getElementById(rowLinkId(row.id));
    link?.focus();
    link?.scrollIntoView({ block: 'nearest' });
  };

  const moveCursor = (step: 1 | -1) => {
    if (rows.length === 0) {
      return;
    }
    const from = cursorRow ? cursorIndex : -1;
    const next = from === -1 ? (step === 1 ? 0 : rows.length - 1) : from + step;
    if (next >= rows.length && conversations.hasNextPage && !conversations.isFetchingNextPage) {
      void conversations.fetchNextPage();
    }
    focusRow(rows[Math.max(0, Math.min(rows.length - 1, next))]);
  };

  // ── Selection for bulk actions ──
  const [selected, setSelected] = useState<ReadonlySet<string>>(() => new Set());
  const anchorId = useRef<string | null>(null);
  const listKey = JSON.stringify(params);
  // Another view or filter is another queue: the selection does not follow.
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset when the list changes
  useEffect(() => {
    setSelected(new Set());
    anchorId.current = null;
  }, [listKey]);
  const selectedIds = rows.filter((row) => selected.has(row.id)).map((row) => row.id);

  const toggle = (conversationId: string, isRange: boolean) => {
    const isSelecting = !selected.has(conversationId);
    const next = new Set(selected);
    const anchorIndex = anchorId.current ? rows.findIndex((row) => row.id === anchorId.current) : -1;
    const index = rows.findIndex((row) => row.id === conversationId);
    if (isRange && anchorIndex !== -1 && index !== -1) {
      const [from, to] = anchorIndex < index ? [anchorIndex, index] : [index, anchorIndex];
      for (const row of rows.slice(from, to + 1)) {
        if (isSelecting) {
          next.add(row.id);
        } else {
          next.delete(row.id);
        }
      }
    } else if (isSelecting) {
      next.add(conversationId);
    } else {
      next.delete(conversationId);
    }
    anchorId.current = conversationId;
    setSelected(next);
  };

  const openCursorRow = () => {
    if (!cursorRow) {
      return false;
    }
    onOpen(cursorRow.id);
    return true;
  };
  // Escape in a field (the filter box, the composer) hands the keyboard back to the list.
  const leaveField = (event: KeyboardEvent) => {
    (event.target as HTMLElement).blur();
    focusRow(cursorRow ?? rows.find((row) => row.id === selectedId) ?? rows[0]);
    return true;
  };

  useShortcuts({
    j: () => {
      moveCursor(1);
      return true;
    },
    k: () => {
      moveCursor(-1);
      return true;
    },
    Enter: openCursorRow,
    x: () => {
      if (!cursorRow) {
        return false;
      }
      toggle(cursorRow.id, false);
      focusRow(cursorRow);
      return true;
    },
    '/': () => {
      filterRef.current?.focus();
      filterRef.current?.select();
      return true;
    },
    Escape: leaveField,
  });

  const onListKeyDown = (event: ReactKeyboardEvent<HTMLUListElement>) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      moveCursor(event.key === 'ArrowDown' ? 1 : -1);
    }
  };

  const filterLabel = FILTER_LABEL[params.status];

  return (
    <div className={`flex shrink-0 flex-col border-line border-r bg-canvas ${className}`}>
      <h2 className="sr-only">Conversation list</h2>
      <div className="space-y-2 border-line border-b px-3 pt-3">
        <ViewSwitcher search={search} selectedId={selectedId} onChange={onChange} />
        <FilterRow search={search} onChange={onChange} inputRef={filterRef} />
        <ActiveFilters search={search} selectedId={selectedId} />
        <StatusTabs search={search} selectedId={selectedId} />
      </div>
      <BulkBar
        session={session}
        ids={selectedIds}
        isAllSelected={selectedIds.length === rows.length}
        onSelectAll={(isSelected) => setSelected(new Set(isSelected ? rows.map((row) => row.id) : []))}
        onFinished={(stillSelected) => setSelected(new Set(stillSelected))}
        onClear={() => setSelected(new Set())}
      />
      <div className="min-h-0 flex-1 overflow-y-auto">
        {conversations.isPending ? (
          <ListSkeleton />
        ) : conversations.isError ? (
          <ErrorState error={conversations.error} onRetry={() => void conversations.refetch()} />
        ) : conversations.data.length === 0 ? (
          <EmptyList session={session} params={params} />
        ) : (
          <nav aria-label={`${filterLabel} conversations`}>
            {rows.length === 0 ? (
              <EmptyState
                icon={SearchX}
                title="No loaded conversation matches"
                description={`Nothing among the ${conversations.data.length} loaded conversations mentions “${text}”. Clear the filter (Escape)${
                  conversations.hasNextPage ? ' or load more below' : ''
                }.`}
                className="py-12"
              />
            ) : (
              <ul className="divide-y divide-line" onKeyDown={onListKeyDown}>
                {rows.map((conversation) => (
                  <ConversationRow
                    key={conversation.id}
                    conversation={conversation}
                    search={search}
                    isOpen={conversation.id === selectedId}
                    isCursor={conversation.id === cursorRow?.id}
                    isChecked={selected.has(conversation.id)}
                    onToggle={toggle}
                    onFocus={() => {
                      hadRowFocus.current = true;
                      setCursorId(conversation.id);
                    }}
                    onBlur={(event) => {
                      // Focus moving somewhere else on purpose (not lost with a removed row).
                      if (event.relatedTarget) {
                        hadRowFocus.current = false;
                      }
                    }}
                    myUserId={session.user.id}
                  />
                ))}
              </ul>
            )}
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
      {footer ? <div className="shrink-0 border-line border-t">{footer}</div> : null}
    </div>
  );
}

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

function ConversationRow({
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

function ListSkeleton() {
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

function EmptyList({ session, params }: { session: Session; params: ConversationListParams }) {
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
