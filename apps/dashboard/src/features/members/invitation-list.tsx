import type { UseInfiniteQueryResult } from '@tanstack/react-query';
import { Link2, MailPlus, Send, X } from 'lucide-react';
import { Fragment, useState } from 'react';
import { errorMessage } from '../../api/api-error';
import { useInvitationLink, useResendInvitation, useRevokeInvitation } from '../../api/invitations';
import type { Invitation, Session } from '../../api/types';
import { ROLE_LABEL, RoleBadge } from '../../components/badge';
import { Button } from '../../components/button';
import { CopyBox } from '../../components/copy-box';
import { ConfirmButton, Dialog } from '../../components/dialog';
import { Section } from '../../components/page';
import { EmptyState } from '../../components/states';
import { DataTable, DateTd, RowError, Td, Th } from '../../components/table';
import { useDateFormat } from '../../lib/date-format';

type Props = { query: UseInfiniteQueryResult<Invitation[]>; session: Session };

export function InvitationList({ query, session }: Props) {
  return (
    <Section
      id="pending-invitations"
      title="Pending invitations"
      description="Only the person who sent an invitation can copy its link. Anyone who manages members can resend or revoke it."
      isFlush
    >
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
        {(invitation) => <InvitationRow key={invitation.id} invitation={invitation} session={session} />}
      </DataTable>
    </Section>
  );
}

function InvitationRow({ invitation, session }: { invitation: Invitation; session: Session }) {
  const revoke = useRevokeInvitation();
  const resend = useResendInvitation();
  const isMine = invitation.invitedBy?.id === session.user.id;
  const workspaceName = session.workspace?.name ?? 'this workspace';
  const rowError = resend.error;
  return (
    <Fragment>
      <tr className="group hover:bg-surface-muted/50">
        <Td className="max-w-64 truncate font-medium" title={invitation.email}>
          {invitation.email}
        </Td>
        <Td>
          <RoleBadge role={invitation.role} />
        </Td>
        <Td className="whitespace-nowrap text-fg-muted">
          {isMine ? 'You' : (invitation.invitedBy?.name ?? '—')}
        </Td>
        <DateTd value={invitation.expiresAt} />
        <Td className="text-right">
          <div className="flex items-center justify-end gap-1">
            <span role="status" className="whitespace-nowrap text-[0.8125rem] text-success-text">
              {resend.isSuccess ? 'Sent again' : ''}
            </span>
            {isMine ? <CopyInvitationLink invitation={invitation} /> : null}
            <Button
              variant="ghost"
              size="sm"
              icon={Send}
              aria-label={`Resend invitation to ${invitation.email}`}
              isPending={resend.isPending}
              onClick={() => resend.mutate(invitation.id)}
            >
              <span className="max-sm:hidden">Resend</span>
            </Button>
            <ConfirmButton
              icon={X}
              aria-label={`Revoke invitation for ${invitation.email}`}
              mutation={revoke}
              variables={invitation.id}
              title={`Revoke the invitation for ${invitation.email}?`}
              description={`The link in their email stops working at once, so they can't join ${workspaceName} with it. You can invite them again later.`}
              confirmLabel="Revoke invitation"
            >
              <span className="max-sm:hidden">Revoke</span>
            </ConfirmButton>
          </div>
        </Td>
      </tr>
      {rowError ? <RowError colSpan={5} error={rowError} /> : null}
    </Fragment>
  );
}

/** The inviter's own link, to pass on another way (chat, in person) than the email. */
function CopyInvitationLink({ invitation }: { invitation: Invitation }) {
  const link = useInvitationLink();
  const [isOpen, setIsOpen] = useState(false);
  const formatDate = useDateFormat('date');
  return (
    <>
      <Button
        variant="ghost"
        size="sm"
        icon={Link2}
        aria-label={`Copy link for ${invitation.email}`}
        isPending={link.isPending}
        onClick={() => {
          setIsOpen(true);
          link.mutate(invitation.id);
        }}
      >
        <span className="max-sm:hidden">Copy link</span>
      </Button>
      <Dialog
        isOpen={isOpen}
        onClose={() => {
          setIsOpen(false);
          link.reset();
        }}
        title={`Invitation link for ${invitation.email}`}
        description={`Anyone with this link can join with the ${ROLE_LABEL[invitation.role]} role until ${formatDate(invitation.expiresAt)}. Share it only with ${invitation.email}.`}
      >
        {link.data ? (
          <CopyBox label="Invitation link" value={link.data.url} />
        ) : link.error ? (
          <p className="text-danger-text">{errorMessage(link.error)}</p>
        ) : (
          <p className="text-fg-muted">Getting the link…</p>
        )}
      </Dialog>
    </>
  );
}
