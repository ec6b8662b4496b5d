import { fillCannedResponse, type TCannedValues } from '@parley/shared/canned-responses';
import { Lock, MessageSquare, Paperclip, SendHorizontal, Upload as UploadIcon, X } from 'lucide-react';
import {
  type ClipboardEvent,
  type DragEvent,
  type FormEvent,
  type KeyboardEvent,
  type Ref,
  useEffect,
  useId,
  useImperativeHandle,
  useRef,
  useState,
} from 'react';
import { errorMessage, isApiError } from '../../api/api-error';
import { useAgentTyping, useSendMessage, useUploadAttachment } from '../../api/conversations';
import { useMembers } from '../../api/members';
import type { Attachment, CannedResponse, Member } from '../../api/types';
import { Alert } from '../../components/alert';
import { Button } from '../../components/button';
import { Spinner } from '../../components/states';
import { CannedSuggestions, slashTokenAt, useCannedSuggestions } from './canned-suggestions';
import { loadDraft, saveDraft } from './draft';
import { EmojiPicker } from './emoji-picker';
import { formatBytes } from './format';
import {
  MentionSuggestions,
  mentionText,
  mentionTokenAt,
  useMentionSuggestions,
} from './mention-suggestions';
import { mentionedUserIds } from './mentions';
import type { WordToken } from './suggestion-list';

const MAX_FILE_BYTES = 10 * 1024 * 1024;
const MAX_FILES = 10;

type Mode = 'reply' | 'note';

/** The word at the caret that opens suggestions: "/" canned responses, "@" teammates (notes only). */
type SuggestionToken = WordToken & { kind: 'canned' | 'mention' };

function suggestionTokenAt(text: string, caret: number): SuggestionToken | null {
  const slash = slashTokenAt(text, caret);
  if (slash) {
    return { ...slash, kind: 'canned' };
  }
  const mention = mentionTokenAt(text, caret);
  return mention ? { ...mention, kind: 'mention' } : null;
}

/** What the conversation's shortcuts do with the composer (r and n). */
export type ComposerHandle = { focus: (mode: Mode) => void };

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

/**
 * Reply to the visitor or leave a private note for the team: canned responses with "/", teammates
 * to mention with "@" (in a note), emoji, attachments (picked, dropped or pasted), and a draft kept
 * per conversation for the tab's session.
 */
