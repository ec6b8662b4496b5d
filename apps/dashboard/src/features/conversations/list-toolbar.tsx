import { Link } from '@tanstack/react-router';
import { ArrowUpDown, ChevronDown, Inbox, Search, SignalHigh, Users, X } from 'lucide-react';
import { type ReactNode, type RefObject, useState } from 'react';
import { useConversationCounts } from '../../api/conversations';
import { useInboxes } from '../../api/inboxes';
import { useLabels } from '../../api/labels';
import { useTeams } from '../../api/teams';
import {
  CONVERSATION_SORTS,
  type ConversationFilter,
  type ConversationView,
  PRIORITIES,
  type Priority,
} from '../../api/types';
import { Kbd } from '../../components/kbd';
import { Picker, type PickerOption } from '../../components/picker';
import { ColorDot, PriorityIcon } from './badges';
import { ConnectionStatus } from './connection-status';
import { FILTER_LABEL, PRIORITY_LABEL, SORT_HINT, SORT_LABEL } from './format';
import { type FilterChip, FiltersPicker, useFilterChips } from './list-filters';
import { type ConversationListSearch, useListParams, withListChange } from './list-search';

export type ListChange = (
  change: Partial<Record<keyof ConversationListSearch, string | null>>,
  options?: { replace?: boolean },
) => void;

type LinkProps = {
  search: ConversationListSearch;
  selectedId: string | null;
  className: string;
  children: ReactNode;
  'aria-label'?: string;
  title?: string;
};

/** A link that changes the list and keeps the open conversation open. */
function ListLink({ search, selectedId, ...rest }: LinkProps) {
  // Exact matching, so only the current choice is marked (aria-current) by the router.
  const activeOptions = { exact: true, includeSearch: true };
  return selectedId ? (
    <Link
      to="/conversations/$conversationId"
      params={{ conversationId: selectedId }}
      search={search}
      activeOptions={activeOptions}
      {...rest}
    />
  ) : (
    <Link to="/conversations" search={search} activeOptions={activeOptions} {...rest} />
  );
}

const MAIN_VIEWS: { view: ConversationView; label: string; countOf: 'mine' | 'unassigned' | 'all' }[] = [
  { view: 'mine', label: 'Mine', countOf: 'mine' },
  { view: 'unassigned', label: 'Unassigned', countOf: 'unassigned' },
  { view: 'all', label: 'All', countOf: 'all' },
];

/** Mine / Unassigned / All with their open counts, and a picker for one inbox, team or label. */
export function ViewSwitcher({
  search,
  selectedId,
  onChange,
}: {
  search: ConversationListSearch;
  selectedId: string | null;
  onChange: ListChange;
}) {
  const counts = useConversationCounts();
  const view = useListParams(search).view;
  const [isMoreOpen, setIsMoreOpen] = useState(false);
  const inboxes = useInboxes();
  const teams = useTeams();
  const labels = useLabels();

  const options: PickerOption[] = [
    ...(inboxes.data ?? []).map((inbox) => ({
      id: `inbox:${inbox.id}`,
      label: inbox.name,
      group: 'Inboxes',
      icon: <ColorDot color={inbox.settings.color} />,
      isSelected: view === `inbox:${inbox.id}`,
    })),
    ...(teams.data ?? []).map((team) => ({
      id: `team:${team.id}`,
      label: team.name,
      group: 'Teams',
      icon: <Users className="size-3.5 text-fg-muted" />,
      isSelected: view === `team:${team.id}`,
    })),
    ...(labels.data ?? []).map((label) => ({
      id: `label:${label.id}`,
      label: label.name,
      keywords: label.description ?? '',
      group: 'Labels',
      icon: <ColorDot color={label.color} />,
      isSelected: view === `label:${label.id}`,
    })),
  ];
  const extra = view.includes(':') ? options.find((option) => option.id === view) : undefined;

  return (
    <div className="flex items-center gap-1">
      <nav aria-label="Views" className="flex min-w-0 flex-1 gap-0.5 rounded-control bg-surface-muted p-0.5">
        {MAIN_VIEWS.map((item) => {
          const isCurrent = item.view === view;
          const count = counts.data?.[item.countOf];
          return (
            <ListLink
              key={item.view}
              search={withListChange(search, { view: item.view })}
              selectedId={selectedId}
              title={count === undefined ? undefined : `${count} open`}
              className={`flex h-7 flex-auto items-center justify-center gap-1 whitespace-nowrap rounded-[0.3125rem] px-1.5 text-[0.8125rem] transition-colors ${
                isCurrent ? 'bg-surface font-medium text-fg shadow-card' : 'text-fg-muted hover:text-fg'
              }`}
            >
              <span>{item.label}</span>
              {count !== undefined ? (
                <span className="text-fg-muted text-xs tabular-nums">
                  <span className="sr-only">, </span>
                  {count}
                  <span className="sr-only"> open</span>
                </span>
              ) : null}
            </ListLink>
          );
        })}
      </nav>
      <Picker
        isOpen={isMoreOpen}
        onOpenChange={setIsMoreOpen}
        title="More views"
        triggerLabel="More views: an inbox, a team or a label"
        trigger={<ChevronDown aria-hidden className="size-4" />}
        triggerClassName={`flex h-8 w-7 items-center justify-center rounded-control transition-colors hover:bg-surface-hover hover:text-fg aria-expanded:bg-surface-hover ${
          extra ? 'text-accent-text' : 'text-fg-muted'
        }`}
        searchPlaceholder="Find an inbox, team or label…"
        emptyText={
          inboxes.isPending || teams.isPending || labels.isPending
            ? 'Loading…'
            : 'No inbox, team or label matches'
        }
        options={options}
        align="end"
        onSelect={(option) => onChange({ view: option.id })}
      />
    </div>
  );
}

