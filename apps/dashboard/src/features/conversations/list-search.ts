import { useEffect, useState } from 'react';
import {
  CONVERSATION_SORTS,
  CONVERSATION_STATUSES,
  type ConversationFilter,
  type ConversationListParams,
  type ConversationSort,
  type ConversationView,
  INBOX_CHANNELS,
  type InboxChannel,
  PRIORITIES,
  type Priority,
} from '../../api/types';
import { useTimeZone } from '../../lib/date-format';
import { isDateInput, startOfDayIn, toDateInput } from '../../lib/zoned-time';

/** The quick choices for when a conversation started: since midnight, the last 7 or 30 days. */
export const CREATED_PRESETS = ['today', '7d', '30d'] as const;
export type CreatedPreset = (typeof CREATED_PRESETS)[number];
/** A quick choice, or a custom range of days `2025-05-01..2025-05-10` (inclusive; one end may be open). */
export type CreatedFilter = CreatedPreset | `${string}..${string}`;

/**
 * What the conversation list shows, as it is kept in the address (so reload and back/forward keep
 * it): `?view=mine|unassigned|inbox:<id>|team:<id>|label:<id>&status=&priority=&sort=&q=` and the
 * filters `assignee=me|unassigned|<user id>&channel=website&created=today|7d|30d|<from>..<to>`.
 * Defaults (all conversations, open, any priority, assignee, channel and date, last activity, no
 * filter text) stay out of the address.
 */
export type ConversationListSearch = {
  view?: ConversationView;
  status?: ConversationFilter;
  priority?: Priority;
  sort?: ConversationSort;
  q?: string;
  assignee?: string;
  channel?: InboxChannel;
  created?: CreatedFilter;
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

/** The days of a custom range, or null for a quick choice. */
export function customRange(created: CreatedFilter): { from: string | null; to: string | null } | null {
  const separator = created.indexOf('..');
  if (separator === -1) {
    return null;
  }
  const from = created.slice(0, separator);
  const to = created.slice(separator + 2);
  return { from: from || null, to: to || null };
}

function parseCreated(value: unknown): CreatedFilter | undefined {
  if (typeof value !== 'string') {
    return undefined;
  }
  const preset = CREATED_PRESETS.find((item) => item === value);
  if (preset) {
    return preset;
  }
  const range = customRange(value as CreatedFilter);
  if (!range || (!range.from && !range.to)) {
    return undefined;
  }
  if ((range.from && !isDateInput(range.from)) || (range.to && !isDateInput(range.to))) {
    return undefined;
  }
  // A range typed backwards means the same days.
  const [from, to] =
    range.from && range.to && range.from > range.to ? [range.to, range.from] : [range.from, range.to];
  return `${from ?? ''}..${to ?? ''}`;
}

/** "me", "unassigned" or a user id; the Mine and Unassigned views already decide it. */
function parseAssignee(value: unknown, view: ConversationView | undefined): string | undefined {
  if (view === 'mine' || view === 'unassigned') {
    return undefined;
  }
  return typeof value === 'string' && /^[\w-]{1,100}$/.test(value) ? value : undefined;
}

export function parseListSearch(search: Record<string, unknown>): ConversationListSearch {
  const view = parseView(search.view);
  const status = FILTERS.find((filter) => filter === search.status);
  const sort = CONVERSATION_SORTS.find((value) => value === search.sort);
  const q = typeof search.q === 'string' ? search.q.slice(0, 200) : undefined;
  // Every key is present, undefined when absent or refused: the router lays the parsed search over
  // the address's raw one, so a refused value must be overwritten rather than left out.
  return {
    view,
    status: status === 'open' ? undefined : status,
    priority: PRIORITIES.find((value) => value === search.priority),
    sort: sort === 'last_activity' ? undefined : sort,
    q: q || undefined,
    assignee: parseAssignee(search.assignee, view),
    channel: INBOX_CHANNELS.find((value) => value === search.channel),
    created: parseCreated(search.created),
  };
}

/**
 * The instants a creation filter means in a time zone: days begin at midnight there, "last 7 days"
 * is today and the six days before it, and a custom range ends when the day after its last begins.
 */
export function createdInstants(
  created: CreatedFilter,
  timeZone: string,
  now: Date,
): { after: string | null; before: string | null } {
  const today = toDateInput(now, timeZone);
  const range = customRange(created);
  if (!range) {
    const daysBack = created === 'today' ? 0 : created === '7d' ? -6 : -29;
    return { after: startOfDayIn(today, timeZone, daysBack).toISOString(), before: null };
  }
  return {
    after: range.from ? startOfDayIn(range.from, timeZone).toISOString() : null,
    before: range.to ? startOfDayIn(range.to, timeZone, 1).toISOString() : null,
  };
}

/** The list to load for an address; dates are read in `timeZone` (the profile's). */
export function listParamsOf(
  search: ConversationListSearch,
  timeZone: string,
  now: Date = new Date(),
): ConversationListParams {
  return {
    view: search.view ?? 'all',
    status: search.status ?? 'open',
    priority: search.priority ?? null,
    sort: search.sort ?? 'last_activity',
    assignee: search.assignee ?? null,
    channel: search.channel ?? null,
    created: search.created ? createdInstants(search.created, timeZone, now) : null,
  };
}

/**
 * The list to load for an address, in the profile's time zone. A filter that counts from today ("Today",
 * "Last 7 days") moves on by itself when the day ends there, also while nothing else changes.
 */
export function useListParams(search: ConversationListSearch): ConversationListParams {
  const timeZone = useTimeZone();
  const isFromToday = search.created !== undefined && customRange(search.created) === null;
  const [today, setToday] = useState(() => toDateInput(new Date(), timeZone));
  useEffect(() => {
    if (!isFromToday) {
      return;
    }
    const current = toDateInput(new Date(), timeZone);
    if (current !== today) {
      setToday(current);
      return;
    }
    // A second past the next midnight there (timers may fire a little early).
    const wait = startOfDayIn(today, timeZone, 1).getTime() - Date.now() + 1000;
    const timer = setTimeout(() => setToday(toDateInput(new Date(), timeZone)), Math.max(1000, wait));
    return () => clearTimeout(timer);
  }, [isFromToday, today, timeZone]);
  return listParamsOf(search, timeZone, isFromToday ? startOfDayIn(today, timeZone) : new Date());
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
