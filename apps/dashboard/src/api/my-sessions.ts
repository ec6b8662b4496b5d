import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import { keys } from './keys';
import type { Page, SignedInSession } from './types';

export function useMySessions() {
  return useInfiniteQuery({
    queryKey: keys.mySessions,
    queryFn: ({ pageParam, signal }) =>
      api<Page<SignedInSession>>('/api/v1/me/sessions', { query: { cursor: pageParam, limit: 50 }, signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    select: (data) => data.pages.flatMap((page) => page.items),
  });
}

export function useRevokeMySession() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (sessionId: string) =>
      api<void>(`/api/v1/me/sessions/${encodeURIComponent(sessionId)}`, { method: 'DELETE' }),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.mySessions }),
  });
}

export function useRevokeMyOtherSessions() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (_: undefined) => api<void>('/api/v1/me/sessions/revoke-others', { method: 'POST' }),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.mySessions }),
  });
}
