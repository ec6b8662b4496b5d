// Wall-clock times in a named time zone (the profile's), turned into instants and back, without a
// date library: Intl tells the zone's offset at any instant.

type WallTime = { year: number; month: number; day: number; hour: number; minute: number };

function partsIn(date: Date, timeZone: string): WallTime & { weekday: number } {
  let formatter: Intl.DateTimeFormat;
  try {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      weekday: 'short',
    });
  } catch {
    formatter = new Intl.DateTimeFormat('en-US', {
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      weekday: 'short',
    });
  }
  const parts = Object.fromEntries(formatter.formatToParts(date).map((part) => [part.type, part.value]));
  const weekdays = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour) % 24,
    minute: Number(parts.minute),
    weekday: weekdays.indexOf(String(parts.weekday)),
  };
}

/** Minutes the zone is ahead of UTC at that instant. */
function offsetMinutes(date: Date, timeZone: string): number {
  const wall = partsIn(date, timeZone);
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute);
  return Math.round((asUtc - Math.floor(date.getTime() / 60_000) * 60_000) / 60_000);
}

/** The instant when the zone's clocks show `wall` (the later one in a repeated hour). */
export function zonedToInstant(wall: WallTime & { second?: number }, timeZone: string): Date {
  const guess = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second ?? 0);
  let instant = guess - offsetMinutes(new Date(guess), timeZone) * 60_000;
  // Once more with the offset at the first answer: right across a DST change.
  instant = guess - offsetMinutes(new Date(instant), timeZone) * 60_000;
  return new Date(instant);
}

/** The calendar day `days` after the zone's day at `from`, at hh:mm there. */
function dayAt(from: Date, days: number, hour: number, minute: number, timeZone: string): Date {
  const today = partsIn(from, timeZone);
  const day = new Date(Date.UTC(today.year, today.month - 1, today.day + days));
  return zonedToInstant(
    { year: day.getUTCFullYear(), month: day.getUTCMonth() + 1, day: day.getUTCDate(), hour, minute },
    timeZone,
  );
}

/** The snooze picker's quick choices: in an hour, tomorrow at 9:00, next Monday at 9:00. */
export function snoozePresets(now: Date, timeZone: string) {
  const weekday = partsIn(now, timeZone).weekday;
  // Monday of the coming week; on a Sunday that is tomorrow, so the one after instead.
  const untilMonday = (8 - weekday) % 7 || 7;
  const daysToMonday = untilMonday === 1 ? 8 : untilMonday;
  return {
    inAnHour: new Date(now.getTime() + 60 * 60_000),
    tomorrowMorning: dayAt(now, 1, 9, 0, timeZone),
    nextWeek: dayAt(now, daysToMonday, 9, 0, timeZone),
  };
}

const pad = (value: number) => String(value).padStart(2, '0');

/** The value of an <input type="datetime-local"> showing `date` on the zone's clocks. */
export function toDateTimeLocal(date: Date, timeZone: string): string {
  const wall = partsIn(date, timeZone);
  return `${wall.year}-${pad(wall.month)}-${pad(wall.day)}T${pad(wall.hour)}:${pad(wall.minute)}`;
}

/** The instant an <input type="datetime-local"> value (seconds optional) means on the zone's clocks, or null. */
export function fromDateTimeLocal(value: string, timeZone: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?/.exec(value);
  if (!match) {
    return null;
  }
  const [, year, month, day, hour, minute, second] = match.map((part) => Number(part ?? 0)) as number[];
  return zonedToInstant(
    { year: year!, month: month!, day: day!, hour: hour!, minute: minute!, second: second! },
    timeZone,
  );
}

/** The zone's calendar day at `date`, as an <input type="date"> value (YYYY-MM-DD). */
export function toDateInput(date: Date, timeZone: string): string {
  const wall = partsIn(date, timeZone);
  return `${wall.year}-${pad(wall.month)}-${pad(wall.day)}`;
}

/** Whether a value is a real calendar day written YYYY-MM-DD (no 2025-02-30). */
export function isDateInput(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) {
    return false;
  }
  const [year, month, day] = match.slice(1).map(Number) as [number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** The instant the zone's day `value` (YYYY-MM-DD), moved by `days`, begins there. */
export function startOfDayIn(value: string, timeZone: string, days = 0): Date {
  const [year, month, day] = value.split('-').map(Number) as [number, number, number];
  const moved = new Date(Date.UTC(year, month - 1, day + days));
  return zonedToInstant(
    {
      year: moved.getUTCFullYear(),
      month: moved.getUTCMonth() + 1,
      day: moved.getUTCDate(),
      hour: 0,
      minute: 0,
    },
    timeZone,
  );
}
