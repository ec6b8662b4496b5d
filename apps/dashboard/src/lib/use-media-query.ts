import { useSyncExternalStore } from 'react';

/** Whether a CSS media query matches now, following changes; no query always matches. */
export function useMediaQuery(query: string | undefined): boolean {
  return useSyncExternalStore(
    (onChange) => {
      if (!query) {
        return () => {};
      }
      const list = window.matchMedia(query);
      list.addEventListener('change', onChange);
      return () => list.removeEventListener('change', onChange);
    },
    () => (query ? window.matchMedia(query).matches : true),
  );
}
