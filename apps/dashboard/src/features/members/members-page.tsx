import { errorMessage, isForbidden } from '../../api/api-error';
import { useInvitations } from '../../api/invitations';
import { useMembers } from '../../api/members';
import type { Session } from '../../api/types';
import { PageBody, PageHeader } from '../../components/page';
import { AccessDeniedPage } from '../../components/states';
import { InvitationList } from './invitation-list';
import { InviteForm } from './invite-form';
import { MemberList } from './member-list';

export function MembersPage({ session }: { session: Session }) {
  const members = useMembers();
  const invitations = useInvitations();
  const workspaceName = session.workspace?.name ?? 'this workspace';

  // Agents may read the member list but not manage it; the invitations read is what tells us.
  const denial = [invitations.error, members.error].find(isForbidden);
  if (denial) {
    return <AccessDeniedPage title="Members" message={errorMessage(denial)} />;
  }

  return (
    <>
      <PageHeader
        title="Members"
        description={`People who can sign in to ${workspaceName} and their roles.`}
      />
      <PageBody>
        <InviteForm session={session} />
        <MemberList query={members} session={session} />
        <InvitationList query={invitations} session={session} />
      </PageBody>
    </>
  );
}
