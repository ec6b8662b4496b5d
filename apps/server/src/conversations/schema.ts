import { z } from 'zod';
import { INBOX_CHANNELS } from '../inboxes/tables.ts';
import { SORTS } from './store.ts';
import { CONVERSATION_STATUSES, DELIVERY_STATUSES, PRIORITIES } from './tables.ts';

export const ZConversationQuery = z.strictObject({
  status: z.enum(CONVERSATION_STATUSES).optional(),
  priority: z.enum(PRIORITIES).optional(),
  inboxId: z.string().max(100).optional(),
  channel: z.enum(INBOX_CHANNELS).optional().describe('Only conversations in inboxes of this channel'),
  teamId: z.string().max(100).optional(),
  labelId: z.string().max(100).optional(),
  contactId: z.string().max(100).optional(),
  assignee: z.string().max(100).optional().describe('"me", "unassigned" or a user id'),
  mentioned: z.literal('me').optional().describe('Only conversations where you were @mentioned'),
  createdAfter: z.iso.datetime({ offset: true }).optional(),
  createdBefore: z.iso.datetime({ offset: true }).optional(),
  sort: z
    .enum(SORTS)
    .optional()
    .describe(
      'last_activity (default), newest, waiting_longest (only conversations awaiting a reply), priority',
    ),
  limit: z.coerce.number().int().min(1).max(100).default(25),
  cursor: z.string().max(500).optional(),
});

export const ZConversationPatch = z.strictObject({
  status: z.enum(CONVERSATION_STATUSES).optional(),
  snoozedUntil: z.iso.datetime({ offset: true }).optional(),
  priority: z.enum(PRIORITIES).optional(),
  assigneeId: z.string().max(100).nullable().optional(),
  teamId: z.string().max(100).nullable().optional(),
});

export const ZAgentMessage = z.strictObject({
  text: z.string().max(20_000).optional(),
  isPrivate: z.boolean().optional(),
  mentions: z.array(z.string().max(100)).max(20).optional().describe('User ids @mentioned in a private note'),
  attachmentIds: z.array(z.string().max(100)).max(10).optional(),
});

export const ZMessagesQuery = z.strictObject({
  before: z.string().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const ZAttachment = z
  .object({
    id: z.string(),
    filename: z.string(),
    contentType: z.string(),
    size: z.number(),
    isImage: z.boolean(),
    url: z.string(),
  })
  .meta({ id: 'Attachment' });

export const ZMessage = z
  .object({
    id: z.string(),
    conversationId: z.string(),
    kind: z.enum(['incoming', 'outgoing', 'note', 'activity']),
    text: z.string(),
    sender: z.object({
      type: z.enum(['contact', 'user', 'system']),
      id: z.string().nullable(),
      name: z.string().nullable(),
      avatarUrl: z.string().nullable(),
    }),
    status: z.enum(DELIVERY_STATUSES),
    statusReason: z.string().nullable(),
    attachments: z.array(ZAttachment),
    language: z.string().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'Message' });

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
