import type { UseInfiniteQueryResult, UseQueryResult } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import {
  ArrowLeft,
  FileQuestionMark,
  LoaderCircle,
  Lock,
  type LucideIcon,
  RefreshCw,
  TriangleAlert,
} from 'lucide-react';
import type { ReactNode } from 'react';
import { errorMessage, isForbidden, isNotFound, isRetryable } from '../api/api-error';
import { Button, buttonClass } from './button';
import { PageHeader } from './page';

export function Spinner({ className = 'size-4' }: { className?: string }) {
  return <LoaderCircle aria-hidden className={`animate-spin text-fg-subtle ${className}`} />;
}

export function LoadingState({ label, className = '' }: { label: string; className?: string }) {
  return (
    <div
      role="status"
      className={`flex items-center justify-center gap-2 px-6 py-12 text-fg-muted ${className}`}
    >
      <Spinner />
      <span>{label}</span>
    </div>
  );
}

type EmptyStateProps = {
  icon: LucideIcon;
  title: string;
  description?: ReactNode;
  action?: ReactNode;
  className?: string;
};

export function EmptyState({ icon: Icon, title, description, action, className = '' }: EmptyStateProps) {
  return (
    <div className={`flex flex-col items-center justify-center px-6 py-12 text-center ${className}`}>
      <div className="mb-3 flex size-10 items-center justify-center rounded-full bg-surface-muted text-fg-subtle">
        <Icon aria-hidden className="size-5" />
      </div>
      <p className="font-medium text-fg">{title}</p>
      {description ? <p className="mt-1 max-w-sm text-fg-muted">{description}</p> : null}
      {action ? <div className="mt-4">{action}</div> : null}
    </div>
  );
}

export function AccessDenied({ message }: { message?: string }) {
  return (
    <div className="flex flex-col items-center justify-center px-6 py-20 text-center">
      <div className="mb-4 flex size-11 items-center justify-center rounded-full bg-surface-muted text-fg-muted">
        <Lock aria-hidden className="size-5" />
      </div>
      <h2 className="font-semibold text-base text-fg">You don't have access to this page</h2>
      <p className="mt-1.5 max-w-sm text-fg-muted">
        {message ?? 'Ask an owner or admin of this workspace if you need it.'}
      </p>
      <Link to="/conversations" className={buttonClass('secondary', 'md', 'mt-5')}>
        Back to conversations
      </Link>
    </div>
  );
}

/** Where a page's "not found" state leads back to. */
export type BackLink = { to: string; label: string };

const BACK_TO_CONVERSATIONS: BackLink = { to: '/conversations', label: 'Back to conversations' };

/** Something that is not there (deleted, or a wrong link): what it was, and the way back. */
export function NotFoundState({ title, back = BACK_TO_CONVERSATIONS }: { title: string; back?: BackLink }) {
  return (
    <div role="alert" className="flex flex-col items-center justify-center px-6 py-12 text-center">
      <title>{`${title} · Parley`}</title>
      <div className="mb-3 flex size-10 items-center justify-center rounded-full bg-surface-muted text-fg-subtle">
        <FileQuestionMark aria-hidden className="size-5" />
      </div>
      <h2 className="font-semibold text-base text-fg">{title}</h2>
      <p className="mt-1 max-w-sm text-fg-muted">It may have been deleted, or the link may be wrong.</p>
      <Link to={back.to} className={buttonClass('secondary', 'md', 'mt-4')}>
        <ArrowLeft aria-hidden className="size-4" />
        {back.label}
      </Link>
    </div>
  );
}

/**
 * What a failed read looks like, the same on every page: a 403 becomes the access page, a 404 says
 * what is missing (the server's message, "Conversation not found") with a way back, and only a failure
 * that may pass (network, server) offers "Try again"; any other refusal just says why.
 */
export function ErrorState({
  error,
  onRetry,
  back,
}: {
  error: unknown;
  onRetry?: () => void;
  /** Where the "not found" state leads (the conversations by default). */
  back?: BackLink;
}) {
  if (isForbidden(error)) {
    return <AccessDenied message={errorMessage(error)} />;
  }
  if (isNotFound(error)) {
    return <NotFoundState title={errorMessage(error)} back={back} />;
  }
  return (
    <div role="alert" className="flex flex-col items-center justify-center px-6 py-12 text-center">
      <div className="mb-3 flex size-10 items-center justify-center rounded-full bg-danger-soft text-danger-text">
        <TriangleAlert aria-hidden className="size-5" />
      </div>
      <p className="font-medium text-fg">Couldn't load this</p>
      <p className="mt-1 max-w-sm text-fg-muted">{errorMessage(error)}</p>
      {onRetry && isRetryable(error) ? (
        <Button className="mt-4" icon={RefreshCw} onClick={onRetry}>
          Try again
        </Button>
      ) : null}
    </div>
  );
}

/** Placeholder rows while a list of a settings page loads (a dot, a name, a line of detail). */
export function RowsSkeleton({ label, rows = 4 }: { label: string; rows?: number }) {
  return (
    <div role="status" aria-label={label} className="divide-y divide-line">
      {Array.from({ length: rows }, (_, row) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: placeholder rows have nothing else to tell them apart
        <div key={row} className="flex animate-pulse items-center gap-3 px-5 py-3.5">
          <span className="size-3.5 shrink-0 rounded-full bg-surface-hover" />
          <span className="flex-1 space-y-1.5">
            <span className={`block h-3 rounded bg-surface-hover ${row % 2 ? 'w-28' : 'w-40'}`} />
            <span className={`block h-2.5 rounded bg-surface-hover ${row % 2 ? 'w-64' : 'w-48'}`} />
          </span>
        </div>
      ))}
    </div>
  );
}

type ListQuery<T> = UseQueryResult<T[]> | UseInfiniteQueryResult<T[]>;

/** A list read's loading, error and empty states; once it has items, whatever `children` makes of them. */
export function QueryStates<T>({
  query,
  loading,
  empty,
  children,
}: {
  query: ListQuery<T>;
  loading: ReactNode;
  empty: ReactNode;
  children: (items: T[]) => ReactNode;
}) {
  if (query.isPending) {
    return loading;
  }
  if (query.isError) {
    return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  }
  return query.data.length === 0 ? empty : children(query.data);
}

/** A whole page refused: its title, then why. */
export function AccessDeniedPage({ title, message }: { title: string; message?: string }) {
  return (
    <>
      <PageHeader title={title} />
      <AccessDenied message={message} />
    </>
  );
}
