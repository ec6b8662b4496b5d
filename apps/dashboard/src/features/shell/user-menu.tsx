import { Link } from '@tanstack/react-router';
import { Check, ChevronsUpDown, LogOut, UserRound } from 'lucide-react';
import { errorMessage } from '../../api/api-error';
import { PRESENCE_LABEL, type Presence } from '../../api/presence';
import { type MyPresence, useRealtimeStatus } from '../../api/realtime';
import { useSignOut } from '../../api/session';
import type { User } from '../../api/types';
import { Avatar } from '../../components/avatar';
import { Popover, popoverItemClass } from '../../components/popover';
import { AWAY_AFTER_MS, chooseStatus, useMyStatus } from '../presence/my-status';
import { AvatarWithPresence, PresenceDot } from '../presence/presence-dot';
import { ThemeChoice } from './theme-choice';

const AWAY_AFTER_MINUTES = Math.round(AWAY_AFTER_MS / 60_000);

/** The signed-in person: their status (online or away, switchable here), theme, profile and sign-out. */
export function UserMenu({ user, hasWorkspace }: { user: User; hasWorkspace: boolean }) {
  const signOut = useSignOut();
  const mine = useMyStatus();
  const connection = useRealtimeStatus();
  // Without a live connection the team sees this agent offline; say so rather than a hopeful "online".
  const shown: Presence | null = !hasWorkspace
    ? null
    : connection === 'reconnecting'
      ? 'offline'
      : mine.status;
  const statusText =
    shown === null
      ? user.email
      : connection === 'reconnecting'
        ? 'Offline · reconnecting'
        : mine.isIdle
          ? 'Away · inactive'
          : PRESENCE_LABEL[shown];

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
            {shown ? (
              <AvatarWithPresence
                name={user.name || user.email}
                url={user.avatarUrl}
                status={shown}
                ringClassName="ring-canvas"
              />
            ) : (
              <Avatar name={user.name || user.email} url={user.avatarUrl} />
            )}
            <span className="min-w-0 flex-1">
              <span className="block truncate font-medium text-fg text-sm">{user.name || user.email}</span>
              <span className="block truncate text-fg-subtle text-xs">
                {shown ? <span className="sr-only">Status: </span> : null}
                {statusText}
              </span>
            </span>
            <ChevronsUpDown aria-hidden className="size-4 shrink-0 text-fg-subtle" />
          </>
        }
      >
        {(close) => (
          <>
            {hasWorkspace ? (
              <>
                <fieldset className="pb-1">
                  <legend className="px-2 pt-1 pb-1 font-medium text-fg-subtle text-xs">Your status</legend>
                  <StatusChoice status="online" chosen={mine.chosen} />
                  <StatusChoice status="away" chosen={mine.chosen} />
                  <p className="px-2 pt-1 pb-1 text-fg-subtle text-xs">
                    Away after {AWAY_AFTER_MINUTES} minutes without activity; online again when you’re back.
                  </p>
                </fieldset>
                <hr className="-mx-1 my-1 border-line" />
              </>
            ) : null}
            <ThemeChoice />
            <hr className="-mx-1 my-1 border-line" />
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

function StatusChoice({ status, chosen }: { status: MyPresence; chosen: MyPresence }) {
  const isChosen = status === chosen;
  return (
    <button
      type="button"
      aria-pressed={isChosen}
      className={popoverItemClass}
      onClick={() => chooseStatus(status)}
    >
      <span aria-hidden className="flex size-4 items-center justify-center">
        <PresenceDot status={status} className="size-2.5" />
      </span>
      <span className="flex-1">{PRESENCE_LABEL[status]}</span>
      <Check aria-hidden className={`size-4 text-accent-text ${isChosen ? '' : 'invisible'}`} />
    </button>
  );
}