/** The name of an inbox, team or label view, once its catalogue has loaded. */
function useViewName(view: ConversationView): string | null {
  const inboxes = useInboxes();
  const teams = useTeams();
  const labels = useLabels();
  const [kind, id] = view.split(':');
  const list: { id: string; name: string }[] | undefined =
    kind === 'inbox'
      ? inboxes.data
      : kind === 'team'
        ? teams.data
        : kind === 'label'
          ? labels.data
          : undefined;
  return list?.find((item) => item.id === id)?.name ?? null;
}

const VIEW_KIND: Record<string, string> = { inbox: 'Inbox', team: 'Team', label: 'Label' };

/**
 * What narrows or orders the list beyond Mine/Unassigned/All and the status tab, each with a way
 * to remove it: one inbox, team or label, an assignee, a channel, a creation date, a priority, an
 * order other than last activity.
 */
export function ActiveFilters({
  search,
  selectedId,
}: {
  search: ConversationListSearch;
  selectedId: string | null;
}) {
  const params = useListParams(search);
  const viewName = useViewName(params.view);
  const labels = useLabels();
  const filterChips = useFilterChips(search);
  const chips: FilterChip[] = [];
  const [kind, id] = params.view.split(':');
  if (kind && id && VIEW_KIND[kind]) {
    const color = kind === 'label' ? labels.data?.find((label) => label.id === id)?.color : undefined;
    chips.push({
      key: 'view',
      icon: color ? (
        <ColorDot color={color} />
      ) : kind === 'team' ? (
        <Users aria-hidden className="size-3.5" />
      ) : (
        <Inbox aria-hidden className="size-3.5" />
      ),
      text: `${VIEW_KIND[kind]}: ${viewName ?? '…'}`,
      clear: withListChange(search, { view: null }),
    });
  }
  chips.push(...filterChips);
  if (params.priority) {
    chips.push({
      key: 'priority',
      icon: <PriorityIcon priority={params.priority} className="size-3.5" />,
      text: `Priority: ${PRIORITY_LABEL[params.priority]}`,
      clear: withListChange(search, { priority: null }),
    });
  }
  if (params.sort !== 'last_activity') {
    chips.push({
      key: 'sort',
      icon: <ArrowUpDown aria-hidden className="size-3.5" />,
      text: `Sorted by ${SORT_LABEL[params.sort].toLowerCase()}`,
      clear: withListChange(search, { sort: null }),
    });
  }
  if (chips.length === 0) {
    return null;
  }
  return (
    <ul aria-label="Active filters" className="flex flex-wrap gap-1">
      {chips.map((chip) => (
        <li
          key={chip.key}
          className="inline-flex h-6 max-w-full items-center gap-1.5 rounded-full bg-accent-soft pr-0.5 pl-2 text-accent-text text-xs"
        >
          {chip.icon}
          <span className="min-w-0 truncate">{chip.text}</span>
          <ListLink
            search={chip.clear}
            selectedId={selectedId}
            aria-label={`Remove “${chip.text}”`}
            title="Remove"
            className="flex size-5 items-center justify-center rounded-full hover:bg-accent/15"
          >
            <X aria-hidden className="size-3" />
          </ListLink>
        </li>
      ))}
    </ul>
  );
}

const FILTERS: ConversationFilter[] = ['open', 'pending', 'snoozed', 'resolved', 'all'];

export function StatusTabs({
  search,
  selectedId,
}: {
  search: ConversationListSearch;
  selectedId: string | null;
}) {
  const current = useListParams(search).status;
  return (
    <nav aria-label="Filter by status" className="-mx-1.5 -mb-px flex overflow-x-auto">
      {FILTERS.map((filter) => (
        <ListLink
          key={filter}
          search={withListChange(search, { status: filter })}
          selectedId={selectedId}
          className={`flex h-8 flex-1 items-center justify-center whitespace-nowrap border-b-2 px-1 text-[0.8125rem] transition-colors ${
            filter === current
              ? 'border-accent font-medium text-fg'
              : 'border-transparent text-fg-muted hover:border-line-strong hover:text-fg'
          }`}
        >
          {FILTER_LABEL[filter]}
        </ListLink>
      ))}
    </nav>
  );
}

