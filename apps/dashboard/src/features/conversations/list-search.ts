import {
  CONVERSATION_SORTS,
  CONVERSATION_STATUSES,
  type ConversationFilter,
  type ConversationListParams,
  type ConversationSort,
  type ConversationView,
  PRIORITIES,
  type Priority,
} from '../../api/types';

/**
 * What the conversation list shows, as it is kept in the address (so reload and back/forward keep
 * it): `?view=mine|unassigned|inbox:<id>|team:<id>|label:<id>&status=&priority=&sort=&q=`. Defaults
 * (all conversations, open, any priority, last activity, no filter text) stay out of the address.
 */
export type ConversationListSearch = {
  view?: ConversationView;
  status?: ConversationFilter;
  priority?: Priority;
  sort?: ConversationSort;
  q?: string;
};

const FILTERS: readonly ConversationFilter[] = [...CONVERSATION_STATUSES, 'all'];

function parseView(value: unknown): ConversationView | undefined {
  if (value === 'mine' || value === 'unassigned') {
    return value;
  }
  if (typeof value === 'string' && /^(inbox|team|label):[\w-]{1,100}$/.test(value)) {
    return value as ConversationView;
  }
  return undefined;
}

export function parseListSearch(search: Record<string, unknown>): ConversationListSearch {
  const result: ConversationListSearch = {};
  const view = parseView(search.view);
  const status = FILTERS.find((filter) => filter === search.status);
  const priority = PRIORITIES.find((value) => value === search.priority);
  const sort = CONVERSATION_SORTS.find((value) => value === search.sort);
  const q = typeof search.q === 'string' ? search.q.slice(0, 200) : undefined;
  if (view) {
    result.view = view;
  }
  if (status && status !== 'open') {
    result.status = status;
  }
  if (priority) {
    result.priority = priority;
  }
  if (sort && sort !== 'last_activity') {
    result.sort = sort;
  }
  if (q) {
    result.q = q;
  }
  return result;
}

/** The list to load for an address. */
export function listParamsOf(search: ConversationListSearch): ConversationListParams {
  return {
    view: search.view ?? 'all',
    status: search.status ?? 'open',
    priority: search.priority ?? null,
    sort: search.sort ?? 'last_activity',
  };
}

/** The address's search for a changed list (defaults dropped, so URLs stay short). */
export function withListChange(
  search: ConversationListSearch,
  change: Partial<Record<keyof ConversationListSearch, string | null>>,
): ConversationListSearch {
  const merged: Record<string, unknown> = { ...search };
  for (const [name, value] of Object.entries(change)) {
    merged[name] = value ?? undefined;
  }
  if (merged.view === 'all') {
    merged.view = undefined;
  }
  return parseListSearch(merged);
}
