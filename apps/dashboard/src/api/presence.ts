import { type QueryClient, useQuery } from '@tanstack/react-query';
import { useCallback } from 'react';
import { api } from './client';
import { keys } from './keys';

// Which teammates are online or away (apps/server/src/realtime/presence.ts). The realtime connection
// reads the list each time it goes live (presence frames are not replayed, and a list read before the
// agent's own socket is up would leave them out); `presence` frames keep it current. Anyone not
// listed is offline.

export type Presence = 'online' | 'away' | 'offline';

type PresenceList = { items: { userId: string; status: 'online' | 'away' }[] };

export type PresenceChange = { userId: string; status: Presence };

export const PRESENCE_LABEL: Record<Presence, string> = {
  online: 'Online',
  away: 'Away',
  offline: 'Offline',
};

/** A `presence` frame from the agent socket, written into the list. */
export function receivePresence(client: QueryClient, change: PresenceChange): void {
  client.setQueryData<PresenceList>(keys.presence, (list) => {
    if (!list) {
      return list;
    }
    const others = list.items.filter((item) => item.userId !== change.userId);
    return {
      items:
        change.status === 'offline' ? others : [...others, { userId: change.userId, status: change.status }],
    };
  });
}

/** The list, for the realtime connection to read when it goes live. */
export const presenceQuery = {
  queryKey: keys.presence,
  queryFn: ({ signal }: { signal: AbortSignal }) => api<PresenceList>('/api/v1/presence', { signal }),
};

/** The presence of any teammate, by user id. */
export function usePresence(): (userId: string) => Presence {
  // Read only by the realtime connection; this follows what it reads and what frames change.
  const query = useQuery({ ...presenceQuery, enabled: false });
  const items = query.data?.items;
  return useCallback(
    (userId: string) => items?.find((item) => item.userId === userId)?.status ?? 'offline',
    [items],
  );
}
