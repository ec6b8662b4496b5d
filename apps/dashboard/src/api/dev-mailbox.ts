import { useQuery } from '@tanstack/react-query';
import { api } from './client';
import { keys } from './keys';
import type { DevMailbox } from './types';

/** Mail the server logged instead of sending (no SMTP configured). `poll` keeps an open page fresh. */
export function useDevMailbox(options: { poll?: boolean } = {}) {
  return useQuery({
    queryKey: keys.devMailbox,
    queryFn: ({ signal }) => api<DevMailbox>('/api/v1/dev-mailbox', { signal }),
    // The open mailbox page wants mail sent seconds ago; the sidebar only needs `enabled`.
    staleTime: options.poll ? 0 : 60_000,
    refetchInterval: options.poll ? 5_000 : false,
  });
}
