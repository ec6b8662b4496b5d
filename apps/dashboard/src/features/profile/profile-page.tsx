import { useMe } from '../../api/me';
import { useMembers } from '../../api/members';
import type { Session } from '../../api/types';
import { PageBody, PageHeader, Section } from '../../components/page';
import { ErrorState, LoadingState } from '../../components/states';
import { isOnlyOwner, LeaveWorkspaceButton } from '../members/leave-workspace';
import { ChangePasswordForm } from './change-password-form';
import { NotificationSettings } from './notification-settings';
import { ProfileForm } from './profile-form';
import { SessionList } from './session-list';
import { ThemeSettings } from './theme-settings';

export function ProfilePage({ session }: { session: Session }) {
  const me = useMe();
  return (
    <>
      <PageHeader
        title="Profile"
        description="How you appear to your teammates, how Parley shows you dates, and how it gets your attention."
      />
      <PageBody>
        <Section id="profile" title="Your details">
          {me.isPending ? (
            <LoadingState label="Loading your profile…" />
          ) : me.isError ? (
            <ErrorState error={me.error} onRetry={() => void me.refetch()} />
          ) : (
            <ProfileForm key={me.data.id} user={me.data} />
          )}
        </Section>
        <Section
          id="notifications"
          title="Notifications"
          description="How Parley gets your attention while its tab is in the background."
        >
          {me.isPending ? (
            <LoadingState label="Loading your notification settings…" />
          ) : me.isError ? (
            <ErrorState error={me.error} onRetry={() => void me.refetch()} />
          ) : (
            <NotificationSettings key={me.data.id} preferences={me.data.preferences} />
          )}
        </Section>
        <Section
          id="appearance"
          title="Appearance"
          description="Light, dark, or following your device. Saved to your profile for every browser."
        >
          <ThemeSettings />
        </Section>
        <Section id="password" title="Password" description="Changing it signs you out everywhere else.">
          <ChangePasswordForm email={session.user.email} />
        </Section>
        <SessionList />
        {session.workspace ? <WorkspaceMembership session={session} /> : null}
      </PageBody>
    </>
  );
}

/** Leaving is open to every role, so it lives here too and not only on the admin-only Members page. */
function WorkspaceMembership({ session }: { session: Session }) {
  const members = useMembers();
  const self = members.data?.find((member) => member.userId === session.user.id);
  if (!self || !session.workspace) {
    return null;
  }
  return (
    <Section
      id="membership"
      title="Workspace"
      description={`You're a member of ${session.workspace.name}. Leaving removes your access to it.`}
    >
      <LeaveWorkspaceButton
        memberId={self.id}
        workspaceName={session.workspace.name}
        isOnlyOwner={isOnlyOwner(self, members.data, members.hasNextPage)}
        variant="secondary"
        size="md"
      />
    </Section>
  );
}
