import { UserPlus } from 'lucide-react';
import { type FormEvent, useState } from 'react';
import { formErrors } from '../../api/api-error';
import { useInvite } from '../../api/invitations';
import type { Role } from '../../api/types';
import { Alert } from '../../components/alert';
import { Button } from '../../components/button';
import { SelectField, TextField } from '../../components/field';
import { Section } from '../../components/page';

export function InviteForm() {
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('agent');
  const [invitedEmail, setInvitedEmail] = useState<string | null>(null);
  const invite = useInvite();
  const errors = formErrors(invite.error, ['email', 'role']);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const address = email.trim();
    setInvitedEmail(null);
    invite.mutate(
      { email: address, role },
      {
        onSuccess: () => {
          setInvitedEmail(address);
          setEmail('');
        },
      },
    );
  };

  return (
    <Section
      id="invite-teammate"
      title="Invite teammate"
      description="They'll get an email with a link to join. Invitations expire after 7 days."
    >
      <form className="space-y-3" onSubmit={onSubmit}>
        <div className="grid grid-cols-[minmax(0,1fr)_10rem_auto] items-start gap-3">
          <TextField
            label="Email"
            type="email"
            name="invite-email"
            autoComplete="off"
            placeholder="teammate@company.com"
            required
            value={email}
            onChange={(event) => {
              setEmail(event.target.value);
              setInvitedEmail(null);
            }}
            error={errors.fields.email}
          />
          <SelectField
            label="Role"
            name="invite-role"
            value={role}
            onChange={(event) => setRole(event.target.value as Role)}
            error={errors.fields.role}
          >
            <option value="agent">Agent</option>
            <option value="admin">Admin</option>
            <option value="owner">Owner</option>
          </SelectField>
          <Button
            type="submit"
            variant="primary"
            size="lg"
            icon={UserPlus}
            className="mt-[1.625rem]"
            isPending={invite.isPending}
          >
            Invite
          </Button>
        </div>
        {errors.form ? <Alert>{errors.form}</Alert> : null}
        {invitedEmail ? <Alert tone="success">Invitation sent to {invitedEmail}.</Alert> : null}
      </form>
    </Section>
  );
}
