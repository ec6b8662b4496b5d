import { useRef, useState } from 'preact/hooks';
import type { Attachment } from '../shared/types.ts';
import { Icon } from './icons.tsx';
import { type ChatState, type ChatStore, errorMessage } from './store.ts';

const MAX_FILE_BYTES = 10 * 1024 * 1024;
const ACCEPT =
  'image/png,image/jpeg,image/gif,image/webp,application/pdf,text/plain,text/csv,.doc,.docx,.xls,.xlsx,.ppt,.pptx,.odt,.ods,.odp,.zip';

export function Composer({ store, state }: { store: ChatStore; state: ChatState }) {
  const [text, setText] = useState('');
  const [attachments, setAttachments] = useState<Attachment[]>([]);
  const [uploading, setUploading] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const textarea = useRef<HTMLTextAreaElement>(null);

  function fit() {
    const el = textarea.current;
    if (el) {
      el.style.height = 'auto';
      el.style.height = `${Math.min(el.scrollHeight, 120)}px`;
    }
  }

  async function attach(files: File[]) {
    setError(null);
    for (const file of files) {
      if (file.size > MAX_FILE_BYTES) {
        setError(`“${file.name}” is larger than 10 MB.`);
        continue;
      }
      setUploading((names) => [...names, file.name]);
      try {
        const attachment = await store.upload(file);
        setAttachments((list) => [...list, attachment]);
      } catch (err) {
        setError(`“${file.name}” could not be attached: ${errorMessage(err)}`);
      } finally {
        setUploading((names) => names.filter((n) => n !== file.name));
      }
    }
  }

  function submit(event?: Event) {
    event?.preventDefault();
    const value = text.trim();
    if ((!value && attachments.length === 0) || uploading.length > 0) {
      return;
    }
    store.send(value, attachments);
    setText('');
    setAttachments([]);
    setError(null);
    requestAnimationFrame(fit);
  }

  function onKeyDown(event: KeyboardEvent) {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      submit();
    }
  }

  function onPaste(event: ClipboardEvent) {
    const files = [...(event.clipboardData?.files ?? [])];
    if (files.length > 0 && state.inbox.attachmentsEnabled) {
      event.preventDefault();
      void attach(files);
    }
  }

  return (
    <form class="composer" onSubmit={submit}>
      {error && (
        <p class="field-error composer-error" role="alert">
          {error}
        </p>
      )}
      {(attachments.length > 0 || uploading.length > 0) && (
        <ul class="chips" aria-label="Attachments">
          {attachments.map((a) => (
            <li key={a.id} class="chip">
              <span class="chip-name">{a.filename}</span>
              <button
                type="button"
                class="icon small"
                aria-label={`Remove ${a.filename}`}
                onClick={() => setAttachments((list) => list.filter((x) => x.id !== a.id))}
              >
                <Icon name="x" />
              </button>
            </li>
          ))}
          {uploading.map((name) => (
            <li key={`uploading-${name}`} class="chip muted" role="status">
              Uploading {name}…
            </li>
          ))}
        </ul>
      )}
      <div class="composer-row">
        <label for="pc-message" class="sr-only">
          Message
        </label>
        <textarea
          id="pc-message"
          ref={textarea}
          rows={1}
          placeholder="Write a message…"
          value={text}
          data-autofocus
          onInput={(e) => {
            setText(e.currentTarget.value);
            fit();
            store.typing();
          }}
          onKeyDown={onKeyDown}
          onPaste={onPaste}
        />
        {state.inbox.attachmentsEnabled && (
          <>
            <button
              type="button"
              class="icon"
              aria-label="Attach a file"
              onClick={() => fileInput.current?.click()}
            >
              <Icon name="paperclip" />
            </button>
            <input
              ref={fileInput}
              type="file"
              accept={ACCEPT}
              multiple
              hidden
              tabIndex={-1}
              aria-hidden="true"
              onChange={(e) => {
                const files = [...(e.currentTarget.files ?? [])];
                e.currentTarget.value = '';
                void attach(files);
              }}
            />
          </>
        )}
        <button type="submit" class="icon send" aria-label="Send" disabled={uploading.length > 0}>
          <Icon name="send" />
        </button>
      </div>
    </form>
  );
}
