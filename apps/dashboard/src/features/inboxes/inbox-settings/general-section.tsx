import { TextField } from '../../../components/field';
import { Section } from '../../../components/page';
import type { InboxDraft } from './use-inbox-draft';

export function GeneralSection({ form }: { form: InboxDraft }) {
  return (
    <Section id="inbox-general" title="Inbox">
      <div className="grid max-w-xl gap-4">
        <TextField
          label="Name"
          name="name"
          autoComplete="off"
          required
          maxLength={100}
          value={form.draft.name}
          onChange={(event) => form.change({ name: event.target.value })}
          error={form.errors.name ?? form.serverErrors.fields.name}
          hint="Shown at the top of the chat window."
        />
      </div>
    </Section>
  );
}
