import { useCallback, useEffect, useState } from 'react';

// The browser's permission to show notifications. It is asked for only when the person clicks for
// it (browsers ignore or penalise requests that come without a gesture).

export type NotificationPermissionState = NotificationPermission | 'unsupported';

function current(): NotificationPermissionState {
  return typeof window !== 'undefined' && 'Notification' in window ? Notification.permission : 'unsupported';
}

/** The permission, kept current (it can change in the browser's settings), and a way to ask for it. */
export function useNotificationPermission() {
  const [permission, setPermission] = useState<NotificationPermissionState>(current);

  useEffect(() => {
    let status: PermissionStatus | null = null;
    const onChange = () => setPermission(current());
    navigator.permissions
      ?.query({ name: 'notifications' })
      .then((answer) => {
        status = answer;
        answer.addEventListener('change', onChange);
      })
      .catch(() => {
        // Not every browser can watch this permission; it is read again on focus instead.
      });
    window.addEventListener('focus', onChange);
    return () => {
      status?.removeEventListener('change', onChange);
      window.removeEventListener('focus', onChange);
    };
  }, []);

  /** Call from a click handler only. */
  const request = useCallback(async (): Promise<NotificationPermissionState> => {
    if (current() !== 'default') {
      return current();
    }
    const answer = await Notification.requestPermission();
    setPermission(answer);
    return answer;
  }, []);

  return { permission, request };
}

export function canNotify(): boolean {
  return current() === 'granted';
}
