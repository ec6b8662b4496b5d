import { Link } from '@tanstack/react-router';
import { Pencil, Plus, Tag, Trash2 } from 'lucide-react';
import { type FormEvent, useState } from 'react';
import { errorMessage, formErrors } from '../../api/api-error';
import { useCreateLabel, useDeleteLabel, useLabels, useUpdateLabel } from '../../api/labels';
import type { Label, Session } from '../../api/types';
import { Alert } from '../../components/alert';
import { Button } from '../../components/button';
import { ConfirmDialog, Dialog } from '../../components/dialog';
import { TextAreaField, TextField } from '../../components/field';
import { PageBody, PageHeader, Section } from '../../components/page';
import { AccessDenied, EmptyState, ErrorState, RowsSkeleton } from '../../components/states';
import { ColorDot } from '../conversations/badges';
import { ColorField, HEX_COLOUR, LABEL_COLORS } from './color-field';

export function canManageCatalogue(session: Session): boolean {
  return session.role === 'owner' || session.role === 'admin';
}

type Editing = { kind: 'new' } | { kind: 'edit'; label: Label } | null;

export function LabelsPage({ session }: { session: Session }) {
  const [editing, setEditing] = useState<Editing>(null);
  if (!canManageCatalogue(session)) {
    return (
      <>
        <PageHeader title="Labels" />
        <AccessDenied message="Only owners and admins can manage labels. Every agent can put them on conversations." />
      </>
    );
  }
  return (
    <>
      <PageHeader
        title="Labels"
        description="Coloured tags agents put on conversations (billing, bug, VIP…) to sort the inbox and find them again."
        actions={
          <Button variant="primary" icon={Plus} onClick={() => setEditing({ kind: 'new' })}>
            New label
          </Button>
        }
      />
      <PageBody>
        <LabelList
          onNew={() => setEditing({ kind: 'new' })}
          onEdit={(label) => setEditing({ kind: 'edit', label })}
        />
      </PageBody>
      <Dialog
        isOpen={editing !== null}
        onClose={() => setEditing(null)}
        title={editing?.kind === 'edit' ? `Edit “${editing.label.name}”` : 'New label'}
        description={
          editing?.kind === 'edit'
            ? 'Changes show on every conversation that has this label.'
            : 'Agents will find it in the label picker of every conversation (press l).'
        }
      >
        {editing ? (
          <LabelForm
            key={editing.kind === 'edit' ? editing.label.id : 'new'}
            label={editing.kind === 'edit' ? editing.label : null}
            onDone={() => setEditing(null)}
          />
        ) : null}
      </Dialog>
    </>
  );
}

function LabelList({ onNew, onEdit }: { onNew: () => void; onEdit: (label: Label) => void }) {
  const labels = useLabels();
  const count = labels.data?.length;
  return (
    <Section
      id="labels"
      title="Labels"
      description={count === undefined ? undefined : `${count} ${count === 1 ? 'label' : 'labels'}`}
      isFlush
    >
      {labels.isPending ? (
        <RowsSkeleton label="Loading labels" />
      ) : labels.isError ? (
        <ErrorState error={labels.error} onRetry={() => void labels.refetch()} />
      ) : labels.data.length === 0 ? (
        <EmptyState
          icon={Tag}
          title="No labels yet"
          description="Create labels like “billing” or “bug”. Agents then tag conversations with them and filter the inbox by label."
          action={
            <Button variant="primary" icon={Plus} onClick={onNew}>
              Create the first label
            </Button>
          }
          className="py-10"
        />
      ) : (
        <ul className="divide-y divide-line">
          {labels.data.map((label) => (
            <LabelRow key={label.id} label={label} onEdit={() => onEdit(label)} />
          ))}
        </ul>
      )}
    </Section>
  );
}

