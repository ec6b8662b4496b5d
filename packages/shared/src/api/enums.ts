// The fixed lists of the API (roles, statuses, kinds, channels…) and their types. This file imports
// nothing, so an app may take its values without the schemas (and zod) along.

export const ROLES = ['owner', 'admin', 'agent'] as const;
export type TRole = (typeof ROLES)[number];

export const CONVERSATION_STATUSES = ['open', 'pending', 'snoozed', 'resolved'] as const;
export type TConversationStatus = (typeof CONVERSATION_STATUSES)[number];
export const PRIORITIES = ['none', 'low', 'medium', 'high', 'urgent'] as const;
export type TPriority = (typeof PRIORITIES)[number];
/** The orders of the conversation list. */
export const CONVERSATION_SORTS = ['last_activity', 'newest', 'waiting_longest', 'priority'] as const;
export type TConversationSort = (typeof CONVERSATION_SORTS)[number];

export const MESSAGE_KINDS = ['incoming', 'outgoing', 'note', 'activity'] as const;
export type TMessageKind = (typeof MESSAGE_KINDS)[number];
/** `pending`: a reply a channel has still to send (the outbox job sends it). */
export const DELIVERY_STATUSES = ['pending', 'sent', 'delivered', 'read', 'failed'] as const;
export type TDeliveryStatus = (typeof DELIVERY_STATUSES)[number];

export const NOTIFICATION_KINDS = ['mention'] as const;

/** Where an inbox's conversations come from; a new channel is added here and reaches the API's filters. */
export const INBOX_CHANNELS = ['website'] as const;
export type TInboxChannel = (typeof INBOX_CHANNELS)[number];
/** Whether an inbox's channel takes messages in and sends replies out. */
export const CHANNEL_STATES = ['connected', 'disconnected'] as const;
export type TChannelState = (typeof CHANNEL_STATES)[number];

export const LANGUAGES = ['en', 'fr', 'de', 'es', 'pt', 'nl'] as const;
export type TLanguage = (typeof LANGUAGES)[number];
/** The dashboard's colours: light, dark, or whatever the device prefers. */
export const THEMES = ['system', 'light', 'dark'] as const;
export type TTheme = (typeof THEMES)[number];
