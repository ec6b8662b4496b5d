import { CalendarDays, ListFilter, MessageCircle, UserRound } from 'lucide-react';
import { type FormEvent, type KeyboardEvent, type ReactNode, useEffect, useId, useState } from 'react';
import { useMembers } from '../../api/members';
import { usePresence } from '../../api/presence';
import { useSession } from '../../api/session';
import { INBOX_CHANNELS } from '../../api/types';
import { Button } from '../../components/button';
import { Picker, type PickerOption } from '../../components/picker';
import { useTimeZone } from '../../lib/date-format';
import { toDateInput } from '../../lib/zoned-time';
import { memberOption } from '../presence/presence-dot';
import { CHANNEL_LABEL } from './format';
import {
  type ConversationListSearch,
  CREATED_PRESETS,
  type CreatedFilter,
  type CreatedPreset,
  customRange,
  withListChange,
} from './list-search';
import type { ListChange } from './list-toolbar';

const CREATED_LABEL: Record<CreatedPreset, string> = {
  today: 'Today',
  '7d': 'Last 7 days',
  '30d': 'Last 30 days',
};

/** A day (YYYY-MM-DD) as people read it, e.g. "May 1, 2025"; a plain date, so no time zone shifts it. */
function formatDay(value: string): string {
  const [year, month, day] = value.split('-').map(Number) as [number, number, number];
  return new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: 'UTC' }).format(
    new Date(Date.UTC(year, month - 1, day)),
  );
}

/** "created today", "created in the last 7 days", "created May 1 – May 10, 2025". */
export function createdText(created: CreatedFilter): string {
  const preset = CREATED_PRESETS.find((item) => item === created);
  if (preset) {
    return preset === 'today' ? 'Created today' : `Created in the ${CREATED_LABEL[preset].toLowerCase()}`;
  }
  const range = customRange(created) ?? { from: null, to: null };
  if (range.from && range.to) {
    return range.from === range.to
      ? `Created ${formatDay(range.from)}`
      : `Created ${formatDay(range.from)} – ${formatDay(range.to)}`;
  }
  return range.from ? `Created since ${formatDay(range.from)}` : `Created until ${formatDay(range.to ?? '')}`;
}

/** The teammate's name for an assignee filter, once the members have loaded. */
function useAssigneeName(assignee: string | undefined): string | null {
  const members = useMembers();
  if (!assignee || assignee === 'me' || assignee === 'unassigned') {
    return null;
  }
  const member = members.data?.find((item) => item.userId === assignee);
  return member ? member.name || member.email : members.isPending ? '…' : 'a former member';
}

export type FilterChip = { key: string; icon: ReactNode; text: string; clear: ConversationListSearch };

/** The chips for the assignee, channel and creation filters, each with the search that removes it. */
export function useFilterChips(search: ConversationListSearch): FilterChip[] {
  const assigneeName = useAssigneeName(search.assignee);
  const chips: FilterChip[] = [];
  if (search.assignee) {
    chips.push({
      key: 'assignee',
      icon: <UserRound aria-hidden className="size-3.5" />,
      text:
        search.assignee === 'me'
          ? 'Assigned to me'
          : search.assignee === 'unassigned'
            ? 'Unassigned'
            : `Assigned to ${assigneeName}`,
      clear: withListChange(search, { assignee: null }),
    });
  }
  if (search.channel) {
    chips.push({
      key: 'channel',
      icon: <MessageCircle aria-hidden className="size-3.5" />,
      text: `Channel: ${CHANNEL_LABEL[search.channel]}`,
      clear: withListChange(search, { channel: null }),
    });
  }
  if (search.created) {
    chips.push({
      key: 'created',
      icon: <CalendarDays aria-hidden className="size-3.5" />,
      text: createdText(search.created),
      clear: withListChange(search, { created: null }),
    });
  }
  return chips;
}

const iconButton =
  'flex h-8 items-center justify-center gap-1 rounded-control px-1.5 text-[0.8125rem] transition-colors hover:bg-surface-hover hover:text-fg aria-expanded:bg-surface-hover';

