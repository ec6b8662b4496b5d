import type { InfiniteData, QueryClient } from '@tanstack/react-query';
import { keys } from './keys';
import type {
  Conversation,
  ConversationListParams,
  ConversationSort,
  Inbox,
  Message,
  MessageStatus,
  MessagesPage,
  Page,
  Priority,
  Session,
} from './types';

// How one changed conversation or message is written into every cache that shows it, so a
// realtime event or a mutation's answer updates the screen without refetching lists.

export type ConversationListData = InfiniteData<Page<Conversation>, string | null>;
export type MessagesData = InfiniteData<MessagesPage, string | null>;

export const PRIORITY_RANK: Record<Priority, number> = { none: 0, low: 1, medium: 2, high: 3, urgent: 4 };

/**
 * Whether `a` comes before `b` in a list sorted the server's way (every key descending, the id
 * last), or null for "waiting longest", whose key (when the contact started waiting) the API does
 * not send.
 */
function isBefore(a: Conversation, b: Conversation, sort: ConversationSort): boolean | null {
  const keysOf = (c: Conversation): (string | number)[] | null => {
    switch (sort) {
      case 'last_activity':
        return [c.lastActivityAt, c.id];
      case 'newest':
        return [c.createdAt, c.id];
      case 'priority':
        return [PRIORITY_RANK[c.priority], c.lastActivityAt, c.id];
      default:
        return null;
    }
  };
  const left = keysOf(a);
  const right = keysOf(b);
  if (!left || !right) {
    return null;
  }
  for (let index = 0; index < left.length; index++) {
    const x = left[index]!;
    const y = right[index]!;
    if (x !== y) {
      return x > y;
    }
  }
  return false;
}

/** What a list's filters need to know beyond the conversation: who "me" is, each inbox's channel. */
export type MatchContext = {
  myUserId: string | null;
  /** The channel of an inbox the dashboard has loaded (a type the server registered). */
  channelOf: (inboxId: string) => string | undefined;
};

/** Whether a conversation belongs in a list (the server's filters, applied to one conversation). */
export function matchesList(
  conversation: Conversation,
  list: ConversationListParams,
  context: MatchContext,
): boolean {
  const { myUserId } = context;
  if (list.status !== 'all' && conversation.status !== list.status) {
    return false;
  }
  if (list.priority && conversation.priority !== list.priority) {
    return false;
  }
  if (list.assignee) {
    const assigneeId = conversation.assignee?.id ?? null;
    const wanted = list.assignee === 'me' ? myUserId : list.assignee === 'unassigned' ? null : list.assignee;
    if (assigneeId !== wanted) {
      return false;
    }
  }
  if (list.channel && context.channelOf(conversation.inboxId) !== list.channel) {
    return false;
  }
  if (list.created) {
    const createdAt = new Date(conversation.createdAt).getTime();
    const { after, before } = list.created;
    if (
      (after && createdAt < new Date(after).getTime()) ||
      (before && createdAt >= new Date(before).getTime())
    ) {
      return false;
    }
  }
  const { view } = list;
  if (view === 'mine') {
    return myUserId !== null && conversation.assignee?.id === myUserId;
  }
  if (view === 'unassigned') {
    return conversation.assignee === null;
  }
  const separator = view.indexOf(':');
  if (separator === -1) {
    return true;
  }
  const kind = view.slice(0, separator);
  const id = view.slice(separator + 1);
  if (kind === 'inbox') {
    return conversation.inboxId === id;
  }
  if (kind === 'team') {
    return conversation.teamId === id;
  }
  return conversation.labels.some((label) => label.id === id);
}

function listOf(queryKey: readonly unknown[]): ConversationListParams | null {
  const params = queryKey[1] as { list?: ConversationListParams } | undefined;
  return params?.list ?? null;
}

/**
 * Whether the contact is waiting for an answer, as far as the conversation tells: an answer ends
 * the wait, a new message from them starts one, anything else (a note, an activity) changes nothing.
 */
function isWaiting(conversation: Conversation): boolean | null {
  const kind = conversation.lastMessage?.kind;
  if (kind === 'outgoing') {
    return false;
  }
  return kind === 'incoming' ? true : null;
}

type Placement = { data: ConversationListData; needsRefetch: boolean };

/** Moves (or adds, or removes) a conversation in one list so the list stays sorted and filtered. */
function placeInList(
  data: ConversationListData,
  conversation: Conversation,
  list: ConversationListParams,
  context: MatchContext,
): Placement {
  const existing = data.pages.flatMap((page) => page.items).find((item) => item.id === conversation.id);
  // An answer older than what the list shows (a slow request racing an event) changes nothing.
  if (existing && existing.lastActivityAt > conversation.lastActivityAt) {
    return { data, needsRefetch: false };
  }
  let belongs = matchesList(conversation, list, context);
  if (list.sort === 'waiting_longest') {
    const waiting = isWaiting(conversation);
    belongs = belongs && (waiting ?? existing !== undefined);
    if (existing && belongs) {
      // Still waiting: it keeps its place (the wait started when it started).
      return { data: replaceInPages(data, conversation), needsRefetch: false };
    }
    const pages = data.pages.map((page) => ({
      ...page,
      items: page.items.filter((item) => item.id !== conversation.id),
    }));
    // A new wait: where it goes depends on a time the list does not know, so the list is reloaded.
    return { data: { ...data, pages }, needsRefetch: !existing && belongs };
  }
  const pages = data.pages.map((page) => ({
    ...page,
    items: page.items.filter((item) => item.id !== conversation.id),
  }));
  if (!belongs) {
    return { data: { ...data, pages }, needsRefetch: false };
  }
  for (const page of pages) {
    const index = page.items.findIndex((item) => isBefore(conversation, item, list.sort));
    if (index !== -1) {
      page.items.splice(index, 0, conversation);
      return { data: { ...data, pages }, needsRefetch: false };
    }
  }
  // Older than everything loaded: it belongs at the end only when nothing more is left to load
  // (otherwise "Load more" brings it in its place).
  const last = pages.at(-1);
  if (last && last.nextCursor === null) {
    last.items.push(conversation);
  } else if (!last) {
    return { data, needsRefetch: false };
  }
  return { data: { ...data, pages }, needsRefetch: false };
}

