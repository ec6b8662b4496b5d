import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import { keys } from './keys';
import type { CannedResponse } from './types';

const responsePath = (id: string) => `/api/v1/canned-responses/${encodeURIComponent(id)}`;

/** Saved replies matching `search` (shortcut or content, any case); all of them for an empty search. */
export function useCannedResponses(search: string, { enabled = true }: { enabled?: boolean } = {}) {
  const term = search.trim();
  return useQuery({
    queryKey: keys.cannedResponseSearch(term),
    queryFn: ({ signal }) =>
      api<{ items: CannedResponse[] }>('/api/v1/canned-responses', { query: { search: term }, signal }),
    select: (data) => data.items,
    // While the next search runs, the previous results stay (no flicker as the agent types).
    placeholderData: keepPreviousData,
    enabled,
  });
}

export type CannedResponseInput = { shortcut: string; content: string };

export function useCreateCannedResponse() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: CannedResponseInput) =>
      api<CannedResponse>('/api/v1/canned-responses', { method: 'POST', body: input }),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.cannedResponses }),
  });
}

export function useUpdateCannedResponse() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...input }: CannedResponseInput & { id: string }) =>
      api<CannedResponse>(responsePath(id), { method: 'PATCH', body: input }),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.cannedResponses }),
  });
}

export function useDeleteCannedResponse() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<void>(responsePath(id), { method: 'DELETE' }),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.cannedResponses }),
  });
}
