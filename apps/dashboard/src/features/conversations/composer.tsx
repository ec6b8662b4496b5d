import { Lock, MessageSquare, Paperclip, SendHorizontal, X } from 'lucide-react';
import { type FormEvent, type KeyboardEvent, useId, useRef, useState } from 'react';
import { errorMessage, isApiError } from '../../api/api-error';
import { useAgentTyping, useSendMessage, useUploadAttachment } from '../../api/conversations';
import type { Attachment } from '../../api/types';
import { Alert } from '../../components/alert';
import { Button } from '../../components/button';
import { Spinner } from '../../components/states';
import { formatBytes } from './format';

const MAX_FILE_BYTES = 10 * 1024 * 1024;
const MAX_FILES = 10;

type Mode = 'reply' | 'note';

type Upload =
  | { key: string; name: string; state: 'uploading' }
  | { key: string; name: string; state: 'done'; attachment: Attachment }
  | { key: string; name: string; state: 'failed'; error: string };

function uploadError(file: File, error: unknown): string {
  if (isApiError(error) && error.status === 413) {
    return `“${file.name}” is too large: files can be at most 10 MB.`;
  }
  if (isApiError(error) && error.status === 415) {
    return `“${file.name}” can’t be attached. ${error.message}`;
  }
  return `“${file.name}” couldn’t be uploaded. ${errorMessage(error)}`;
}

