import type { ComponentChildren } from 'preact';
import { useRef, useState } from 'preact/hooks';
import { isEmail } from './format.ts';
import { type ChatState, type ChatStore, errorMessage } from './store.ts';

type FieldName = 'name' | 'email' | 'message' | 'consent';

/** Asked before the first message when the inbox wants to know who is writing. */
export function PreChatForm({ store, state }: { store: ChatStore; state: ChatState }) {
  const settings = state.inbox.preChatForm;
  const [name, setName] = useState(state.contact.name ?? '');
  const [email, setEmail] = useState('');
  const [message, setMessage] = useState('');
  const [consent, setConsent] = useState(false);
  const [errors, setErrors] = useState<Partial<Record<FieldName, string>>>({});
  const [submitError, setSubmitError] = useState<string | null>(null);
  const [isSubmitting, setSubmitting] = useState(false);
  const form = useRef<HTMLFormElement>(null);

  function validate() {
    const found: Partial<Record<FieldName, string>> = {};
    if (settings.requireName && !name.trim()) {
      found.name = 'Enter your name.';
    }
    if (settings.requireEmail && !email.trim()) {
      found.email = 'Enter your email address.';
    } else if (email.trim() && !isEmail(email.trim())) {
      found.email = 'Enter a valid email address, like name@example.com.';
    }
    if (!message.trim()) {
      found.message = 'Write your message.';
    }
    if (settings.consentText && !consent) {
      found.consent = 'Please agree to continue.';
    }
    return found;
  }

  async function submit(event: Event) {
    event.preventDefault();
    const found = validate();
    setErrors(found);
    const firstInvalid = Object.keys(found)[0];
    if (firstInvalid) {
      form.current?.querySelector<HTMLElement>(`[name="${firstInvalid}"]`)?.focus();
      return;
    }
    setSubmitting(true);
    setSubmitError(null);
    try {
      await store.startWithPreChat(message.trim(), {
        name: name.trim() || undefined,
        email: email.trim() || undefined,
        consent: settings.consentText ? consent : undefined,
      });
    } catch (err) {
      setSubmitError(errorMessage(err));
      setSubmitting(false);
    }
  }

  const describe = (field: FieldName) =>
    errors[field] ? { 'aria-invalid': 'true' as const, 'aria-describedby': `pc-${field}-error` } : {};

  return (
    <form ref={form} class="body pre-chat" noValidate onSubmit={(e) => void submit(e)}>
      {!state.inbox.isOnline && state.inbox.offlineMessage && (
        <p class="note">{state.inbox.offlineMessage}</p>
      )}
      <p class="intro">Tell us a little about yourself and we’ll get back to you.</p>
      <Field id="name" label="Name" isRequired={settings.requireName} error={errors.name}>
        <input
          id="pc-name"
          name="name"
          autoComplete="name"
          value={name}
          required={settings.requireName}
          data-autofocus
          onInput={(e) => setName(e.currentTarget.value)}
          {...describe('name')}
        />
      </Field>
      <Field id="email" label="Email" isRequired={settings.requireEmail} error={errors.email}>
        <input
          id="pc-email"
          name="email"
          type="email"
          autoComplete="email"
          value={email}
          required={settings.requireEmail}
          onInput={(e) => setEmail(e.currentTarget.value)}
          {...describe('email')}
        />
      </Field>
      <Field id="message" label="Message" isRequired error={errors.message}>
        <textarea
          id="pc-message"
          name="message"
          rows={3}
          value={message}
          required
          onInput={(e) => setMessage(e.currentTarget.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
              e.preventDefault();
              form.current?.requestSubmit();
            }
          }}
          {...describe('message')}
        />
      </Field>
      {settings.consentText && (
        <div class="field">
          <div class="consent">
            <input
              id="pc-consent"
              name="consent"
              type="checkbox"
              checked={consent}
              required
              onChange={(e) => setConsent(e.currentTarget.checked)}
              {...describe('consent')}
            />
            <label for="pc-consent">{settings.consentText}</label>
          </div>
          {errors.consent && (
            <p id="pc-consent-error" class="field-error">
              {errors.consent}
            </p>
          )}
        </div>
      )}
      {submitError && (
        <p class="field-error" role="alert">
          {submitError}
        </p>
      )}
      <button type="submit" class="primary wide" disabled={isSubmitting}>
        {isSubmitting ? 'Sending…' : 'Start conversation'}
      </button>
    </form>
  );
}

type FieldProps = {
  id: FieldName;
  label: string;
  isRequired: boolean;
  error: string | undefined;
  children: ComponentChildren;
};

function Field({ id, label, isRequired, error, children }: FieldProps) {
  return (
    <div class="field">
      <div class="label-row">
        <label for={`pc-${id}`}>{label}</label>
        {!isRequired && <span class="hint">Optional</span>}
      </div>
      {children}
      {error && (
        <p id={`pc-${id}-error`} class="field-error">
          {error}
        </p>
      )}
    </div>
  );
}
