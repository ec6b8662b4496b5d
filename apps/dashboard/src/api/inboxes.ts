import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import { keys } from './keys';
import type { Inbox, InboxSettings } from './types';

const inboxPath = (id: string) => `/api/v1/inboxes/${encodeURIComponent(id)}`;

export function useInboxes() {
  return useQuery({
    queryKey: keys.inboxes,
    queryFn: ({ signal }) => api<{ items: Inbox[] }>('/api/v1/inboxes', { signal }),
    select: (data) => data.items,
  });
}

export function useInbox(inboxId: string) {
  return useQuery({
    queryKey: keys.inbox(inboxId),
    queryFn: ({ signal }) => api<Inbox>(inboxPath(inboxId), { signal }),
  });
}

export function useCreateInbox() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { name: string }) => api<Inbox>('/api/v1/inboxes', { method: 'POST', body: input }),
    onSuccess: (inbox) => {
      client.setQueryData(keys.inbox(inbox.id), inbox);
      return client.invalidateQueries({ queryKey: keys.inboxes, exact: true });
    },
  });
}

export type InboxUpdate = {
  name?: string;
  settings?: Partial<InboxSettings>;
  requireIdentityVerification?: boolean;
  rotateIdentitySecret?: true;
};

export function useUpdateInbox(inboxId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: InboxUpdate) => api<Inbox>(inboxPath(inboxId), { method: 'PATCH', body: input }),
    onSuccess: (inbox) => {
      client.setQueryData(keys.inbox(inbox.id), inbox);
      return client.invalidateQueries({ queryKey: keys.inboxes, exact: true });
    },
  });
}

/**
 * Connects or disconnects the inbox's channel. Disconnected, the widget refuses new messages and
 * replies wait; connected again, the replies that waited go out. The answer is the inbox as it now is.
 */
export function useChannelConnection(inboxId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (action: 'connect' | 'disconnect') =>
      api<Inbox>(`${inboxPath(inboxId)}/channel/${action}`, { method: 'POST', body: {} }),
    onSuccess: (inbox) => {
      client.setQueryData(keys.inbox(inbox.id), inbox);
      return client.invalidateQueries({ queryKey: keys.inboxes, exact: true });
    },
  });
}
