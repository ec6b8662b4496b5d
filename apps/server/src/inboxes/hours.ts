import type { TBusinessHours } from './tables.ts';

const DAYS: Record<string, number> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };

const minutesOf = (hhmm: string) => {
  const [h, m] = hhmm.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
};

/** Whether `now` falls inside the business hours, read in the inbox's own time zone. */
export function isWithinBusinessHours(hours: TBusinessHours | null, now = new Date()): boolean {
  if (!hours || hours.days.length === 0) {
    return true;
  }
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone: hours.timeZone,
      weekday: 'short',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(now)
      .map((p) => [p.type, p.value]),
  );
  const day = DAYS[parts.weekday ?? ''] ?? -1;
  const minutes = Number(parts.hour) * 60 + Number(parts.minute);
  return hours.days.some(
    (d) => d.day === day && minutes >= minutesOf(d.open) && minutes < minutesOf(d.close),
  );
}

/** The calendar date and offset from UTC (in minutes) that `instant` has in `timeZone`. */
function zoned(instant: number, timeZone: string) {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      hourCycle: 'h23',
    })
      .formatToParts(instant)
      .map((p) => [p.type, Number(p.value)]),
  ) as Record<'year' | 'month' | 'day' | 'hour' | 'minute' | 'second', number>;
  const asUtc = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second);
  return { year: parts.year, month: parts.month, day: parts.day, offset: (asUtc - instant) / 60_000 };
}

/**
 * The instant at which the wall clock in `timeZone` reads `minutes` past midnight on the given day.
 * A time skipped by a daylight-saving jump (02:30 on a spring-forward night) is read with the offset
 * from before the jump, which lands on the same distance after it (03:30), as clocks do.
 */
function atWallTime(year: number, month: number, day: number, minutes: number, timeZone: string) {
  const wall = Date.UTC(year, month - 1, day, 0, minutes);
  const before = zoned(wall - 86_400_000, timeZone).offset;
  const guess = wall - before * 60_000;
  const offset = zoned(guess, timeZone).offset;
  const instant = wall - offset * 60_000;
  // Still off the wall time after the second guess: the time does not exist that day; keep the first.
  return zoned(instant, timeZone).offset === offset ? instant : guess;
}

/**
 * When the team is next in, from the business hours read in the inbox's own time zone: null while it
 * is open now, or when there are no hours (always open). Days not listed are days off.
 */
export function nextOpening(hours: TBusinessHours | null, now = new Date()): Date | null {
  if (!hours || hours.days.length === 0 || isWithinBusinessHours(hours, now)) {
    return null;
  }
  const today = zoned(now.getTime(), hours.timeZone);
  let next: number | null = null;
  for (let ahead = 0; ahead <= 7 && next === null; ahead++) {
    // Calendar arithmetic on the local date: a day is not always 24 hours long.
    const date = new Date(Date.UTC(today.year, today.month - 1, today.day + ahead));
    for (const d of hours.days) {
      if (d.day !== date.getUTCDay()) {
        continue;
      }
      const opens = atWallTime(
        date.getUTCFullYear(),
        date.getUTCMonth() + 1,
        date.getUTCDate(),
        minutesOf(d.open),
        hours.timeZone,
      );
      if (opens > now.getTime() && (next === null || opens < next)) {
        next = opens;
      }
    }
  }
  return next === null ? null : new Date(next);
}
