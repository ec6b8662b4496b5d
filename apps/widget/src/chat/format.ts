const time = new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit' });
const dayAndTime = new Intl.DateTimeFormat(undefined, {
  month: 'short',
  day: 'numeric',
  hour: 'numeric',
  minute: '2-digit',
});

/** The time in the visitor's locale; with the date when it is not today. */
export function formatTime(iso: string): string {
  const date = new Date(iso);
  return (date.toDateString() === new Date().toDateString() ? time : dayAndTime).format(date);
}

const weekday = new Intl.DateTimeFormat(undefined, { weekday: 'long' });
const monthDay = new Intl.DateTimeFormat(undefined, { month: 'long', day: 'numeric' });

/** Midnight of the instant's day in the visitor's time zone, counted in days. */
const dayNumber = (date: Date) => Date.UTC(date.getFullYear(), date.getMonth(), date.getDate()) / 86_400_000;

/**
 * When the team is back, in the visitor's locale and time zone: "today at 9:00 AM", "tomorrow at
 * 9:00 AM", "Monday at 9:00 AM", or the date when it is a week or more away.
 */
export function formatReturn(iso: string, now = new Date()): string {
  const date = new Date(iso);
  const days = dayNumber(date) - dayNumber(now);
  const day = days <= 0 ? 'today' : days === 1 ? 'tomorrow' : (days < 7 ? weekday : monthDay).format(date);
  return `${day} at ${time.format(date)}`;
}

export function formatSize(bytes: number): string {
  if (bytes < 1024) {
    return `${bytes} B`;
  }
  if (bytes < 1024 * 1024) {
    return `${Math.round(bytes / 1024)} KB`;
  }
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export type TextPart = string | { href: string };

const URL_PATTERN = /\bhttps?:\/\/[^\s<>"]+[^\s<>".,:;'!?)\]]/g;

/** Splits message text into plain runs and http(s) links, the only markup a message gets. */
export function linkify(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let last = 0;
  for (const match of text.matchAll(URL_PATTERN)) {
    const index = match.index ?? 0;
    if (index > last) {
      parts.push(text.slice(last, index));
    }
    parts.push({ href: match[0] });
    last = index + match[0].length;
  }
  if (last < text.length) {
    parts.push(text.slice(last));
  }
  return parts;
}

export { firstGrapheme as initial } from '@parley/shared/text';

export const isEmail = (value: string) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value);