/** Reply to the visitor or leave a private note for the team, with attachments. */
export function Composer({ conversationId }: { conversationId: string }) {
  const [mode, setMode] = useState<Mode>('reply');
  const [text, setText] = useState('');
  const [uploads, setUploads] = useState<Upload[]>([]);
  const send = useSendMessage(conversationId);
  const upload = useUploadAttachment();
  const typing = useAgentTyping(conversationId);
  const textareaId = useId();
  const hintId = useId();
  const fileInputRef = useRef<HTMLInputElement>(null);
  const textareaRef = useRef<HTMLTextAreaElement>(null);
  const nextKey = useRef(0);

  const isNote = mode === 'note';
  const isUploading = uploads.some((item) => item.state === 'uploading');
  const attachments = uploads.flatMap((item) => (item.state === 'done' ? [item.attachment] : []));
  const canSend = (text.trim() !== '' || attachments.length > 0) && !isUploading && !send.isPending;

  const submit = () => {
    if (!canSend) {
      return;
    }
    typing.stop();
    send.mutate(
      { text: text.trim(), isPrivate: isNote, attachmentIds: attachments.map((item) => item.id) },
      {
        onSuccess: () => {
          setText('');
          setUploads([]);
          textareaRef.current?.focus();
        },
      },
    );
  };

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    submit();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    // Enter sends; Shift+Enter is a new line; Enter that confirms an IME composition is neither.
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      submit();
    }
  };

  const onText = (value: string) => {
    setText(value);
    if (send.isError) {
      send.reset();
    }
    // Private notes stay private: the visitor is not told someone is typing one.
    if (!isNote && value.trim() !== '') {
      typing.typed();
    }
  };

  const switchMode = (next: Mode) => {
    if (next === 'note') {
      typing.stop();
    }
    setMode(next);
    textareaRef.current?.focus();
  };

  const addFiles = (files: FileList | null) => {
    const chosen = [...(files ?? [])].slice(0, Math.max(0, MAX_FILES - uploads.length));
    for (const file of chosen) {
      const key = `upload-${nextKey.current++}`;
      if (file.size > MAX_FILE_BYTES) {
        setUploads((current) => [
          ...current,
          {
            key,
            name: file.name,
            state: 'failed',
            error: `“${file.name}” is too large: files can be at most 10 MB.`,
          },
        ]);
        continue;
      }
      setUploads((current) => [...current, { key, name: file.name, state: 'uploading' }]);
      upload.mutateAsync(file).then(
        (attachment) =>
          setUploads((current) =>
            current.map((item) =>
              item.key === key ? { key, name: file.name, state: 'done', attachment } : item,
            ),
          ),
        (error: unknown) =>
          setUploads((current) =>
            current.map((item) =>
              item.key === key
                ? { key, name: file.name, state: 'failed', error: uploadError(file, error) }
                : item,
            ),
          ),
      );
    }
    if (fileInputRef.current) {
      fileInputRef.current.value = '';
    }
  };

  const removeUpload = (key: string) => setUploads((current) => current.filter((item) => item.key !== key));
  const failures = uploads.flatMap((item) => (item.state === 'failed' ? [item] : []));

  return (
    <form onSubmit={onSubmit} className="shrink-0 border-line border-t bg-surface px-5 pt-2.5 pb-4">
      <div className="mx-auto max-w-3xl">
        <fieldset className="mb-2 inline-flex rounded-control bg-surface-muted p-0.5">
          <legend className="sr-only">Message type</legend>
          <ModeButton isActive={!isNote} icon={MessageSquare} onClick={() => switchMode('reply')}>
            Reply
          </ModeButton>
          <ModeButton isActive={isNote} icon={Lock} onClick={() => switchMode('note')}>
            Private note
          </ModeButton>
        </fieldset>
        <div
          className={`rounded-card border shadow-card transition-colors focus-within:ring-3 ${
            isNote
              ? 'border-warning-text/40 bg-warning-soft focus-within:ring-warning-text/20'
              : 'border-line-strong bg-surface focus-within:border-accent focus-within:ring-accent/25'
          }`}
        >
          <label htmlFor={textareaId} className="sr-only">
            Reply
          </label>
          <textarea
            ref={textareaRef}
            id={textareaId}
            rows={3}
            value={text}
            onChange={(event) => onText(event.target.value)}
            onKeyDown={onKeyDown}
            onBlur={() => typing.stop()}
            aria-describedby={hintId}
            placeholder={isNote ? 'Write a note only your team can see…' : 'Write a reply to the visitor…'}
            className="block max-h-60 min-h-[4.5rem] w-full resize-y bg-transparent px-3.5 pt-2.5 text-fg text-sm placeholder:text-fg-subtle focus:outline-none"
          />
          {uploads.some((item) => item.state !== 'failed') ? (
            <ul aria-label="Attachments" className="flex flex-wrap gap-1.5 px-3 pb-1">
              {uploads.map((item) =>
                item.state === 'failed' ? null : (
                  <li
                    key={item.key}
                    className="inline-flex max-w-56 items-center gap-1.5 rounded-control border border-line bg-surface-muted py-0.5 pr-0.5 pl-2 text-xs"
                  >
                    {item.state === 'uploading' ? (
                      <Spinner className="size-3.5" />
                    ) : (
                      <Paperclip aria-hidden className="size-3.5 text-fg-subtle" />
                    )}
                    <span className="min-w-0 truncate">{item.name}</span>
                    {item.state === 'done' ? (
                      <span className="shrink-0 text-fg-subtle">{formatBytes(item.attachment.size)}</span>
                    ) : (
                      <span className="sr-only">uploading</span>
                    )}
                    <button
                      type="button"
                      onClick={() => removeUpload(item.key)}
                      aria-label={`Remove ${item.name}`}
                      className="rounded p-0.5 text-fg-subtle hover:bg-surface-hover hover:text-fg"
                    >
                      <X aria-hidden className="size-3.5" />
                    </button>
                  </li>
                ),
              )}
            </ul>
          ) : null}
          <div className="flex items-center gap-2 px-2 pb-2">
            <input
              ref={fileInputRef}
              type="file"
              multiple
              tabIndex={-1}
              aria-hidden
              className="hidden"
              onChange={(event) => addFiles(event.target.files)}
            />
            <Button
              variant="ghost"
              size="sm"
              icon={Paperclip}
              onClick={() => fileInputRef.current?.click()}
              disabled={uploads.length >= MAX_FILES}
            >
              Attach
            </Button>
            <p id={hintId} className="min-w-0 flex-1 truncate text-fg-subtle text-xs">
              {isNote ? (
                <span className="font-medium text-warning-text">Private note · only your team sees it. </span>
              ) : null}
              <span className="hidden xl:inline">Enter to send, Shift+Enter for a new line</span>
            </p>
            <Button
              type="submit"
              variant="primary"
              size="sm"
              icon={SendHorizontal}
              disabled={!canSend}
              isPending={send.isPending}
            >
              Send
            </Button>
          </div>
        </div>
        {failures.length > 0 ? (
          <div className="mt-2 space-y-1.5">
            {failures.map((item) => (
              <div key={item.key} className="flex items-start gap-2">
                <Alert className="flex-1 py-1.5">{item.error}</Alert>
                <Button
                  variant="ghost"
                  size="sm"
                  aria-label={`Dismiss error about ${item.name}`}
                  onClick={() => removeUpload(item.key)}
                >
                  <X aria-hidden className="size-3.5" />
                </Button>
              </div>
            ))}
          </div>
        ) : null}
        {send.isError ? <Alert className="mt-2">{errorMessage(send.error)}</Alert> : null}
      </div>
    </form>
  );
}

function ModeButton({
  isActive,
  icon: Icon,
  onClick,
  children,
}: {
  isActive: boolean;
  icon: typeof Lock;
  onClick: () => void;
  children: string;
}) {
  return (
    <button
      type="button"
      aria-pressed={isActive}
      onClick={onClick}
      className={`inline-flex h-7 items-center gap-1.5 rounded-[0.3125rem] px-2.5 font-medium text-[0.8125rem] transition-colors ${
        isActive
          ? children === 'Private note'
            ? 'bg-warning-soft text-warning-text shadow-card'
            : 'bg-surface text-fg shadow-card'
          : 'text-fg-muted hover:text-fg'
      }`}
    >
      <Icon aria-hidden className="size-3.5" />
      {children}
    </button>
  );
}
