import { Link } from '@tanstack/react-router';
import { ArrowLeft } from 'lucide-react';
import { useInbox } from '../../api/inboxes';
import type { Session } from '../../api/types';
import { PageHeader } from '../../components/page';
import { AccessDenied, ErrorState, LoadingState } from '../../components/states';
import { InboxForm } from './inbox-settings/inbox-form';
import { canManageInboxes } from './inboxes-page';

type Props = { session: Session; inboxId: string };

export function InboxSettingsPage({ session, inboxId }: Props) {
  const inbox = useInbox(inboxId);

  const backLink = (
    <Link
      to="/settings/inboxes"
      className="inline-flex items-center gap-1 font-medium text-[0.8125rem] text-fg-muted hover:text-fg"
    >
      <ArrowLeft aria-hidden className="size-4" />
      All inboxes
    </Link>
  );

  if (!canManageInboxes(session)) {
    return (
      <>
        <PageHeader title="Inbox settings" />
        <AccessDenied message="Only owners and admins can set up inboxes and the website widget." />
      </>
    );
  }
  if (inbox.isPending) {
    return (
      <>
        <PageHeader title="Inbox settings" description={backLink} />
        <LoadingState label="Loading inbox…" />
      </>
    );
  }
  if (inbox.isError) {
    return (
      <>
        <PageHeader title="Inbox settings" description={backLink} />
        <ErrorState
          error={inbox.error}
          onRetry={() => void inbox.refetch()}
          back={{ to: '/settings/inboxes', label: 'Back to inboxes' }}
        />
      </>
    );
  }
  return <InboxForm key={inbox.data.id} inbox={inbox.data} backLink={backLink} />;
}
