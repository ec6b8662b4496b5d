import { z } from 'zod';

export { ZAttachment } from '../../../../packages/shared/src/api/attachments.ts';
export { ZConversation } from '../../../../packages/shared/src/api/conversations.ts';
export { ZMessage } from '../../../../packages/shared/src/api/messages.ts';

import { INBOX_CHANNELS } from '../inboxes/tables.ts';
import { SORTS } from './store.ts';
import { CONVERSATION_STATUSES, PRIORITIES } from './tables.ts';

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