function replaceInPages(data: ConversationListData, conversation: Conversation): ConversationListData {
  return {
    ...data,
    pages: data.pages.map((page) => ({
      ...page,
      items: page.items.map((item) => (item.id === conversation.id ? conversation : item)),
    })),
  };
}

function matchContextOf(client: QueryClient): MatchContext {
  const inboxes = client.getQueryData<{ items: Inbox[] }>(keys.inboxes)?.items ?? [];
  return {
    myUserId: client.getQueryData<Session>(keys.session)?.user.id ?? null,
    channelOf: (inboxId) => inboxes.find((inbox) => inbox.id === inboxId)?.channel,
  };
}

export function upsertConversation(client: QueryClient, conversation: Conversation): void {
  // The first conversation of a workspace ends the "no conversations yet" state.
  client.setQueryData<Page<Conversation>>(keys.conversationsExist, (data) =>
    data && data.items.length === 0 ? { items: [conversation], nextCursor: null } : data,
  );
  client.setQueryData<Conversation>(keys.conversation(conversation.id), (current) =>
    current && current.lastActivityAt > conversation.lastActivityAt ? current : conversation,
  );
  const context = matchContextOf(client);
  for (const query of client.getQueryCache().findAll({ queryKey: keys.conversationLists })) {
    const list = listOf(query.queryKey);
    const data = query.state.data as ConversationListData | undefined;
    if (!list || !data) {
      continue;
    }
    const placed = placeInList(data, conversation, list, context);
    if (placed.data !== data) {
      client.setQueryData<ConversationListData>(query.queryKey, placed.data);
    }
    if (placed.needsRefetch) {
      void client.invalidateQueries({ queryKey: query.queryKey, exact: true });
    }
  }
}

/** Changes a conversation where it already is (no re-sorting), e.g. its unread count. */
export function patchConversation(
  client: QueryClient,
  conversationId: string,
  patch: (conversation: Conversation) => Conversation,
): void {
  client.setQueryData<Conversation>(keys.conversation(conversationId), (current) =>
    current ? patch(current) : current,
  );
  client.setQueriesData<ConversationListData>({ queryKey: keys.conversationLists }, (data) =>
    data
      ? {
          ...data,
          pages: data.pages.map((page) => ({
            ...page,
            items: page.items.map((item) => (item.id === conversationId ? patch(item) : item)),
          })),
        }
      : data,
  );
}

/** A conversation already in a loaded list, to show while its own request runs. */
export function findCachedConversation(
  client: QueryClient,
  conversationId: string,
): Conversation | undefined {
  for (const [, data] of client.getQueriesData<ConversationListData>({ queryKey: keys.conversationLists })) {
    const found = data?.pages.flatMap((page) => page.items).find((item) => item.id === conversationId);
    if (found) {
      return found;
    }
  }
  return undefined;
}

/** A pending or failed reply is never lifted: the channel sends each reply on its own. */
const STATUS_RANK: Record<MessageStatus, number> = {
  pending: -1,
  sent: 0,
  delivered: 1,
  read: 2,
  failed: -1,
};

/**
 * Adds a new message in id order (ids sort by time) or replaces a changed one. The server announces
 * only the newest status changes, so a reply that became delivered or read lifts the earlier
 * replies with it.
 */
export function upsertMessage(client: QueryClient, message: Message): void {
  client.setQueryData<MessagesData>(keys.messages(message.conversationId), (data) => {
    if (!data || data.pages.length === 0) {
      return data;
    }
    let isKnown = false;
    let pages = data.pages.map((page) => ({
      ...page,
      items: page.items.map((item) => {
        if (item.id !== message.id) {
          return item;
        }
        isKnown = true;
        return message;
      }),
    }));
    if (!isKnown) {
      // pages[0] is the newest page; its items run oldest first.
      const [newest, ...older] = pages;
      if (newest) {
        const items = [...newest.items];
        const index = items.findIndex((item) => item.id > message.id);
        items.splice(index === -1 ? items.length : index, 0, message);
        pages = [{ ...newest, items }, ...older];
      }
    }
    const rank = STATUS_RANK[message.status];
    if (message.kind === 'outgoing' && rank > 0) {
      pages = pages.map((page) => ({
        ...page,
        items: page.items.map((item) =>
          item.kind === 'outgoing' &&
          item.id < message.id &&
          STATUS_RANK[item.status] >= 0 &&
          STATUS_RANK[item.status] < rank
            ? { ...item, status: message.status }
            : item,
        ),
      }));
    }
    return { ...data, pages };
  });
}
