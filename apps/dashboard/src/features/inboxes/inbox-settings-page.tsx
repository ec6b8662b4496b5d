import { Link } from '@tanstack/react-router';
import { ArrowLeft, MessageSquare, Plus, RefreshCw, Trash2 } from 'lucide-react';
import { type FormEvent, type ReactNode, useId, useMemo, useRef, useState } from 'react';
import { errorMessage, formErrors } from '../../api/api-error';
import { type InboxUpdate, useInbox, useUpdateInbox } from '../../api/inboxes';
import type { BusinessHours, Inbox, InboxSettings, Session } from '../../api/types';
import { Alert } from '../../components/alert';
import { Button } from '../../components/button';
import { CopyBox } from '../../components/copy-box';
import { ConfirmDialog } from '../../components/dialog';
import { CheckboxField, Select, SelectField, TextAreaField, TextField } from '../../components/field';
import { PageBody, PageHeader, Section } from '../../components/page';
import { AccessDenied, ErrorState, LoadingState } from '../../components/states';
import { browserTimeZone } from '../../lib/date-format';
import { canManageInboxes } from './inboxes-page';

const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const HEX_COLOUR = /^#[0-9a-fA-F]{6}$/;

type Props = { session: Session; inboxId: string };

export function InboxSettingsPage({ session, inboxId }: Props) {
  const inbox = useInbox(inboxId);

  const backLink = (
    <Link
      to="/settings/inboxes"
      className="inline-flex items-center gap-1 font-medium text-[0.8125rem] text-fg-muted hover:text-fg"
    >
      <ArrowLeft aria-hidden className="size-4" />
      All inboxes
    </Link>
  );

  if (!canManageInboxes(session)) {
    return (
      <>
        <PageHeader title="Inbox settings" />
        <AccessDenied message="Only owners and admins can set up inboxes and the website widget." />
      </>
    );
  }
  if (inbox.isPending) {
    return (
      <>
        <PageHeader title="Inbox settings" description={backLink} />
        <LoadingState label="Loading inbox…" />
      </>
    );
  }
  if (inbox.isError) {
    return (
      <>
        <PageHeader title="Inbox settings" description={backLink} />
        <ErrorState
          error={inbox.error}
          onRetry={() => void inbox.refetch()}
          back={{ to: '/settings/inboxes', label: 'Back to inboxes' }}
        />
      </>
    );
  }
  return <InboxForm key={inbox.data.id} inbox={inbox.data} backLink={backLink} />;
}

type Draft = { name: string; settings: InboxSettings; requireIdentityVerification: boolean };

function draftOf(inbox: Inbox): Draft {
  return {
    name: inbox.name,
    settings: inbox.settings,
    requireIdentityVerification: inbox.requireIdentityVerification,
  };
}

function timeZones(current: string | undefined): string[] {
  const zones = ['UTC', ...Intl.supportedValuesOf('timeZone').filter((zone) => zone !== 'UTC')];
  return current && !zones.includes(current) ? [current, ...zones] : zones;
}

const DEFAULT_HOURS = (): BusinessHours => ({
  timeZone: browserTimeZone(),
  days: [1, 2, 3, 4, 5].map((day) => ({ day, open: '09:00', close: '17:00' })),
});

/** Problems the server would refuse, found before sending. */
function validate(draft: Draft): Record<string, string> {
  const errors: Record<string, string> = {};
  if (draft.name.trim() === '') {
    errors.name = 'Give the inbox a name.';
  }
  if (!HEX_COLOUR.test(draft.settings.color)) {
    errors.color = 'Use a colour like #4f46e5.';
  }
  draft.settings.businessHours?.days.forEach((row, index) => {
    if (!row.open || !row.close || row.open >= row.close) {
      errors[`day-${index}`] = 'Opening time must be before closing time.';
    }
  });
  return errors;
}

