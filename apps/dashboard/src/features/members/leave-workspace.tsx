import { useNavigate } from '@tanstack/react-router';
import { LogOut } from 'lucide-react';
import { useId } from 'react';
import { useLeaveWorkspace } from '../../api/members';
import type { Member } from '../../api/types';
import { Button, type ButtonSize, type ButtonVariant } from '../../components/button';
import { ConfirmButton } from '../../components/dialog';

type Props = {
  memberId: string;
  workspaceName: string;
  /** The workspace's only owner cannot leave (the server refuses it with `last_owner`). */
  isOnlyOwner: boolean;
  variant?: ButtonVariant;
  size?: ButtonSize;
};

/** Whether `member` is the only owner among the loaded members (unknown, so false, while more pages remain). */
export function isOnlyOwner(member: Member, members: Member[] | undefined, hasMore: boolean): boolean {
  return (
    member.role === 'owner' && !hasMore && (members ?? []).filter((m) => m.role === 'owner').length === 1
  );
}

export function LeaveWorkspaceButton({
  memberId,
  workspaceName,
  isOnlyOwner,
  variant = 'danger-subtle',
  size = 'sm',
}: Props) {
  const leave = useLeaveWorkspace();
  const navigate = useNavigate();
  const noticeId = useId();

  if (isOnlyOwner) {
    return (
      <div className="flex flex-wrap items-center justify-end gap-x-3 gap-y-1.5">
        <p id={noticeId} className="max-w-64 text-fg-subtle text-xs">
          You're the only owner of {workspaceName}. Make someone else an owner before you leave.
        </p>
        <Button variant={variant} size={size} icon={LogOut} disabled aria-describedby={noticeId}>
          Leave workspace
        </Button>
      </div>
    );
  }

  return (
    <ConfirmButton
      icon={LogOut}
      variant={variant}
      size={size}
      mutation={leave}
      variables={memberId}
      title={`Leave ${workspaceName}?`}
      description="You'll lose access to its conversations and settings. Someone will have to invite you again to come back."
      confirmLabel="Leave workspace"
      onConfirmed={() => void navigate({ to: '/conversations' })}
    >
      Leave workspace
    </ConfirmButton>
  );
}
