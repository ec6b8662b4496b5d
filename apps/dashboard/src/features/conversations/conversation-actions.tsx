import { AlarmClock, CircleCheck, RotateCcw, Tag, UserRound, Users } from 'lucide-react';
import { type FormEvent, type ReactNode, useEffect, useId, useMemo, useState } from 'react';
import { errorMessage } from '../../api/api-error';
import {
  type ConversationPatch,
  type LabelChange,
  useConversationLabel,
  useUpdateConversation,
} from '../../api/conversations';
import { useLabels } from '../../api/labels';
import { useMembers } from '../../api/members';
import { usePresence } from '../../api/presence';
import { useTeams } from '../../api/teams';
import { type Conversation, PRIORITIES, type Session } from '../../api/types';
import { Alert } from '../../components/alert';
import { Button } from '../../components/button';
import { Kbd } from '../../components/kbd';
import { Picker, type PickerOption } from '../../components/picker';
import { useTimeZone } from '../../lib/date-format';
import { fromDateTimeLocal, snoozePresets, toDateTimeLocal } from '../../lib/zoned-time';
import { useCommands } from '../command-palette/commands';
import { AvatarWithPresence, memberOption, PresenceText } from '../presence/presence-dot';
import { ColorDot, PriorityIcon, StatusDot } from './badges';
import { PRIORITY_LABEL, STATUS_LABEL } from './format';
import { useShortcuts } from './keyboard';

type PickerName = 'status' | 'assign' | 'priority' | 'labels' | 'snooze';

const chipClass =
  'inline-flex h-7 max-w-full items-center gap-1.5 rounded-control border border-line px-2 text-[0.8125rem] text-fg transition-colors hover:bg-surface-hover aria-expanded:bg-surface-hover disabled:opacity-60';

/** What a failed change was, for the message that says so. */
function describe(patch: ConversationPatch | undefined): string {
  if (!patch) {
    return 'change the conversation';
  }
  if (patch.snoozedUntil) {
    return 'snooze the conversation';
  }
  if (patch.status) {
    return patch.status === 'resolved' ? 'resolve the conversation' : `mark the conversation ${patch.status}`;
  }
  if (patch.priority) {
    return 'change the priority';
  }
  if (patch.assigneeId !== undefined) {
    return patch.assigneeId ? 'assign the conversation' : 'unassign the conversation';
  }
  if (patch.teamId !== undefined) {
    return 'change the team';
  }
  return 'change the conversation';
}

function useShortDateTime(): (date: Date | string, withDay?: boolean) => string {
  const timeZone = useTimeZone();
  return useMemo(() => {
    const make = (options: Intl.DateTimeFormatOptions) => {
      try {
        return new Intl.DateTimeFormat(undefined, { ...options, timeZone });
      } catch {
        return new Intl.DateTimeFormat(undefined, options);
      }
    };
    const time = make({ hour: 'numeric', minute: '2-digit' });
    const dayTime = make({
      weekday: 'short',
      month: 'short',
      day: 'numeric',
      hour: 'numeric',
      minute: '2-digit',
    });
    return (date, withDay = true) => (withDay ? dayTime : time).format(new Date(date));
  }, [timeZone]);
}

/**
 * Everything an agent does to a conversation from its header: status, resolve (e), snooze (s),
 * assignee and team (a), priority and labels (l). Changes show at once and are undone, with a
 * message here, if the server refuses them.
 */
