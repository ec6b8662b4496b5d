import { z } from 'zod';
import { CONVERSATION_STATUSES, PRIORITIES } from './enums.ts';
import { ZMessage, ZVisitorMessage } from './messages.ts';

/** A conversation as agents see it, with its contact, assignee, labels and last message. */
export const ZConversation = z
  .object({
    id: z.string(),
    inboxId: z.string(),
    contact: z.object({
      id: z.string(),
      name: z.string().nullable(),
      email: z.string().nullable(),
      phone: z.string().nullable(),
      avatarUrl: z.string().nullable(),
    }),
    status: z.enum(CONVERSATION_STATUSES),
    snoozedUntil: z.string().nullable(),
    priority: z.enum(PRIORITIES),
    assignee: z.object({ id: z.string(), name: z.string(), avatarUrl: z.string().nullable() }).nullable(),
    teamId: z.string().nullable(),
    labels: z.array(z.object({ id: z.string(), name: z.string(), color: z.string() })),
    unreadByAgents: z.number(),
    unreadByContact: z.number(),
    firstReplyAt: z.string().nullable(),
    lastActivityAt: z.string(),
    lastMessage: ZMessage.nullable(),
    sourcePage: z.string().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'Conversation' });
export type TConversation = z.infer<typeof ZConversation>;

/** Open conversations in the main views. */
export const ZConversationCounts = z.object({ mine: z.number(), unassigned: z.number(), all: z.number() });
export type TConversationCounts = z.infer<typeof ZConversationCounts>;

/** One change applied to many conversations: each succeeds or fails on its own. */
export const ZBulkResult = z.object({
  updated: z.array(z.string()),
  failed: z.array(z.object({ id: z.string(), code: z.string(), message: z.string() })),
});
export type TBulkResult = z.infer<typeof ZBulkResult>;

/** What a visitor sees of one of its conversations: its unread replies and last visible message. */
export const ZVisitorConversation = z.object({
  id: z.string(),
  status: z.enum(CONVERSATION_STATUSES),
  unread: z.number(),
  lastActivityAt: z.string(),
  lastMessage: ZVisitorMessage.nullable(),
});
export type TVisitorConversation = z.infer<typeof ZVisitorConversation>;
