// Whether the person is at the screen. No pointer, keyboard, wheel, touch or focus activity for a
// while makes them idle; the next activity makes them active again. The app's tabs share the time of
// the last activity through localStorage, so a tab left in the background does not call someone idle
// who is working in another one.

const STORAGE_KEY = 'parley.lastActivityAt';
/** Activity is written for the other tabs at most this often (and at once after being idle). */
const SHARE_EVERY_MS = 15_000;
const ACTIVITY_EVENTS = ['pointerdown', 'pointermove', 'keydown', 'wheel', 'touchstart', 'focus'] as const;

function sharedActivityAt(): number {
  try {
    const value = Number(window.localStorage.getItem(STORAGE_KEY));
    return Number.isFinite(value) ? value : 0;
  } catch {
    return 0;
  }
}

/**
 * Calls `onChange(true)` once nothing happened for `afterMs` in any tab, and `onChange(false)` at the
 * next activity. Returns a function that stops watching.
 */
export function watchInactivity(afterMs: number, onChange: (isIdle: boolean) => void): () => void {
  let lastActivityAt = Date.now();
  let lastSharedAt = 0;
  let isIdle = false;
  let timer: number | undefined;

  const share = (now: number, isForced = false) => {
    if (isForced || now - lastSharedAt >= SHARE_EVERY_MS) {
      lastSharedAt = now;
      try {
        window.localStorage.setItem(STORAGE_KEY, String(now));
      } catch {
        // Storage full or forbidden: each tab then judges by its own activity.
      }
    }
  };

  // Waits until `afterMs` after the latest activity of any tab, then checks again.
  const check = () => {
    window.clearTimeout(timer);
    const latest = Math.max(lastActivityAt, sharedActivityAt());
    const wait = latest + afterMs - Date.now();
    if (wait > 0) {
      timer = window.setTimeout(check, wait);
    } else if (!isIdle) {
      isIdle = true;
      onChange(true);
    }
  };

  const becomeActive = () => {
    if (isIdle) {
      isIdle = false;
      onChange(false);
      check();
    }
  };

  const onActivity = () => {
    const now = Date.now();
    lastActivityAt = now;
    share(now, isIdle);
    becomeActive();
  };

  const onVisibilityChange = () => {
    if (document.visibilityState === 'visible') {
      onActivity();
    }
  };

  const onStorage = (event: StorageEvent) => {
    if (event.key === STORAGE_KEY && isIdle && Number(event.newValue) > Date.now() - afterMs) {
      becomeActive();
    }
  };

  for (const type of ACTIVITY_EVENTS) {
    window.addEventListener(type, onActivity, { capture: true, passive: true });
  }
  document.addEventListener('visibilitychange', onVisibilityChange);
  window.addEventListener('storage', onStorage);
  share(lastActivityAt, true);
  check();

  return () => {
    window.clearTimeout(timer);
    for (const type of ACTIVITY_EVENTS) {
      window.removeEventListener(type, onActivity, { capture: true });
    }
    document.removeEventListener('visibilitychange', onVisibilityChange);
    window.removeEventListener('storage', onStorage);
  };
}
