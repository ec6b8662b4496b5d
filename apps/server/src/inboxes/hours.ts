import type { TBusinessHours } from './tables.ts';

const DAYS: Record<string, number> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };

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
  const toMinutes = (hhmm: string) => {
    const [h, m] = hhmm.split(':').map(Number);
    return (h ?? 0) * 60 + (m ?? 0);
  };
  return hours.days.some(
    (d) => d.day === day && minutes >= toMinutes(d.open) && minutes < toMinutes(d.close),
  );
}
