import {
  type InfiniteData,
  type QueryClient,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import { errorMessage } from './api-error';
import { api } from './client';
import {
  findCachedConversation,
  patchConversation,
  upsertConversation,
  upsertMessage,
} from './conversation-cache';
import { keys } from './keys';
import type {
  Attachment,
  Conversation,
  ConversationCounts,
  ConversationListParams,
  ConversationStatus,
  Label,
  Member,
  Message,
  MessagesPage,
  Page,
  Priority,
  Session,
} from './types';

// The realtime socket keeps these caches current, so they are not refetched on every focus.
const LIVE_STALE_TIME = 5 * 60_000;
const PAGE_SIZE = 25;
const MESSAGES_PAGE_SIZE = 50;

const conversationPath = (id: string) => `/api/v1/conversations/${encodeURIComponent(id)}`;

/** Items by id, first occurrence kept (an item can move between pages while they load). */
function uniqueById<T extends { id: string }>(items: T[]): T[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    if (seen.has(item.id)) {
      return false;
    }
    seen.add(item.id);
    return true;
  });
}

/** The list's parameters as the API's query string. */
function listQuery(list: ConversationListParams): Record<string, string | undefined> {
  const { view } = list;
  const separator = view.indexOf(':');
  const kind = separator === -1 ? view : view.slice(0, separator);
  const id = separator === -1 ? undefined : view.slice(separator + 1);
  return {
    status: list.status === 'all' ? undefined : list.status,
    priority: list.priority ?? undefined,
    sort: list.sort === 'last_activity' ? undefined : list.sort,
    assignee: kind === 'mine' ? 'me' : kind === 'unassigned' ? 'unassigned' : (list.assignee ?? undefined),
    inboxId: kind === 'inbox' ? id : undefined,
    channel: list.channel ?? undefined,
    createdAfter: list.created?.after ?? undefined,
    createdBefore: list.created?.before ?? undefined,
    teamId: kind === 'team' ? id : undefined,
    labelId: kind === 'label' ? id : undefined,
  };
}

export function useConversations(list: ConversationListParams) {
  return useInfiniteQuery({
    queryKey: keys.conversations(list),
    queryFn: ({ pageParam, signal }) =>
      api<Page<Conversation>>('/api/v1/conversations', {
        query: { ...listQuery(list), cursor: pageParam, limit: PAGE_SIZE },
        signal,
      }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    select: (data) => uniqueById(data.pages.flatMap((page) => page.items)),
    staleTime: LIVE_STALE_TIME,
  });
}

/** How many open conversations are mine, unassigned and in all; kept fresh by the realtime socket. */
export function useConversationCounts() {
  return useQuery({
    queryKey: keys.conversationCounts,
    queryFn: ({ signal }) => api<ConversationCounts>('/api/v1/conversations/counts', { signal }),
    staleTime: LIVE_STALE_TIME,
  });
}

/** Whether the workspace has any conversation at all (tells "none yet" from "none in this tab"). */
export function useHasAnyConversation(enabled: boolean) {
  return useQuery({
    queryKey: keys.conversationsExist,
    queryFn: ({ signal }) =>
      api<Page<Conversation>>('/api/v1/conversations', { query: { limit: 1 }, signal }),
    select: (data) => data.items.length > 0,
    enabled,
  });
}

export function useConversation(conversationId: string) {
  const client = useQueryClient();
  return useQuery<Conversation>({
    queryKey: keys.conversation(conversationId),
    queryFn: ({ signal }) => api<Conversation>(conversationPath(conversationId), { signal }),
    // The row the agent clicked already has the header's data; show it while the request runs.
    placeholderData: () => findCachedConversation(client, conversationId),
    staleTime: LIVE_STALE_TIME,
  });
}

/** A conversation from whichever cache holds it, or else from the server (outside React). */
export function getConversation(client: QueryClient, conversationId: string): Promise<Conversation> {
  const cached =
    client.getQueryData<Conversation>(keys.conversation(conversationId)) ??
    findCachedConversation(client, conversationId);
  if (cached) {
    return Promise.resolve(cached);
  }
  return client.fetchQuery({
    queryKey: keys.conversation(conversationId),
    queryFn: ({ signal }) => api<Conversation>(conversationPath(conversationId), { signal }),
    staleTime: LIVE_STALE_TIME,
  });
}

export function useMessages(conversationId: string) {
  return useInfiniteQuery({
    queryKey: keys.messages(conversationId),
    queryFn: ({ pageParam, signal }) =>
      api<MessagesPage>(`${conversationPath(conversationId)}/messages`, {
        query: { before: pageParam, limit: MESSAGES_PAGE_SIZE },
        signal,
      }),
    initialPageParam: null as string | null,
    // Pages are fetched newest first; the next one is whatever came before the oldest loaded message.
    getNextPageParam: (last) => (last.hasMore ? (last.items[0]?.id ?? null) : null),
    select: (data) => uniqueById([...data.pages].reverse().flatMap((page) => page.items)),
    staleTime: LIVE_STALE_TIME,
  });
}

export type SendMessageInput = {
  text: string;
  isPrivate: boolean;
  attachmentIds: string[];
  /** Teammates @mentioned in a private note (user ids). */
  mentions?: string[];
};

export function useSendMessage(conversationId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: SendMessageInput) =>
      api<Message>(`${conversationPath(conversationId)}/messages`, {
        method: 'POST',
        body: {
          text: input.text,
          ...(input.isPrivate ? { isPrivate: true } : {}),
          ...(input.attachmentIds.length > 0 ? { attachmentIds: input.attachmentIds } : {}),
          ...(input.isPrivate && input.mentions?.length ? { mentions: input.mentions } : {}),
        },
      }),
    onSuccess: (message) => upsertMessage(client, message),
  });
}

