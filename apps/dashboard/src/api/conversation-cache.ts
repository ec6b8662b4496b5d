import type { InfiniteData, QueryClient } from '@tanstack/react-query';
import { keys } from './keys';
import type { Conversation, ConversationFilter, Message, MessageStatus, MessagesPage, Page } from './types';

// How one changed conversation or message is written into every cache that shows it, so a
// realtime event or a mutation's answer updates the screen without refetching lists.

export type ConversationListData = InfiniteData<Page<Conversation>, string | null>;
export type MessagesData = InfiniteData<MessagesPage, string | null>;

/** The order of the list: most recent activity first, then the larger id (the server's order). */
function isBefore(a: Conversation, b: Conversation): boolean {
  if (a.lastActivityAt !== b.lastActivityAt) {
    return a.lastActivityAt > b.lastActivityAt;
  }
  return a.id > b.id;
}

function filterOf(queryKey: readonly unknown[]): ConversationFilter | null {
  const params = queryKey[1] as { filter?: ConversationFilter } | undefined;
  return params?.filter ?? null;
}

/** Moves (or adds, or removes) a conversation in one list so the list stays sorted and filtered. */
function placeInList(
  data: ConversationListData,
  conversation: Conversation,
  filter: ConversationFilter,
): ConversationListData {
  const existing = data.pages.flatMap((page) => page.items).find((item) => item.id === conversation.id);
  // An answer older than what the list shows (a slow request racing an event) changes nothing.
  if (existing && existing.lastActivityAt > conversation.lastActivityAt) {
    return data;
  }
  const pages = data.pages.map((page) => ({
    ...page,
    items: page.items.filter((item) => item.id !== conversation.id),
  }));
  if (filter !== 'all' && conversation.status !== filter) {
    return { ...data, pages };
  }
  for (const page of pages) {
    const index = page.items.findIndex((item) => isBefore(conversation, item));
    if (index !== -1) {
      page.items.splice(index, 0, conversation);
      return { ...data, pages };
    }
  }
  // Older than everything loaded: it belongs at the end only when nothing more is left to load
  // (otherwise "Load more" brings it in its place).
  const last = pages.at(-1);
  if (last && last.nextCursor === null) {
    last.items.push(conversation);
  } else if (!last) {
    return data;
  }
  return { ...data, pages };
}

export function upsertConversation(client: QueryClient, conversation: Conversation): void {
  // The first conversation of a workspace ends the "no conversations yet" state.
  client.setQueryData<Page<Conversation>>(keys.conversationsExist, (data) =>
    data && data.items.length === 0 ? { items: [conversation], nextCursor: null } : data,
  );
  client.setQueryData<Conversation>(keys.conversation(conversation.id), (current) =>
    current && current.lastActivityAt > conversation.lastActivityAt ? current : conversation,
  );
  for (const query of client.getQueryCache().findAll({ queryKey: keys.conversationLists })) {
    const filter = filterOf(query.queryKey);
    if (!filter) {
      continue;
    }
    client.setQueryData<ConversationListData>(query.queryKey, (data) =>
      data ? placeInList(data, conversation, filter) : data,
    );
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

const STATUS_RANK: Record<MessageStatus, number> = { sent: 0, delivered: 1, read: 2, failed: -1 };

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
