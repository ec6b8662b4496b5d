import { useEffect, useMemo, useState } from 'react';
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

/** The profile's time zone (the browser's until the session is loaded). */
export function useTimeZone(): string {
  const { data: session } = useSession();
  return session?.user.timeZone || browserTimeZone();
}

/** The current time, updated every `intervalMs` so relative times ("5m") stay true. */
export function useNow(intervalMs = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), intervalMs);
    return () => window.clearInterval(timer);
  }, [intervalMs]);
  return now;
}

/** A calendar day in the zone, as YYYY-MM-DD (for grouping and comparing days). */
function dayKeyFormatter(timeZone: string): Intl.DateTimeFormat {
  return formatterFor(timeZone, { year: 'numeric', month: '2-digit', day: '2-digit' });
}

function dayKeyOf(formatter: Intl.DateTimeFormat, date: Date): string {
  const parts = Object.fromEntries(formatter.formatToParts(date).map((part) => [part.type, part.value]));
  return `${parts.year}-${parts.month}-${parts.day}`;
}

function daysBetween(laterKey: string, earlierKey: string): number {
  return Math.round((Date.parse(laterKey) - Date.parse(earlierKey)) / 86_400_000);
}

/**
 * Short relative times for lists, in the profile's zone: "now", "5m", "3h" (today), "Yesterday",
 * a weekday within the week, then "Mar 3" (or "3/3/24" in another year: short enough for a phone's
 * row, which gives the room to the name; the full date is in the element's title).
 */
export function useRelativeTime(): (iso: string) => string {
  const timeZone = useTimeZone();
  const now = useNow();
  return useMemo(() => {
    const days = dayKeyFormatter(timeZone);
    const weekday = formatterFor(timeZone, { weekday: 'short' });
    const monthDay = formatterFor(timeZone, { month: 'short', day: 'numeric' });
    const withYear = formatterFor(timeZone, { dateStyle: 'short' });
    const today = dayKeyOf(days, new Date(now));
    return (iso) => {
      const date = new Date(iso);
      const minutes = Math.floor((now - date.getTime()) / 60_000);
      const dayDiff = daysBetween(today, dayKeyOf(days, date));
      if (minutes < 1) {
        return 'now';
      }
      if (dayDiff <= 0 && minutes < 60) {
        return `${minutes}m`;
      }
      if (dayDiff <= 0) {
        return `${Math.floor(minutes / 60)}h`;
      }
      if (dayDiff === 1) {
        return 'Yesterday';
      }
      if (dayDiff < 7) {
        return weekday.format(date);
      }
      return today.slice(0, 4) === dayKeyOf(days, date).slice(0, 4)
        ? monthDay.format(date)
        : withYear.format(date);
    };
  }, [timeZone, now]);
}

/** Day headings for a message history: "Today", "Yesterday", "Monday, March 3". */
export function useDayFormat(): { keyOf: (iso: string) => string; labelOf: (iso: string) => string } {
  const timeZone = useTimeZone();
  return useMemo(() => {
    const days = dayKeyFormatter(timeZone);
    const long = formatterFor(timeZone, { weekday: 'long', month: 'long', day: 'numeric' });
    const longWithYear = formatterFor(timeZone, {
      weekday: 'long',
      month: 'long',
      day: 'numeric',
      year: 'numeric',
    });
    const keyOf = (iso: string) => dayKeyOf(days, new Date(iso));
    const labelOf = (iso: string) => {
      const today = dayKeyOf(days, new Date());
      const key = keyOf(iso);
      const diff = daysBetween(today, key);
      if (diff === 0) {
        return 'Today';
      }
      if (diff === 1) {
        return 'Yesterday';
      }
      return key.slice(0, 4) === today.slice(0, 4)
        ? long.format(new Date(iso))
        : longWithYear.format(new Date(iso));
    };
    return { keyOf, labelOf };
  }, [timeZone]);
}

/** Time of day ("14:05" / "2:05 PM" by locale) in the profile's zone. */
export function useTimeFormat(): (iso: string) => string {
  const timeZone = useTimeZone();
  return useMemo(() => {
    const time = formatterFor(timeZone, { timeStyle: 'short' });
    return (iso) => time.format(new Date(iso));
  }, [timeZone]);
}
