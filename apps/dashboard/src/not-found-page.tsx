import { Link } from '@tanstack/react-router';
import { buttonClass } from './components/button';
import { AuthLayout } from './features/auth/auth-layout';

export function NotFoundPage() {
  return (
    <AuthLayout title="Page not found">
      <p className="text-fg-muted">
        There's nothing at this address. It may have moved, or the link may be mistyped.
      </p>
      <Link to="/conversations" className={buttonClass('primary', 'lg', 'mt-5 w-full')}>
        Go to Parley
      </Link>
    </AuthLayout>
  );
}

export function RouteErrorPage({ error }: { error: unknown }) {
  return (
    <AuthLayout title="Something went wrong">
      <p className="text-fg-muted">
        {error instanceof Error ? error.message : 'Parley hit an unexpected problem.'} Reload the page to try
        again.
      </p>
      <a href="/app/" className={buttonClass('primary', 'lg', 'mt-5 w-full')}>
        Reload Parley
      </a>
    </AuthLayout>
  );
}
