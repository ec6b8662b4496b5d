import { useState } from 'preact/hooks';
import { isEmail } from './format.ts';
import { type ChatState, type ChatStore, errorMessage } from './store.ts';

/** Shown while the team is away: the inbox's message and a way to be told of the reply by email. */
export function OfflineNotice({ store, state }: { store: ChatStore; state: ChatState }) {
  const [email, setEmail] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [isSaving, setSaving] = useState(false);

  async function submit(event: Event) {
    event.preventDefault();
    const value = email.trim();
    if (!isEmail(value)) {
      setError('Enter a valid email address, like name@example.com.');
      return;
    }
    setSaving(true);
    setError(null);
    try {
      await store.leaveEmail(value);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setSaving(false);
    }
  }

  return (
    <section class="offline" aria-label="The team is away">
      <p>
        {state.inbox.offlineMessage || 'We’re away right now. Leave a message and we’ll get back to you.'}
      </p>
      {state.contact.email ? (
        <p class="muted" role="status">
          We’ll notify you at <strong>{state.contact.email}</strong>.
        </p>
      ) : (
        <form class="notify" noValidate onSubmit={(e) => void submit(e)}>
          <label for="pc-notify">Email</label>
          <div class="inline">
            <input
              id="pc-notify"
              type="email"
              autoComplete="email"
              placeholder="name@example.com"
              value={email}
              aria-invalid={error ? 'true' : undefined}
              aria-describedby={error ? 'pc-notify-error' : undefined}
              onInput={(e) => setEmail(e.currentTarget.value)}
            />
            <button type="submit" class="primary" disabled={isSaving}>
              Notify me
            </button>
          </div>
          {error && (
            <p id="pc-notify-error" class="field-error" role="alert">
              {error}
            </p>
          )}
        </form>
      )}
    </section>
  );
}
