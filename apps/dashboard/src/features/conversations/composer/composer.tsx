import type { TCannedValues } from '@parley/shared/canned-responses';
import { Paperclip, SendHorizontal, Upload as UploadIcon } from 'lucide-react';
import {
  type ClipboardEvent,
  type FormEvent,
  type KeyboardEvent,
  type Ref,
  useEffect,
  useId,
  useImperativeHandle,
  useRef,
  useState,
} from 'react';
import { errorMessage } from '../../../api/api-error';
import { useAgentTyping, useSendMessage } from '../../../api/conversations';
import { useMembers } from '../../../api/members';
import type { Member } from '../../../api/types';
import { Alert } from '../../../components/alert';
import { Button } from '../../../components/button';
import { CannedSuggestions } from '../canned-suggestions';
import { loadDraft, saveDraft } from '../draft';
import { EmojiPicker } from '../emoji-picker';
import { MentionSuggestions } from '../mention-suggestions';
import { mentionedUserIds } from '../mentions';
import { AttachmentChips, UploadFailures } from './attachment-chips';
import { type Mode, ModeSwitch } from './mode-switch';
import { useFileDrop } from './use-file-drop';
import { useSuggestions } from './use-suggestions';
import { useUploads } from './use-uploads';

/** What the conversation's shortcuts do with the composer (r and n). */
export type ComposerHandle = { focus: (mode: Mode) => void };

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
  const files = useUploads(initialDraft?.attachments ?? []);
  const send = useSendMessage(conversationId);
  const typing = useAgentTyping(conversationId);
  const members = useMembers();
  const textareaId = useId();
  const hintId = useId();
  const fileInputRef = useRef<HTMLInputElement>(null);
  const textareaRef = useRef<HTMLTextAreaElement>(null);

  const isNote = mode === 'note';
  const suggestions = useSuggestions({ isNote, myUserId, cannedValues, onPick: insert });
  const { openToken } = suggestions;
  const drop = useFileDrop((dropped) => {
    files.add(dropped);
    textareaRef.current?.focus();
  });
  const { attachments } = files;
  const canSend = (text.trim() !== '' || attachments.length > 0) && !files.isUploading && !send.isPending;

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
          files.clear();
          suggestions.close();
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
  function insert(value: string, range?: { start: number; end: number }) {
    const textarea = textareaRef.current;
    const start = range?.start ?? textarea?.selectionStart ?? text.length;
    const end = range?.end ?? textarea?.selectionEnd ?? text.length;
    const next = `${text.slice(0, start)}${value}${text.slice(end)}`;
    onText(next);
    suggestions.close();
    window.requestAnimationFrame(() => focusAt(start + value.length));
  }

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (suggestions.onKeyDown(event)) {
      return;
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

  const onPaste = (event: ClipboardEvent<HTMLTextAreaElement>) => {
    const pasted = [...event.clipboardData.files];
    if (pasted.length > 0) {
      event.preventDefault();
      files.add(pasted);
    }
  };

  return (
    <form
      onSubmit={onSubmit}
      {...drop.handlers}
      className="relative shrink-0 border-line border-t bg-surface px-5 pt-2.5 pb-4 max-md:px-3"
    >
      {drop.isDragging ? (
        <div
          aria-hidden
          className="pointer-events-none absolute inset-1.5 z-30 flex items-center justify-center gap-2 rounded-card border-2 border-accent border-dashed bg-accent-soft/90 font-medium text-accent-text"
        >
          <UploadIcon className="size-4" />
          Drop files to attach them
        </div>
      ) : null}
      <div className="relative mx-auto max-w-3xl">
        <ModeSwitch mode={mode} onSwitch={switchMode} />
        <div
          className={`rounded-card border shadow-card transition-colors focus-within:ring-3 ${
            isNote
              ? 'border-warning-text/40 bg-warning-soft focus-within:ring-warning-text/20'
              : 'border-line-strong bg-surface focus-within:border-accent focus-within:ring-accent/25'
          }`}
        >
          {openToken?.kind === 'canned' ? (
            <CannedSuggestions
              {...suggestions.listProps(openToken)}
              items={suggestions.canned.items}
              isLoading={suggestions.canned.isLoading}
              onPick={suggestions.pickCanned}
              values={cannedValues}
            />
          ) : openToken?.kind === 'mention' ? (
            <MentionSuggestions
              {...suggestions.listProps(openToken)}
              items={suggestions.mentions.items}
              isLoading={suggestions.mentions.isLoading}
              onPick={suggestions.pickMember}
            />
          ) : null}
          <span aria-live="polite" className="sr-only">
            {suggestions.announcement}
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
              suggestions.follow(event.target.value, event.target.selectionStart);
            }}
            onSelect={(event) => {
              const target = event.currentTarget;
              if (target.selectionStart === target.selectionEnd) {
                suggestions.follow(target.value, target.selectionStart);
              }
            }}
            onKeyDown={onKeyDown}
            onPaste={onPaste}
            onBlur={() => {
              typing.stop();
              suggestions.close();
            }}
            {...suggestions.comboboxProps}
            aria-describedby={hintId}
            placeholder={isNote ? 'Write a note only your team can see…' : 'Write a reply to the visitor…'}
            className="block max-h-60 min-h-[4.5rem] w-full resize-y bg-transparent px-3.5 pt-2.5 text-fg text-sm placeholder:text-fg-subtle focus:outline-none"
          />
          <AttachmentChips uploads={files.uploads} onRemove={files.remove} />
          <div className="flex items-center gap-2 px-2 pb-2">
            <input
              ref={fileInputRef}
              type="file"
              multiple
              tabIndex={-1}
              aria-hidden
              className="hidden"
              onChange={(event) => {
                files.add(event.target.files);
                event.target.value = '';
              }}
            />
            <Button
              variant="ghost"
              size="sm"
              icon={Paperclip}
              onClick={() => fileInputRef.current?.click()}
              disabled={files.isFull}
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
        <UploadFailures failures={files.failures} onDismiss={files.remove} />
        {send.isError ? <Alert className="mt-2">{errorMessage(send.error)}</Alert> : null}
      </div>
    </form>
  );
}
