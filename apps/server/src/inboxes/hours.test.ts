import { describe, expect, it } from 'vitest';
import { isWithinBusinessHours, nextOpening } from './hours.ts';
import type { TBusinessHours } from './tables.ts';

const weekdays = (timeZone: string, open = '09:00', close = '17:00'): TBusinessHours => ({
  timeZone,
  days: [1, 2, 3, 4, 5].map((day) => ({ day, open, close })),
});

const next = (hours: TBusinessHours | null, now: string) => nextOpening(hours, new Date(now))?.toISOString();

describe('next opening time', () => {
  it('is null while the team is in, and when the inbox has no business hours', () => {
    expect(next(weekdays('Europe/Paris'), '2026-03-04T10:00:00Z')).toBeUndefined();
    expect(next(null, '2026-03-04T23:00:00Z')).toBeUndefined();
    expect(next({ timeZone: 'UTC', days: [] }, '2026-03-04T23:00:00Z')).toBeUndefined();
  });

  it('is later the same day before opening time, and the next morning after closing', () => {
    // Wednesday 4 March 2026, 07:00 in Paris (UTC+1).
    expect(next(weekdays('Europe/Paris'), '2026-03-04T06:00:00Z')).toBe('2026-03-04T08:00:00.000Z');
    // Wednesday 18:00 in Paris: Thursday 09:00.
    expect(next(weekdays('Europe/Paris'), '2026-03-04T17:00:00Z')).toBe('2026-03-05T08:00:00.000Z');
  });

  it('skips the days off: Friday evening opens again on Monday', () => {
    expect(next(weekdays('America/New_York'), '2026-02-06T23:30:00Z')).toBe('2026-02-09T14:00:00.000Z');
  });

  it('reads the days in the inbox time zone, not in UTC', () => {
    // Friday 6 Feb 2026, 23:30 UTC is already Saturday 08:30 in Tokyo: back Monday 09:00 JST.
    expect(next(weekdays('Asia/Tokyo'), '2026-02-06T23:30:00Z')).toBe('2026-02-09T00:00:00.000Z');
    // Sunday 8 Feb 2026, 20:00 in Los Angeles is Monday 04:00 UTC: opens Monday 09:00 PST.
    expect(next(weekdays('America/Los_Angeles'), '2026-02-09T04:00:00Z')).toBe('2026-02-09T17:00:00.000Z');
  });

  it('takes the offset of the opening day across a daylight-saving change', () => {
    // Europe moves to summer time on Sunday 29 March 2026: Friday 9:00 was 08:00 UTC, Monday 9:00 is 07:00.
    expect(next(weekdays('Europe/Paris'), '2026-03-27T17:00:00Z')).toBe('2026-03-30T07:00:00.000Z');
    // And back on Sunday 25 October 2026: Monday 9:00 is 08:00 UTC again.
    expect(next(weekdays('Europe/Paris'), '2026-10-23T16:00:00Z')).toBe('2026-10-26T08:00:00.000Z');
  });

  it('moves an opening time skipped by the spring-forward jump to just after it', () => {
    // New York skips 02:00–03:00 on Sunday 8 March 2026; a 02:30 opening happens at 03:30 EDT.
    const sundayNight = { timeZone: 'America/New_York', days: [{ day: 0, open: '02:30', close: '05:00' }] };
    expect(next(sundayNight, '2026-03-08T05:00:00Z')).toBe('2026-03-08T07:30:00.000Z');
    expect(isWithinBusinessHours(sundayNight, new Date('2026-03-08T07:45:00Z'))).toBe(true);
  });

  it('takes the earliest of several openings on a day and waits a week for a single weekly day', () => {
    const split = {
      timeZone: 'UTC',
      days: [
        { day: 3, open: '14:00', close: '18:00' },
        { day: 3, open: '08:00', close: '12:00' },
      ],
    };
    // Wednesday 12:30: the afternoon shift.
    expect(next(split, '2026-03-04T12:30:00Z')).toBe('2026-03-04T14:00:00.000Z');
    // Wednesday 19:00: next Wednesday's morning shift.
    expect(next(split, '2026-03-04T19:00:00Z')).toBe('2026-03-11T08:00:00.000Z');
  });
});
