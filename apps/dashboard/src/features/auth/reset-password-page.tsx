import { Link } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { formErrors } from '../../api/api-error';
import { useConfirmPasswordReset } from '../../api/session';
import { Alert } from '../../components/alert';
import { Button, buttonClass } from '../../components/button';
import { TextField } from '../../components/field';
import { AuthLayout, textLinkClass } from './auth-layout';

export function ResetPasswordPage({ token }: { token: string }) {
  const [password, setPassword] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [mismatch, setMismatch] = useState(false);
  const confirmReset = useConfirmPasswordReset();

  if (!token) {
    return (
      <AuthLayout title="This link is incomplete">
        <Alert>
          The reset link is missing its token. Open the link from the email again, or ask for a new one.
        </Alert>
        <Link to="/forgot-password" className={buttonClass('secondary', 'lg', 'mt-5 w-full')}>
          Send a new reset link
        </Link>
      </AuthLayout>
    );
  }

  if (confirmReset.isSuccess) {
    return (
      <AuthLayout title="Password changed">
        <Alert tone="success">Your password has been changed. Sign in with your new password.</Alert>
        <Link to="/sign-in" className={buttonClass('primary', 'lg', 'mt-5 w-full')}>
          Sign in
        </Link>
      </AuthLayout>
    );
  }

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (password !== confirmation) {
      setMismatch(true);
      return;
    }
    setMismatch(false);
    confirmReset.mutate({ token, password });
  };

  const errors = formErrors(confirmReset.error, ['password']);
  return (
    <AuthLayout
      title="Choose a new password"
      footer={
        <Link to="/sign-in" className={textLinkClass}>
          Back to sign in
        </Link>
      }
    >
      <form className="space-y-4" onSubmit={onSubmit}>
        <TextField
          label="New password"
          type="password"
          name="new-password"
          autoComplete="new-password"
          required
          autoFocus
          value={password}
          onChange={(event) => setPassword(event.target.value)}
          error={errors.fields.password}
          hint="At least 8 characters."
        />
        <TextField
          label="Confirm password"
          type="password"
          name="confirm-password"
          autoComplete="new-password"
          required
          value={confirmation}
          onChange={(event) => {
            setConfirmation(event.target.value);
            setMismatch(false);
          }}
          error={mismatch ? "The passwords don't match." : undefined}
        />
        {errors.form ? (
          <Alert>
            {errors.form}{' '}
            <Link to="/forgot-password" className="font-medium underline">
              Send a new link
            </Link>
          </Alert>
        ) : null}
        <Button
          type="submit"
          variant="primary"
          size="lg"
          className="w-full"
          isPending={confirmReset.isPending}
        >
          Set new password
        </Button>
      </form>
    </AuthLayout>
  );
}