export function Composer({
  conversationId,
  myUserId,
  cannedValues,
  ref,
}: {
  conversationId: string;
  myUserId: string;
  /** What canned responses' variables become here: the contact, the agent, the workspace. */
  cannedValues: TCannedValues;
  ref?: Ref<ComposerHandle>;
}) {
  const [initialDraft] = useState(() => loadDraft(conversationId));
  const [mode, setMode] = useState<Mode>(initialDraft?.mode ?? 'reply');
  const [text, setText] = useState(initialDraft?.text ?? '');
  const [uploads, setUploads] = useState<Upload[]>(() =>
    (initialDraft?.attachments ?? []).map((attachment, index) => ({
      key: `draft-${index}`,
      name: attachment.filename,
      state: 'done' as const,
      attachment,
    })),
  );
  const send = useSendMessage(conversationId);
  const upload = useUploadAttachment();
  const typing = useAgentTyping(conversationId);
  const members = useMembers();
  const textareaId = useId();
  const hintId = useId();
  const suggestionListId = useId();
  const fileInputRef = useRef<HTMLInputElement>(null);
  const textareaRef = useRef<HTMLTextAreaElement>(null);
  const nextKey = useRef(0);
  const dragDepth = useRef(0);
  const [isDragging, setIsDragging] = useState(false);

  const isNote = mode === 'note';

  // ── Suggestions: "/" (canned responses) or, in a note, "@" (teammates) at the start of a word open
  // them; the textarea keeps the keyboard, Escape closes them for that word ──
  const [token, setToken] = useState<SuggestionToken | null>(null);
  const [dismissedAt, setDismissedAt] = useState<number | null>(null);
  const [activeIndex, setActiveIndex] = useState(0);
  const openToken =
    token !== null && token.start !== dismissedAt && (token.kind === 'canned' || isNote) ? token : null;
  const canned = useCannedSuggestions(openToken?.kind === 'canned' ? openToken : null);
  const mentions = useMentionSuggestions(openToken?.kind === 'mention' ? openToken : null, myUserId);
  const suggestions = openToken?.kind === 'mention' ? mentions : canned;
  const suggestionCount = suggestions.items.length;
  const activeSuggestion = Math.min(activeIndex, Math.max(0, suggestionCount - 1));
  const suggestionOptionId = (index: number) => `${suggestionListId}-option-${index}`;
  const suggestionListProps = (open: SuggestionToken) => ({
    listId: suggestionListId,
    optionId: suggestionOptionId,
    activeIndex: activeSuggestion,
    query: open.query,
    onHover: setActiveIndex,
  });
  const isUploading = uploads.some((item) => item.state === 'uploading');
  const attachments = uploads.flatMap((item) => (item.state === 'done' ? [item.attachment] : []));
  const canSend = (text.trim() !== '' || attachments.length > 0) && !isUploading && !send.isPending;

  // The draft follows every change, so switching conversations (or reloading the tab) keeps it.
  const attachmentsKey = JSON.stringify(attachments);
  // biome-ignore lint/correctness/useExhaustiveDependencies: attachmentsKey stands for attachments
  useEffect(() => {
    saveDraft(conversationId, { text, mode, attachments });
  }, [conversationId, text, mode, attachmentsKey]);

  const focusAt = (caret?: number) => {
    const textarea = textareaRef.current;
    if (!textarea) {
      return;
    }
    textarea.focus();
    const position = caret ?? textarea.value.length;
    textarea.setSelectionRange(position, position);
  };

  const switchMode = (next: Mode) => {
    if (next !== mode) {
      typing.stop();
    }
    setMode(next);
    textareaRef.current?.focus();
  };

  useImperativeHandle(ref, () => ({
    focus: (next: Mode) => {
      switchMode(next);
      focusAt();
    },
  }));

  // A note written before the teammates have loaded waits for them, so its @mentions still notify.
  const isResolvingMentions = useRef(false);
  const teammates = async (): Promise<Member[]> => members.data ?? (await members.refetch()).data ?? [];

  const submit = async () => {
    if (!canSend || isResolvingMentions.current) {
      return;
    }
    typing.stop();
    let mentions: string[] = [];
    if (isNote && text.includes('@')) {
      isResolvingMentions.current = true;
      try {
        mentions = mentionedUserIds(text, await teammates(), myUserId);
      } finally {
        isResolvingMentions.current = false;
      }
    }
    send.mutate(
      {
        text: text.trim(),
        isPrivate: isNote,
        attachmentIds: attachments.map((item) => item.id),
        mentions,
      },
      {
        onSuccess: () => {
          setText('');
          setUploads([]);
          setToken(null);
          textareaRef.current?.focus();
        },
      },
    );
  };

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    void submit();
  };

  /** Puts text where the caret is (or in place of the "/word" or "@word" being typed). */
  const insert = (value: string, range?: { start: number; end: number }) => {
    const textarea = textareaRef.current;
    const start = range?.start ?? textarea?.selectionStart ?? text.length;
    const end = range?.end ?? textarea?.selectionEnd ?? text.length;
    const next = `${text.slice(0, start)}${value}${text.slice(end)}`;
    onText(next);
    setToken(null);
    window.requestAnimationFrame(() => focusAt(start + value.length));
  };

  const pickCanned = (response: CannedResponse) => {
    if (openToken) {
      insert(fillCannedResponse(response.content, cannedValues), openToken);
    }
  };

  const pickMember = (member: Member) => {
    if (openToken) {
      insert(mentionText(member), openToken);
    }
  };

  const pickSuggestion = (index: number) => {
    if (openToken?.kind === 'mention') {
      const member = mentions.items[index];
      if (member) {
        pickMember(member);
      }
    } else {
      const response = canned.items[index];
      if (response) {
        pickCanned(response);
      }
    }
  };

  const updateToken = (value: string, caret: number) => {
    const next = suggestionTokenAt(value, caret);
    setToken(next);
    setActiveIndex(0);
    if (next?.start !== dismissedAt) {
      setDismissedAt(null);
    }
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (openToken && !event.nativeEvent.isComposing) {
      const count = suggestionCount;
      if (event.key === 'ArrowDown' && count > 0) {
        event.preventDefault();
        setActiveIndex((index) => (index + 1) % count);
        return;
      }
      if (event.key === 'ArrowUp' && count > 0) {
        event.preventDefault();
        setActiveIndex((index) => (index - 1 + count) % count);
        return;
      }
      if ((event.key === 'Enter' || event.key === 'Tab') && !event.shiftKey && count > 0) {
        event.preventDefault();
        pickSuggestion(activeSuggestion);
        return;
      }
      if (event.key === 'Escape') {
        // Closes the suggestions only; the next Escape leaves the composer.
        event.preventDefault();
        event.stopPropagation();
        setDismissedAt(openToken.start);
        return;
      }
    }
    // Enter sends; Shift+Enter is a new line; Enter that confirms an IME composition is neither.
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      void submit();
    }
  };

  function onText(value: string) {
    setText(value);
    if (send.isError) {
      send.reset();
    }
    // A note's typing is told to the team only, never to the visitor.
    if (value.trim() !== '') {
      typing.typed(isNote);
    }
  }

  const addFiles = (files: FileList | File[] | null) => {
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

  // ── Files dropped on the composer or pasted into it ──
  const hasFiles = (event: DragEvent) => [...event.dataTransfer.types].includes('Files');
  const onDragEnter = (event: DragEvent<HTMLFormElement>) => {
    if (hasFiles(event)) {
      event.preventDefault();
      dragDepth.current += 1;
      setIsDragging(true);
    }
  };
  const onDragOver = (event: DragEvent<HTMLFormElement>) => {
    if (hasFiles(event)) {
      event.preventDefault();
      event.dataTransfer.dropEffect = 'copy';
    }
  };
  const onDragLeave = (event: DragEvent<HTMLFormElement>) => {
    if (hasFiles(event)) {
      dragDepth.current = Math.max(0, dragDepth.current - 1);
      if (dragDepth.current === 0) {
        setIsDragging(false);
      }
    }
  };
  const onDrop = (event: DragEvent<HTMLFormElement>) => {
    if (hasFiles(event)) {
      event.preventDefault();
      dragDepth.current = 0;
      setIsDragging(false);
      addFiles(event.dataTransfer.files);
      textareaRef.current?.focus();
    }
  };
  const onPaste = (event: ClipboardEvent<HTMLTextAreaElement>) => {
    const files = [...event.clipboardData.files];
    if (files.length > 0) {
      event.preventDefault();
      addFiles(files);
    }
  };

  const removeUpload = (key: string) => setUploads((current) => current.filter((item) => item.key !== key));
  const failures = uploads.flatMap((item) => (item.state === 'failed' ? [item] : []));

  return (
    <form
      onSubmit={onSubmit}
      onDragEnter={onDragEnter}
      onDragOver={onDragOver}
      onDragLeave={onDragLeave}
      onDrop={onDrop}
      className="relative shrink-0 border-line border-t bg-surface px-5 pt-2.5 pb-4 max-md:px-3"
    >
      {isDragging ? (
        <div
          aria-hidden
          className="pointer-events-none absolute inset-1.5 z-30 flex items-center justify-center gap-2 rounded-card border-2 border-accent border-dashed bg-accent-soft/90 font-medium text-accent-text"
        >
          <UploadIcon className="size-4" />
          Drop files to attach them
        </div>
      ) : null}
      <div className="relative mx-auto max-w-3xl">
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
          {openToken?.kind === 'canned' ? (
            <CannedSuggestions
              {...suggestionListProps(openToken)}
              items={canned.items}
              isLoading={canned.isLoading}
              onPick={pickCanned}
              values={cannedValues}
            />
          ) : openToken?.kind === 'mention' ? (
            <MentionSuggestions
              {...suggestionListProps(openToken)}
              items={mentions.items}
              isLoading={mentions.isLoading}
              onPick={pickMember}
            />
          ) : null}
          <span aria-live="polite" className="sr-only">
            {openToken && !suggestions.isLoading ? describeSuggestions(openToken.kind, suggestionCount) : ''}
          </span>
          <label htmlFor={textareaId} className="sr-only">
            {isNote ? 'Private note' : 'Reply'}
          </label>
          <textarea
            ref={textareaRef}
            id={textareaId}
            rows={3}
            value={text}
            onChange={(event) => {
              onText(event.target.value);
              updateToken(event.target.value, event.target.selectionStart);
            }}
            onSelect={(event) => {
              const target = event.currentTarget;
              if (target.selectionStart === target.selectionEnd) {
                updateToken(target.value, target.selectionStart);
              }
            }}
            onKeyDown={onKeyDown}
            onPaste={onPaste}
            onBlur={() => {
              typing.stop();
              setToken(null);
            }}
            // A combobox while it can suggest: aria-controls names the list whether or not it is open.
            role="combobox"
            aria-expanded={openToken !== null}
            aria-autocomplete="list"
            aria-controls={suggestionListId}
            aria-activedescendant={
              openToken && suggestionCount > 0 ? suggestionOptionId(activeSuggestion) : undefined
            }
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
              title="Attach files (or drop or paste them here)"
            >
              Attach
            </Button>
            <EmojiPicker onPick={(emoji) => insert(emoji)} onClose={() => textareaRef.current?.focus()} />
            {/* On a note's amber, the subtle grey is too faint (dark mode), so the hint is a step darker. */}
            <p
              id={hintId}
              className={`min-w-0 flex-1 truncate text-xs ${isNote ? 'text-fg-muted' : 'text-fg-subtle'}`}
            >
              {isNote ? (
                <span className="font-medium text-warning-text">
                  Private note · only your team sees it; type @ to notify a teammate.{' '}
                </span>
              ) : null}
              <span className="hidden xl:inline">
                Enter to send, Shift+Enter for a new line, / for canned responses
              </span>
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

/** Said to screen readers as the suggestions change ("3 teammates"). */
function describeSuggestions(kind: SuggestionToken['kind'], count: number): string {
  if (kind === 'mention') {
    return count === 0 ? 'No teammate matches' : `${count} ${count === 1 ? 'teammate' : 'teammates'}`;
  }
  return `${count} canned ${count === 1 ? 'response' : 'responses'}`;
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
