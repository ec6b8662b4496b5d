import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import { keys } from './keys';
import type { ApiToken, ApiTokenRole, CreatedApiToken, Page } from './types';

export function useApiTokens() {
  return useInfiniteQuery({
    queryKey: keys.apiTokens,
    queryFn: ({ pageParam, signal }) =>
      api<Page<ApiToken>>('/api/v1/api-tokens', { query: { cursor: pageParam, limit: 100 }, signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    select: (data) => data.pages.flatMap((page) => page.items),
  });
}

export function useCreateApiToken() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { name: string; role: ApiTokenRole }) =>
      api<CreatedApiToken>('/api/v1/api-tokens', { method: 'POST', body: input }),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.apiTokens }),
  });
}

export function useRevokeApiToken() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (tokenId: string) =>
      api<void>(`/api/v1/api-tokens/${encodeURIComponent(tokenId)}`, { method: 'DELETE' }),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.apiTokens }),
  });
}