export function ConversationActions({
  conversation,
  session,
  identity,
  trailing,
}: {
  conversation: Conversation;
  session: Session;
  /** The contact's name and details, on the left of the first row. */
  identity: ReactNode;
  /** At the end of the first row, after the actions (the contact panel's toggle). */
  trailing?: ReactNode;
}) {
  const update = useUpdateConversation(conversation.id);
  const labelChange = useConversationLabel(conversation.id);
  const [openPicker, setOpenPicker] = useState<PickerName | null>(null);
  const isResolved = conversation.status === 'resolved';
  const shortDateTime = useShortDateTime();

  const change = (patch: ConversationPatch) => {
    labelChange.reset();
    update.mutate(patch);
  };
  const toggleLabel = (input: LabelChange) => {
    update.reset();
    labelChange.mutate(input);
  };
  const pickerProps = (name: PickerName) => ({
    isOpen: openPicker === name,
    onOpenChange: (isOpen: boolean) =>
      setOpenPicker((current) => (isOpen ? name : current === name ? null : current)),
  });

  useShortcuts({
    e: () => {
      if (!isResolved) {
        change({ status: 'resolved' });
      }
      return true;
    },
    a: () => {
      setOpenPicker('assign');
      return true;
    },
    l: () => {
      setOpenPicker('labels');
      return true;
    },
    s: () => {
      setOpenPicker('snooze');
      return true;
    },
  });

  const timeZone = useTimeZone();
  const isAssignedToMe = conversation.assignee?.id === session.user.id;
  // The same actions in the command palette (Ctrl/Cmd-K), for this conversation.
  useCommands([
    ...(isAssignedToMe
      ? [
          {
            id: 'conversation:unassign',
            label: 'Unassign',
            icon: UserRound,
            run: () => change({ assigneeId: null }),
          },
        ]
      : [
          {
            id: 'conversation:assign-to-me',
            label: 'Assign to me',
            keywords: 'take self',
            icon: UserRound,
            run: () => change({ assigneeId: session.user.id }),
          },
        ]),
    {
      id: 'conversation:assign',
      label: 'Assign to someone or a team…',
      icon: Users,
      shortcut: 'a',
      run: () => setOpenPicker('assign'),
    },
    isResolved
      ? {
          id: 'conversation:reopen',
          label: 'Reopen',
          keywords: 'open again',
          icon: RotateCcw,
          run: () => change({ status: 'open' }),
        }
      : {
          id: 'conversation:resolve',
          label: 'Resolve',
          keywords: 'close done',
          icon: CircleCheck,
          shortcut: 'e',
          run: () => change({ status: 'resolved' }),
        },
    {
      id: 'conversation:snooze-hour',
      label: 'Snooze for an hour',
      icon: AlarmClock,
      run: () => change({ snoozedUntil: snoozePresets(new Date(), timeZone).inAnHour.toISOString() }),
    },
    {
      id: 'conversation:snooze-tomorrow',
      label: 'Snooze until tomorrow morning',
      icon: AlarmClock,
      run: () => change({ snoozedUntil: snoozePresets(new Date(), timeZone).tomorrowMorning.toISOString() }),
    },
    {
      id: 'conversation:snooze',
      label: 'Snooze until…',
      icon: AlarmClock,
      shortcut: 's',
      run: () => setOpenPicker('snooze'),
    },
    {
      id: 'conversation:labels',
      label: 'Add or remove labels…',
      icon: Tag,
      shortcut: 'l',
      run: () => setOpenPicker('labels'),
    },
  ]);

  const error = update.isError
    ? `Couldn’t ${describe(update.variables)}. ${errorMessage(update.error)}`
    : labelChange.isError
      ? `Couldn’t ${labelChange.variables?.isAdded ? 'add' : 'remove'} the label “${labelChange.variables?.label.name}”. ${errorMessage(labelChange.error)}`
      : null;

  return (
    <>
      <div className="flex items-center gap-2 px-5 pt-3 pb-2 @max-md:px-3">
        {identity}
        <div className="flex shrink-0 items-center gap-1.5 @max-md:gap-1">
          <SnoozePicker
            {...pickerProps('snooze')}
            conversation={conversation}
            onSnooze={(until) => change({ snoozedUntil: until.toISOString() })}
            onWake={() => change({ status: 'open' })}
            shortDateTime={shortDateTime}
          />
          {isResolved ? (
            <Button size="md" icon={RotateCcw} title="Reopen" onClick={() => change({ status: 'open' })}>
              {/* Icons only in a narrow conversation (a phone, or beside the docked contact panel), so
                  the contact's name keeps the room. */}
              <span className="@max-2xl:sr-only">Reopen</span>
            </Button>
          ) : (
            <Button
              size="md"
              variant="primary"
              icon={CircleCheck}
              aria-keyshortcuts="e"
              title="Resolve (E)"
              onClick={() => change({ status: 'resolved' })}
            >
              <span className="@max-2xl:sr-only">Resolve</span>
              <Kbd className="ml-0.5 border-white/30 bg-white/15 text-accent-fg @max-3xl:hidden">E</Kbd>
            </Button>
          )}
          {trailing}
        </div>
      </div>
      <div className="flex flex-wrap items-center gap-1.5 px-5 pb-3 @max-md:px-3">
        <StatusPicker
          {...pickerProps('status')}
          conversation={conversation}
          onChange={change}
          shortDateTime={shortDateTime}
        />
        <AssignPicker
          {...pickerProps('assign')}
          conversation={conversation}
          session={session}
          onChange={change}
        />
        <PriorityPicker {...pickerProps('priority')} conversation={conversation} onChange={change} />
        <LabelsPicker {...pickerProps('labels')} conversation={conversation} onToggle={toggleLabel} />
      </div>
      {error ? (
        <div className="px-5 pb-3 @max-md:px-3">
          <Alert>{error}</Alert>
        </div>
      ) : null}
    </>
  );
}

