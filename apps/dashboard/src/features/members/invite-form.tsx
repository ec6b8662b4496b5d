import { UserPlus } from 'lucide-react';
import { useState } from 'react';
import { formErrors } from '../../api/api-error';
import { useInvite } from '../../api/invitations';
import type { Role, Session } from '../../api/types';
import { Alert } from '../../components/alert';
import { rolesUpTo } from '../../components/badge';
import { RoleField, TextField } from '../../components/field';
import { InlineForm } from '../../components/inline-form';

export function InviteForm({ session }: { session: Session }) {
  // Nobody invites with a role above their own (the server refuses it too).
  const roles = rolesUpTo(session.role);
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('agent');
  const [invitedEmail, setInvitedEmail] = useState<string | null>(null);
  const invite = useInvite();
  const errors = formErrors(invite.error, ['email', 'role']);

  const onSubmit = () => {
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
    <InlineForm
      id="invite-teammate"
      title="Invite teammate"
      description="They'll get an email with a link to join. Invitations expire after 7 days."
      onSubmit={onSubmit}
      submitLabel="Invite"
      submitIcon={UserPlus}
      isPending={invite.isPending}
      error={errors.form}
      footer={invitedEmail ? <Alert tone="success">Invitation sent to {invitedEmail}.</Alert> : null}
    >
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
      <RoleField
        name="invite-role"
        roles={roles}
        value={role}
        onChange={setRole}
        error={errors.fields.role}
      />
    </InlineForm>
  );
}
