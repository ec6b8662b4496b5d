import { useQueryClient } from '@tanstack/react-query';
import { CircleCheck, Tag, UserPlus, X } from 'lucide-react';
import { useEffect, useState } from 'react';
import { type BulkChange, type BulkFailure, runBulk } from '../../api/conversations';
import { useLabels } from '../../api/labels';
import { useMembers } from '../../api/members';
import { usePresence } from '../../api/presence';
import type { Session } from '../../api/types';
import { Alert } from '../../components/alert';
import { Avatar } from '../../components/avatar';
import { Button } from '../../components/button';
import { Picker, type PickerOption } from '../../components/picker';
import { memberOption } from '../presence/presence-dot';
import { ColorDot } from './badges';

type Run = { verb: string; total: number; finished: number };
type Outcome = { total: number; failures: BulkFailure[]; done: string; failed: string };

type Props = {
  session: Session;
  /** The selected conversations that are loaded in the list. */
  ids: string[];
  isAllSelected: boolean;
  onSelectAll: (isSelected: boolean) => void;
  /** After a run: keep only these selected (the ones that failed, to try again). */
  onFinished: (stillSelected: string[]) => void;
  onClear: () => void;
};

/**
 * Actions on the checked conversations, sent to the server's bulk route (one request per 100), with
 * the progress told as it goes ("Resolving 0 of 12…") and the failures summed up at the end.
 */
export function BulkBar({ session, ids, isAllSelected, onSelectAll, onFinished, onClear }: Props) {
  const client = useQueryClient();
  const [run, setRun] = useState<Run | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [openPicker, setOpenPicker] = useState<'assign' | 'label' | null>(null);
  const members = useMembers();
  const presenceOf = usePresence();
  const labels = useLabels();
  const isRunning = run !== null;

  // A success note fades after a while; failures stay until dismissed.
  useEffect(() => {
    if (!outcome || outcome.failures.length > 0) {
      return;
    }
    const timer = window.setTimeout(() => setOutcome(null), 5000);
    return () => window.clearTimeout(timer);
  }, [outcome]);

  const start = async (words: { verb: string; done: string; failed: string }, change: BulkChange) => {
    const targets = [...ids];
    if (targets.length === 0 || isRunning) {
      return;
    }
    setOutcome(null);
    setRun({ verb: words.verb, total: targets.length, finished: 0 });
    const failures = await runBulk(client, targets, change, (finished) =>
      setRun((current) => (current ? { ...current, finished } : current)),
    );
    setRun(null);
    setOutcome({ total: targets.length, failures, done: words.done, failed: words.failed });
    onFinished(failures.map((failure) => failure.id));
  };

  const resolve = () =>
    start({ verb: 'Resolving', done: 'resolved', failed: 'resolved' }, { status: 'resolved' });

  const assignOptions: PickerOption[] = [
    {
      id: session.user.id,
      label: 'Me',
      icon: <Avatar name={session.user.name} url={session.user.avatarUrl} size="xs" />,
    },
    { id: 'unassign', label: 'Nobody (unassign)' },
    ...(members.data ?? [])
      .filter((member) => member.userId !== session.user.id)
      .map((member) => memberOption(member, presenceOf(member.userId), { id: member.userId })),
  ];

  const labelOptions: PickerOption[] = (labels.data ?? []).map((label) => ({
    id: label.id,
    label: label.name,
    keywords: label.description ?? '',
    icon: <ColorDot color={label.color} />,
  }));

  const count = ids.length;

  // Nothing selected: only the summary of the last run stays, until it fades or is dismissed.
  if (count === 0 && !run) {
    return outcome ? (
      <div className="border-line border-b px-3 pb-2">
        <OutcomeNote outcome={outcome} onDismiss={() => setOutcome(null)} />
      </div>
    ) : null;
  }

  return (
    <div className="border-line border-b bg-accent-soft/50 px-3 py-2" data-testid="bulk-bar">
      <div className="flex items-center gap-2">
        <input
          type="checkbox"
          aria-label={isAllSelected ? 'Deselect all loaded conversations' : 'Select all loaded conversations'}
          checked={isAllSelected}
          ref={(element) => {
            if (element) {
              element.indeterminate = !isAllSelected && count > 0;
            }
          }}
          onChange={(event) => onSelectAll(event.target.checked)}
          className="size-4 shrink-0 cursor-pointer accent-accent"
        />
        <p className="min-w-0 flex-1 truncate font-medium text-[0.8125rem] text-fg">{count} selected</p>
        <Button variant="ghost" size="sm" icon={X} onClick={onClear} disabled={isRunning}>
          Clear
        </Button>
      </div>
      {run ? (
        <div role="status" className="mt-2">
          <p className="text-[0.8125rem] text-fg">
            {run.verb} {run.finished} of {run.total}…
          </p>
          <div aria-hidden className="mt-1.5 h-1 overflow-hidden rounded-full bg-surface-hover">
            <div
              className="h-full rounded-full bg-accent transition-[width]"
              style={{ width: `${Math.round((run.finished / run.total) * 100)}%` }}
            />
          </div>
        </div>
      ) : (
        <div className="mt-2 flex flex-wrap items-center gap-1.5">
          <Button size="sm" icon={CircleCheck} onClick={() => void resolve()} disabled={count === 0}>
            Resolve
          </Button>
          <Picker
            isOpen={openPicker === 'assign'}
            onOpenChange={(isOpen) => setOpenPicker(isOpen ? 'assign' : null)}
            title="Assign the selected conversations"
            trigger={
              <>
                <UserPlus aria-hidden className="size-3.5" />
                Assign
              </>
            }
            triggerClassName="inline-flex h-7 items-center gap-1.5 rounded-control border border-line-strong bg-surface px-2.5 font-medium text-[0.8125rem] text-fg shadow-card hover:bg-surface-hover"
            searchPlaceholder="Assign to…"
            isLoading={members.isPending}
            options={assignOptions}
            onSelect={(option) => {
              const assigneeId = option.id === 'unassign' ? null : option.id;
              void start(
                {
                  verb: assigneeId ? 'Assigning' : 'Unassigning',
                  done: assigneeId
                    ? `assigned to ${option.label === 'Me' ? 'you' : option.label}`
                    : 'unassigned',
                  failed: assigneeId ? 'assigned' : 'unassigned',
                },
                { assigneeId },
              );
            }}
          />
          <Picker
            isOpen={openPicker === 'label'}
            onOpenChange={(isOpen) => setOpenPicker(isOpen ? 'label' : null)}
            title="Add a label to the selected conversations"
            trigger={
              <>
                <Tag aria-hidden className="size-3.5" />
                Label
              </>
            }
            triggerClassName="inline-flex h-7 items-center gap-1.5 rounded-control border border-line-strong bg-surface px-2.5 font-medium text-[0.8125rem] text-fg shadow-card hover:bg-surface-hover"
            searchPlaceholder="Add label…"
            emptyText={
              labels.data?.length === 0
                ? 'No labels yet. Admins create them in Settings → Labels.'
                : 'No label matches'
            }
            isLoading={labels.isPending}
            options={labelOptions}
            onSelect={(option) =>
              void start(
                { verb: 'Labelling', done: `labelled “${option.label}”`, failed: 'labelled' },
                { addLabelId: option.id },
              )
            }
          />
        </div>
      )}
      {outcome ? <OutcomeNote outcome={outcome} onDismiss={() => setOutcome(null)} /> : null}
    </div>
  );
}

