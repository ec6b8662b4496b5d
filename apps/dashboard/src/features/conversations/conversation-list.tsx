import { SearchX } from 'lucide-react';
import { type KeyboardEvent as ReactKeyboardEvent, type ReactNode, useMemo, useRef } from 'react';
import { useConversations } from '../../api/conversations';
import type { Session } from '../../api/types';
import { Button } from '../../components/button';
import { EmptyState, ErrorState } from '../../components/states';
import { BulkBar } from './bulk-bar';
import { EmptyList, ListSkeleton } from './conversation-list-states';
import { ConversationRow } from './conversation-row';
import { FILTER_LABEL, matchesFilterText } from './format';
import { useShortcuts } from './keyboard';
import { type ConversationListSearch, useListParams } from './list-search';
import { ActiveFilters, FilterRow, type ListChange, StatusTabs, ViewSwitcher } from './list-toolbar';
import { useListCursor } from './use-list-cursor';
import { useListSelection } from './use-list-selection';

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

  const cursor = useListCursor({
    rows,
    selectedId,
    loadMore: () => {
      if (conversations.hasNextPage && !conversations.isFetchingNextPage) {
        void conversations.fetchNextPage();
      }
    },
  });
  const { cursorRow, focusRow, moveCursor } = cursor;
  const selection = useListSelection(rows, JSON.stringify(params));
  const { selectedIds, toggle } = selection;

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
        onSelectAll={(isSelected) => selection.replace(isSelected ? rows.map((row) => row.id) : [])}
        onFinished={selection.replace}
        onClear={() => selection.replace([])}
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
                    isChecked={selection.isSelected(conversation.id)}
                    onToggle={toggle}
                    onFocus={() => cursor.onRowFocus(conversation.id)}
                    onBlur={(event) => cursor.onRowBlur(event.relatedTarget !== null)}
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
