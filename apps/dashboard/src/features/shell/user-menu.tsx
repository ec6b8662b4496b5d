import { Link } from '@tanstack/react-router';
import { ChevronsUpDown, LogOut, UserRound } from 'lucide-react';
import { errorMessage } from '../../api/api-error';
import { useSignOut } from '../../api/session';
import type { User } from '../../api/types';
import { Avatar } from '../../components/avatar';
import { Popover, popoverItemClass } from '../../components/popover';

export function UserMenu({ user }: { user: User }) {
  const signOut = useSignOut();
  return (
    <>
      {signOut.isError ? (
        <p role="alert" className="mb-2 text-danger-text text-xs">
          {errorMessage(signOut.error)}
        </p>
      ) : null}
      <Popover
        placement="above"
        testId="user-menu"
        triggerClassName="flex w-full items-center gap-2.5 rounded-control p-1.5 text-left hover:bg-surface-hover aria-expanded:bg-surface-hover"
        trigger={
          <>
            <Avatar name={user.name || user.email} url={user.avatarUrl} />
            <span className="min-w-0 flex-1">
              <span className="block truncate font-medium text-fg text-sm">{user.name || user.email}</span>
              <span className="block truncate text-fg-subtle text-xs">{user.email}</span>
            </span>
            <ChevronsUpDown aria-hidden className="size-4 shrink-0 text-fg-subtle" />
          </>
        }
      >
        {(close) => (
          <>
            <Link to="/settings/profile" className={popoverItemClass} onClick={close}>
              <UserRound aria-hidden className="size-4 text-fg-subtle" />
              Profile
            </Link>
            <button
              type="button"
              className={popoverItemClass}
              disabled={signOut.isPending}
              onClick={() => signOut.mutate()}
            >
              <LogOut aria-hidden className="size-4 text-fg-subtle" />
              Sign out
            </button>
          </>
        )}
      </Popover>
    </>
  );
}
