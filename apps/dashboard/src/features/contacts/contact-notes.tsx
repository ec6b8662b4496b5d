import { NotebookPen, Trash2 } from 'lucide-react';
import { type FormEvent, useId, useState } from 'react';
import { errorMessage, formErrors } from '../../api/api-error';
import {
  type ContactNote,
  useAddContactNote,
  useContactNotes,
  useDeleteContactNote,
} from '../../api/contacts';
import { Alert } from '../../components/alert';
import { Avatar } from '../../components/avatar';
import { Button } from '../../components/button';
import { ConfirmDialog } from '../../components/dialog';
import { controlClass } from '../../components/field';
import { ErrorState, Spinner } from '../../components/states';
import { useDateFormat, useRelativeTime } from '../../lib/date-format';
import { linkify } from '../../lib/linkify';

const MAX_NOTE = 5000;

type Props = { contactId: string; isCompact?: boolean };

/** The team's notes about a contact: write one (⌘/Ctrl+Enter saves), read them newest first, delete. */
export function ContactNotes({ contactId, isCompact = false }: Props) {
  const notes = useContactNotes(contactId);
  // One delete for the list: a deleted note leaves at once, so its own row can't report a failure.
  const remove = useDeleteContactNote(contactId);
  return (
    <div className="space-y-4">
      <AddNote contactId={contactId} isCompact={isCompact} />
      {remove.isError ? <Alert>{`Couldn't delete the note: ${errorMessage(remove.error)}`}</Alert> : null}
      {notes.isPending ? (
        <p role="status" className="flex items-center gap-2 text-fg-muted text-sm">
          <Spinner />
          Loading notes…
        </p>
      ) : notes.isError ? (
        <ErrorState error={notes.error} onRetry={() => void notes.refetch()} />
      ) : notes.data.length === 0 ? (
        <p className="flex items-center gap-2 text-fg-muted text-sm">
          <NotebookPen aria-hidden className="size-4 shrink-0 text-fg-subtle" />
          No notes yet. Only your team sees them.
        </p>
      ) : (
        <ul className="space-y-3" aria-label="Notes">
          {notes.data.map((note) => (
            <NoteItem key={note.id} note={note} onDelete={() => remove.mutate(note.id)} />
          ))}
        </ul>
      )}
    </div>
  );
}

function AddNote({ contactId, isCompact }: { contactId: string; isCompact: boolean }) {
  const add = useAddContactNote(contactId);
  const [text, setText] = useState('');
  const id = useId();
  const errors = formErrors(add.error, ['text']);
  const canSave = text.trim().length > 0 && !add.isPending;

  const save = () => {
    if (!canSave) {
      return;
    }
    add.mutate(text.trim(), { onSuccess: () => setText('') });
  };
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    save();
  };

  return (
    <form onSubmit={onSubmit} className="space-y-2">
      <label htmlFor={id} className={isCompact ? 'sr-only' : 'font-medium text-[0.8125rem] text-fg'}>
        Add a note
      </label>
      <textarea
        id={id}
        rows={isCompact ? 2 : 3}
        maxLength={MAX_NOTE}
        placeholder="Add a note for your team…"
        value={text}
        onChange={(event) => setText(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Enter' && (event.metaKey || event.ctrlKey)) {
            event.preventDefault();
            save();
          }
        }}
        aria-describedby={`${id}-hint`}
        aria-invalid={errors.fields.text || errors.form ? true : undefined}
        className={`${controlClass} resize-y py-2`}
      />
      {errors.fields.text || errors.form ? <Alert>{errors.fields.text ?? errors.form}</Alert> : null}
      <div className="flex items-center justify-between gap-2">
        <p id={`${id}-hint`} className="text-fg-subtle text-xs">
          Only your team sees notes. ⌘/Ctrl + Enter saves.
        </p>
        <Button type="submit" size="sm" variant="primary" isPending={add.isPending} disabled={!canSave}>
          Add note
        </Button>
      </div>
    </form>
  );
}

function NoteItem({ note, onDelete }: { note: ContactNote; onDelete: () => void }) {
  const [isConfirming, setIsConfirming] = useState(false);
  const relative = useRelativeTime();
  const formatDate = useDateFormat();
  const author = note.author?.name || (note.author ? 'A teammate' : 'API');

  return (
    <li className="rounded-control border border-line bg-surface-muted/40 px-3 py-2.5">
      <div className="flex items-center gap-2">
        <Avatar name={author} size="sm" />
        <p className="min-w-0 flex-1 truncate text-[0.8125rem]">
          <span className="font-medium text-fg">{author}</span>
          <span className="text-fg-subtle">
            {' · '}
            <time dateTime={note.createdAt} title={formatDate(note.createdAt)}>
              {relative(note.createdAt)}
            </time>
          </span>
        </p>
        <Button
          variant="ghost"
          size="sm"
          icon={Trash2}
          className="px-1.5"
          aria-label={`Delete the note by ${author} from ${formatDate(note.createdAt)}`}
          onClick={() => setIsConfirming(true)}
        />
      </div>
      <p className="mt-1.5 whitespace-pre-wrap break-words text-fg">
        {linkify(note.text, { isExternal: true })}
      </p>
      <ConfirmDialog
        isOpen={isConfirming}
        onClose={() => setIsConfirming(false)}
        onConfirm={() => {
          setIsConfirming(false);
          onDelete();
        }}
        title="Delete this note?"
        description="The note is removed for everyone on your team. This can't be undone."
        confirmLabel="Delete note"
      />
    </li>
  );
}
