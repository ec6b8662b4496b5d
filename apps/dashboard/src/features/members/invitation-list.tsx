import type { UseInfiniteQueryResult } from '@tanstack/react-query';
import { MailPlus } from 'lucide-react';
import { Fragment } from 'react';
import { errorMessage } from '../../api/api-error';
import { useRevokeInvitation } from '../../api/invitations';
import type { Invitation } from '../../api/types';
import { Alert } from '../../components/alert';
import { RoleBadge } from '../../components/badge';
import { Button } from '../../components/button';
import { Section } from '../../components/page';
import { EmptyState, ErrorState, LoadingState } from '../../components/states';
import { Table, Td, Th } from '../../components/table';
import { useDateFormat } from '../../lib/date-format';

export function InvitationList({ query }: { query: UseInfiniteQueryResult<Invitation[]> }) {
  return (
    <Section id="pending-invitations" title="Pending invitations" isFlush>
      {query.isPending ? (
        <LoadingState label="Loading invitations…" />
      ) : query.isError ? (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      ) : query.data.length === 0 ? (
        <EmptyState
          icon={MailPlus}
          title="No pending invitations"
          description="Invitations you send appear here until they're accepted."
          className="py-8"
        />
      ) : (
        <>
          <Table label="Pending invitations">
            <thead>
              <tr>
                <Th>Email</Th>
                <Th>Role</Th>
                <Th>Invited by</Th>
                <Th>Expires</Th>
                <Th className="w-px">
                  <span className="sr-only">Actions</span>
                </Th>
              </tr>
            </thead>
            <tbody>
              {query.data.map((invitation) => (
                <InvitationRow key={invitation.id} invitation={invitation} />
              ))}
            </tbody>
          </Table>
          {query.hasNextPage ? (
            <div className="border-line border-t px-5 py-3">
              <Button
                size="sm"
                onClick={() => void query.fetchNextPage()}
                isPending={query.isFetchingNextPage}
              >
                Show more invitations
              </Button>
            </div>
          ) : null}
        </>
      )}
    </Section>
  );
}

function InvitationRow({ invitation }: { invitation: Invitation }) {
  const revoke = useRevokeInvitation();
  const formatDate = useDateFormat('date');
  const formatDateTime = useDateFormat();
  return (
    <Fragment>
      <tr className="group hover:bg-surface-muted/50">
        <Td className="font-medium">{invitation.email}</Td>
        <Td>
          <RoleBadge role={invitation.role} />
        </Td>
        <Td className="text-fg-muted">{invitation.invitedBy?.name ?? '—'}</Td>
        <Td className="whitespace-nowrap text-fg-muted">
          <time dateTime={invitation.expiresAt} title={formatDateTime(invitation.expiresAt)}>
            {formatDate(invitation.expiresAt)}
          </time>
        </Td>
        <Td className="text-right">
          <Button
            variant="danger-subtle"
            size="sm"
            aria-label={`Revoke invitation for ${invitation.email}`}
            isPending={revoke.isPending}
            onClick={() => revoke.mutate(invitation.id)}
          >
            Revoke
          </Button>
        </Td>
      </tr>
      {revoke.isError ? (
        <tr>
          <td colSpan={5} className="border-line border-b px-5 pb-3">
            <Alert>{errorMessage(revoke.error)}</Alert>
          </td>
        </tr>
      ) : null}
    </Fragment>
  );
}