function InboxForm({ inbox, backLink }: { inbox: Inbox; backLink: ReactNode }) {
  const [draft, setDraft] = useState<Draft>(() => draftOf(inbox));
  const [saved, setSaved] = useState<Draft>(() => draftOf(inbox));
  const [showErrors, setShowErrors] = useState(false);
  const update = useUpdateInbox(inbox.id);
  const rotate = useUpdateInbox(inbox.id);
  const [isConfirmingRotate, setIsConfirmingRotate] = useState(false);
  const identityToggle = useRef<HTMLInputElement>(null);
  const zones = useMemo(
    () => timeZones(inbox.settings.businessHours?.timeZone),
    [inbox.settings.businessHours],
  );
  const colourId = useId();

  const isDirty = JSON.stringify(draft) !== JSON.stringify(saved);
  const clientErrors = validate(draft);
  const errors = showErrors ? clientErrors : {};
  const serverErrors = formErrors(update.error, ['name']);
  const settings = draft.settings;

  const change = (next: Partial<Draft>) => {
    setDraft((current) => ({ ...current, ...next }));
    if (update.isSuccess || update.isError) {
      update.reset();
    }
  };
  const changeSettings = (next: Partial<InboxSettings>) =>
    change({ settings: { ...draft.settings, ...next } });
  const changePreChat = (next: Partial<InboxSettings['preChatForm']>) =>
    changeSettings({ preChatForm: { ...settings.preChatForm, ...next } });
  const changeHours = (next: BusinessHours | null) => changeSettings({ businessHours: next });
  const changeDay = (index: number, next: Partial<BusinessHours['days'][number]>) => {
    const hours = settings.businessHours;
    if (hours) {
      changeHours({ ...hours, days: hours.days.map((row, i) => (i === index ? { ...row, ...next } : row)) });
    }
  };

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setShowErrors(true);
    if (Object.keys(clientErrors).length > 0) {
      return;
    }
    const body: InboxUpdate = {
      name: draft.name.trim(),
      settings: {
        ...draft.settings,
        preChatForm: {
          ...draft.settings.preChatForm,
          consentText: draft.settings.preChatForm.consentText?.trim() || null,
        },
      },
      requireIdentityVerification: draft.requireIdentityVerification,
    };
    update.mutate(body, {
      onSuccess: (result) => {
        setDraft(draftOf(result));
        setSaved(draftOf(result));
        setShowErrors(false);
      },
    });
  };

  return (
    <form onSubmit={onSubmit} noValidate>
      <PageHeader title={inbox.name} description={backLink} />
      <PageBody>
        <Section id="inbox-general" title="Inbox">
          <div className="grid max-w-xl gap-4">
            <TextField
              label="Name"
              name="name"
              autoComplete="off"
              required
              maxLength={100}
              value={draft.name}
              onChange={(event) => change({ name: event.target.value })}
              error={errors.name ?? serverErrors.fields.name}
              hint="Shown at the top of the chat window."
            />
          </div>
        </Section>

        <Section
          id="inbox-install"
          title="Installation"
          description="Paste this snippet before </body> on every page where the chat should appear."
        >
          <div className="grid gap-4">
            <CopyBox label="Installation snippet" value={inbox.snippet} isMultiline selectOnMount={false} />
            <IdentityAdvice
              isRequired={inbox.requireIdentityVerification}
              onSetUp={() => {
                identityToggle.current?.scrollIntoView({ block: 'center' });
                identityToggle.current?.focus({ preventScroll: true });
              }}
            />
          </div>
        </Section>

        <Section
          id="inbox-appearance"
          title="Appearance"
          description="How the chat launcher looks on your website."
        >
          <div className="grid max-w-xl grid-cols-2 gap-4">
            <div className="flex flex-col gap-1.5">
              <label htmlFor={colourId} className="font-medium text-[0.8125rem] text-fg">
                Colour
              </label>
              <div className="flex items-center gap-2">
                <input
                  type="color"
                  aria-label="Pick a colour"
                  value={HEX_COLOUR.test(settings.color) ? settings.color : '#000000'}
                  onChange={(event) => changeSettings({ color: event.target.value })}
                  className="h-9 w-11 shrink-0 cursor-pointer rounded-control border border-line-strong bg-surface p-1"
                />
                <input
                  id={colourId}
                  value={settings.color}
                  onChange={(event) => changeSettings({ color: event.target.value.trim() })}
                  aria-invalid={errors.color ? true : undefined}
                  aria-describedby={errors.color ? `${colourId}-error` : undefined}
                  spellCheck={false}
                  maxLength={7}
                  className="h-9 w-full min-w-0 rounded-control border border-line-strong bg-surface px-3 font-mono text-fg text-sm shadow-card focus:border-accent focus:outline-none focus:ring-3 focus:ring-accent/25 aria-invalid:border-danger"
                />
              </div>
              {errors.color ? (
                <p id={`${colourId}-error`} className="text-danger-text text-xs">
                  {errors.color}
                </p>
              ) : null}
            </div>
            <SelectField
              label="Position"
              value={settings.position}
              onChange={(event) =>
                changeSettings({ position: event.target.value as InboxSettings['position'] })
              }
            >
              <option value="right">Bottom right</option>
              <option value="left">Bottom left</option>
            </SelectField>
          </div>
          <LauncherPreview
            color={HEX_COLOUR.test(settings.color) ? settings.color : '#888888'}
            position={settings.position}
          />
        </Section>

        <Section
          id="inbox-messages"
          title="Messages"
          description="What visitors read when they open the chat."
        >
          <div className="grid max-w-xl gap-4">
            <TextAreaField
              label="Greeting"
              rows={2}
              maxLength={500}
              value={settings.greeting}
              onChange={(event) => changeSettings({ greeting: event.target.value })}
            />
            <TextField
              label="Team availability"
              maxLength={200}
              value={settings.teamAvailability}
              onChange={(event) => changeSettings({ teamAvailability: event.target.value })}
              hint="For example “We typically reply in a few minutes.”"
            />
            <TextAreaField
              label="Offline message"
              rows={2}
              maxLength={500}
              value={settings.offlineMessage}
              onChange={(event) => changeSettings({ offlineMessage: event.target.value })}
              hint="Shown outside business hours."
            />
          </div>
        </Section>

        <Section
          id="inbox-prechat"
          title="Pre-chat form"
          description="Ask visitors who they are before their first message."
        >
          <div className="grid max-w-xl gap-3">
            <CheckboxField
              label="Show a pre-chat form"
              checked={settings.preChatForm.enabled}
              onChange={(event) => changePreChat({ enabled: event.target.checked })}
            />
            <fieldset
              disabled={!settings.preChatForm.enabled}
              className="grid gap-3 pl-6.5 disabled:opacity-60"
            >
              <legend className="sr-only">Pre-chat form fields</legend>
              <CheckboxField
                label="Require name"
                checked={settings.preChatForm.requireName}
                onChange={(event) => changePreChat({ requireName: event.target.checked })}
              />
              <CheckboxField
                label="Require email"
                checked={settings.preChatForm.requireEmail}
                onChange={(event) => changePreChat({ requireEmail: event.target.checked })}
              />
              <TextAreaField
                label="Consent text"
                rows={2}
                maxLength={1000}
                placeholder="e.g. I agree to the privacy policy."
                value={settings.preChatForm.consentText ?? ''}
                onChange={(event) => changePreChat({ consentText: event.target.value })}
                hint="Leave empty to ask for no consent."
              />
            </fieldset>
          </div>
        </Section>

        <Section
          id="inbox-hours"
          title="Business hours"
          description="Outside these hours the widget shows your offline message."
        >
          <BusinessHoursEditor
            hours={settings.businessHours}
            zones={zones}
            errors={errors}
            onChange={changeHours}
            onChangeDay={changeDay}
          />
        </Section>

        <Section id="inbox-attachments" title="Attachments">
          <CheckboxField
            label="Visitors can send attachments"
            hint="Images, PDFs, text and office documents up to 10 MB. Your team can always attach files."
            checked={settings.attachments.enabled}
            onChange={(event) => changeSettings({ attachments: { enabled: event.target.checked } })}
          />
        </Section>

        <Section
          id="inbox-resolved"
          title="Replies to resolved conversations"
          description="What happens when a visitor writes again in a conversation your team resolved."
        >
          <ReplyToResolvedChoice
            value={settings.replyToResolved}
            onChange={(replyToResolved) => changeSettings({ replyToResolved })}
          />
        </Section>

        <Section
          id="inbox-identity"
          title="Identity verification"
          description="Proves that a visitor who says they are one of your signed-in users really is."
        >
          <div className="grid max-w-2xl gap-4">
            <CheckboxField
              ref={identityToggle}
              label="Require identity verification"
              hint="Parley.identify() is refused unless userHash is HMAC-SHA256(identity secret, userId) in hex, computed on your server."
              checked={draft.requireIdentityVerification}
              onChange={(event) => change({ requireIdentityVerification: event.target.checked })}
            />
            {inbox.identitySecret ? (
              <CopyBox
                label="Identity secret"
                value={inbox.identitySecret}
                isSecret
                selectOnMount={false}
                hint="Keep it on your server; never put it in your website's code."
              />
            ) : null}
            <div className="flex flex-wrap items-center gap-3">
              <Button size="sm" icon={RefreshCw} onClick={() => setIsConfirmingRotate(true)}>
                Rotate secret
              </Button>
              {rotate.isSuccess ? (
                <span role="status" className="text-success-text text-xs">
                  A new secret is in place.
                </span>
              ) : null}
            </div>
            <ConfirmDialog
              isOpen={isConfirmingRotate}
              onClose={() => {
                setIsConfirmingRotate(false);
                rotate.reset();
              }}
              onConfirm={() =>
                rotate.mutate(
                  { rotateIdentitySecret: true },
                  { onSuccess: () => setIsConfirmingRotate(false) },
                )
              }
              title="Rotate the identity secret?"
              description="User hashes made with the current secret stop working right away. Update your server with the new secret."
              confirmLabel="Rotate secret"
              isPending={rotate.isPending}
              error={rotate.isError ? errorMessage(rotate.error) : null}
            />
          </div>
        </Section>
      </PageBody>

      <div className="sticky bottom-0 z-10 border-line border-t bg-surface/95 backdrop-blur-sm">
        <div className="mx-auto flex w-full max-w-5xl items-center justify-end gap-3 px-6 py-3 xl:px-8">
          <div className="min-w-0 flex-1" aria-live="polite">
            {update.isSuccess && !isDirty ? (
              <Alert tone="success" className="py-1.5">
                Settings saved. The widget picks them up on its next page load.
              </Alert>
            ) : showErrors && Object.keys(clientErrors).length > 0 ? (
              <Alert className="py-1.5">Fix the highlighted fields, then save again.</Alert>
            ) : serverErrors.form ? (
              <Alert className="py-1.5">{serverErrors.form}</Alert>
            ) : isDirty ? (
              <p className="text-fg-muted text-xs">You have unsaved changes.</p>
            ) : null}
          </div>
          <Button
            onClick={() => {
              setDraft(saved);
              setShowErrors(false);
              update.reset();
            }}
            disabled={!isDirty || update.isPending}
          >
            Discard
          </Button>
          <Button type="submit" variant="primary" isPending={update.isPending}>
            Save
          </Button>
        </div>
      </div>
    </form>
  );
}

