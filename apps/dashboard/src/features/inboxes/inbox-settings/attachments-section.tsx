import { CheckboxField } from '../../../components/field';
import { Section } from '../../../components/page';
import type { InboxDraft } from './use-inbox-draft';

export function AttachmentsSection({ form }: { form: InboxDraft }) {
  return (
    <Section id="inbox-attachments" title="Attachments">
      <CheckboxField
        label="Visitors can send attachments"
        hint="Images, PDFs, text and office documents up to 10 MB. Your team can always attach files."
        checked={form.settings.attachments.enabled}
        onChange={(event) => form.changeSettings({ attachments: { enabled: event.target.checked } })}
      />
    </Section>
  );
}
