import type {
  TNotification as Notification,
  TNotificationsPage as NotificationsPage,
} from '@parley/shared/api/notifications';
import {
  type InfiniteData,
  type QueryClient,
  useInfiniteQuery,
  useMutation,
  useQueryClient,
} from '@tanstack/react-query';
import { api } from './client';

// Notifications for the signed-in teammate (apps/server/src/notifications): @mentions in private
// notes, newest first, with the unread count.

export type {
  TNotification as Notification,
  TNotificationsPage as NotificationsPage,
} from '@parley/shared/api/notifications';

type NotificationsData = InfiniteData<NotificationsPage, string | null>;

export const notificationKeys = {
  all: ['notifications'] as const,
};

const PAGE_SIZE = 20;
/**
 * Live `notification.created` frames arrive on the agent socket (`realtime.ts` passes them to
 * `receiveNotification()`); the list is also polled this often, for a socket that is down.
 */
export const NOTIFICATIONS_POLL_MS = 30_000;

function mapItems(
  data: NotificationsData | undefined,
  change: (item: Notification) => Notification,
): NotificationsData | undefined {
  return data
    ? { ...data, pages: data.pages.map((page) => ({ ...page, items: page.items.map(change) })) }
    : data;
}

function withUnread(data: NotificationsData | undefined, unread: (current: number) => number) {
  if (!data || data.pages.length === 0) {
    return data;
  }
  const [first, ...rest] = data.pages;
  return { ...data, pages: [{ ...first!, unread: Math.max(0, unread(first!.unread)) }, ...rest] };
}

/**
 * A `notification.created` frame from the agent socket: the notification goes on top of the list
 * and the unread count goes up. For `realtime.ts` to call (one line in its `switch`).
 */
export function receiveNotification(client: QueryClient, notification: Notification): void {
  client.setQueryData<NotificationsData>(notificationKeys.all, (data) => {
    if (!data || data.pages.length === 0) {
      return data;
    }
    const isKnown = data.pages.some((page) => page.items.some((item) => item.id === notification.id));
    if (isKnown) {
      return data;
    }
    const [first, ...rest] = data.pages;
    return {
      ...data,
      pages: [
        {
          ...first!,
          items: [notification, ...first!.items],
          unread: first!.unread + (notification.readAt ? 0 : 1),
        },
        ...rest,
      ],
    };
  });
}

/**
 * Your notifications and what to do with them: `items` (newest first), `unread`, more pages on
 * demand, and `markRead(id)` / `markAllRead()`, both shown at once and undone if the server refuses.
 */
export function useNotifications({ enabled = true }: { enabled?: boolean } = {}) {
  const client = useQueryClient();
  const query = useInfiniteQuery({
    queryKey: notificationKeys.all,
    queryFn: ({ pageParam, signal }) =>
      api<NotificationsPage>('/api/v1/notifications', {
        query: { cursor: pageParam, limit: PAGE_SIZE },
        signal,
      }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    refetchInterval: NOTIFICATIONS_POLL_MS,
    enabled,
  });

  const snapshot = async () => {
    await client.cancelQueries({ queryKey: notificationKeys.all });
    return { previous: client.getQueryData<NotificationsData>(notificationKeys.all) };
  };
  const rollBack = (
    _error: unknown,
    _input: unknown,
    context: { previous?: NotificationsData } | undefined,
  ) => {
    if (context?.previous) {
      client.setQueryData(notificationKeys.all, context.previous);
    }
  };

  const markRead = useMutation({
    mutationFn: (id: string) =>
      api<void>(`/api/v1/notifications/${encodeURIComponent(id)}/read`, { method: 'POST' }),
    onMutate: async (id) => {
      const context = await snapshot();
      const wasUnread = context.previous?.pages.some((page) =>
        page.items.some((item) => item.id === id && item.readAt === null),
      );
      if (wasUnread) {
        const now = new Date().toISOString();
        client.setQueryData<NotificationsData>(notificationKeys.all, (data) =>
          withUnread(
            mapItems(data, (item) => (item.id === id ? { ...item, readAt: now } : item)),
            (unread) => unread - 1,
          ),
        );
      }
      return context;
    },
    onError: rollBack,
  });

  const markAllRead = useMutation({
    mutationFn: () => api<void>('/api/v1/notifications/read-all', { method: 'POST' }),
    onMutate: async () => {
      const context = await snapshot();
      const now = new Date().toISOString();
      client.setQueryData<NotificationsData>(notificationKeys.all, (data) =>
        withUnread(
          mapItems(data, (item) => (item.readAt ? item : { ...item, readAt: now })),
          () => 0,
        ),
      );
      return context;
    },
    onError: rollBack,
  });

  const items = query.data?.pages.flatMap((page) => page.items) ?? [];
  return {
    query,
    items,
    unread: query.data?.pages[0]?.unread ?? 0,
    markRead,
    markAllRead,
  };
}
