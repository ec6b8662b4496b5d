import { TextAreaField, TextField } from '../../../components/field';
import { Section } from '../../../components/page';
import type { InboxDraft } from './use-inbox-draft';

export function MessagesSection({ form }: { form: InboxDraft }) {
  const { settings, changeSettings } = form;
  return (
    <Section id="inbox-messages" title="Messages" description="What visitors read when they open the chat.">
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
  );
}