type PickerState = { isOpen: boolean; onOpenChange: (isOpen: boolean) => void };

function StatusPicker({
  conversation,
  onChange,
  shortDateTime,
  ...state
}: PickerState & {
  conversation: Conversation;
  onChange: (patch: ConversationPatch) => void;
  shortDateTime: (date: Date | string, withDay?: boolean) => string;
}) {
  const options: PickerOption[] = (['open', 'pending', 'resolved'] as const).map((status) => ({
    id: status,
    label: STATUS_LABEL[status],
    icon: <StatusDot status={status} />,
    isSelected: conversation.status === status,
  }));
  if (conversation.status === 'snoozed') {
    options.splice(2, 0, {
      id: 'snoozed',
      label: 'Snoozed',
      detail: conversation.snoozedUntil ? `until ${shortDateTime(conversation.snoozedUntil)}` : undefined,
      icon: <StatusDot status="snoozed" />,
      isSelected: true,
      isDisabled: true,
    });
  }
  return (
    <Picker
      {...state}
      title="Status"
      triggerLabel={`Status: ${STATUS_LABEL[conversation.status]}${
        conversation.status === 'snoozed' && conversation.snoozedUntil
          ? ` until ${shortDateTime(conversation.snoozedUntil)}`
          : ''
      }`}
      trigger={
        <>
          <StatusDot status={conversation.status} />
          {STATUS_LABEL[conversation.status]}
          {conversation.status === 'snoozed' && conversation.snoozedUntil ? (
            <span className="text-fg-muted">until {shortDateTime(conversation.snoozedUntil)}</span>
          ) : null}
        </>
      }
      triggerClassName={chipClass}
      options={options}
      onSelect={(option) => {
        if (option.id !== conversation.status) {
          onChange({ status: option.id as 'open' | 'pending' | 'resolved' });
        }
      }}
    />
  );
}

function AssignPicker({
  conversation,
  session,
  onChange,
  ...state
}: PickerState & {
  conversation: Conversation;
  session: Session;
  onChange: (patch: ConversationPatch) => void;
}) {
  const members = useMembers();
  const teams = useTeams();
  const presenceOf = usePresence();
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = members;
  // The picker searches everyone: load the remaining pages of members while it is open.
  useEffect(() => {
    if (state.isOpen && hasNextPage && !isFetchingNextPage) {
      void fetchNextPage();
    }
  }, [state.isOpen, hasNextPage, isFetchingNextPage, fetchNextPage]);
  const assignee = conversation.assignee;
  const isMine = assignee?.id === session.user.id;
  const team = teams.data?.find((item) => item.id === conversation.teamId);

  const options: PickerOption[] = [
    ...(isMine
      ? []
      : [
          {
            id: `user:${session.user.id}`,
            label: 'Assign to me',
            icon: <UserRound className="size-4 text-fg-muted" />,
          },
        ]),
    ...(assignee
      ? [{ id: 'unassign', label: 'Unassign', icon: <UserRound className="size-4 text-fg-muted" /> }]
      : []),
    ...(members.data ?? []).map((member) =>
      memberOption(member, presenceOf(member.userId), {
        id: `user:${member.userId}`,
        ...(member.userId === session.user.id ? { label: `${member.name || member.email} (you)` } : {}),
        isSelected: assignee?.id === member.userId,
      }),
    ),
    ...(teams.data && teams.data.length > 0
      ? [
          { id: 'no-team', label: 'No team', group: 'Teams', isSelected: conversation.teamId === null },
          ...teams.data.map((item) => ({
            id: `team:${item.id}`,
            label: item.name,
            keywords: item.description ?? '',
            detail: `${item.members.length} ${item.members.length === 1 ? 'member' : 'members'}`,
            group: 'Teams',
            icon: <Users className="size-3.5 text-fg-muted" />,
            isSelected: conversation.teamId === item.id,
          })),
        ]
      : []),
  ];

  const assigneeName = assignee ? (isMine ? 'You' : assignee.name) : 'Unassigned';
  const assigneePresence = assignee ? presenceOf(assignee.id) : null;
  return (
    <Picker
      {...state}
      title="Assign"
      shortcut="a"
      startAt="first"
      // Named by its content ("Assignee: Bob Baker (away) · Billing"), which reads what it shows.
      trigger={
        <>
          <span className="sr-only">Assignee: </span>
          {assignee && assigneePresence ? (
            <AvatarWithPresence
              name={assignee.name}
              url={assignee.avatarUrl}
              status={assigneePresence}
              size="xs"
            />
          ) : (
            <UserRound aria-hidden className="size-3.5 text-fg-muted" />
          )}
          <span className={`max-w-32 truncate ${assignee ? '' : 'text-fg-muted'}`}>{assigneeName}</span>
          {assigneePresence ? <PresenceText status={assigneePresence} /> : null}
          {team ? (
            <span className="inline-flex max-w-28 items-center gap-1 text-fg-muted">
              <span>·</span>
              <Users aria-hidden className="size-3.5 shrink-0" />
              <span className="truncate">{team.name}</span>
            </span>
          ) : null}
        </>
      }
      triggerClassName={chipClass}
      searchPlaceholder="Assign to a person or team…"
      isLoading={members.isPending}
      options={options}
      onSelect={(option) => {
        if (option.id === 'unassign') {
          onChange({ assigneeId: null });
        } else if (option.id === 'no-team') {
          onChange({ teamId: null });
        } else if (option.id.startsWith('user:')) {
          const userId = option.id.slice(5);
          if (userId !== assignee?.id) {
            onChange({ assigneeId: userId });
          }
        } else if (option.id.startsWith('team:')) {
          onChange({ teamId: option.id.slice(5) });
        }
      }}
    />
  );
}