function LauncherPreview({ color, position }: { color: string; position: 'right' | 'left' }) {
  return (
    <div
      aria-hidden
      className="mt-4 flex h-20 max-w-xl items-end rounded-card border border-line border-dashed bg-canvas p-3"
    >
      <span
        className={`flex size-10 items-center justify-center rounded-full shadow-popover ${position === 'right' ? 'ml-auto' : ''}`}
        style={{ backgroundColor: color }}
      >
        <MessageSquare aria-hidden className="size-5 text-white" />
      </span>
    </div>
  );
}

type HoursProps = {
  hours: BusinessHours | null;
  zones: string[];
  errors: Record<string, string>;
  onChange: (hours: BusinessHours | null) => void;
  onChangeDay: (index: number, next: Partial<BusinessHours['days'][number]>) => void;
};

const REPLY_TO_RESOLVED: { value: InboxSettings['replyToResolved']; label: string; hint: string }[] = [
  {
    value: 'reopen',
    label: 'Reopen the conversation',
    hint: 'The reply lands in the same conversation, with its history, and it opens again.',
  },
  {
    value: 'new_conversation',
    label: 'Start a new conversation',
    hint: 'The resolved conversation stays resolved; the visitor can still read it in the widget.',
  },
];

function ReplyToResolvedChoice({
  value,
  onChange,
}: {
  value: InboxSettings['replyToResolved'];
  onChange: (value: InboxSettings['replyToResolved']) => void;
}) {
  const name = useId();
  return (
    <fieldset className="grid max-w-xl gap-3">
      <legend className="sr-only">When a visitor replies to a resolved conversation</legend>
      {REPLY_TO_RESOLVED.map((option) => (
        <label key={option.value} className="flex cursor-pointer items-start gap-2.5">
          <input
            type="radio"
            name={name}
            value={option.value}
            checked={value === option.value}
            onChange={() => onChange(option.value)}
            className="mt-0.5 size-4 shrink-0 accent-accent"
          />
          <span className="grid gap-0.5">
            <span className="font-medium text-[0.8125rem] text-fg">{option.label}</span>
            <span className="text-fg-muted text-xs">{option.hint}</span>
          </span>
        </label>
      ))}
    </fieldset>
  );
}

