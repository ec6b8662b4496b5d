import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import { keys } from './keys';
import type { Team } from './types';

const teamPath = (id: string) => `/api/v1/teams/${encodeURIComponent(id)}`;

export function useTeams() {
  return useQuery({
    queryKey: keys.teams,
    queryFn: ({ signal }) => api<{ items: Team[] }>('/api/v1/teams', { signal }),
    select: (data) => data.items,
  });
}

export type TeamInput = { name: string; description: string | null };

/** Writes a changed team into the list without rereading it. */
function useStoreTeam() {
  const client = useQueryClient();
  return (team: Team) =>
    client.setQueryData<{ items: Team[] }>(keys.teams, (data) =>
      data ? { items: data.items.map((item) => (item.id === team.id ? team : item)) } : data,
    );
}

export function useCreateTeam() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: TeamInput) => api<Team>('/api/v1/teams', { method: 'POST', body: input }),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.teams }),
  });
}

export function useUpdateTeam() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...input }: TeamInput & { id: string }) =>
      api<Team>(teamPath(id), { method: 'PATCH', body: input }),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.teams }),
  });
}

export function useDeleteTeam() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<void>(teamPath(id), { method: 'DELETE' }),
    onSuccess: () =>
      Promise.all([
        client.invalidateQueries({ queryKey: keys.teams }),
        client.invalidateQueries({ queryKey: keys.conversationLists }),
      ]),
  });
}

export function useTeamMembership(teamId: string) {
  const storeTeam = useStoreTeam();
  return useMutation({
    mutationFn: ({ userId, isMember }: { userId: string; isMember: boolean }) =>
      api<Team>(`${teamPath(teamId)}/members/${encodeURIComponent(userId)}`, {
        method: isMember ? 'PUT' : 'DELETE',
      }),
    onSuccess: storeTeam,
  });
}
