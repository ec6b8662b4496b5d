import { useNavigate } from '@tanstack/react-router';
import { LogOut } from 'lucide-react';
import { useLeaveWorkspace } from '../../api/members';
import type { ButtonSize, ButtonVariant } from '../../components/button';
import { ConfirmButton } from '../../components/dialog';

type Props = { memberId: string; workspaceName: string; variant?: ButtonVariant; size?: ButtonSize };

export function LeaveWorkspaceButton({
  memberId,
  workspaceName,
  variant = 'danger-subtle',
  size = 'sm',
}: Props) {
  const leave = useLeaveWorkspace();
  const navigate = useNavigate();

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