export type ConversationPatch = {
  status?: ConversationStatus;
  snoozedUntil?: string;
  priority?: Priority;
  assigneeId?: string | null;
  teamId?: string | null;
};

function updateConversationRequest(conversationId: string, patch: ConversationPatch) {
  return api<Conversation>(conversationPath(conversationId), { method: 'PATCH', body: patch });
}

function setLabelRequest(conversationId: string, labelId: string, isAdded: boolean) {
  return api<Conversation>(`${conversationPath(conversationId)}/labels/${encodeURIComponent(labelId)}`, {
    method: isAdded ? 'PUT' : 'DELETE',
  });
}

/** Someone to show as the assignee before the server answers: a member already loaded, or a placeholder. */
function assigneeFor(client: QueryClient, userId: string): Conversation['assignee'] {
  const session = client.getQueryData<Session>(keys.session);
  if (session?.user.id === userId) {
    return { id: userId, name: session.user.name, avatarUrl: session.user.avatarUrl };
  }
  const members = client.getQueryData<InfiniteData<Page<Member>>>(keys.members);
  const member = members?.pages.flatMap((page) => page.items).find((item) => item.userId === userId);
  return {
    id: userId,
    name: member?.name || member?.email || 'Someone',
    avatarUrl: member?.avatarUrl ?? null,
  };
}

/** The conversation as it will be once the server has applied the patch (the optimistic view). */
function applyPatch(client: QueryClient, conversation: Conversation, patch: ConversationPatch): Conversation {
  const next = { ...conversation };
  if (patch.snoozedUntil) {
    next.status = 'snoozed';
    next.snoozedUntil = patch.snoozedUntil;
  } else if (patch.status) {
    next.status = patch.status;
    next.snoozedUntil = null;
  }
  if (patch.priority) {
    next.priority = patch.priority;
  }
  if (patch.assigneeId !== undefined) {
    next.assignee = patch.assigneeId === null ? null : assigneeFor(client, patch.assigneeId);
  }
  if (patch.teamId !== undefined) {
    next.teamId = patch.teamId;
  }
  return next;
}