function BusinessHoursEditor({ hours, zones, errors, onChange, onChangeDay }: HoursProps) {
  const name = useId();
  return (
    <div className="space-y-4">
      <fieldset className="flex flex-wrap gap-x-6 gap-y-2">
        <legend className="sr-only">When the team is available</legend>
        <label className="flex cursor-pointer items-center gap-2 font-medium text-[0.8125rem]">
          <input
            type="radio"
            name={name}
            checked={hours === null}
            onChange={() => onChange(null)}
            className="size-4 accent-accent"
          />
          Always open
        </label>
        <label className="flex cursor-pointer items-center gap-2 font-medium text-[0.8125rem]">
          <input
            type="radio"
            name={name}
            checked={hours !== null}
            onChange={() => onChange(hours ?? DEFAULT_HOURS())}
            className="size-4 accent-accent"
          />
          Set business hours
        </label>
      </fieldset>
      {hours ? (
        <div className="max-w-xl space-y-3">
          <SelectField
            label="Time zone"
            value={hours.timeZone}
            onChange={(event) => onChange({ ...hours, timeZone: event.target.value })}
          >
            {zones.map((zone) => (
              <option key={zone} value={zone}>
                {zone.replaceAll('_', ' ')}
              </option>
            ))}
          </SelectField>
          {hours.days.length === 0 ? (
            <p className="text-fg-muted text-xs">
              No hours yet: the widget counts as always open until you add some.
            </p>
          ) : (
            <table className="w-full text-left text-sm">
              <caption className="sr-only">Opening hours</caption>
              <thead>
                <tr className="text-fg-subtle text-xs">
                  <th scope="col" className="pb-1 font-medium">
                    Day
                  </th>
                  <th scope="col" className="pb-1 font-medium">
                    Opens
                  </th>
                  <th scope="col" className="pb-1 font-medium">
                    Closes
                  </th>
                  <th scope="col" className="w-px pb-1">
                    <span className="sr-only">Remove</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {hours.days.map((row, index) => (
                  <DayRow
                    // Rows have no id; the index is their identity while editing.
                    // biome-ignore lint/suspicious/noArrayIndexKey: rows are edited in place, never reordered
                    key={index}
                    row={row}
                    index={index}
                    error={errors[`day-${index}`]}
                    onChange={(next) => onChangeDay(index, next)}
                    onRemove={() => onChange({ ...hours, days: hours.days.filter((_, i) => i !== index) })}
                  />
                ))}
              </tbody>
            </table>
          )}
          <Button
            size="sm"
            icon={Plus}
            disabled={hours.days.length >= 14}
            onClick={() => {
              const lastDay = hours.days.at(-1)?.day ?? 0;
              onChange({
                ...hours,
                days: [...hours.days, { day: (lastDay + 1) % 7, open: '09:00', close: '17:00' }],
              });
            }}
          >
            Add hours
          </Button>
        </div>
      ) : (
        <p className="text-fg-muted text-xs">The widget always shows your team as available.</p>
      )}
    </div>
  );
}