function LabelRow({ label, onEdit }: { label: Label; onEdit: () => void }) {
  const [isConfirming, setIsConfirming] = useState(false);
  const remove = useDeleteLabel();
  return (
    <li className="flex items-center gap-3 px-5 py-3">
      <ColorDot color={label.color} className="size-3.5" />
      <div className="min-w-0 flex-1">
        <p className="truncate font-medium text-fg">{label.name}</p>
        {label.description ? (
          <p className="truncate text-[0.8125rem] text-fg-muted">{label.description}</p>
        ) : null}
      </div>
      <Link
        to="/conversations"
        search={{ view: `label:${label.id}`, status: 'all' }}
        className="hidden shrink-0 font-medium text-[0.8125rem] text-accent-text hover:underline sm:inline"
      >
        Conversations
      </Link>
      <Button variant="ghost" size="sm" icon={Pencil} aria-label={`Edit ${label.name}`} onClick={onEdit}>
        Edit
      </Button>
      <Button
        variant="danger-subtle"
        size="sm"
        icon={Trash2}
        aria-label={`Delete ${label.name}`}
        onClick={() => setIsConfirming(true)}
      >
        Delete
      </Button>
      <ConfirmDialog
        isOpen={isConfirming}
        onClose={() => {
          setIsConfirming(false);
          remove.reset();
        }}
        onConfirm={() => remove.mutate(label.id, { onSuccess: () => setIsConfirming(false) })}
        title={`Delete “${label.name}”?`}
        description="The label comes off every conversation that has it. This can’t be undone."
        confirmLabel="Delete label"
        isPending={remove.isPending}
        error={remove.error ? errorMessage(remove.error) : null}
      />
    </li>
  );
}

function LabelForm({ label, onDone }: { label: Label | null; onDone: () => void }) {
  const [name, setName] = useState(label?.name ?? '');
  const [color, setColor] = useState(label?.color ?? LABEL_COLORS[5]?.value ?? '#0090ff');
  const [description, setDescription] = useState(label?.description ?? '');
  const [showErrors, setShowErrors] = useState(false);
  const create = useCreateLabel();
  const update = useUpdateLabel();
  const mutation = label ? update : create;
  const server = formErrors(mutation.error, ['name', 'color', 'description']);
  const clientErrors = {
    name: name.trim() === '' ? 'Give the label a name.' : undefined,
    color: HEX_COLOUR.test(color) ? undefined : 'Use a colour like #4f46e5.',
  };

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setShowErrors(true);
    if (clientErrors.name || clientErrors.color) {
      return;
    }
    const input = { name: name.trim(), color: color.toLowerCase(), description: description.trim() || null };
    if (label) {
      update.mutate({ id: label.id, ...input }, { onSuccess: onDone });
    } else {
      create.mutate(input, { onSuccess: onDone });
    }
  };

  return (
    <form className="space-y-4" onSubmit={onSubmit} noValidate>
      <TextField
        label="Name"
        name="label-name"
        autoComplete="off"
        autoFocus
        maxLength={50}
        placeholder="e.g. billing"
        value={name}
        onChange={(event) => setName(event.target.value)}
        error={(showErrors ? clientErrors.name : undefined) ?? server.fields.name}
      />
      <ColorField
        value={color}
        onChange={setColor}
        error={(showErrors ? clientErrors.color : undefined) ?? server.fields.color}
      />
      <TextAreaField
        label="Description"
        hint="Optional: when agents should use it."
        rows={2}
        maxLength={500}
        value={description}
        onChange={(event) => setDescription(event.target.value)}
        error={server.fields.description}
      />
      <div className="flex items-center gap-2 rounded-control bg-surface-muted px-3 py-2 text-[0.8125rem] text-fg-muted">
        Preview
        <span className="inline-flex h-6 items-center gap-1.5 rounded-full border border-line bg-surface px-2.5 text-fg">
          <ColorDot color={HEX_COLOUR.test(color) ? color : '#888888'} />
          {name.trim() || 'Label'}
        </span>
      </div>
      {server.form ? <Alert>{server.form}</Alert> : null}
      <div className="flex justify-end gap-2">
        <Button onClick={onDone}>Cancel</Button>
        <Button type="submit" variant="primary" isPending={mutation.isPending}>
          {label ? 'Save label' : 'Create label'}
        </Button>
      </div>
    </form>
  );
}