function PriorityPicker({
  conversation,
  onChange,
  ...state
}: PickerState & { conversation: Conversation; onChange: (patch: ConversationPatch) => void }) {
  const options: PickerOption[] = [...PRIORITIES].reverse().map((priority) => ({
    id: priority,
    label: PRIORITY_LABEL[priority],
    icon: <PriorityIcon priority={priority} />,
    isSelected: conversation.priority === priority,
  }));
  const hasPriority = conversation.priority !== 'none';
  return (
    <Picker
      {...state}
      title="Priority"
      triggerLabel={`Priority: ${PRIORITY_LABEL[conversation.priority]}`}
      trigger={
        <>
          <PriorityIcon priority={conversation.priority} className="size-3.5" />
          <span className={hasPriority ? '' : 'text-fg-muted'}>
            {hasPriority ? PRIORITY_LABEL[conversation.priority] : 'Priority'}
          </span>
        </>
      }
      triggerClassName={chipClass}
      options={options}
      onSelect={(option) => {
        if (option.id !== conversation.priority) {
          onChange({ priority: option.id as Conversation['priority'] });
        }
      }}
    />
  );
}

function LabelsPicker({
  conversation,
  onToggle,
  ...state
}: PickerState & { conversation: Conversation; onToggle: (change: LabelChange) => void }) {
  const labels = useLabels();
  const applied = new Set(conversation.labels.map((label) => label.id));
  const options: PickerOption[] = (labels.data ?? []).map((label) => ({
    id: label.id,
    label: label.name,
    keywords: label.description ?? '',
    icon: <ColorDot color={label.color} />,
    isSelected: applied.has(label.id),
  }));
  const names = conversation.labels.map((label) => label.name).join(', ');
  return (
    <>
      {conversation.labels.length > 0 ? (
        <ul aria-label="Labels" className="contents">
          {conversation.labels.map((label) => (
            <li
              key={label.id}
              className="inline-flex h-7 max-w-40 items-center gap-1.5 rounded-full border border-line bg-surface-muted px-2.5 text-[0.8125rem] text-fg"
            >
              <ColorDot color={label.color} />
              <span className="truncate">{label.name}</span>
            </li>
          ))}
        </ul>
      ) : null}
      <Picker
        {...state}
        title="Labels"
        shortcut="l"
        triggerLabel={names ? `Edit labels: ${names}` : 'Label the conversation'}
        trigger={
          <>
            <Tag aria-hidden className="size-3.5 text-fg-muted" />
            <span className="text-fg-muted">{conversation.labels.length > 0 ? 'Edit' : 'Label'}</span>
          </>
        }
        triggerClassName={`${chipClass} border-dashed`}
        searchPlaceholder="Add or remove labels…"
        isMultiple
        isLoading={labels.isPending}
        emptyText={
          labels.data?.length === 0
            ? 'No labels yet. Admins create them in Settings → Labels.'
            : 'No label matches'
        }
        options={options}
        onSelect={(option) => {
          const label = labels.data?.find((item) => item.id === option.id);
          if (label) {
            onToggle({ label, isAdded: !applied.has(label.id) });
          }
        }}
      />
    </>
  );
}

