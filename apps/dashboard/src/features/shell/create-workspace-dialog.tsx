import { type FormEvent, useState } from 'react';
import { errorMessage, formErrors } from '../../api/api-error';
import { useSwitchWorkspace } from '../../api/session';
import { useCreateWorkspace } from '../../api/workspaces';
import { Alert } from '../../components/alert';
import { Button } from '../../components/button';
import { Dialog } from '../../components/dialog';
import { TextField } from '../../components/field';

export function CreateWorkspaceDialog({ isOpen, onClose }: { isOpen: boolean; onClose: () => void }) {
  return (
    <Dialog
      isOpen={isOpen}
      onClose={onClose}
      title="Create workspace"
      description="A workspace has its own inboxes, members and settings. You'll be its owner."
    >
      <CreateWorkspaceForm onCreated={onClose} onCancel={onClose} />
    </Dialog>
  );
}

/** Creates a workspace and moves the session into it. */
export function CreateWorkspaceForm({
  onCreated,
  onCancel,
}: {
  onCreated?: () => void;
  onCancel?: () => void;
}) {
  const [name, setName] = useState('');
  const createWorkspace = useCreateWorkspace();
  const switchWorkspace = useSwitchWorkspace();
  const errors = formErrors(createWorkspace.error, ['name']);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    createWorkspace.mutate(
      { name: name.trim() },
      { onSuccess: (workspace) => switchWorkspace.mutate(workspace.id, { onSuccess: onCreated }) },
    );
  };

  return (
    <form className="space-y-4" onSubmit={onSubmit}>
      <TextField
        label="Workspace name"
        name="workspace"
        autoComplete="organization"
        placeholder="e.g. Acme Support"
        required
        autoFocus={onCancel !== undefined}
        value={name}
        onChange={(event) => setName(event.target.value)}
        error={errors.fields.name}
      />
      {errors.form ? <Alert>{errors.form}</Alert> : null}
      {switchWorkspace.isError ? <Alert>{errorMessage(switchWorkspace.error)}</Alert> : null}
      <div className={`flex gap-2 ${onCancel ? 'justify-end' : ''}`}>
        {onCancel ? <Button onClick={onCancel}>Cancel</Button> : null}
        <Button
          type="submit"
          variant="primary"
          isPending={createWorkspace.isPending || switchWorkspace.isPending}
        >
          Create workspace
        </Button>
      </div>
    </form>
  );
}
