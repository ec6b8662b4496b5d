import type { UseInfiniteQueryResult } from '@tanstack/react-query';
import { UserMinus, Users } from 'lucide-react';
import { Fragment, useState } from 'react';
import { errorMessage } from '../../api/api-error';
import { useRemoveMember, useUpdateMemberRole } from '../../api/members';
import type { Member, Role, Session } from '../../api/types';
import { Alert } from '../../components/alert';
import { Avatar } from '../../components/avatar';
import { RoleBadge } from '../../components/badge';
import { Button } from '../../components/button';
import { ConfirmDialog } from '../../components/dialog';
import { Select } from '../../components/field';
import { Section } from '../../components/page';
import { EmptyState, ErrorState, LoadingState, Spinner } from '../../components/states';
import { Table, Td, Th } from '../../components/table';
import { useDateFormat } from '../../lib/date-format';
import { LeaveWorkspaceButton } from './leave-workspace';

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
      {query.isPending ? (
        <LoadingState label="Loading members…" />
      ) : query.isError ? (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      ) : query.data.length === 0 ? (
        <EmptyState icon={Users} title="No members yet" />
      ) : (
        <>
          <Table label="Members">
            <thead>
              <tr>
                <Th>Name</Th>
                <Th className="w-36">Role</Th>
                <Th>Joined</Th>
                <Th className="w-px">
                  <span className="sr-only">Actions</span>
                </Th>
              </tr>
            </thead>
            <tbody>
              {query.data.map((member) => (
                <MemberRow key={member.id} member={member} session={session} />
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
                Show more members
              </Button>
            </div>
          ) : null}
        </>
      )}
    </Section>
  );
}

function MemberRow({ member, session }: { member: Member; session: Session }) {
  const [isConfirmingRemoval, setIsConfirmingRemoval] = useState(false);
  const updateRole = useUpdateMemberRole();
  const remove = useRemoveMember();
  const formatDate = useDateFormat('date');
  const formatDateTime = useDateFormat();
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
          {isSelf ? (
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
                <option value="owner">Owner</option>
                <option value="admin">Admin</option>
                <option value="agent">Agent</option>
              </Select>
              {updateRole.isPending ? <Spinner /> : null}
            </div>
          )}
        </Td>
        <Td className="whitespace-nowrap text-fg-muted">
          <time dateTime={member.createdAt} title={formatDateTime(member.createdAt)}>
            {formatDate(member.createdAt)}
          </time>
        </Td>
        <Td className="text-right">
          {isSelf ? (
            <LeaveWorkspaceButton memberId={member.id} workspaceName={workspaceName} />
          ) : (
            <Button
              variant="danger-subtle"
              size="sm"
              icon={UserMinus}
              aria-label={`Remove ${displayName}`}
              onClick={() => setIsConfirmingRemoval(true)}
            >
              Remove
            </Button>
          )}
          <ConfirmDialog
            isOpen={isConfirmingRemoval}
            onClose={() => {
              setIsConfirmingRemoval(false);
              remove.reset();
            }}
            onConfirm={() => remove.mutate(member.id, { onSuccess: () => setIsConfirmingRemoval(false) })}
            title={`Remove ${displayName}?`}
            description={`${displayName} will lose access to ${workspaceName} right away. Conversations they handled stay in the workspace.`}
            confirmLabel="Remove member"
            isPending={remove.isPending}
            error={remove.error ? errorMessage(remove.error) : null}
          />
        </Td>
      </tr>
      {updateRole.isError ? (
        <tr>
          <td colSpan={4} className="border-line border-b px-5 pb-3">
            <Alert>{errorMessage(updateRole.error)}</Alert>
          </td>
        </tr>
      ) : null}
    </Fragment>
  );
}