function SnoozePicker({
  conversation,
  onSnooze,
  onWake,
  shortDateTime,
  ...state
}: PickerState & {
  conversation: Conversation;
  onSnooze: (until: Date) => void;
  onWake: () => void;
  shortDateTime: (date: Date | string, withDay?: boolean) => string;
}) {
  const timeZone = useTimeZone();
  const [isCustom, setIsCustom] = useState(false);
  const [custom, setCustom] = useState('');
  const [customError, setCustomError] = useState<string | null>(null);
  const inputId = useId();
  // The choices are worked out when the picker opens, so "in 1 hour" means an hour from now.
  const presets = useMemo(
    () => (state.isOpen ? snoozePresets(new Date(), timeZone) : null),
    [state.isOpen, timeZone],
  );
  const isSnoozed = conversation.status === 'snoozed';

  const options: PickerOption[] = presets
    ? [
        ...(isSnoozed ? [{ id: 'wake', label: 'Unsnooze (open now)' }] : []),
        { id: 'hour', label: '1 hour', detail: shortDateTime(presets.inAnHour, false) },
        { id: 'tomorrow', label: 'Tomorrow', detail: shortDateTime(presets.tomorrowMorning) },
        { id: 'week', label: 'Next week', detail: shortDateTime(presets.nextWeek) },
        { id: 'custom', label: 'Custom date and time…', keepsOpen: true, isSelected: isCustom },
      ]
    : [];

  const close = () => {
    setIsCustom(false);
    setCustomError(null);
    state.onOpenChange(false);
  };

  const submitCustom = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const until = fromDateTimeLocal(custom, timeZone);
    if (!until) {
      setCustomError('Choose a date and a time.');
      return;
    }
    // Any later time will do: at 10:00:30, 10:01 is a fine choice.
    if (until.getTime() <= Date.now()) {
      setCustomError('Choose a time in the future.');
      return;
    }
    onSnooze(until);
    close();
  };

  return (
    <Picker
      isOpen={state.isOpen}
      onOpenChange={(isOpen) => (isOpen ? state.onOpenChange(true) : close())}
      title="Snooze until"
      shortcut="s"
      triggerLabel={
        isSnoozed ? `Snoozed until ${shortDateTime(conversation.snoozedUntil ?? '')}. Snooze` : 'Snooze'
      }
      trigger={
        <>
          <AlarmClock aria-hidden className="size-4" />
          <span className="@max-2xl:sr-only">{isSnoozed ? 'Snoozed' : 'Snooze'}</span>
        </>
      }
      triggerClassName={`inline-flex h-8 items-center gap-1.5 rounded-control border border-line-strong px-3 font-medium text-sm shadow-card transition-colors hover:bg-surface-hover aria-expanded:bg-surface-hover ${
        isSnoozed ? 'bg-surface-muted text-fg' : 'bg-surface text-fg'
      }`}
      options={options}
      align="end"
      panelClassName="w-72"
      onSelect={(option) => {
        if (!presets) {
          return;
        }
        if (option.id === 'custom') {
          setIsCustom(true);
          setCustom(toDateTimeLocal(presets.tomorrowMorning, timeZone));
          window.setTimeout(() => document.getElementById(inputId)?.focus(), 0);
          return;
        }
        setIsCustom(false);
        if (option.id === 'wake') {
          onWake();
        } else {
          onSnooze(
            option.id === 'hour'
              ? presets.inAnHour
              : option.id === 'tomorrow'
                ? presets.tomorrowMorning
                : presets.nextWeek,
          );
        }
      }}
      footer={
        isCustom ? (
          <form onSubmit={submitCustom} className="space-y-2 p-3" noValidate>
            <label htmlFor={inputId} className="block font-medium text-[0.8125rem] text-fg">
              Snooze until
            </label>
            <input
              id={inputId}
              type="datetime-local"
              required
              value={custom}
              onChange={(event) => {
                setCustom(event.target.value);
                setCustomError(null);
              }}
              onKeyDown={(event) => {
                if (event.key === 'Escape') {
                  event.preventDefault();
                  event.stopPropagation();
                  close();
                }
              }}
              aria-invalid={customError ? true : undefined}
              aria-describedby={`${inputId}-hint`}
              className="h-9 w-full rounded-control border border-line-strong bg-surface px-2 text-fg text-sm focus:border-accent focus:outline-none focus:ring-3 focus:ring-accent/25 aria-invalid:border-danger"
            />
            <p
              id={`${inputId}-hint`}
              className={`text-xs ${customError ? 'text-danger-text' : 'text-fg-muted'}`}
            >
              {customError ?? `In your time zone, ${timeZone.replace(/_/g, ' ')}.`}
            </p>
            <Button type="submit" variant="primary" size="sm" className="w-full">
              Snooze
            </Button>
          </form>
        ) : null
      }
    />
  );
}
