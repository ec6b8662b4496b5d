import type { UseInfiniteQueryResult } from '@tanstack/react-query';
import { MailPlus } from 'lucide-react';
import { Fragment } from 'react';
import { useRevokeInvitation } from '../../api/invitations';
import type { Invitation } from '../../api/types';
import { RoleBadge } from '../../components/badge';
import { Button } from '../../components/button';
import { Section } from '../../components/page';
import { EmptyState } from '../../components/states';
import { DataTable, DateTd, RowError, Td, Th } from '../../components/table';

export function InvitationList({ query }: { query: UseInfiniteQueryResult<Invitation[]> }) {
  return (
    <Section id="pending-invitations" title="Pending invitations" isFlush>
      <DataTable
        query={query}
        label="Pending invitations"
        loadingLabel="Loading invitations…"
        empty={
          <EmptyState
            icon={MailPlus}
            title="No pending invitations"
            description="Invitations you send appear here until they're accepted."
            className="py-8"
          />
        }
        columns={
          <>
            <Th>Email</Th>
            <Th>Role</Th>
            <Th>Invited by</Th>
            <Th>Expires</Th>
          </>
        }
        moreLabel="Show more invitations"
      >
        {(invitation) => <InvitationRow key={invitation.id} invitation={invitation} />}
      </DataTable>
    </Section>
  );
}

function InvitationRow({ invitation }: { invitation: Invitation }) {
  const revoke = useRevokeInvitation();
  return (
    <Fragment>
      <tr className="group hover:bg-surface-muted/50">
        <Td className="font-medium">{invitation.email}</Td>
        <Td>
          <RoleBadge role={invitation.role} />
        </Td>
        <Td className="text-fg-muted">{invitation.invitedBy?.name ?? '—'}</Td>
        <DateTd value={invitation.expiresAt} />
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
      {revoke.isError ? <RowError colSpan={5} error={revoke.error} /> : null}
    </Fragment>
  );
}
