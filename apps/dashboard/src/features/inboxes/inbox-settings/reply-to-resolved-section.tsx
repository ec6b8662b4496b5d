import { useId } from 'react';
import type { InboxSettings } from '../../../api/types';
import { Section } from '../../../components/page';
import type { InboxDraft } from './use-inbox-draft';

export function ReplyToResolvedSection({ form }: { form: InboxDraft }) {
  return (
    <Section
      id="inbox-resolved"
      title="Replies to resolved conversations"
      description="What happens when a visitor writes again in a conversation your team resolved."
    >
      <ReplyToResolvedChoice
        value={form.settings.replyToResolved}
        onChange={(replyToResolved) => form.changeSettings({ replyToResolved })}
      />
    </Section>
  );
}

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
