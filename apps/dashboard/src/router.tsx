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
import { type ComponentType, lazy, useCallback } from 'react';
import { isUnauthenticated } from './api/api-error';
import { queryClient } from './api/query-client';
import { sessionQuery, useSession } from './api/session';
import { JOB_STATES, type JobState } from './api/types';
import { ForgotPasswordPage } from './features/auth/forgot-password-page';
import { InvitePage } from './features/auth/invite-page';
import { ResetPasswordPage } from './features/auth/reset-password-page';
import { SetupPage } from './features/auth/setup-page';
import { SignInLinkPage } from './features/auth/sign-in-link-page';
import { SignInPage } from './features/auth/sign-in-page';
import { parseContactsSearch } from './features/contacts/contacts-search';
import { ConversationView } from './features/conversations/conversation-view';
import { ConversationsPage, NoConversationSelected } from './features/conversations/conversations-page';
import {
  type ConversationListSearch,
  parseListSearch,
  withListChange,
} from './features/conversations/list-search';
import { ProfilePage } from './features/profile/profile-page';
import { parseSearchSearch } from './features/search/search-params';
import { AppShell } from './features/shell/app-shell';
import { waitIfReloading } from './lib/reload-for-update';
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

/** The list (its view and filters in the search params) stays mounted while conversations open beside it. */
const conversationsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/conversations',
  validateSearch: parseListSearch,
  component: function ConversationsRoute() {
    const search = conversationsRoute.useSearch();
    const { conversationId } = useParams({ strict: false });
    const navigate = useNavigate();
    return (
      <ConversationsPage
        session={useCurrentSession()}
        search={search}
        selectedId={conversationId ?? null}
        // A new view or filter is a step in history (back returns to the previous one); typing in
        // the filter box only replaces the current entry.
        onChange={(change, options) =>
          void navigate({
            to: '.',
            search: (previous: ConversationListSearch) => withListChange(previous, change),
            replace: options?.replace ?? false,
          })
        }
        onOpen={(id) =>
          void navigate({ to: '/conversations/$conversationId', params: { conversationId: id }, search })
        }
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
  // `message`: a message to scroll to and highlight (search results link to it).
  validateSearch: (search: Record<string, unknown>): { message?: string } => ({
    message: stringParam(search.message),
  }),
  component: function ConversationRoute() {
    const { conversationId } = conversationRoute.useParams();
    const listSearch = conversationsRoute.useSearch();
    const { message } = conversationRoute.useSearch();
    // A fresh view per conversation: drafts, uploads and scroll position never leak between them.
    return (
      <ConversationView
        key={conversationId}
        conversationId={conversationId}
        session={useCurrentSession()}
        listSearch={listSearch}
        focusMessageId={message}
      />
    );
  },
});

/**
 * A page loaded on first visit, keeping it out of the inbox's initial download. Its route's loader
 * fetches the code, so hovering a link to it (preload on intent) already starts the download.
 */
function lazyPage<P extends object>(load: () => Promise<ComponentType<P>>) {
  const settle = () => load().catch(waitIfReloading);
  return {
    Page: lazy(async () => ({ default: await settle() })),
    preload: async () => {
      await settle();
    },
  };
}

const members = lazyPage(() => import('./features/members/members-page').then((m) => m.MembersPage));
const apiTokens = lazyPage(() =>
  import('./features/api-tokens/api-tokens-page').then((m) => m.ApiTokensPage),
);
const inboxes = lazyPage(() => import('./features/inboxes/inboxes-page').then((m) => m.InboxesPage));
const inboxSettings = lazyPage(() =>
  import('./features/inboxes/inbox-settings-page').then((m) => m.InboxSettingsPage),
);
const labels = lazyPage(() => import('./features/labels/labels-page').then((m) => m.LabelsPage));
const teams = lazyPage(() => import('./features/teams/teams-page').then((m) => m.TeamsPage));
const cannedResponses = lazyPage(() =>
  import('./features/canned-responses/canned-responses-page').then((m) => m.CannedResponsesPage),
);
const workspaceSettings = lazyPage(() =>
  import('./features/workspace/workspace-settings-page').then((m) => m.WorkspaceSettingsPage),
);
const jobs = lazyPage(() => import('./features/jobs/jobs-page').then((m) => m.JobsPage));
const devMailbox = lazyPage(() =>
  import('./features/dev-mailbox/dev-mailbox-page').then((m) => m.DevMailboxPage),
);

