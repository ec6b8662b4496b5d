import { useEffect, useSyncExternalStore } from 'react';
import { type MyPresence, reportPresence } from '../../api/realtime';
import { watchInactivity } from '../../lib/inactivity';

// The agent's own status. They choose "online" or "away" in the user menu (kept in this browser, so
// a reload or another tab keeps it); while they chose online, this many minutes without activity
// shows them away until they come back.

/** How long without pointer, keyboard or focus activity before an online agent shows as away. */
export const AWAY_AFTER_MS = 10 * 60_000;

export type MyStatus = {
  /** What the team sees. */
  status: MyPresence;
  /** What the agent chose. */
  chosen: MyPresence;
  /** Away because nothing happened for a while (only while they chose online). */
  isIdle: boolean;
};

type State = { userId: string | null; chosen: MyPresence; isIdle: boolean };

let state: State = { userId: null, chosen: 'online', isIdle: false };
let snapshot: MyStatus = { status: 'online', chosen: 'online', isIdle: false };
const listeners = new Set<() => void>();

const storageKey = (userId: string) => `parley.status.${userId}`;

function update(next: Partial<State>) {
  state = { ...state, ...next };
  const status: MyPresence = state.chosen === 'away' || state.isIdle ? 'away' : 'online';
  if (status !== snapshot.status || state.chosen !== snapshot.chosen || state.isIdle !== snapshot.isIdle) {
    snapshot = { status, chosen: state.chosen, isIdle: state.isIdle };
    for (const listener of listeners) {
      listener();
    }
  }
  reportPresence(status);
}

function storedChoice(userId: string): MyPresence {
  try {
    return window.localStorage.getItem(storageKey(userId)) === 'away' ? 'away' : 'online';
  } catch {
    return 'online';
  }
}

/** The agent's status, to show. */
export function useMyStatus(): MyStatus {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => snapshot,
  );
}

/** Sets the agent's chosen status (from a click in the user menu). */
export function chooseStatus(chosen: MyPresence): void {
  if (state.userId) {
    try {
      window.localStorage.setItem(storageKey(state.userId), chosen);
    } catch {
      // Not kept across reloads, but still applied.
    }
  }
  // Choosing is activity: "online" means here now, not idle.
  update({ chosen, isIdle: false });
}

/**
 * Reports the signed-in agent's status to the team as it changes: their choice, and away after
 * `awayAfterMs` without activity. Call once, in the app shell.
 */
export function useReportMyStatus(userId: string | null, awayAfterMs = AWAY_AFTER_MS): void {
  useEffect(() => {
    if (!userId) {
      return;
    }
    update({ userId, chosen: storedChoice(userId), isIdle: false });
    const stopWatching = watchInactivity(awayAfterMs, (isIdle) => update({ isIdle }));
    // Another tab changed the choice.
    const onStorage = (event: StorageEvent) => {
      if (event.key === storageKey(userId)) {
        update({ chosen: event.newValue === 'away' ? 'away' : 'online' });
      }
    };
    window.addEventListener('storage', onStorage);
    return () => {
      stopWatching();
      window.removeEventListener('storage', onStorage);
    };
  }, [userId, awayAfterMs]);
}
