import { z } from 'zod';
import { NOTIFICATION_KINDS } from './enums.ts';

/** An in-app notification: someone @mentioned the user in a private note. */
export const ZNotification = z.object({
  id: z.string(),
  kind: z.enum(NOTIFICATION_KINDS),
  userId: z.string(),
  conversationId: z.string(),
  messageId: z.string(),
  /** Who mentioned the user (null once their account is gone). */
  actor: z.object({ id: z.string(), name: z.string() }).nullable(),
  readAt: z.string().nullable(),
  createdAt: z.string(),
});
export type TNotification = z.infer<typeof ZNotification>;

/** The user's notifications, newest first, with how many are unread. */
export const ZNotificationsPage = z.object({
  items: z.array(ZNotification),
  unread: z.number(),
  nextCursor: z.string().nullable(),
});
export type TNotificationsPage = z.infer<typeof ZNotificationsPage>;
