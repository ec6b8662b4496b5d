// Shapes of the REST API (docs/api.md). They mirror the server's presenters; when the server
// publishes its zod schemas in @parley/shared these should be replaced by the inferred types.

export type Role = 'owner' | 'admin' | 'agent';
export type ApiTokenRole = 'admin' | 'agent';

export type Page<T> = { items: T[]; nextCursor: string | null };

/** How Parley gets a teammate's attention (apps/server/src/accounts/tables.ts). */
export type Preferences = {
  /** A desktop notification for a new message or a mention while the tab is in the background. */
  browserNotifications: boolean;
  /** The count of those in the tab's title, e.g. "(3) Parley". */
  titleBadge: boolean;
  emailOnMention: boolean;
  /** The dashboard's colours; "system" follows the device. */
  theme: Theme;
};

export type Theme = 'system' | 'light' | 'dark';

export type User = {
  id: string;
  email: string;
  name: string;
  avatarUrl: string | null;
  timeZone: string;
  language: string;
  preferences: Preferences;
};

export type WorkspaceMembership = { id: string; name: string; role: Role };

/** The current workspace's settings (apps/server/src/workspaces/settings.ts). */
export type WorkspaceSettings = {
  id: string;
  name: string;
  /** Served by Parley itself, to members only; null without a logo. */
  logoUrl: string | null;
  defaultLanguage: string;
  defaultTimeZone: string;
  /** Whether a reply to an unassigned conversation makes the replying agent its assignee. */
  autoAssignOnReply: boolean;
};

export type Session = {
  user: User;
  workspace: { id: string; name: string } | null;
  role: Role | null;
  workspaces: WorkspaceMembership[];
  csrfToken: string;
};

export type SetupStatus = { needsSetup: boolean };

export type Member = {
  id: string;
  userId: string;
  email: string;
  name: string;
  avatarUrl: string | null;
  role: Role;
  createdAt: string;
  /** Whether the viewer may change this member's role or remove them (the server's own rule). */
  canChange: boolean;
};

export type Invitation = {
  id: string;
  email: string;
  role: Role;
  expiresAt: string;
  createdAt: string;
  invitedBy: { id: string; name: string } | null;
};

export type InvitationLookup = {
  email: string;
  role: Role;
  workspace: { id: string; name: string };
  hasAccount: boolean;
  expiresAt: string;
};

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

export const LANGUAGES = ['en', 'fr', 'de', 'es', 'pt', 'nl'] as const;

export const JOB_STATES = ['created', 'retry', 'active', 'completed', 'failed', 'cancelled'] as const;
export type JobState = (typeof JOB_STATES)[number];
export type Language = (typeof LANGUAGES)[number];

export type Job = {
  id: string;
  name: string;
  state: JobState;
  retryCount: number;
  createdOn: string;
  startedOn: string | null;
  completedOn: string | null;
};

export type JobsPage = Page<Job> & { counts: Record<JobState, number> };

export type DevMail = {
  id: string;
  to: string;
  subject: string;
  text: string;
  createdAt: string;
};

export type DevMailbox = { enabled: boolean; items: DevMail[] };

export const CONVERSATION_STATUSES = ['open', 'pending', 'snoozed', 'resolved'] as const;
export type ConversationStatus = (typeof CONVERSATION_STATUSES)[number];
/** The list's filter: one status, or every conversation. */
export type ConversationFilter = ConversationStatus | 'all';

export type Attachment = {
  id: string;
  filename: string;
  contentType: string;
  size: number;
  isImage: boolean;
  /** A signed link, valid for an hour. */
  url: string;
};

export type MessageKind = 'incoming' | 'outgoing' | 'note' | 'activity';
/** `pending`: a reply the inbox's channel has not sent yet (it waits while the channel is disconnected). */
export type MessageStatus = 'pending' | 'sent' | 'delivered' | 'read' | 'failed';

