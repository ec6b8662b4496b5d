import type { QueryClient } from '@tanstack/react-query';
import {
  createRootRouteWithContext,
  createRoute,
  createRouter,
  Outlet,
  redirect,
  useNavigate,
  useParams,
} from '@tanstack/react-router';
import { useCallback } from 'react';
import { isUnauthenticated } from './api/api-error';
import { queryClient } from './api/query-client';
import { sessionQuery, useSession } from './api/session';
import { CONVERSATION_STATUSES, type ConversationFilter, JOB_STATES, type JobState } from './api/types';
import { ApiTokensPage } from './features/api-tokens/api-tokens-page';
import { ForgotPasswordPage } from './features/auth/forgot-password-page';
import { InvitePage } from './features/auth/invite-page';
import { ResetPasswordPage } from './features/auth/reset-password-page';
import { SetupPage } from './features/auth/setup-page';
import { SignInLinkPage } from './features/auth/sign-in-link-page';
import { SignInPage } from './features/auth/sign-in-page';
import { ConversationView } from './features/conversations/conversation-view';
import { ConversationsPage, NoConversationSelected } from './features/conversations/conversations-page';
import { DevMailboxPage } from './features/dev-mailbox/dev-mailbox-page';
import { InboxSettingsPage } from './features/inboxes/inbox-settings-page';
import { InboxesPage } from './features/inboxes/inboxes-page';
import { JobsPage } from './features/jobs/jobs-page';
import { MembersPage } from './features/members/members-page';
import { ProfilePage } from './features/profile/profile-page';
import { AppShell } from './features/shell/app-shell';
import { NotFoundPage, RouteErrorPage } from './not-found-page';

// Code-based routes. Pages take what they need from the URL as props, so only this file
// knows about search params and paths.

type RouterContext = { queryClient: QueryClient };

const stringParam = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
const tokenSearch = (search: Record<string, unknown>): { token?: string } => ({
  token: stringParam(search.token),
});

/** Only same-app paths are followed after sign-in, never another origin. */
function safeRedirect(value: unknown): string | undefined {
  const path = stringParam(value);
  return path?.startsWith('/') && !path.startsWith('//') ? path : undefined;
}

const rootRoute = createRootRouteWithContext<RouterContext>()({
  component: Outlet,
  notFoundComponent: NotFoundPage,
  errorComponent: RouteErrorPage,
});

/** Where a fresh session lands: the page that sent the person to sign in, or the inbox. */
function useEnterApp(redirectTo?: string) {
  const navigate = useNavigate();
  return useCallback(() => {
    if (redirectTo) {
      void navigate({ href: redirectTo });
    } else {
      void navigate({ to: '/conversations' });
    }
  }, [navigate, redirectTo]);
}

const setupRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/setup',
  validateSearch: tokenSearch,
  component: function SetupRoute() {
    const { token } = setupRoute.useSearch();
    return <SetupPage token={token ?? ''} onDone={useEnterApp()} />;
  },
});

const signInRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/sign-in',
  validateSearch: (search: Record<string, unknown>): { redirect?: string } => ({
    redirect: safeRedirect(search.redirect),
  }),
  component: function SignInRoute() {
    const { redirect: redirectTo } = signInRoute.useSearch();
    return <SignInPage onSignedIn={useEnterApp(redirectTo)} />;
  },
});

const forgotPasswordRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/forgot-password',
  component: ForgotPasswordPage,
});

const resetPasswordRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/reset-password',
  validateSearch: tokenSearch,
  component: function ResetPasswordRoute() {
    const { token } = resetPasswordRoute.useSearch();
    return <ResetPasswordPage token={token ?? ''} />;
  },
});

const signInLinkRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/sign-in-link',
  validateSearch: tokenSearch,
  component: function SignInLinkRoute() {
    const { token } = signInLinkRoute.useSearch();
    return <SignInLinkPage token={token ?? ''} onSignedIn={useEnterApp()} />;
  },
});

const inviteRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/invite',
  validateSearch: tokenSearch,
  component: function InviteRoute() {
    const { token } = inviteRoute.useSearch();
    return <InvitePage token={token ?? ''} onAccepted={useEnterApp()} />;
  },
});

/** Everything below needs a session; without one the person is sent to sign in and brought back. */
const appRoute = createRoute({
  getParentRoute: () => rootRoute,
  id: 'app',
  beforeLoad: async ({ context, location }) => {
    try {
      await context.queryClient.ensureQueryData(sessionQuery);
    } catch (error) {
      if (isUnauthenticated(error)) {
        throw redirect({ to: '/sign-in', search: location.href === '/' ? {} : { redirect: location.href } });
      }
      throw error;
    }
  },
  component: AppShell,
});

/** The session is loaded by the time an app page renders (the shell waits for it). */
function useCurrentSession() {
  const { data } = useSession();
  if (!data) {
    throw new Error('The session should be loaded before an app page renders.');
  }
  return data;
}

const indexRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/',
  beforeLoad: () => {
    throw redirect({ to: '/conversations' });
  },
});

