import { CheckboxField, TextAreaField } from '../../../components/field';
import { Section } from '../../../components/page';
import type { InboxDraft } from './use-inbox-draft';

export function PreChatSection({ form }: { form: InboxDraft }) {
  const { preChatForm } = form.settings;
  const { changePreChat } = form;
  return (
    <Section
      id="inbox-prechat"
      title="Pre-chat form"
      description="Ask visitors who they are before their first message."
    >
      <div className="grid max-w-xl gap-3">
        <CheckboxField
          label="Show a pre-chat form"
          checked={preChatForm.enabled}
          onChange={(event) => changePreChat({ enabled: event.target.checked })}
        />
        <fieldset disabled={!preChatForm.enabled} className="grid gap-3 pl-6.5 disabled:opacity-60">
          <legend className="sr-only">Pre-chat form fields</legend>
          <CheckboxField
            label="Require name"
            checked={preChatForm.requireName}
            onChange={(event) => changePreChat({ requireName: event.target.checked })}
          />
          <CheckboxField
            label="Require email"
            checked={preChatForm.requireEmail}
            onChange={(event) => changePreChat({ requireEmail: event.target.checked })}
          />
          <TextAreaField
            label="Consent text"
            rows={2}
            maxLength={1000}
            placeholder="e.g. I agree to the privacy policy."
            value={preChatForm.consentText ?? ''}
            onChange={(event) => changePreChat({ consentText: event.target.value })}
            hint="Leave empty to ask for no consent."
          />
        </fieldset>
      </div>
    </Section>
  );
}