type Snapshot = { previous: Conversation | undefined };

/** Shows a change at once everywhere the conversation appears; returns what to put back on failure. */
function applyOptimistically(
  client: QueryClient,
  conversationId: string,
  change: (conversation: Conversation) => Conversation,
): Snapshot {
  const previous =
    client.getQueryData<Conversation>(keys.conversation(conversationId)) ??
    findCachedConversation(client, conversationId);
  if (previous) {
    upsertConversation(client, change(previous));
  }
  return { previous };
}

/** A failed change: the conversation goes back to how it was, then the server's version is read. */
function rollBack(client: QueryClient, conversationId: string, snapshot: Snapshot | undefined) {
  if (snapshot?.previous) {
    upsertConversation(client, snapshot.previous);
  }
  api<Conversation>(conversationPath(conversationId)).then(
    (conversation) => upsertConversation(client, conversation),
    () => {
      // The conversation may be gone or the network down; what is on screen is the last known state.
    },
  );
}

/** The counts move with every status or assignment change; they are small, so they are simply reread. */
function refreshCounts(client: QueryClient) {
  return client.invalidateQueries({ queryKey: keys.conversationCounts });
}

/** Status, snooze, priority, assignee and team, shown at once and undone if the server refuses. */
export function useUpdateConversation(conversationId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (patch: ConversationPatch) => updateConversationRequest(conversationId, patch),
    onMutate: async (patch): Promise<Snapshot> => {
      await client.cancelQueries({ queryKey: keys.conversation(conversationId) });
      return applyOptimistically(client, conversationId, (current) => applyPatch(client, current, patch));
    },
    onError: (_error, _patch, snapshot) => rollBack(client, conversationId, snapshot),
    onSuccess: (conversation) => upsertConversation(client, conversation),
    onSettled: () => refreshCounts(client),
  });
}

export type LabelChange = { label: Pick<Label, 'id' | 'name' | 'color'>; isAdded: boolean };

/** Adds or removes one label, shown at once and undone if the server refuses. */
export function useConversationLabel(conversationId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ label, isAdded }: LabelChange) => setLabelRequest(conversationId, label.id, isAdded),
    onMutate: async ({ label, isAdded }): Promise<Snapshot> => {
      await client.cancelQueries({ queryKey: keys.conversation(conversationId) });
      return applyOptimistically(client, conversationId, (current) => ({
        ...current,
        labels: isAdded
          ? [...current.labels.filter((item) => item.id !== label.id), label].sort((a, b) =>
              a.name.localeCompare(b.name),
            )
          : current.labels.filter((item) => item.id !== label.id),
      }));
    },
    onError: (_error, _change, snapshot) => rollBack(client, conversationId, snapshot),
    onSuccess: (conversation) => upsertConversation(client, conversation),
  });
}

export type BulkChange = ConversationPatch & { addLabelId?: string };
export type BulkFailure = { id: string; message: string };

/** The server's cap on the ids of one bulk request. */
const BULK_LIMIT = 100;

type BulkAnswer = {
  updated: string[];
  conversations: Conversation[];
  failed: { id: string; code: string; message: string }[];
};

/**
 * Applies one change to the conversations through the bulk route: one request for a selection of
 * up to 100, writing the changed conversations into the caches. `onProgress` hears how many have
 * finished; the failures (each with the server's reason) are returned.
 */
export async function runBulk(
  client: QueryClient,
  ids: readonly string[],
  change: BulkChange,
  onProgress: (finished: number) => void,
): Promise<BulkFailure[]> {
  const failures: BulkFailure[] = [];
  let finished = 0;
  for (let start = 0; start < ids.length; start += BULK_LIMIT) {
    const chunk = ids.slice(start, start + BULK_LIMIT);
    try {
      const answer = await api<BulkAnswer>('/api/v1/conversations/bulk', {
        method: 'POST',
        body: { ids: chunk, change },
      });
      for (const conversation of answer.conversations) {
        upsertConversation(client, conversation);
      }
      failures.push(...answer.failed.map(({ id, message }) => ({ id, message })));
    } catch (error) {
      failures.push(...chunk.map((id) => ({ id, message: errorMessage(error) })));
    }
    finished += chunk.length;
    onProgress(finished);
  }
  void refreshCounts(client);
  return failures;
}

