import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { errorMessage, formErrors, isApiError } from '../../api/api-error';
import { useAcceptInvitation, useInvitationLookup } from '../../api/invitations';
import { sessionQuery } from '../../api/session';
import type { InvitationLookup } from '../../api/types';
import { Alert } from '../../components/alert';
import { ROLE_LABEL } from '../../components/badge';
import { Button, buttonClass } from '../../components/button';
import { TextField } from '../../components/field';
import { LoadingState } from '../../components/states';
import { AuthLayout, textLinkClass } from './auth-layout';

/** Invitation links carry a URL-safe secret; anything else was cut off or mistyped on the way. */
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{20,200}$/;

export function InvitePage({ token, onAccepted }: { token: string; onAccepted: () => void }) {
  const isWellFormed = TOKEN_SHAPE.test(token);
  const lookup = useInvitationLookup(isWellFormed ? token : '');

  if (!isWellFormed || (isApiError(lookup.error) && lookup.error.status === 400)) {
    return <InvalidInvitationLink />;
  }
  if (lookup.isError) {
    return (
      <AuthLayout title="This invitation can't be used">
        <Alert>{errorMessage(lookup.error)}</Alert>
        <p className="mt-3 text-fg-muted">
          Invitations expire and work once. Ask whoever invited you to send a new one.
        </p>
        <Link to="/sign-in" className={buttonClass('secondary', 'lg', 'mt-5 w-full')}>
          Go to sign in
        </Link>
      </AuthLayout>
    );
  }
  if (lookup.isPending) {
    return (
      <AuthLayout title="Join a workspace">
        <LoadingState label="Opening your invitation…" className="py-4" />
      </AuthLayout>
    );
  }
  return <AcceptForm token={token} invitation={lookup.data} onAccepted={onAccepted} />;
}

function InvalidInvitationLink() {
  return (
    <AuthLayout
      title="This invitation link is not valid"
      description="Part of the link is missing or was changed on the way."
    >
      <ul className="list-disc space-y-1.5 pl-5 text-fg-muted">
        <li>Open the invitation email again and use its button, or copy the whole link.</li>
        <li>Still not working? Ask the person who invited you to resend the invitation.</li>
      </ul>
      <Link to="/sign-in" className={buttonClass('secondary', 'lg', 'mt-5 w-full')}>
        Go to sign in
      </Link>
    </AuthLayout>
  );
}

type AcceptFormProps = { token: string; invitation: InvitationLookup; onAccepted: () => void };

function AcceptForm({ token, invitation, onAccepted }: AcceptFormProps) {
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const accept = useAcceptInvitation();
  // Someone already signed in as the invited account proves it without typing the password again.
  const session = useQuery({ ...sessionQuery, retry: false });
  const isSignedInAsInvitee = session.data?.user.email.toLowerCase() === invitation.email.toLowerCase();
  const errors = formErrors(accept.error, invitation.hasAccount ? ['password'] : ['name', 'password']);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const input = isSignedInAsInvitee
      ? { token }
      : invitation.hasAccount
        ? { token, password }
        : { token, name: name.trim(), password };
    accept.mutate(input, { onSuccess: onAccepted });
  };

  return (
    <AuthLayout
      title={`Join ${invitation.workspace.name}`}
      description={
        isSignedInAsInvitee
          ? `You're signed in as ${invitation.email}.`
          : invitation.hasAccount
            ? 'Enter the password of your Parley account to accept.'
            : 'Create your Parley account to accept.'
      }
      footer={
        <Link to="/sign-in" className={textLinkClass}>
          Not you? Sign in with another account
        </Link>
      }
    >
      <dl className="mb-5 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1.5 rounded-control bg-surface-muted px-4 py-3 text-sm">
        <dt className="text-fg-muted">Workspace</dt>
        <dd className="truncate font-medium">{invitation.workspace.name}</dd>
        <dt className="text-fg-muted">Email</dt>
        <dd className="truncate font-medium">{invitation.email}</dd>
        <dt className="text-fg-muted">Role</dt>
        <dd className="font-medium">{ROLE_LABEL[invitation.role]}</dd>
      </dl>
      <form className="space-y-4" onSubmit={onSubmit}>
        {/* Lets password managers pair the password with the invited address. */}
        <input
          type="email"
          name="username"
          autoComplete="username"
          value={invitation.email}
          readOnly
          hidden
        />
        {invitation.hasAccount || isSignedInAsInvitee ? null : (
          <TextField
            label="Name"
            name="name"
            autoComplete="name"
            required
            autoFocus
            value={name}
            onChange={(event) => setName(event.target.value)}
            error={errors.fields.name}
          />
        )}
        {isSignedInAsInvitee ? null : (
          <TextField
            label="Password"
            type="password"
            name="password"
            autoComplete={invitation.hasAccount ? 'current-password' : 'new-password'}
            required
            autoFocus={invitation.hasAccount}
            value={password}
            onChange={(event) => setPassword(event.target.value)}
            error={errors.fields.password}
            hint={invitation.hasAccount ? undefined : 'At least 8 characters.'}
          />
        )}
        {errors.form ? <Alert>{errors.form}</Alert> : null}
        <Button type="submit" variant="primary" size="lg" className="w-full" isPending={accept.isPending}>
          Accept invitation
        </Button>
      </form>
    </AuthLayout>
  );
}