const iconButton =
  'flex h-8 items-center justify-center gap-1 rounded-control px-1.5 text-[0.8125rem] transition-colors hover:bg-surface-hover hover:text-fg aria-expanded:bg-surface-hover';

/** The filter box for loaded rows, the filters menu, the priority filter and the order. */
export function FilterRow({
  search,
  onChange,
  inputRef,
}: {
  search: ConversationListSearch;
  onChange: ListChange;
  inputRef: RefObject<HTMLInputElement | null>;
}) {
  const [openPicker, setOpenPicker] = useState<'filters' | 'priority' | 'sort' | null>(null);
  const params = useListParams(search);
  const text = search.q ?? '';

  const priorityOptions: PickerOption[] = [
    { id: 'any', label: 'Any priority', isSelected: params.priority === null },
    ...[...PRIORITIES].reverse().map((priority: Priority) => ({
      id: priority,
      label: PRIORITY_LABEL[priority],
      icon: <PriorityIcon priority={priority} />,
      isSelected: params.priority === priority,
    })),
  ];
  const sortOptions: PickerOption[] = CONVERSATION_SORTS.map((sort) => ({
    id: sort,
    label: SORT_LABEL[sort],
    keywords: SORT_HINT[sort],
    isSelected: params.sort === sort,
  }));

  return (
    <div className="flex items-center gap-1">
      <div className="relative min-w-0 flex-1">
        <Search
          aria-hidden
          className="pointer-events-none absolute top-1/2 left-2 size-3.5 -translate-y-1/2 text-fg-subtle"
        />
        <input
          ref={inputRef}
          type="search"
          aria-label="Filter loaded conversations"
          aria-keyshortcuts="/"
          placeholder="Filter"
          value={text}
          onChange={(event) => onChange({ q: event.target.value || null }, { replace: true })}
          onKeyDown={(event) => {
            // The first Escape clears the text; the next one leaves the box (the keyboard layer).
            if (event.key === 'Escape' && text) {
              event.preventDefault();
              event.stopPropagation();
              onChange({ q: null }, { replace: true });
            }
          }}
          className="peer h-8 w-full min-w-0 rounded-control border border-line bg-surface pr-7 pl-7 text-[0.8125rem] text-fg placeholder:text-fg-subtle focus:border-accent focus:outline-none focus:ring-3 focus:ring-accent/25 [&::-webkit-search-cancel-button]:hidden"
        />
        {text ? null : (
          <Kbd className="pointer-events-none absolute top-1/2 right-1.5 -translate-y-1/2">/</Kbd>
        )}
      </div>
      <FiltersPicker
        search={search}
        onChange={onChange}
        isOpen={openPicker === 'filters'}
        onOpenChange={(isOpen) => setOpenPicker(isOpen ? 'filters' : null)}
      />
      <Picker
        isOpen={openPicker === 'priority'}
        onOpenChange={(isOpen) => setOpenPicker(isOpen ? 'priority' : null)}
        title="Filter by priority"
        triggerLabel={`Priority: ${params.priority ? PRIORITY_LABEL[params.priority] : 'any'}`}
        trigger={
          params.priority ? (
            <>
              <PriorityIcon priority={params.priority} className="size-3.5" />
              <span className="hidden xl:inline">{PRIORITY_LABEL[params.priority]}</span>
            </>
          ) : (
            <SignalHigh aria-hidden className="size-4" />
          )
        }
        triggerClassName={`${iconButton} ${params.priority ? 'bg-accent-soft text-accent-text' : 'text-fg-muted'}`}
        options={priorityOptions}
        align="end"
        onSelect={(option) => onChange({ priority: option.id === 'any' ? null : option.id })}
      />
      <Picker
        isOpen={openPicker === 'sort'}
        onOpenChange={(isOpen) => setOpenPicker(isOpen ? 'sort' : null)}
        title="Sort conversations"
        triggerLabel={`Sort: ${SORT_LABEL[params.sort]}`}
        trigger={<ArrowUpDown aria-hidden className="size-4" />}
        triggerClassName={`${iconButton} ${params.sort !== 'last_activity' ? 'bg-accent-soft text-accent-text' : 'text-fg-muted'}`}
        options={sortOptions.map((option) => ({
          ...option,
          detail: undefined,
        }))}
        align="end"
        onSelect={(option) => onChange({ sort: option.id })}
      />
      <ConnectionStatus />
    </div>
  );
}
