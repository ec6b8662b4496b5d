import { Fragment, type ReactNode, useState } from 'react';
import { Alert } from './alert';
import { Button } from './button';
import { type ConfirmedMutation, Dialog } from './dialog';

// The dialog in which a settings list (labels, teams, canned responses) creates and edits its items:
// which item it holds, the dialog, its form, and the save.

/** What the create-or-edit dialog holds: nothing (closed), a new item (`item: null`) or an existing one. */
export type Editor<T> = {
  editing: { item: T | null } | null;
  openNew: () => void;
  openEdit: (item: T) => void;
  close: () => void;
};

export function useEditor<T>(): Editor<T> {
  const [editing, setEditing] = useState<{ item: T | null } | null>(null);
  return {
    editing,
    openNew: () => setEditing({ item: null }),
    openEdit: (item) => setEditing({ item }),
    close: () => setEditing(null),
  };
}

type EditorDialogProps<T extends { id: string }> = {
  editor: Editor<T>;
  title: (item: T | null) => string;
  description?: (item: T | null) => ReactNode;
  size?: 'md' | 'lg';
  /** The form for a new item (`null`) or an existing one; a fresh one for each item opened. */
  children: (item: T | null) => ReactNode;
};

export function EditorDialog<T extends { id: string }>({
  editor,
  title,
  description,
  size,
  children,
}: EditorDialogProps<T>) {
  const item = editor.editing?.item ?? null;
  return (
    <Dialog
      isOpen={editor.editing !== null}
      onClose={editor.close}
      title={title(item)}
      description={description?.(item)}
      size={size}
    >
      {editor.editing ? <Fragment key={item ? item.id : 'new'}>{children(item)}</Fragment> : null}
    </Dialog>
  );
}

type EditorFormProps = {
  /** Called on submit, the browser's own submission prevented. */
  onSubmit: () => void;
  onCancel: () => void;
  submitLabel: string;
  isPending: boolean;
  /** The server's error that belongs to no field. */
  error: string | null;
  children: ReactNode;
};

/** The form of the create-or-edit dialog: its fields, an error, then Cancel and the submit button. */
export function EditorForm({ onSubmit, onCancel, submitLabel, isPending, error, children }: EditorFormProps) {
  return (
    <form
      className="space-y-4"
      onSubmit={(event) => {
        event.preventDefault();
        onSubmit();
      }}
      noValidate
    >
      {children}
      {error ? <Alert>{error}</Alert> : null}
      <div className="flex justify-end gap-2">
        <Button onClick={onCancel}>Cancel</Button>
        <Button type="submit" variant="primary" isPending={isPending}>
          {submitLabel}
        </Button>
      </div>
    </form>
  );
}

type SaveMutation<V> = Omit<ConfirmedMutation<V>, 'reset'>;

/** Saves what the form holds: the create mutation for a new item, the update one, with its id, for an existing one. */
export function saveOf<TInput>(
  id: string | undefined,
  create: SaveMutation<TInput>,
  update: SaveMutation<TInput & { id: string }>,
): SaveMutation<TInput> {
  if (id === undefined) {
    return create;
  }
  return {
    isPending: update.isPending,
    error: update.error,
    mutate: (input, options) => update.mutate({ id, ...input }, options),
  };
}