export type Message = {
  id: string;
  conversationId: string;
  kind: MessageKind;
  text: string;
  sender: {
    type: 'contact' | 'user' | 'system';
    id: string | null;
    name: string | null;
    avatarUrl: string | null;
  };
  status: MessageStatus;
  /** Why the channel could not deliver it (with `failed`), in the provider's words. */
  statusReason: string | null;
  attachments: Attachment[];
  language: string | null;
  createdAt: string;
};

export const PRIORITIES = ['none', 'low', 'medium', 'high', 'urgent'] as const;
export type Priority = (typeof PRIORITIES)[number];

export const CONVERSATION_SORTS = ['last_activity', 'newest', 'waiting_longest', 'priority'] as const;
export type ConversationSort = (typeof CONVERSATION_SORTS)[number];

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
  priority: Priority | null;
  sort: ConversationSort;
  /** "me", "unassigned" or a user id; never set in the Mine and Unassigned views. */
  assignee: string | null;
  channel: InboxChannel | null;
  /** Creation time from (inclusive) and until (exclusive), as ISO instants; either may be open. */
  created: { after: string | null; before: string | null } | null;
};

/** Open conversations in the main views. */
export type ConversationCounts = { mine: number; unassigned: number; all: number };

export type Conversation = {
  id: string;
  inboxId: string;
  contact: {
    id: string;
    name: string | null;
    email: string | null;
    phone: string | null;
    avatarUrl: string | null;
  };
  status: ConversationStatus;
  snoozedUntil: string | null;
  priority: Priority;
  assignee: { id: string; name: string; avatarUrl: string | null } | null;
  teamId: string | null;
  labels: { id: string; name: string; color: string }[];
  unreadByAgents: number;
  unreadByContact: number;
  firstReplyAt: string | null;
  lastActivityAt: string;
  lastMessage: Message | null;
  sourcePage: string | null;
  createdAt: string;
};

export type MessagesPage = { items: Message[]; hasMore: boolean };

export type BusinessHours = {
  timeZone: string;
  days: { day: number; open: string; close: string }[];
};

/** Where an inbox's conversations come from (the server's list; new channels join here). */
export const INBOX_CHANNELS = ['website'] as const;
export type InboxChannel = (typeof INBOX_CHANNELS)[number];

export type InboxSettings = {
  color: string;
  position: 'right' | 'left';
  greeting: string;
  teamAvailability: string;
  offlineMessage: string;
  preChatForm: { enabled: boolean; requireName: boolean; requireEmail: boolean; consentText: string | null };
  businessHours: BusinessHours | null;
  attachments: { enabled: boolean };
  /** What a visitor's reply to a resolved conversation does. */
  replyToResolved: 'reopen' | 'new_conversation';
};

export type Inbox = {
  id: string;
  name: string;
  channel: InboxChannel;
  widgetKey: string;
  settings: InboxSettings;
  requireIdentityVerification: boolean;
  /** Only admins and owners receive it. */
  identitySecret: string | null;
  snippet: string;
  /** Whether the channel takes messages in and sends replies out, and its last error. */
  channelState: { state: 'connected' | 'disconnected'; lastError: string | null; lastErrorAt: string | null };
  createdAt: string;
};

export type Label = {
  id: string;
  name: string;
  /** `#rrggbb`, lower case. */
  color: string;
  description: string | null;
  createdAt: string;
  updatedAt: string;
};

export type TeamMember = { userId: string; name: string; email: string; avatarUrl: string | null };

export type Team = {
  id: string;
  name: string;
  description: string | null;
  members: TeamMember[];
  createdAt: string;
  updatedAt: string;
};

export type CannedResponse = {
  id: string;
  shortcut: string;
  content: string;
  createdAt: string;
  updatedAt: string;
};

/** One of the signed-in user's sessions: a browser on a device. */
export type SignedInSession = {
  id: string;
  browser: string | null;
  os: string | null;
  device: string | null;
  deviceType: string;
  ip: string | null;
  createdAt: string;
  lastUsedAt: string;
  isCurrent: boolean;
};
