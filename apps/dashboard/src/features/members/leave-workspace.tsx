import { useNavigate } from '@tanstack/react-router';
import { LogOut } from 'lucide-react';
import { useState } from 'react';
import { errorMessage } from '../../api/api-error';
import { useLeaveWorkspace } from '../../api/members';
import { Button, type ButtonSize, type ButtonVariant } from '../../components/button';
import { ConfirmDialog } from '../../components/dialog';

type Props = { memberId: string; workspaceName: string; variant?: ButtonVariant; size?: ButtonSize };

export function LeaveWorkspaceButton({
  memberId,
  workspaceName,
  variant = 'danger-subtle',
  size = 'sm',
}: Props) {
  const [isConfirming, setIsConfirming] = useState(false);
  const leave = useLeaveWorkspace();
  const navigate = useNavigate();

  return (
    <>
      <Button variant={variant} size={size} icon={LogOut} onClick={() => setIsConfirming(true)}>
        Leave workspace
      </Button>
      <ConfirmDialog
        isOpen={isConfirming}
        onClose={() => {
          setIsConfirming(false);
          leave.reset();
        }}
        onConfirm={() =>
          leave.mutate(memberId, {
            onSuccess: () => {
              setIsConfirming(false);
              void navigate({ to: '/conversations' });
            },
          })
        }
        title={`Leave ${workspaceName}?`}
        description="You'll lose access to its conversations and settings. Someone will have to invite you again to come back."
        confirmLabel="Leave workspace"
        isPending={leave.isPending}
        error={leave.error ? errorMessage(leave.error) : null}
      />
    </>
  );
}
