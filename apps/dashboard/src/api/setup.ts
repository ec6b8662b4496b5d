import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import { keys } from './keys';
import { startSession } from './session';
import type { Session, SetupStatus } from './types';

export function useSetupStatus() {
  return useQuery({
    queryKey: keys.setupStatus,
    queryFn: ({ signal }) => api<SetupStatus>('/api/v1/setup/status', { signal }),
    staleTime: 0,
  });
}

export type SetupInput = {
  token: string;
  name: string;
  email: string;
  password: string;
  workspaceName: string;
};

export function useSetup() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: SetupInput) => api<Session>('/api/v1/setup', { method: 'POST', body: input }),
    onSuccess: (session) => startSession(client, session),
  });
}
