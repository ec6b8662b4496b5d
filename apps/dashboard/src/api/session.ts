import { type QueryClient, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { api } from './client';
import { keys, WORKSPACE_INDEPENDENT_KEYS } from './keys';
import type { Session } from './types';

export const sessionQuery = queryOptions({
  queryKey: keys.session,
  queryFn: ({ signal }) => api<Session>('/api/v1/auth/session', { signal }),
  staleTime: 60_000,
});

export function useSession() {
  return useQuery(sessionQuery);
}

/** After any sign-in: forget everything cached for whoever was here before. */
export function startSession(client: QueryClient, session: Session): void {
  client.removeQueries();
  client.setQueryData(keys.session, session);
}

/** After the current workspace changed: refetch everything that belongs to a workspace. */
export function resetWorkspaceQueries(client: QueryClient): Promise<void> {
  return client.resetQueries({
    predicate: (query) => !WORKSPACE_INDEPENDENT_KEYS.has(String(query.queryKey[0])),
  });
}

export function useSignIn() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { email: string; password: string }) =>
      api<Session>('/api/v1/auth/sign-in', { method: 'POST', body: input }),
    onSuccess: (session) => startSession(client, session),
  });
}

export function useSignOut() {
  const client = useQueryClient();
  const navigate = useNavigate();
  return useMutation({
    mutationFn: () => api<void>('/api/v1/auth/sign-out', { method: 'POST' }),
    onSuccess: async () => {
      await navigate({ to: '/sign-in' });
      client.clear();
    },
  });
}

export function useSwitchWorkspace() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (workspaceId: string) =>
      api<Session>('/api/v1/auth/switch-workspace', { method: 'POST', body: { workspaceId } }),
    onSuccess: async (session) => {
      client.setQueryData(keys.session, session);
      await Promise.all([
        resetWorkspaceQueries(client),
        client.invalidateQueries({ queryKey: keys.workspaces }),
      ]);
    },
  });
}

export function useRequestPasswordReset() {
  return useMutation({
    mutationFn: (input: { email: string }) =>
      api<void>('/api/v1/auth/password-reset', { method: 'POST', body: input }),
  });
}

export function useConfirmPasswordReset() {
  return useMutation({
    mutationFn: (input: { token: string; password: string }) =>
      api<void>('/api/v1/auth/password-reset/confirm', { method: 'POST', body: input }),
  });
}

export function useRequestSignInLink() {
  return useMutation({
    mutationFn: (input: { email: string }) =>
      api<void>('/api/v1/auth/sign-in-link', { method: 'POST', body: input }),
  });
}

export function useConfirmSignInLink() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { token: string }) =>
      api<Session>('/api/v1/auth/sign-in-link/confirm', { method: 'POST', body: input }),
    onSuccess: (session) => startSession(client, session),
  });
}
