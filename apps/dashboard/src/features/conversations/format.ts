import type {
  Conversation,
  ConversationFilter,
  ConversationSort,
  ConversationStatus,
  InboxChannel,
  Message,
  Priority,
} from '../../api/types';
import { contactDisplayName } from '../contacts/format';

export const FILTER_LABEL: Record<ConversationFilter, string> = {
  open: 'Open',
  pending: 'Pending',
  snoozed: 'Snoozed',
  resolved: 'Resolved',
  all: 'All',
};

/** The conversation's contact as people call them (the same name as in Contacts). */
export function contactName(conversation: Pick<Conversation, 'contact'>): string {
  return contactDisplayName(conversation.contact);
}

/** The last characters of an id ("conv_…okw5h" → "okw5h"), enough to tell conversations apart. */
export function shortId(id: string): string {
  return id.slice(-5);
}

/** One line about a message for the list: its text, or the file it carries. */
export function messagePreview(message: Message | null): string {
  if (!message) {
    return 'No messages yet';
  }
  const text = message.text.trim().replace(/\s+/g, ' ');
  if (text) {
    return text;
  }
  const [first, ...rest] = message.attachments;
  if (first) {
    return `📎 ${first.filename}${rest.length > 0 ? ` +${rest.length}` : ''}`;
  }
  return '';
}

export function formatBytes(size: number): string {
  if (size < 1024) {
    return `${size} B`;
  }
  if (size < 1024 * 1024) {
    return `${Math.round(size / 1024)} KB`;
  }
  return `${(size / 1024 / 1024).toFixed(1)} MB`;
}

export const STATUS_LABEL: Record<ConversationStatus, string> = {
  open: 'Open',
  pending: 'Pending',
  snoozed: 'Snoozed',
  resolved: 'Resolved',
};

export const PRIORITY_LABEL: Record<Priority, string> = {
  none: 'No priority',
  low: 'Low',
  medium: 'Medium',
  high: 'High',
  urgent: 'Urgent',
};

/** Each inbox channel as agents know it; a new channel needs only its name here. */
export const CHANNEL_LABEL: Record<InboxChannel, string> = {
  website: 'Website chat',
};

export const SORT_LABEL: Record<ConversationSort, string> = {
  last_activity: 'Last activity',
  newest: 'Newest',
  waiting_longest: 'Waiting longest',
  priority: 'Priority',
};

export const SORT_HINT: Record<ConversationSort, string> = {
  last_activity: 'Most recent message first',
  newest: 'Most recently started first',
  waiting_longest: 'Unanswered, longest wait first',
  priority: 'Urgent first, then by activity',
};

/** Whole-word matching for the list's filter box: name, email, last message and short id. */
export function matchesFilterText(conversation: Conversation, text: string): boolean {
  const words = text.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) {
    return true;
  }
  const haystack = [
    contactName(conversation),
    conversation.contact.email ?? '',
    conversation.lastMessage?.text ?? '',
    conversation.id,
    ...conversation.labels.map((label) => label.name),
  ]
    .join(' ')
    .toLowerCase();
  return words.every((word) => haystack.includes(word.replace(/^#/, '')));
}
