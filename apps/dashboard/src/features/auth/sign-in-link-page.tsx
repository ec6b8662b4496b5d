import { Link } from '@tanstack/react-router';
import { useEffect, useRef } from 'react';
import { errorMessage } from '../../api/api-error';
import { useConfirmSignInLink } from '../../api/session';
import { Alert } from '../../components/alert';
import { buttonClass } from '../../components/button';
import { Spinner } from '../../components/states';
import { AuthLayout } from './auth-layout';

export function SignInLinkPage({ token, onSignedIn }: { token: string; onSignedIn: () => void }) {
  const confirm = useConfirmSignInLink();
  const { mutate } = confirm;
  // The link works once: a ref (kept across StrictMode's double effect) makes sure it is spent once.
  const hasStarted = useRef(false);

  useEffect(() => {
    if (!token || hasStarted.current) {
      return;
    }
    hasStarted.current = true;
    mutate({ token }, { onSuccess: onSignedIn });
  }, [token, mutate, onSignedIn]);

  if (!token || confirm.isError) {
    return (
      <AuthLayout title="This sign-in link doesn't work">
        <Alert>
          {token
            ? errorMessage(confirm.error)
            : 'The link is missing its token. Open the link from the email again.'}
        </Alert>
        <p className="mt-3 text-fg-muted">Sign-in links work once and expire after a short time.</p>
        <Link to="/sign-in" className={buttonClass('primary', 'lg', 'mt-5 w-full')}>
          Back to sign in
        </Link>
      </AuthLayout>
    );
  }

  return (
    <AuthLayout title="Signing you in">
      <div role="status" className="flex items-center gap-2 text-fg-muted">
        <Spinner />
        Checking your sign-in link…
      </div>
    </AuthLayout>
  );
}
