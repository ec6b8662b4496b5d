import { KeyRound } from 'lucide-react';
import { useState } from 'react';
import { formErrors } from '../../api/api-error';
import { useCreateApiToken } from '../../api/api-tokens';
import type { ApiTokenRole, CreatedApiToken } from '../../api/types';
import { Alert } from '../../components/alert';
import { Button } from '../../components/button';
import { CopyBox } from '../../components/copy-box';
import { RoleField, TextField } from '../../components/field';
import { InlineForm } from '../../components/inline-form';
import { Section } from '../../components/page';

export function CreateApiToken() {
  const [name, setName] = useState('');
  const [role, setRole] = useState<ApiTokenRole>('agent');
  const [created, setCreated] = useState<CreatedApiToken | null>(null);
  const createToken = useCreateApiToken();
  const errors = formErrors(createToken.error, ['name', 'role']);

  const onSubmit = () => {
    createToken.mutate(
      { name: name.trim(), role },
      {
        onSuccess: (result) => {
          setCreated(result);
          setName('');
        },
      },
    );
  };

  if (created) {
    return (
      <Section id="new-token" title={`Token “${created.apiToken.name}” created`}>
        <div className="space-y-4">
          <Alert tone="warning" title="Copy this token now">
            For your security it is shown only once. Store it somewhere safe, such as your secret manager. If
            you lose it, revoke it and create a new one.
          </Alert>
          <CopyBox label="API token" value={created.token} />
          <div className="flex justify-end">
            <Button variant="primary" onClick={() => setCreated(null)}>
              I've copied it
            </Button>
          </div>
        </div>
      </Section>
    );
  }

  return (
    <InlineForm
      id="create-token"
      title="Create token"
      description="Give it a name you'll recognise later, like “CRM sync”."
      onSubmit={onSubmit}
      submitLabel="Create token"
      submitIcon={KeyRound}
      isPending={createToken.isPending}
      error={errors.form}
    >
      <TextField
        label="Name"
        name="token-name"
        autoComplete="off"
        placeholder="e.g. CRM sync"
        required
        value={name}
        onChange={(event) => setName(event.target.value)}
        error={errors.fields.name}
      />
      <RoleField
        name="token-role"
        roles={['agent', 'admin']}
        value={role}
        onChange={setRole}
        error={errors.fields.role}
      />
    </InlineForm>
  );
}
