import type { UseInfiniteQueryResult } from '@tanstack/react-query';
import { UserMinus, Users } from 'lucide-react';
import { Fragment } from 'react';
import { useRemoveMember, useUpdateMemberRole } from '../../api/members';
import type { Member, Role, Session } from '../../api/types';
import { Avatar } from '../../components/avatar';
import { ROLE_LABEL, RoleBadge, rolesUpTo } from '../../components/badge';
import { ConfirmButton } from '../../components/dialog';
import { Select } from '../../components/field';
import { Section } from '../../components/page';
import { EmptyState, Spinner } from '../../components/states';
import { DataTable, DateTd, RowError, Td, Th } from '../../components/table';
import { isOnlyOwner, LeaveWorkspaceButton } from './leave-workspace';

type Props = { query: UseInfiniteQueryResult<Member[]>; session: Session };

export function MemberList({ query, session }: Props) {
  const count = query.data?.length;
  return (
    <Section
      id="members"
      title="Members"
      description={count === undefined ? undefined : `${count} ${count === 1 ? 'person' : 'people'}`}
      isFlush
    >
      <DataTable
        query={query}
        label="Members"
        loadingLabel="Loading members…"
        empty={<EmptyState icon={Users} title="No members yet" />}
        columns={
          <>
            <Th>Name</Th>
            <Th className="w-36">Role</Th>
            <Th>Joined</Th>
          </>
        }
        moreLabel="Show more members"
      >
        {(member) => (
          <MemberRow
            key={member.id}
            member={member}
            session={session}
            isOnlyOwner={isOnlyOwner(member, query.data, query.hasNextPage)}
          />
        )}
      </DataTable>
    </Section>
  );
}

type RowProps = { member: Member; session: Session; isOnlyOwner: boolean };

function MemberRow({ member, session, isOnlyOwner }: RowProps) {
  const updateRole = useUpdateMemberRole();
  const remove = useRemoveMember();
  const isSelf = member.userId === session.user.id;
  const displayName = member.name || member.email;
  const workspaceName = session.workspace?.name ?? 'this workspace';
  const shownRole = updateRole.isPending ? updateRole.variables.role : member.role;

  return (
    <Fragment>
      <tr className="group hover:bg-surface-muted/50">
        <Td>
          <div className="flex min-w-0 items-center gap-2.5">
            <Avatar name={displayName} url={member.avatarUrl} />
            <div className="min-w-0">
              <p className="truncate font-medium">
                {displayName}
                {isSelf ? <span className="ml-1.5 font-normal text-fg-subtle text-xs">(you)</span> : null}
              </p>
              <p className="truncate text-[0.8125rem] text-fg-muted">{member.email}</p>
            </div>
          </div>
        </Td>
        <Td>
          {isSelf || !member.canChange ? (
            <RoleBadge role={member.role} />
          ) : (
            <div className="flex items-center gap-2">
              <Select
                aria-label={`Role for ${displayName}`}
                isCompact
                className="w-28"
                value={shownRole}
                disabled={updateRole.isPending}
                onChange={(event) =>
                  updateRole.mutate({ memberId: member.id, role: event.target.value as Role })
                }
              >
                {rolesUpTo(session.role)
                  .reverse()
                  .map((role) => (
                    <option key={role} value={role}>
                      {ROLE_LABEL[role]}
                    </option>
                  ))}
              </Select>
              {updateRole.isPending ? <Spinner /> : null}
            </div>
          )}
        </Td>
        <DateTd value={member.createdAt} />
        <Td className="text-right">
          {isSelf ? (
            <LeaveWorkspaceButton
              memberId={member.id}
              workspaceName={workspaceName}
              isOnlyOwner={isOnlyOwner}
            />
          ) : member.canChange ? (
            <ConfirmButton
              icon={UserMinus}
              aria-label={`Remove ${displayName}`}
              mutation={remove}
              variables={member.id}
              title={`Remove ${displayName}?`}
              description={`${displayName} will lose access to ${workspaceName} right away. Conversations they handled stay in the workspace.`}
              confirmLabel="Remove member"
            >
              Remove
            </ConfirmButton>
          ) : null}
        </Td>
      </tr>
      {updateRole.isError ? <RowError colSpan={4} error={updateRole.error} /> : null}
    </Fragment>
  );
}
