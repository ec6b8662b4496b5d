import { useMemo } from 'react';
import { useSession } from '../api/session';

type Style = 'full' | 'date' | 'compact';

function formatterFor(
  timeZone: string | undefined,
  options: Intl.DateTimeFormatOptions,
): Intl.DateTimeFormat {
  try {
    return new Intl.DateTimeFormat(undefined, { ...options, timeZone });
  } catch {
    // An unknown zone name in a profile must not break every page that shows a date.
    return new Intl.DateTimeFormat(undefined, options);
  }
}

/**
 * Formats ISO timestamps in the signed-in person's profile time zone: `full` is date and time,
 * `date` the day only, `compact` (narrow lists) the time for today and the day otherwise.
 */
export function useDateFormat(style: Style = 'full'): (iso: string | null | undefined) => string {
  const { data: session } = useSession();
  const timeZone = session?.user.timeZone || undefined;
  return useMemo(() => {
    const full = formatterFor(timeZone, { dateStyle: 'medium', timeStyle: 'short' });
    if (style === 'full') {
      return (iso) => (iso ? full.format(new Date(iso)) : '—');
    }
    if (style === 'date') {
      const dateOnly = formatterFor(timeZone, { dateStyle: 'medium' });
      return (iso) => (iso ? dateOnly.format(new Date(iso)) : '—');
    }
    const day = formatterFor(timeZone, { dateStyle: 'short' });
    const time = formatterFor(timeZone, { timeStyle: 'short' });
    const monthDay = formatterFor(timeZone, { month: 'short', day: 'numeric' });
    return (iso) => {
      if (!iso) {
        return '—';
      }
      const date = new Date(iso);
      return day.format(date) === day.format(new Date()) ? time.format(date) : monthDay.format(date);
    };
  }, [timeZone, style]);
}

export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}
