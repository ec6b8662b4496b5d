import { Link } from '@tanstack/react-router';
import { Plus, Tag } from 'lucide-react';
import { useState } from 'react';
import { formErrors } from '../../api/api-error';
import { useCreateLabel, useDeleteLabel, useLabels, useUpdateLabel } from '../../api/labels';
import type { Label, Session } from '../../api/types';
import { Button } from '../../components/button';
import { EditableList, EditDeleteActions, EmptyList } from '../../components/editable-list';
import { EditorDialog, EditorForm, saveOf, useEditor } from '../../components/editor-dialog';
import { TextAreaField, TextField } from '../../components/field';
import { PageBody, PageHeader, Section } from '../../components/page';
import { AccessDeniedPage } from '../../components/states';
import { ColorDot } from '../conversations/badges';
import { ColorField, HEX_COLOUR, LABEL_COLORS } from './color-field';

export function canManageCatalogue(session: Session): boolean {
  return session.role === 'owner' || session.role === 'admin';
}

export function LabelsPage({ session }: { session: Session }) {
  const editor = useEditor<Label>();
  if (!canManageCatalogue(session)) {
    return (
      <AccessDeniedPage
        title="Labels"
        message="Only owners and admins can manage labels. Every agent can put them on conversations."
      />
    );
  }
  return (
    <>
      <PageHeader
        title="Labels"
        description="Coloured tags agents put on conversations (billing, bug, VIP…) to sort the inbox and find them again."
        actions={
          <Button variant="primary" icon={Plus} onClick={editor.openNew}>
            New label
          </Button>
        }
      />
      <PageBody>
        <LabelList onNew={editor.openNew} onEdit={editor.openEdit} />
      </PageBody>
      <EditorDialog
        editor={editor}
        title={(label) => (label ? `Edit “${label.name}”` : 'New label')}
        description={(label) =>
          label
            ? 'Changes show on every conversation that has this label.'
            : 'Agents will find it in the label picker of every conversation (press l).'
        }
      >
        {(label) => <LabelForm label={label} onDone={editor.close} />}
      </EditorDialog>
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
      <EditableList
        query={labels}
        loadingLabel="Loading labels"
        empty={
          <EmptyList
            icon={Tag}
            title="No labels yet"
            description="Create labels like “billing” or “bug”. Agents then tag conversations with them and filter the inbox by label."
            createLabel="Create the first label"
            onCreate={onNew}
          />
        }
      >
        {(label) => <LabelRow key={label.id} label={label} onEdit={() => onEdit(label)} />}
      </EditableList>
    </Section>
  );
}

function LabelRow({ label, onEdit }: { label: Label; onEdit: () => void }) {
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
      <EditDeleteActions
        name={label.name}
        onEdit={onEdit}
        remove={remove}
        id={label.id}
        confirmTitle={`Delete “${label.name}”?`}
        confirmDescription="The label comes off every conversation that has it. This can’t be undone."
        confirmLabel="Delete label"
      />
    </li>
  );
}

function LabelForm({ label, onDone }: { label: Label | null; onDone: () => void }) {
  const [name, setName] = useState(label?.name ?? '');
  const [color, setColor] = useState(label?.color ?? LABEL_COLORS[5]?.value ?? '#0090ff');
  const [description, setDescription] = useState(label?.description ?? '');
  const [showErrors, setShowErrors] = useState(false);
  const save = saveOf(label?.id, useCreateLabel(), useUpdateLabel());
  const server = formErrors(save.error, ['name', 'color', 'description']);
  const clientErrors = {
    name: name.trim() === '' ? 'Give the label a name.' : undefined,
    color: HEX_COLOUR.test(color) ? undefined : 'Use a colour like #4f46e5.',
  };

  const onSubmit = () => {
    setShowErrors(true);
    if (clientErrors.name || clientErrors.color) {
      return;
    }
    const input = { name: name.trim(), color: color.toLowerCase(), description: description.trim() || null };
    save.mutate(input, { onSuccess: onDone });
  };

  return (
    <EditorForm
      onSubmit={onSubmit}
      onCancel={onDone}
      submitLabel={label ? 'Save label' : 'Create label'}
      isPending={save.isPending}
      error={server.form}
    >
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
    </EditorForm>
  );
}
