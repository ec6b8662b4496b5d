// What the visitor API answers the widget. The widget imports these as types only: they cost its
// bundle nothing.
import { z } from 'zod';
import { ZVisitorContact } from './contacts.ts';
import { ZVisitorConversation } from './conversations.ts';
import { ZInboxSettings } from './inboxes.ts';
import { ZVisitorMessage } from './messages.ts';
import { page } from './pages.ts';

const settings = ZInboxSettings.shape;

/** What the widget shows about its inbox. */
export const ZWidgetInbox = z.object({
  name: z.string(),
  color: settings.color,
  position: settings.position,
  greeting: settings.greeting,
  teamAvailability: settings.teamAvailability,
  isOnline: z.boolean(),
  /** While the team is away: when it is next in (ISO time), if the inbox has business hours. */
  nextOpeningAt: z.string().nullable(),
  offlineMessage: settings.offlineMessage,
  attachmentsEnabled: z.boolean(),
  preChatForm: settings.preChatForm,
  requiresIdentityVerification: z.boolean(),
  /** What a reply to a resolved conversation does. */
  replyToResolved: settings.replyToResolved,
});
export type TWidgetInbox = z.infer<typeof ZWidgetInbox>;

export const ZVisitorConversationPage = page(ZVisitorConversation);
export type TVisitorConversationPage = z.infer<typeof ZVisitorConversationPage>;

/** A conversation's messages as the visitor sees them, oldest first, and whether older ones remain. */
export const ZVisitorMessagesPage = z.object({ items: z.array(ZVisitorMessage), hasMore: z.boolean() });
export type TVisitorMessagesPage = z.infer<typeof ZVisitorMessagesPage>;

export const ZBootResponse = z.object({
  visitorToken: z.string(),
  contact: ZVisitorContact,
  inbox: ZWidgetInbox,
  conversations: z.array(ZVisitorConversation),
  pageViewId: z.string(),
});
export type TBootResponse = z.infer<typeof ZBootResponse>;

/** After `identify`: the contact the browser now speaks as, and its conversations. */
export const ZIdentifyResponse = z.object({
  contact: ZVisitorContact,
  conversations: z.array(ZVisitorConversation),
});
export type TIdentifyResponse = z.infer<typeof ZIdentifyResponse>;

/** A conversation the visitor started, with its first message. */
export const ZStartedConversation = z.object({
  conversation: ZVisitorConversation,
  message: ZVisitorMessage,
});
export type TStartedConversation = z.infer<typeof ZStartedConversation>;
