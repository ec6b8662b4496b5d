import type { UseQueryResult } from '@tanstack/react-query';
import { type LucideIcon, Pencil, Plus, Trash2 } from 'lucide-react';
import type { ReactNode } from 'react';
import { Button } from './button';
import { ConfirmButton, type ConfirmedMutation } from './dialog';
import { EmptyState, QueryStates, RowsSkeleton } from './states';

// A settings list whose items are created and edited in a dialog (labels, canned responses; teams
// show each item as a card): its rows, its empty state, and each row's Edit and Delete.

type EditableListProps<T> = {
  query: UseQueryResult<T[]>;
  loadingLabel: string;
  empty: ReactNode;
  /** One row, an `<li>`. */
  children: (item: T) => ReactNode;
};

/** The list's rows, under its loading, error and empty states. */
export function EditableList<T>({ query, loadingLabel, empty, children }: EditableListProps<T>) {
  return (
    <QueryStates query={query} loading={<RowsSkeleton label={loadingLabel} />} empty={empty}>
      {(items) => <ul className="divide-y divide-line">{items.map(children)}</ul>}
    </QueryStates>
  );
}

type EmptyListProps = {
  icon: LucideIcon;
  title: string;
  description: ReactNode;
  /** The button that creates the first item, e.g. "Create the first label". */
  createLabel: string;
  onCreate: () => void;
};

/** What a list with nothing in it yet shows: what its items are for, and a button to create one. */
export function EmptyList({ icon, title, description, createLabel, onCreate }: EmptyListProps) {
  return (
    <EmptyState
      icon={icon}
      title={title}
      description={description}
      action={
        <Button variant="primary" icon={Plus} onClick={onCreate}>
          {createLabel}
        </Button>
      }
      className="py-10"
    />
  );
}

type EditDeleteActionsProps = {
  /** How the buttons name the item to assistive technology: "Edit billing", "Delete billing". */
  name: string;
  onEdit: () => void;
  /** Deletes by id. */
  remove: ConfirmedMutation<string>;
  id: string;
  confirmTitle: string;
  confirmDescription: string;
  confirmLabel: string;
};

/** A row's Edit button, and its Delete button that asks first. */
export function EditDeleteActions({
  name,
  onEdit,
  remove,
  id,
  confirmTitle,
  confirmDescription,
  confirmLabel,
}: EditDeleteActionsProps) {
  return (
    <>
      <Button variant="ghost" size="sm" icon={Pencil} aria-label={`Edit ${name}`} onClick={onEdit}>
        Edit
      </Button>
      <ConfirmButton
        icon={Trash2}
        aria-label={`Delete ${name}`}
        mutation={remove}
        variables={id}
        title={confirmTitle}
        description={confirmDescription}
        confirmLabel={confirmLabel}
      >
        Delete
      </ConfirmButton>
    </>
  );
}
