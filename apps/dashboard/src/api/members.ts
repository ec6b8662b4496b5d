import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import { keys } from './keys';
import { resetWorkspaceQueries } from './session';
import type { Member, Page, Role } from './types';

export function useMembers() {
  return useInfiniteQuery({
    queryKey: keys.members,
    queryFn: ({ pageParam, signal }) =>
      api<Page<Member>>('/api/v1/members', { query: { cursor: pageParam, limit: 100 }, signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    select: (data) => data.pages.flatMap((page) => page.items),
  });
}

export function useUpdateMemberRole() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ memberId, role }: { memberId: string; role: Role }) =>
      api<Member>(`/api/v1/members/${encodeURIComponent(memberId)}`, { method: 'PATCH', body: { role } }),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.members }),
  });
}

export function useRemoveMember() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (memberId: string) =>
      api<void>(`/api/v1/members/${encodeURIComponent(memberId)}`, { method: 'DELETE' }),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.members }),
  });
}

/** Removing your own membership: the session's workspace changes under you. */
export function useLeaveWorkspace() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (memberId: string) =>
      api<void>(`/api/v1/members/${encodeURIComponent(memberId)}`, { method: 'DELETE' }),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: keys.session });
      await Promise.all([
        resetWorkspaceQueries(client),
        client.invalidateQueries({ queryKey: keys.workspaces }),
      ]);
    },
  });
}
