import { z } from 'zod';
import { ZAttachment } from './attachments.ts';

export const MESSAGE_KINDS = ['incoming', 'outgoing', 'note', 'activity'] as const;
export type TMessageKind = (typeof MESSAGE_KINDS)[number];
/** `pending`: a reply a channel has still to send (the outbox job sends it). */
export const DELIVERY_STATUSES = ['pending', 'sent', 'delivered', 'read', 'failed'] as const;
export type TDeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** A message as agents see it: text opened, sender named, attachments with signed links. */
export const ZMessage = z
  .object({
    id: z.string(),
    conversationId: z.string(),
    kind: z.enum(MESSAGE_KINDS),
    text: z.string(),
    sender: z.object({
      type: z.enum(['contact', 'user', 'system']),
      id: z.string().nullable(),
      name: z.string().nullable(),
      avatarUrl: z.string().nullable(),
    }),
    status: z.enum(DELIVERY_STATUSES),
    /** Why a channel could not deliver it (failed replies only). */
    statusReason: z.string().nullable(),
    attachments: z.array(ZAttachment),
    language: z.string().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'Message' });
export type TMessage = z.infer<typeof ZMessage>;

/** A conversation's messages, oldest first, and whether older ones remain. */
export const ZMessagesPage = z.object({ items: z.array(ZMessage), hasMore: z.boolean() });
export type TMessagesPage = z.infer<typeof ZMessagesPage>;

/** What a visitor may see of a message: never notes, never ids of people. */
export const ZVisitorMessage = z.object({
  id: z.string(),
  conversationId: z.string(),
  kind: z.enum(MESSAGE_KINDS),
  text: z.string(),
  sender: z.object({
    type: z.enum(['contact', 'user', 'system']),
    name: z.string().nullable(),
    avatarUrl: z.string().nullable(),
  }),
  status: z.enum(DELIVERY_STATUSES),
  attachments: z.array(ZAttachment),
  createdAt: z.string(),
});
export type TVisitorMessage = z.infer<typeof ZVisitorMessage>;