/**
 * One menu for who the conversation is assigned to, its channel and when it started. Each group
 * holds one choice; the menu stays open so several can be set in a row. In the Mine and Unassigned
 * views the view already decides the assignee, so that group says so instead of contradicting it.
 */
export function FiltersPicker({
  search,
  onChange,
  isOpen,
  onOpenChange,
}: {
  search: ConversationListSearch;
  onChange: ListChange;
  isOpen: boolean;
  onOpenChange: (isOpen: boolean) => void;
}) {
  const members = useMembers();
  const presenceOf = usePresence();
  const myUserId = useSession().data?.user.id ?? null;
  const timeZone = useTimeZone();
  const [isCustom, setIsCustom] = useState(false);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [customError, setCustomError] = useState<string | null>(null);
  const formId = useId();
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = members;
  // The menu searches every teammate: load the remaining pages of members while it is open.
  useEffect(() => {
    if (isOpen && hasNextPage && !isFetchingNextPage) {
      void fetchNextPage();
    }
  }, [isOpen, hasNextPage, isFetchingNextPage, fetchNextPage]);

  const view = search.view ?? 'all';
  const isAssigneeSetByView = view === 'mine' || view === 'unassigned';
  const range = search.created ? customRange(search.created) : null;
  const activeCount = [search.assignee, search.channel, search.created].filter(Boolean).length;

  const assigneeOptions: PickerOption[] = isAssigneeSetByView
    ? [
        {
          id: 'assignee:view',
          label: view === 'mine' ? 'Yours: set by the Mine view' : 'None: set by the Unassigned view',
          keywords: 'assignee',
          icon: <UserRound className="size-4 text-fg-muted" />,
          group: 'Assignee',
          isDisabled: true,
        },
      ]
    : [
        { id: 'assignee:any', label: 'Anyone', group: 'Assignee', isSelected: !search.assignee },
        {
          id: 'assignee:me',
          label: 'Me',
          keywords: 'mine assigned to me',
          icon: <UserRound className="size-4 text-fg-muted" />,
          group: 'Assignee',
          isSelected: search.assignee === 'me',
        },
        {
          id: 'assignee:unassigned',
          label: 'Unassigned',
          keywords: 'nobody',
          group: 'Assignee',
          isSelected: search.assignee === 'unassigned',
        },
        ...(members.data ?? [])
          .filter((member) => member.userId !== myUserId)
          .map((member) => ({
            ...memberOption(member, presenceOf(member.userId), {
              id: `assignee:${member.userId}`,
              isSelected: search.assignee === member.userId,
            }),
            group: 'Assignee',
          })),
      ];
  const options: PickerOption[] = [
    ...assigneeOptions,
    { id: 'channel:any', label: 'Any channel', group: 'Channel', isSelected: !search.channel },
    ...INBOX_CHANNELS.map((channel) => ({
      id: `channel:${channel}`,
      label: CHANNEL_LABEL[channel],
      keywords: 'channel',
      group: 'Channel',
      isSelected: search.channel === channel,
    })),
    {
      id: 'created:any',
      label: 'Any time',
      keywords: 'created',
      group: 'Created',
      isSelected: !search.created,
    },
    ...CREATED_PRESETS.map((preset) => ({
      id: `created:${preset}`,
      label: CREATED_LABEL[preset],
      keywords: 'created',
      group: 'Created',
      isSelected: search.created === preset,
    })),
    {
      id: 'created:custom',
      label: 'Custom range…',
      keywords: 'created dates',
      group: 'Created',
      keepsOpen: true,
      isSelected: range !== null,
    },
  ];

  const openCustom = () => {
    const today = toDateInput(new Date(), timeZone);
    setFrom(range ? (range.from ?? '') : today);
    setTo(range ? (range.to ?? '') : today);
    setCustomError(null);
    setIsCustom(true);
    window.setTimeout(() => document.getElementById(`${formId}-from`)?.focus(), 0);
  };

  const close = () => {
    setIsCustom(false);
    setCustomError(null);
    onOpenChange(false);
  };

  const submitCustom = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!from && !to) {
      setCustomError('Choose a first day, a last day, or both.');
      return;
    }
    if (from && to && from > to) {
      setCustomError('The first day comes after the last one.');
      return;
    }
    onChange({ created: `${from}..${to}` });
    close();
  };

  const onFieldKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      close();
    }
  };

  return (
    <Picker
      isOpen={isOpen}
      onOpenChange={(next) => (next ? onOpenChange(true) : close())}
      title="Filters"
      triggerLabel={activeCount > 0 ? `Filters: ${activeCount} applied` : 'Filters'}
      trigger={
        <>
          <ListFilter aria-hidden className="size-4" />
          {activeCount > 0 ? (
            <span aria-hidden className="font-medium text-xs tabular-nums">
              {activeCount}
            </span>
          ) : null}
        </>
      }
      triggerClassName={`${iconButton} ${activeCount > 0 ? 'bg-accent-soft text-accent-text' : 'text-fg-muted'}`}
      testId="list-filters"
      searchPlaceholder="Filter by assignee, channel, date…"
      emptyText="No filter matches"
      options={options}
      isMultiple
      // Opens to the right, over the conversation pane: to the left it would run under the sidebar.
      // On a phone the list is the whole screen and the button sits further right, so it shifts back.
      align="start"
      // Three groups of choices: taller than a picker's usual list, so most show without scrolling.
      panelClassName="w-72 max-md:-left-40 [&_[role=listbox]]:max-h-[min(27rem,55vh)]"
      onSelect={(option) => {
        const separator = option.id.indexOf(':');
        const group = option.id.slice(0, separator);
        const value = option.id.slice(separator + 1);
        if (option.id === 'created:custom') {
          openCustom();
          return;
        }
        if (group === 'created') {
          setIsCustom(false);
        }
        if (group === 'assignee' || group === 'channel' || group === 'created') {
          onChange({ [group]: value === 'any' ? null : value });
        }
      }}
      footer={
        isCustom ? (
          <form onSubmit={submitCustom} className="space-y-2 p-3" noValidate>
            <fieldset className="space-y-2">
              <legend className="font-medium text-[0.8125rem] text-fg">Created between</legend>
              <div className="grid grid-cols-2 gap-2">
                <DayField
                  id={`${formId}-from`}
                  label="First day"
                  value={from}
                  max={to}
                  isInvalid={customError !== null}
                  hintId={`${formId}-hint`}
                  onChange={(value) => {
                    setFrom(value);
                    setCustomError(null);
                  }}
                  onKeyDown={onFieldKeyDown}
                />
                <DayField
                  label="Last day"
                  value={to}
                  min={from}
                  isInvalid={customError !== null}
                  hintId={`${formId}-hint`}
                  onChange={(value) => {
                    setTo(value);
                    setCustomError(null);
                  }}
                  onKeyDown={onFieldKeyDown}
                />
              </div>
            </fieldset>
            <p
              id={`${formId}-hint`}
              className={`text-xs ${customError ? 'text-danger-text' : 'text-fg-muted'}`}
            >
              {customError ?? `Whole days in your time zone, ${timeZone.replace(/_/g, ' ')}.`}
            </p>
            <Button type="submit" variant="primary" size="sm" className="w-full">
              Apply range
            </Button>
          </form>
        ) : null
      }
    />
  );
}

/** One end of the custom range: a labelled date input, described by the range's hint. */
function DayField({
  id,
  label,
  value,
  min,
  max,
  isInvalid,
  hintId,
  onChange,
  onKeyDown,
}: {
  id?: string;
  label: string;
  value: string;
  min?: string;
  max?: string;
  isInvalid: boolean;
  hintId: string;
  onChange: (value: string) => void;
  onKeyDown: (event: KeyboardEvent) => void;
}) {
  return (
    <label className="space-y-1 text-fg-muted text-xs">
      <span className="block">{label}</span>
      <input
        id={id}
        type="date"
        value={value}
        min={min || undefined}
        max={max || undefined}
        onChange={(event) => onChange(event.target.value)}
        onKeyDown={onKeyDown}
        aria-invalid={isInvalid || undefined}
        aria-describedby={hintId}
        className="h-8 w-full min-w-0 rounded-control border border-line-strong bg-surface px-2 text-fg text-sm focus:border-accent focus:outline-none focus:ring-3 focus:ring-accent/25 aria-invalid:border-danger"
      />
    </label>
  );
}