export function useUploadAttachment() {
  return useMutation({
    mutationFn: (file: File) => {
      const form = new FormData();
      form.append('file', file, file.name);
      return api<Attachment>('/api/v1/attachments', { method: 'POST', body: form });
    },
  });
}

function useIsPageVisible(): boolean {
  const [isVisible, setIsVisible] = useState(() => document.visibilityState === 'visible');
  useEffect(() => {
    const onChange = () => setIsVisible(document.visibilityState === 'visible');
    document.addEventListener('visibilitychange', onChange);
    return () => document.removeEventListener('visibilitychange', onChange);
  }, []);
  return isVisible;
}

/**
 * While a conversation is on screen (and the tab visible), the visitor's messages in it are read:
 * the unread count clears at once and the server is told.
 */
export function useMarkReadWhileOpen(conversation: Conversation | undefined) {
  const client = useQueryClient();
  const isVisible = useIsPageVisible();
  const markRead = useMutation({
    mutationFn: (conversationId: string) =>
      api<void>(`${conversationPath(conversationId)}/read`, { method: 'POST' }),
    onMutate: (conversationId) =>
      patchConversation(client, conversationId, (current) => ({ ...current, unreadByAgents: 0 })),
  });
  const { mutate } = markRead;
  const conversationId = conversation?.id;
  const unread = conversation?.unreadByAgents ?? 0;
  useEffect(() => {
    if (conversationId && unread > 0 && isVisible) {
      mutate(conversationId);
    }
  }, [conversationId, unread, isVisible, mutate]);
}

const TYPING_REPEAT_MS = 2_000;
const TYPING_IDLE_MS = 3_000;

/**
 * Tells who should know that this agent is typing: the visitor and the team for a reply, the team
 * only for a private note. `typed(isPrivate)` on each keystroke sends `isTyping: true` at most every
 * 2 s, and `false` follows 3 s without typing, on `stop()` (sent, cleared), on leaving, or before
 * typing switches between reply and note.
 */
export function useAgentTyping(conversationId: string) {
  const isTyping = useRef(false);
  const isPrivateTyping = useRef(false);
  const lastSentAt = useRef(0);
  const idleTimer = useRef<number | undefined>(undefined);

  const post = useCallback(
    (value: boolean, isPrivate: boolean) => {
      api<void>(`${conversationPath(conversationId)}/typing`, {
        method: 'POST',
        body: { isTyping: value, isPrivate },
      }).catch(() => {
        // Typing is a courtesy; a lost signal is not worth an error on screen.
      });
    },
    [conversationId],
  );

  const stop = useCallback(() => {
    window.clearTimeout(idleTimer.current);
    if (isTyping.current) {
      isTyping.current = false;
      lastSentAt.current = 0;
      // The same audience as the start: a visitor told of a reply is told it stopped.
      post(false, isPrivateTyping.current);
    }
  }, [post]);

  const typed = useCallback(
    (isPrivate: boolean) => {
      if (isTyping.current && isPrivateTyping.current !== isPrivate) {
        stop();
      }
      const now = Date.now();
      if (!isTyping.current || now - lastSentAt.current >= TYPING_REPEAT_MS) {
        isTyping.current = true;
        isPrivateTyping.current = isPrivate;
        lastSentAt.current = now;
        post(true, isPrivate);
      }
      window.clearTimeout(idleTimer.current);
      idleTimer.current = window.setTimeout(stop, TYPING_IDLE_MS);
    },
    [post, stop],
  );

  useEffect(() => stop, [stop]);

  return { typed, stop };
}
