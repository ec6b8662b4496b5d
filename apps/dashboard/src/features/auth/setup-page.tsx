import { Link } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { formErrors } from '../../api/api-error';
import { useSetup, useSetupStatus } from '../../api/setup';
import { Alert } from '../../components/alert';
import { Button, buttonClass } from '../../components/button';
import { TextField } from '../../components/field';
import { ErrorState, LoadingState } from '../../components/states';
import { AuthLayout } from './auth-layout';

const FIELDS = ['name', 'email', 'password', 'workspaceName'] as const;

export function SetupPage({ token, onDone }: { token: string; onDone: () => void }) {
  const status = useSetupStatus();

  if (status.isPending) {
    return (
      <AuthLayout title="Set up Parley">
        <LoadingState label="Checking this installation…" className="py-4" />
      </AuthLayout>
    );
  }
  if (status.isError) {
    return (
      <AuthLayout title="Set up Parley">
        <ErrorState error={status.error} onRetry={() => void status.refetch()} />
      </AuthLayout>
    );
  }
  if (!status.data.needsSetup) {
    return (
      <AuthLayout title="Parley is already set up">
        <p className="text-fg-muted">
          This installation already has an owner. Sign in with your account, or ask an admin to invite you.
        </p>
        <Link to="/sign-in" className={buttonClass('primary', 'lg', 'mt-5 w-full')}>
          Go to sign in
        </Link>
      </AuthLayout>
    );
  }
  if (!token) {
    return (
      <AuthLayout title="Set up Parley">
        <Alert title="This setup link is missing its token">
          Open the setup link printed in the server log when Parley first started.
        </Alert>
      </AuthLayout>
    );
  }
  return <SetupForm token={token} onDone={onDone} />;
}

function SetupForm({ token, onDone }: { token: string; onDone: () => void }) {
  const [values, setValues] = useState({ name: '', email: '', password: '', workspaceName: '' });
  const setup = useSetup();
  const errors = formErrors(setup.error, FIELDS);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setup.mutate(
      {
        token,
        name: values.name.trim(),
        email: values.email.trim(),
        password: values.password,
        workspaceName: values.workspaceName.trim(),
      },
      { onSuccess: onDone },
    );
  };

  const bind = (field: (typeof FIELDS)[number]) => ({
    value: values[field],
    onChange: (event: { target: { value: string } }) =>
      setValues((v) => ({ ...v, [field]: event.target.value })),
    error: errors.fields[field],
  });

  return (
    <AuthLayout
      title="Set up Parley"
      description="Create the owner account and your first workspace. You can invite your team next."
    >
      <form className="space-y-4" onSubmit={onSubmit}>
        <TextField label="Name" name="name" autoComplete="name" required autoFocus {...bind('name')} />
        <TextField label="Email" type="email" name="email" autoComplete="email" required {...bind('email')} />
        <TextField
          label="Password"
          type="password"
          name="password"
          autoComplete="new-password"
          required
          hint="At least 8 characters."
          {...bind('password')}
        />
        <TextField
          label="Workspace name"
          name="workspace"
          autoComplete="organization"
          placeholder="e.g. Acme Support"
          required
          {...bind('workspaceName')}
        />
        {errors.form ? <Alert>{errors.form}</Alert> : null}
        <Button type="submit" variant="primary" size="lg" className="w-full" isPending={setup.isPending}>
          Create account
        </Button>
      </form>
    </AuthLayout>
  );
}
