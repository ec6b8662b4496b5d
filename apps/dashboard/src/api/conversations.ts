import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
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
  ConversationFilter,
  ConversationStatus,
  Message,
  MessagesPage,
  Page,
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

export function useConversations(filter: ConversationFilter) {
  return useInfiniteQuery({
    queryKey: keys.conversations(filter),
    queryFn: ({ pageParam, signal }) =>
      api<Page<Conversation>>('/api/v1/conversations', {
        query: { status: filter === 'all' ? undefined : filter, cursor: pageParam, limit: PAGE_SIZE },
        signal,
      }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    select: (data) => uniqueById(data.pages.flatMap((page) => page.items)),
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

export type SendMessageInput = { text: string; isPrivate: boolean; attachmentIds: string[] };

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
        },
      }),
    onSuccess: (message) => upsertMessage(client, message),
  });
}

export type ConversationPatch = { status?: ConversationStatus; assigneeId?: string | null };

export function useUpdateConversation(conversationId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (patch: ConversationPatch) =>
      api<Conversation>(conversationPath(conversationId), { method: 'PATCH', body: patch }),
    onSuccess: (conversation) => upsertConversation(client, conversation),
  });
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
 * Tells the visitor an agent is typing: `typed()` on each keystroke sends `isTyping: true` at most
 * every 2 s, and `false` follows 3 s without typing, on `stop()` (sent, cleared), or on leaving.
 */
export function useAgentTyping(conversationId: string) {
  const isTyping = useRef(false);
  const lastSentAt = useRef(0);
  const idleTimer = useRef<number | undefined>(undefined);

  const post = useCallback(
    (value: boolean) => {
      api<void>(`${conversationPath(conversationId)}/typing`, {
        method: 'POST',
        body: { isTyping: value },
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
      post(false);
    }
  }, [post]);

  const typed = useCallback(() => {
    const now = Date.now();
    if (!isTyping.current || now - lastSentAt.current >= TYPING_REPEAT_MS) {
      isTyping.current = true;
      lastSentAt.current = now;
      post(true);
    }
    window.clearTimeout(idleTimer.current);
    idleTimer.current = window.setTimeout(stop, TYPING_IDLE_MS);
  }, [post, stop]);

  useEffect(() => stop, [stop]);

  return { typed, stop };
}