function OutcomeNote({ outcome, onDismiss }: { outcome: Outcome; onDismiss: () => void }) {
  const { total, failures } = outcome;
  const succeeded = total - failures.length;
  if (failures.length === 0) {
    return (
      <p role="status" className="mt-2 text-[0.8125rem] text-success-text">
        {succeeded} {succeeded === 1 ? 'conversation' : 'conversations'} {outcome.done}.
      </p>
    );
  }
  // The same reason is usually behind several failures: say each once, with how often.
  const reasons = new Map<string, number>();
  for (const failure of failures) {
    reasons.set(failure.message, (reasons.get(failure.message) ?? 0) + 1);
  }
  return (
    <div className="mt-2">
      <Alert title={`${failures.length} of ${total} couldn’t be ${outcome.failed}`} className="py-2">
        <ul className="text-[0.8125rem]">
          {[...reasons].map(([message, times]) => (
            <li key={message}>
              {message}
              {times > 1 ? ` (${times})` : ''}
            </li>
          ))}
        </ul>
        <p className="mt-1 text-[0.8125rem]">
          {succeeded > 0 ? `${succeeded} went through. ` : ''}The ones that failed are still selected.
        </p>
        <button
          type="button"
          onClick={onDismiss}
          className="mt-1 font-medium text-[0.8125rem] underline underline-offset-2"
        >
          Dismiss
        </button>
      </Alert>
    </div>
  );
}
