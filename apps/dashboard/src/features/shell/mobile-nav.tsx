import { useRouterState } from '@tanstack/react-router';
import { Menu, X } from 'lucide-react';
import { useEffect, useRef, useState } from 'react';
import type { Session } from '../../api/types';
import { useModalDialog } from '../../components/dialog';
import { Logo } from '../../components/logo';
import { NotificationsBell } from '../notifications/notifications-bell';
import { Sidebar } from './sidebar';

/**
 * Below 1024 px the sidebar gives its room to the page: a top bar with a menu button opens it as a
 * drawer (a modal <dialog>: focus stays inside, Escape closes, focus returns to the button).
 */
export function MobileNav({ session }: { session: Session }) {
  const [isOpen, setIsOpen] = useState(false);
  const dialogRef = useRef<HTMLDialogElement>(null);
  const location = useRouterState({ select: (state) => state.location.href });

  // Following a link closes the drawer.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the location changes
  useEffect(() => {
    setIsOpen(false);
  }, [location]);

  useModalDialog(dialogRef, isOpen);

  return (
    <>
      <div className="flex h-12 shrink-0 items-center gap-2 border-line border-b bg-canvas px-2 lg:hidden">
        <button
          type="button"
          aria-label="Open menu"
          aria-expanded={isOpen}
          onClick={() => setIsOpen(true)}
          className="flex size-9 items-center justify-center rounded-control text-fg-muted hover:bg-surface-hover hover:text-fg"
        >
          <Menu aria-hidden className="size-5" />
        </button>
        <Logo />
        <span className="ml-auto max-w-[40%] truncate text-fg-muted text-sm">{session.workspace?.name}</span>
        {session.workspace ? <NotificationsBell media="(max-width: 63.99rem)" align="end" /> : null}
      </div>
      {/* biome-ignore lint/a11y/useKeyWithClickEvents: the backdrop click has a keyboard twin, Escape (native to <dialog>) */}
      <dialog
        ref={dialogRef}
        aria-label="Menu"
        onClose={() => setIsOpen(false)}
        onClick={(event) => {
          // A click on the backdrop (the dialog element itself, outside the panel) closes it.
          if (event.target === event.currentTarget) {
            setIsOpen(false);
          }
        }}
        className="m-0 h-full max-h-none w-72 max-w-[85vw] border-line border-r bg-canvas p-0 text-fg open:animate-fade-in"
      >
        {isOpen ? (
          <div className="relative flex h-full">
            <Sidebar session={session} className="w-full border-r-0" />
            <button
              type="button"
              aria-label="Close menu"
              onClick={() => setIsOpen(false)}
              className="absolute top-3 right-3 rounded-control p-1.5 text-fg-muted hover:bg-surface-hover hover:text-fg"
            >
              <X aria-hidden className="size-4" />
            </button>
          </div>
        ) : null}
      </dialog>
    </>
  );
}
