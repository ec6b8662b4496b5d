import { Link } from '@tanstack/react-router';
import { type FormEvent, useRef, useState } from 'react';
import { errorMessage, formErrors } from '../../api/api-error';
import { useRequestSignInLink, useSignIn } from '../../api/session';
import { Alert } from '../../components/alert';
import { Button } from '../../components/button';
import { TextField } from '../../components/field';
import { AuthLayout, CheckInbox, textLinkClass } from './auth-layout';

type Mode = 'password' | 'link';

export function SignInPage({ onSignedIn }: { onSignedIn: () => void }) {
  const [mode, setMode] = useState<Mode>('password');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [linkSentTo, setLinkSentTo] = useState<string | null>(null);
  const emailRef = useRef<HTMLInputElement>(null);
  const signIn = useSignIn();
  const requestLink = useRequestSignInLink();

  const sendLink = () => {
    signIn.reset();
    requestLink.mutate({ email: email.trim() }, { onSuccess: () => setLinkSentTo(email.trim()) });
  };

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (mode === 'link') {
      sendLink();
      return;
    }
    requestLink.reset();
    signIn.mutate({ email: email.trim(), password }, { onSuccess: onSignedIn });
  };

  // From the password form: with an email already typed, send the link straight away;
  // otherwise switch to the link form so the person only has to give their email.
  const onEmailMeALink = () => {
    const input = emailRef.current;
    if (input && email.trim() !== '' && input.checkValidity()) {
      sendLink();
      return;
    }
    setMode('link');
    input?.focus();
  };

  if (linkSentTo) {
    return (
      <AuthLayout title="Check your inbox">
        <CheckInbox>
          If <strong className="font-medium text-fg">{linkSentTo}</strong> has a Parley account, we've sent it
          a one-time sign-in link. It works once and expires soon.
        </CheckInbox>
      </AuthLayout>
    );
  }

  const signInErrors = formErrors(signIn.error, ['email', 'password']);
  const linkError = requestLink.error ? errorMessage(requestLink.error) : null;

  return (
    <AuthLayout
      title="Sign in to Parley"
      description={mode === 'password' ? 'Welcome back.' : "We'll email you a link that signs you in."}
    >
      <form className="space-y-4" onSubmit={onSubmit}>
        <TextField
          ref={emailRef}
          label="Email"
          type="email"
          name="email"
          autoComplete="username"
          required
          autoFocus
          value={email}
          onChange={(event) => setEmail(event.target.value)}
          error={signInErrors.fields.email}
        />
        {mode === 'password' ? (
          <>
            <div className="space-y-1.5">
              <TextField
                label="Password"
                type="password"
                name="password"
                autoComplete="current-password"
                required
                value={password}
                onChange={(event) => setPassword(event.target.value)}
                error={signInErrors.fields.password}
              />
              <div className="flex justify-end">
                <Link to="/forgot-password" className={`text-[0.8125rem] ${textLinkClass}`}>
                  Forgot password?
                </Link>
              </div>
            </div>
            {signInErrors.form ? <Alert>{signInErrors.form}</Alert> : null}
            {linkError ? <Alert>{linkError}</Alert> : null}
            <Button type="submit" variant="primary" size="lg" className="w-full" isPending={signIn.isPending}>
              Sign in
            </Button>
            <div className="flex items-center gap-3 text-fg-subtle text-xs" aria-hidden>
              <span className="h-px flex-1 bg-line" />
              or
              <span className="h-px flex-1 bg-line" />
            </div>
            <Button size="lg" className="w-full" onClick={onEmailMeALink} isPending={requestLink.isPending}>
              Email me a sign-in link
            </Button>
          </>
        ) : (
          <>
            {linkError ? <Alert>{linkError}</Alert> : null}
            <Button
              type="submit"
              variant="primary"
              size="lg"
              className="w-full"
              isPending={requestLink.isPending}
            >
              Email me a sign-in link
            </Button>
            <Button
              variant="ghost"
              size="lg"
              className="w-full"
              onClick={() => {
                requestLink.reset();
                setMode('password');
              }}
            >
              Sign in with a password instead
            </Button>
          </>
        )}
      </form>
    </AuthLayout>
  );
}
