import type { ContactFilters } from './contacts';
import type { ConversationListParams, JobState } from './types';

/** Query keys in one place so invalidation after a mutation cannot drift from the reads. */
export const keys = {
  session: ['session'] as const,
  setupStatus: ['setup-status'] as const,
  me: ['me'] as const,
  mySessions: ['my-sessions'] as const,
  workspaces: ['workspaces'] as const,
  workspaceSettings: ['workspace-settings'] as const,
  members: ['members'] as const,
  invitations: ['invitations'] as const,
  invitationLookup: (token: string) => ['invitation-lookup', token] as const,
  apiTokens: ['api-tokens'] as const,
  jobs: (state: JobState | null) => ['jobs', { state }] as const,
  devMailbox: ['dev-mailbox'] as const,
  /** Every conversation list (one per view, status, priority and sort); realtime events patch all of them. */
  conversationLists: ['conversations'] as const,
  conversations: (list: ConversationListParams) => ['conversations', { list }] as const,
  conversationCounts: ['conversation-counts'] as const,
  conversationsExist: ['conversations-exist'] as const,
  /** Every open conversation's record (each `conversation(id)`). */
  everyConversation: ['conversation'] as const,
  conversation: (id: string) => ['conversation', id] as const,
  messages: (conversationId: string) => ['messages', conversationId] as const,
  inboxes: ['inboxes'] as const,
  inbox: (id: string) => ['inboxes', id] as const,
  labels: ['labels'] as const,
  teams: ['teams'] as const,
  cannedResponses: ['canned-responses'] as const,
  cannedResponseSearch: (search: string) => ['canned-responses', { search }] as const,
  presence: ['presence'] as const,
};

/** Contacts' query keys, read and invalidated by api/contacts.ts. */
export const contactKeys = {
  /** Every contact list and picker search; invalidated when contacts are added, merged or renamed. */
  lists: ['contacts'] as const,
  list: (filters: ContactFilters) => ['contacts', { filters }] as const,
  picker: (text: string) => ['contacts', { picker: text }] as const,
  /** Every contact's record (each `contact(id)`). */
  everyContact: ['contact'] as const,
  contact: (id: string) => ['contact', id] as const,
  notes: (id: string) => ['contact-notes', id] as const,
  conversations: (id: string) => ['contact-conversations', id] as const,
};

/** Queries that belong to the user rather than to a workspace, or to no one at all. */
export const WORKSPACE_INDEPENDENT_KEYS = new Set<string>([
  'session',
  'setup-status',
  'me',
  'my-sessions',
  'workspaces',
]);
