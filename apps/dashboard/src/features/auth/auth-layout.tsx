import { Link } from '@tanstack/react-router';
import { MailCheck } from 'lucide-react';
import type { ReactNode } from 'react';
import { buttonClass } from '../../components/button';
import { Logo } from '../../components/logo';

type AuthLayoutProps = {
  title: string;
  description?: ReactNode;
  children: ReactNode;
  footer?: ReactNode;
};

/** The frame of every signed-out screen: logo, one card, a line of links under it. */
export function AuthLayout({ title, description, children, footer }: AuthLayoutProps) {
  return (
    <main className="flex min-h-full flex-col items-center justify-center px-4 py-12">
      <title>{`${title} · Parley`}</title>
      <div className="w-full max-w-[25rem]">
        <div className="mb-7 flex justify-center">
          <Logo />
        </div>
        <div className="rounded-card border border-line bg-surface p-7 shadow-card">
          <h1 className="font-semibold text-fg text-lg tracking-tight">{title}</h1>
          {description ? <div className="mt-1 text-fg-muted">{description}</div> : null}
          <div className="mt-6">{children}</div>
        </div>
        {footer ? <div className="mt-5 text-center text-fg-muted">{footer}</div> : null}
      </div>
    </main>
  );
}

export const textLinkClass =
  'font-medium text-accent-text underline-offset-2 hover:underline focus-visible:underline';

export function CheckInbox({ children }: { children: ReactNode }) {
  return (
    <div className="flex flex-col items-center text-center" role="status">
      <div className="mb-3 flex size-11 items-center justify-center rounded-full bg-accent-soft text-accent-text">
        <MailCheck aria-hidden className="size-5" />
      </div>
      <p className="text-fg-muted">{children}</p>
      <Link to="/sign-in" className={buttonClass('secondary', 'lg', 'mt-6 w-full')}>
        Back to sign in
      </Link>
    </div>
  );
}
