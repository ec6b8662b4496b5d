import { Navigate, Outlet, useRouterState } from '@tanstack/react-router';
import { Suspense } from 'react';
import { isUnauthenticated } from '../../api/api-error';
import { useRealtime } from '../../api/realtime';
import { useSession } from '../../api/session';
import { ErrorState, LoadingState } from '../../components/states';
import { useProfileTheme } from '../../lib/theme';
import { CommandPalette } from '../command-palette/command-palette';
import { CommandsProvider } from '../command-palette/commands';
import { useAttention } from '../notifications/attention';
import { useReportMyStatus } from '../presence/my-status';
import { MobileNav } from './mobile-nav';
import { NoWorkspace } from './no-workspace';
import { Sidebar } from './sidebar';

// Pages about the person rather than a workspace stay usable without a current workspace.
const WORKSPACE_FREE_PATHS = ['/settings/profile', '/dev-mailbox'];

/** Everything behind sign-in: the sidebar and the current page. */
export function AppShell() {
  const session = useSession();
  const pathname = useRouterState({ select: (state) => state.location.pathname });
  const isWorkspaceFree = WORKSPACE_FREE_PATHS.some((path) => pathname.startsWith(path));
  // Live updates for every page of the current workspace, over one socket for the whole tab.
  const workspaceId = session.data?.workspace?.id ?? null;
  useRealtime(workspaceId, session.data?.user.id ?? null);
  // The agent's status for the team, and their attention while the tab is in the background.
  useReportMyStatus(workspaceId ? (session.data?.user.id ?? null) : null);
  useAttention(session.data);
  useProfileTheme(session.data?.user.preferences.theme);

  if (isUnauthenticated(session.error)) {
    return <Navigate to="/sign-in" />;
  }
  if (session.isPending) {
    return <LoadingState label="Loading Parley…" className="h-full" />;
  }
  if (!session.data) {
    return <ErrorState error={session.error} onRetry={() => void session.refetch()} />;
  }

  return (
    <CommandsProvider>
      {/* `relative` here and on <main>: absolutely positioned things (the skip link, every sr-only
          text) are placed inside the app, not against the page, so they never make the document
          itself scroll and carry the whole app (sidebar, top bar) out of view. */}
      <div className="relative flex h-full overflow-hidden max-lg:flex-col">
        <a
          href="#main"
          className="absolute top-2 left-2 z-50 -translate-y-20 rounded-control border border-line bg-surface px-3 py-2 font-medium shadow-popover focus:translate-y-0"
        >
          Skip to content
        </a>
        <Sidebar session={session.data} className="w-56 max-lg:hidden xl:w-60" />
        {/* After the sidebar in the document, so on wide screens the page reads as before; shown
          only on narrow screens, where it is the first thing in the column. */}
        <MobileNav session={session.data} />
        <main
          id="main"
          tabIndex={-1}
          className="relative min-h-0 min-w-0 flex-1 overflow-y-auto bg-surface focus:outline-none"
        >
          {session.data.workspace || isWorkspaceFree ? (
            // Pages loaded on first visit (settings) show this while their code arrives.
            <Suspense fallback={<LoadingState label="Loading…" className="h-full" />}>
              <Outlet />
            </Suspense>
          ) : (
            <NoWorkspace workspaces={session.data.workspaces} />
          )}
        </main>
      </div>
      <CommandPalette session={session.data} />
    </CommandsProvider>
  );
}
