// Shapes of the REST API under the names the dashboard uses: the server's response schemas live in
// @parley/shared (types only here; the fixed lists come from its enums file, which imports no zod).

export type { TAttachment as Attachment } from '@parley/shared/api/attachments';
export type { TCannedResponse as CannedResponse } from '@parley/shared/api/canned-responses';
export type {
  TConversation as Conversation,
  TConversationCounts as ConversationCounts,
} from '@parley/shared/api/conversations';
export type {
  TConversationSort as ConversationSort,
  TConversationStatus as ConversationStatus,
  TDeliveryStatus as MessageStatus,
  TInboxChannel as InboxChannel,
  TLanguage as Language,
  TMessageKind as MessageKind,
  TPriority as Priority,
  TRole as Role,
  TTheme as Theme,
} from '@parley/shared/api/enums';
export {
  CONVERSATION_SORTS,
  CONVERSATION_STATUSES,
  INBOX_CHANNELS,
  LANGUAGES,
  PRIORITIES,
} from '@parley/shared/api/enums';
export type {
  TBusinessHours as BusinessHours,
  TInbox as Inbox,
  TInboxSettings as InboxSettings,
} from '@parley/shared/api/inboxes';
export type { TLabel as Label } from '@parley/shared/api/labels';
export type {
  TPreferences as Preferences,
  TSessionView as Session,
  TSetupStatus as SetupStatus,
  TSignedInSession as SignedInSession,
  TUser as User,
} from '@parley/shared/api/me';
export type {
  TInvitation as Invitation,
  TInvitationLookup as InvitationLookup,
  TMember as Member,
} from '@parley/shared/api/members';
export type { TMessage as Message, TMessagesPage as MessagesPage } from '@parley/shared/api/messages';
export type { TPage as Page } from '@parley/shared/api/pages';
export type { TTeam as Team, TTeamMember as TeamMember } from '@parley/shared/api/teams';
export type {
  TWorkspaceSettings as WorkspaceSettings,
  TWorkspaceSummary as WorkspaceMembership,
} from '@parley/shared/api/workspace';

import type {
  TConversationSort,
  TConversationStatus,
  TInboxChannel,
  TPriority,
} from '@parley/shared/api/enums';
import type { TPage } from '@parley/shared/api/pages';

export type ApiTokenRole = 'admin' | 'agent';

export type ApiToken = {
  id: string;
  name: string;
  role: ApiTokenRole;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  createdBy: { id: string; name: string } | null;
};

export type CreatedApiToken = { token: string; apiToken: ApiToken };

export const JOB_STATES = ['created', 'retry', 'active', 'completed', 'failed', 'cancelled'] as const;
export type JobState = (typeof JOB_STATES)[number];

export type Job = {
  id: string;
  name: string;
  state: JobState;
  retryCount: number;
  createdOn: string;
  startedOn: string | null;
  completedOn: string | null;
};

export type JobsPage = TPage<Job> & { counts: Record<JobState, number> };

export type DevMail = {
  id: string;
  to: string;
  subject: string;
  text: string;
  createdAt: string;
};

export type DevMailbox = { enabled: boolean; items: DevMail[] };

/** The list's filter: one status, or every conversation. */
export type ConversationFilter = TConversationStatus | 'all';

/**
 * Which conversations a list shows: a view (everyone's, mine, unassigned, or one inbox, team or
 * label), a status tab, an optional priority and an order. One of these is one cached list.
 */
export type ConversationView =
  | 'all'
  | 'mine'
  | 'unassigned'
  | `inbox:${string}`
  | `team:${string}`
  | `label:${string}`;

export type ConversationListParams = {
  view: ConversationView;
  status: ConversationFilter;
  priority: TPriority | null;
  sort: TConversationSort;
  /** "me", "unassigned" or a user id; never set in the Mine and Unassigned views. */
  assignee: string | null;
  channel: TInboxChannel | null;
  /** Creation time from (inclusive) and until (exclusive), as ISO instants; either may be open. */
  created: { after: string | null; before: string | null } | null;
};
