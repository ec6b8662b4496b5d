import { z } from 'zod';
import { ZAttachment } from './attachments.ts';
import { DELIVERY_STATUSES, MESSAGE_KINDS } from './enums.ts';

const ZSender = z.object({
  type: z.enum(['contact', 'user', 'system']),
  id: z.string().nullable(),
  name: z.string().nullable(),
  avatarUrl: z.string().nullable(),
});

/** What a visitor may see of a message: never notes, never ids of people. */
export const ZVisitorMessage = z.object({
  id: z.string(),
  conversationId: z.string(),
  kind: z.enum(MESSAGE_KINDS),
  text: z.string(),
  sender: ZSender.omit({ id: true }),
  status: z.enum(DELIVERY_STATUSES),
  attachments: z.array(ZAttachment),
  createdAt: z.string(),
});

/** A message as agents see it: text opened, sender named, attachments with signed links. */
export const ZMessage = ZVisitorMessage.extend({
  sender: ZSender,
  /** Why a channel could not deliver it (failed replies only). */
  statusReason: z.string().nullable(),
  language: z.string().nullable(),
}).meta({ id: 'Message' });
export type TMessage = z.infer<typeof ZMessage>;

/** A conversation's messages, oldest first, and whether older ones remain. */
export const ZMessagesPage = z.object({ items: z.array(ZMessage), hasMore: z.boolean() });
export type TMessagesPage = z.infer<typeof ZMessagesPage>;

export type TVisitorMessage = z.infer<typeof ZVisitorMessage>;
