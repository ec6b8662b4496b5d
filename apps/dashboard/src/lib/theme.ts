import { useCallback, useEffect, useSyncExternalStore } from 'react';
import { useUpdateProfile } from '../api/me';
import type { Theme } from '../api/types';

// Light, dark or the device's choice. The choice is a profile preference (it follows the person to
// every browser) mirrored in localStorage, so the right colours are on screen before the session
// has loaded. `<html data-theme>` always holds the resolved colours; styles.css keys on it.

const STORAGE_KEY = 'parley.theme';
const DARK_QUERY = '(prefers-color-scheme: dark)';

export const THEME_LABEL: Record<Theme, string> = { system: 'System', light: 'Light', dark: 'Dark' };
export const THEMES: Theme[] = ['system', 'light', 'dark'];

function isTheme(value: unknown): value is Theme {
  return value === 'system' || value === 'light' || value === 'dark';
}

function stored(): Theme {
  try {
    const value = window.localStorage.getItem(STORAGE_KEY);
    return isTheme(value) ? value : 'system';
  } catch {
    return 'system';
  }
}

let current: Theme = 'system';
const listeners = new Set<() => void>();

function apply() {
  const isDark = current === 'dark' || (current === 'system' && window.matchMedia(DARK_QUERY).matches);
  document.documentElement.dataset.theme = isDark ? 'dark' : 'light';
}

function setCurrent(theme: Theme) {
  if (theme === current) {
    return;
  }
  current = theme;
  try {
    window.localStorage.setItem(STORAGE_KEY, theme);
  } catch {
    // Private mode without storage: the profile still remembers it.
  }
  apply();
  for (const listener of listeners) {
    listener();
  }
}

/** Runs once before the first render: the remembered choice, and "system" following the device live. */
export function startTheme() {
  current = stored();
  apply();
  window.matchMedia(DARK_QUERY).addEventListener('change', apply);
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

/** The profile's choice wins over this browser's (it may have been made on another device). */
export function useProfileTheme(saved: Theme | undefined) {
  useEffect(() => {
    if (saved) {
      setCurrent(saved);
    }
  }, [saved]);
}

/** The theme in use and a way to choose another, applied at once and saved to the profile. */
export function useThemeChoice() {
  const theme = useSyncExternalStore(subscribe, () => current);
  const update = useUpdateProfile();
  const { mutate } = update;
  const choose = useCallback(
    (next: Theme) => {
      setCurrent(next);
      mutate({ preferences: { theme: next } });
    },
    [mutate],
  );
  return { theme, choose, error: update.error };
}