type DayRowProps = {
  row: BusinessHours['days'][number];
  index: number;
  error: string | undefined;
  onChange: (next: Partial<BusinessHours['days'][number]>) => void;
  onRemove: () => void;
};

const timeInputClass =
  'h-9 w-full rounded-control border border-line-strong bg-surface px-2.5 text-fg text-sm shadow-card focus:border-accent focus:outline-none focus:ring-3 focus:ring-accent/25 aria-invalid:border-danger';

function DayRow({ row, index, error, onChange, onRemove }: DayRowProps) {
  const errorId = useId();
  const label = `row ${index + 1}`;
  return (
    <>
      <tr>
        <td className="py-1 pr-2">
          <Select
            aria-label={`Day, ${label}`}
            value={row.day}
            onChange={(event) => onChange({ day: Number(event.target.value) })}
          >
            {DAYS.map((day, value) => (
              <option key={day} value={value}>
                {day}
              </option>
            ))}
          </Select>
        </td>
        <td className="py-1 pr-2">
          <input
            type="time"
            aria-label={`Opens, ${label}`}
            value={row.open}
            required
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? errorId : undefined}
            onChange={(event) => onChange({ open: event.target.value })}
            className={timeInputClass}
          />
        </td>
        <td className="py-1 pr-2">
          <input
            type="time"
            aria-label={`Closes, ${label}`}
            value={row.close}
            required
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? errorId : undefined}
            onChange={(event) => onChange({ close: event.target.value })}
            className={timeInputClass}
          />
        </td>
        <td className="py-1">
          <Button
            variant="danger-subtle"
            size="sm"
            icon={Trash2}
            aria-label={`Remove ${DAYS[row.day] ?? 'day'}, ${label}`}
            onClick={onRemove}
          />
        </td>
      </tr>
      {error ? (
        <tr>
          <td colSpan={4} id={errorId} className="pb-1 text-danger-text text-xs">
            {error}
          </td>
        </tr>
      ) : null}
    </>
  );
}

/**
 * Beside the snippet, because that is where a site's team decides how to call identify(): without a
 * hash it is a claim anyone can make in their own browser.
 */
function IdentityAdvice({ isRequired, onSetUp }: { isRequired: boolean; onSetUp: () => void }) {
  if (isRequired) {
    return (
      <Alert tone="success" title="Identity verification is on">
        Parley.identify() is accepted only with a valid userHash, so nobody can pose as one of your users.
      </Alert>
    );
  }
  return (
    <Alert tone="warning" title="Recommended: verify your users’ identity">
      <p>
        If visitors sign in to your site, call Parley.identify() with a userHash computed on your server, then
        turn on Require identity verification. Without a hash, a user id is only a claim: it is never joined
        to a verified user’s conversations, and a visitor’s history does not follow them to another device.
      </p>
      <button
        type="button"
        onClick={onSetUp}
        className="mt-1 cursor-pointer font-medium underline underline-offset-2"
      >
        Set up identity verification
      </button>
    </Alert>
  );
}