const contacts = lazyPage(() => import('./features/contacts/contacts-page').then((m) => m.ContactsPage));
const contactDetails = lazyPage(() =>
  import('./features/contacts/contact-details-page').then((m) => m.ContactDetailsPage),
);
const search = lazyPage(() => import('./features/search/search-page').then((m) => m.SearchPage));

const contactsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/contacts',
  loader: contacts.preload,
  validateSearch: parseContactsSearch,
  component: function ContactsRoute() {
    const search = contactsRoute.useSearch();
    const navigate = contactsRoute.useNavigate();
    return (
      <contacts.Page
        session={useCurrentSession()}
        search={search}
        // Filters are a history step; typing in the search box only replaces the entry.
        onSearchChange={(next, options) =>
          void navigate({ search: next, replace: options?.replace ?? false })
        }
      />
    );
  },
});

const contactRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/contacts/$contactId',
  loader: contactDetails.preload,
  component: function ContactRoute() {
    const { contactId } = contactRoute.useParams();
    // A fresh page per contact: forms and the merge dialog never carry over.
    return <contactDetails.Page key={contactId} contactId={contactId} />;
  },
});

const searchRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/search',
  loader: search.preload,
  validateSearch: parseSearchSearch,
  component: function SearchRoute() {
    const { q } = searchRoute.useSearch();
    const navigate = searchRoute.useNavigate();
    return (
      <search.Page
        query={q ?? ''}
        onQueryChange={(next) => void navigate({ search: next ? { q: next } : {}, replace: true })}
      />
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

const workspaceSettingsRoute = createRoute({
  getParentRoute: () => settingsRoute,
  path: '/workspace',
  loader: workspaceSettings.preload,
  component: function WorkspaceSettingsRoute() {
    return <workspaceSettings.Page session={useCurrentSession()} />;
  },
});

const membersRoute = createRoute({
  getParentRoute: () => settingsRoute,
  path: '/members',
  loader: members.preload,
  component: function MembersRoute() {
    return <members.Page session={useCurrentSession()} />;
  },
});

const apiTokensRoute = createRoute({
  getParentRoute: () => settingsRoute,
  path: '/api-tokens',
  loader: apiTokens.preload,
  component: apiTokens.Page,
});

const inboxesRoute = createRoute({
  getParentRoute: () => settingsRoute,
  path: '/inboxes',
  loader: inboxes.preload,
  component: function InboxesRoute() {
    const navigate = useNavigate();
    return (
      <inboxes.Page
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
  loader: inboxSettings.preload,
  component: function InboxSettingsRoute() {
    const { inboxId } = inboxSettingsRoute.useParams();
    return <inboxSettings.Page key={inboxId} session={useCurrentSession()} inboxId={inboxId} />;
  },
});

const labelsRoute = createRoute({
  getParentRoute: () => settingsRoute,
  path: '/labels',
  loader: labels.preload,
  component: function LabelsRoute() {
    return <labels.Page session={useCurrentSession()} />;
  },
});

const teamsRoute = createRoute({
  getParentRoute: () => settingsRoute,
  path: '/teams',
  loader: teams.preload,
  component: function TeamsRoute() {
    return <teams.Page session={useCurrentSession()} />;
  },
});

const cannedResponsesRoute = createRoute({
  getParentRoute: () => settingsRoute,
  path: '/canned-responses',
  loader: cannedResponses.preload,
  component: cannedResponses.Page,
});

const jobsRoute = createRoute({
  getParentRoute: () => settingsRoute,
  path: '/jobs',
  loader: jobs.preload,
  validateSearch: (search: Record<string, unknown>): { state?: JobState } => {
    const state = JOB_STATES.find((candidate) => candidate === search.state);
    return { state };
  },
  component: function JobsRoute() {
    const { state } = jobsRoute.useSearch();
    const navigate = jobsRoute.useNavigate();
    return (
      <jobs.Page
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
  loader: devMailbox.preload,
  validateSearch: (search: Record<string, unknown>): { mail?: string } => ({
    mail: stringParam(search.mail),
  }),
  component: function DevMailboxRoute() {
    const { mail } = devMailboxRoute.useSearch();
    const navigate = devMailboxRoute.useNavigate();
    return (
      <devMailbox.Page
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
    contactsRoute,
    contactRoute,
    searchRoute,
    settingsRoute.addChildren([
      settingsIndexRoute,
      profileRoute,
      workspaceSettingsRoute,
      membersRoute,
      inboxesRoute,
      inboxSettingsRoute,
      labelsRoute,
      teamsRoute,
      cannedResponsesRoute,
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