const CONVERSATION_FILTERS: readonly ConversationFilter[] = [...CONVERSATION_STATUSES, 'all'];

/** The list (with its ?status= tab) stays mounted while conversations open beside it. */
const conversationsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/conversations',
  validateSearch: (search: Record<string, unknown>): { status?: ConversationFilter } => ({
    status: CONVERSATION_FILTERS.find((filter) => filter === search.status),
  }),
  component: function ConversationsRoute() {
    const { status } = conversationsRoute.useSearch();
    const { conversationId } = useParams({ strict: false });
    return (
      <ConversationsPage
        session={useCurrentSession()}
        filter={status ?? 'open'}
        selectedId={conversationId ?? null}
      >
        <Outlet />
      </ConversationsPage>
    );
  },
});

const conversationsIndexRoute = createRoute({
  getParentRoute: () => conversationsRoute,
  path: '/',
  component: function NoConversationRoute() {
    return <NoConversationSelected session={useCurrentSession()} />;
  },
});

const conversationRoute = createRoute({
  getParentRoute: () => conversationsRoute,
  path: '$conversationId',
  component: function ConversationRoute() {
    const { conversationId } = conversationRoute.useParams();
    // A fresh view per conversation: drafts, uploads and scroll position never leak between them.
    return (
      <ConversationView key={conversationId} conversationId={conversationId} session={useCurrentSession()} />
    );
  },
});

const settingsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/settings',
  component: Outlet,
});

const settingsIndexRoute = createRoute({
  getParentRoute: () => settingsRoute,
  path: '/',
  beforeLoad: () => {
    throw redirect({ to: '/settings/profile' });
  },
});

const profileRoute = createRoute({
  getParentRoute: () => settingsRoute,
  path: '/profile',
  component: function ProfileRoute() {
    return <ProfilePage session={useCurrentSession()} />;
  },
});

const membersRoute = createRoute({
  getParentRoute: () => settingsRoute,
  path: '/members',
  component: function MembersRoute() {
    return <MembersPage session={useCurrentSession()} />;
  },
});

const apiTokensRoute = createRoute({
  getParentRoute: () => settingsRoute,
  path: '/api-tokens',
  component: ApiTokensPage,
});

const inboxesRoute = createRoute({
  getParentRoute: () => settingsRoute,
  path: '/inboxes',
  component: function InboxesRoute() {
    const navigate = useNavigate();
    return (
      <InboxesPage
        session={useCurrentSession()}
        onCreated={(inbox) =>
          void navigate({ to: '/settings/inboxes/$inboxId', params: { inboxId: inbox.id } })
        }
      />
    );
  },
});

const inboxSettingsRoute = createRoute({
  getParentRoute: () => settingsRoute,
  path: '/inboxes/$inboxId',
  component: function InboxSettingsRoute() {
    const { inboxId } = inboxSettingsRoute.useParams();
    return <InboxSettingsPage key={inboxId} session={useCurrentSession()} inboxId={inboxId} />;
  },
});

const jobsRoute = createRoute({
  getParentRoute: () => settingsRoute,
  path: '/jobs',
  validateSearch: (search: Record<string, unknown>): { state?: JobState } => {
    const state = JOB_STATES.find((candidate) => candidate === search.state);
    return { state };
  },
  component: function JobsRoute() {
    const { state } = jobsRoute.useSearch();
    const navigate = jobsRoute.useNavigate();
    return (
      <JobsPage
        session={useCurrentSession()}
        state={state ?? null}
        onStateChange={(next) => void navigate({ search: { state: next ?? undefined }, replace: true })}
      />
    );
  },
});

const devMailboxRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/dev-mailbox',
  validateSearch: (search: Record<string, unknown>): { mail?: string } => ({
    mail: stringParam(search.mail),
  }),
  component: function DevMailboxRoute() {
    const { mail } = devMailboxRoute.useSearch();
    const navigate = devMailboxRoute.useNavigate();
    return (
      <DevMailboxPage
        selectedId={mail ?? null}
        onSelect={(id) => void navigate({ search: { mail: id }, replace: true })}
      />
    );
  },
});

const routeTree = rootRoute.addChildren([
  setupRoute,
  signInRoute,
  forgotPasswordRoute,
  resetPasswordRoute,
  signInLinkRoute,
  inviteRoute,
  appRoute.addChildren([
    indexRoute,
    conversationsRoute.addChildren([conversationsIndexRoute, conversationRoute]),
    settingsRoute.addChildren([
      settingsIndexRoute,
      profileRoute,
      membersRoute,
      inboxesRoute,
      inboxSettingsRoute,
      apiTokensRoute,
      jobsRoute,
    ]),
    devMailboxRoute,
  ]),
]);

export const router = createRouter({
  routeTree,
  basepath: '/app',
  context: { queryClient },
  defaultPreload: 'intent',
  defaultPreloadStaleTime: 0,
  scrollRestoration: true,
});

declare module '@tanstack/react-router' {
  interface Register {
    router: typeof router;
  }
}
