import { Link } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { formErrors } from '../../api/api-error';
import { useRequestPasswordReset } from '../../api/session';
import { Alert } from '../../components/alert';
import { Button } from '../../components/button';
import { TextField } from '../../components/field';
import { AuthLayout, CheckInbox, textLinkClass } from './auth-layout';

export function ForgotPasswordPage() {
  const [email, setEmail] = useState('');
  const [sentTo, setSentTo] = useState<string | null>(null);
  const requestReset = useRequestPasswordReset();

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const address = email.trim();
    requestReset.mutate({ email: address }, { onSuccess: () => setSentTo(address) });
  };

  if (sentTo) {
    return (
      <AuthLayout title="Check your inbox">
        <CheckInbox>
          If <strong className="font-medium text-fg">{sentTo}</strong> has a Parley account, we've sent it a
          link to choose a new password. The link expires in one hour.
        </CheckInbox>
      </AuthLayout>
    );
  }

  const errors = formErrors(requestReset.error, ['email']);
  return (
    <AuthLayout
      title="Reset your password"
      description="Enter the email you sign in with and we'll send you a link to choose a new password."
      footer={
        <Link to="/sign-in" className={textLinkClass}>
          Back to sign in
        </Link>
      }
    >
      <form className="space-y-4" onSubmit={onSubmit}>
        <TextField
          label="Email"
          type="email"
          name="email"
          autoComplete="username"
          required
          autoFocus
          value={email}
          onChange={(event) => setEmail(event.target.value)}
          error={errors.fields.email}
        />
        {errors.form ? <Alert>{errors.form}</Alert> : null}
        <Button
          type="submit"
          variant="primary"
          size="lg"
          className="w-full"
          isPending={requestReset.isPending}
        >
          Send reset link
        </Button>
      </form>
    </AuthLayout>
  );
}
