import type { AttributeValue, Contact } from '../../api/contacts';
import { countryName } from './countries';

/** The end of a contact's id: how an anonymous visitor is told apart ("Visitor 4kq2m"), on every screen. */
export function contactReference(contactId: string): string {
  return contactId.slice(-5);
}

/**
 * What people call a contact, the same in the conversation list, the conversation, the contact panel,
 * Contacts and search: the name, else the email or phone, else "Visitor" and the contact's reference.
 */
export function contactDisplayName(
  contact: Pick<Contact, 'id' | 'name' | 'email'> & { phone?: string | null },
): string {
  return contact.name?.trim() || contact.email || contact.phone || `Visitor ${contactReference(contact.id)}`;
}

export function isIdentified(contact: Pick<Contact, 'externalId'>): boolean {
  return contact.externalId !== null;
}

function durationParts(ms: number): { hours: number; minutes: number; seconds: number } {
  const total = Math.round(ms / 1000);
  return { hours: Math.floor(total / 3600), minutes: Math.floor((total % 3600) / 60), seconds: total % 60 };
}

/** A visit's length: "—" (not reported yet), "<1s", "8s", "3m 20s", "1h 5m". */
export function formatDuration(ms: number): string {
  if (!ms || ms <= 0) {
    return '—';
  }
  if (ms < 1000) {
    return '<1s';
  }
  const { hours, minutes, seconds } = durationParts(ms);
  if (hours > 0) {
    return minutes ? `${hours}h ${minutes}m` : `${hours}h`;
  }
  if (minutes > 0) {
    return seconds ? `${minutes}m ${seconds}s` : `${minutes}m`;
  }
  return `${seconds}s`;
}

/** The same length in words, for screen readers and tooltips. */
export function durationLabel(ms: number): string {
  if (!ms || ms <= 0) {
    return 'Time on page not reported yet';
  }
  if (ms < 1000) {
    return 'Less than a second on the page';
  }
  const { hours, minutes, seconds } = durationParts(ms);
  const words = [
    hours ? `${hours} ${hours === 1 ? 'hour' : 'hours'}` : '',
    minutes ? `${minutes} ${minutes === 1 ? 'minute' : 'minutes'}` : '',
    seconds && !hours ? `${seconds} ${seconds === 1 ? 'second' : 'seconds'}` : '',
  ].filter(Boolean);
  return `${words.join(' ')} on the page`;
}

/** Only http(s) pages become links: a visitor's browser reports them, so nothing else is trusted. */
export function safeHttpUrl(url: string | null | undefined): string | null {
  if (!url) {
    return null;
  }
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.toString() : null;
  } catch {
    return null;
  }
}

/** A page as people read it: host and path, without the scheme. */
export function shortUrl(url: string): string {
  try {
    const parsed = new URL(url);
    const path = parsed.pathname === '/' ? '' : parsed.pathname;
    return `${parsed.host}${path}${parsed.search}`;
  } catch {
    return url;
  }
}

export function countryLabel(code: string | null): string | null {
  return code ? countryName(code) : null;
}

let languageNames: Intl.DisplayNames | null | undefined;

/** "fr-FR" → "French (France)"; the tag itself when the browser can't name it. */
export function languageName(tag: string | null): string | null {
  if (!tag) {
    return null;
  }
  if (languageNames === undefined) {
    try {
      languageNames = new Intl.DisplayNames(undefined, { type: 'language' });
    } catch {
      languageNames = null;
    }
  }
  try {
    return languageNames?.of(tag) ?? tag;
  } catch {
    return tag;
  }
}

/** The time on the contact's clock right now (from their browser's time zone), or null. */
export function localTimeIn(timeZone: string | null, now: number): string | null {
  if (!timeZone) {
    return null;
  }
  try {
    return new Intl.DateTimeFormat(undefined, { timeStyle: 'short', timeZone }).format(new Date(now));
  } catch {
    return null;
  }
}

// ── Custom attributes ───────────────────────────────────────────────────────────────────────────

export type AttributeType = 'string' | 'number' | 'boolean';

export const ATTRIBUTE_TYPE_LABEL: Record<AttributeType, string> = {
  string: 'Text',
  number: 'Number',
  boolean: 'Yes / no',
};

export const ATTRIBUTE_KEY_PATTERN = /^[A-Za-z0-9_.-]{1,64}$/;
export const MAX_ATTRIBUTE_TEXT = 1000;

export function attributeTypeOf(value: AttributeValue): AttributeType {
  return typeof value === 'number' ? 'number' : typeof value === 'boolean' ? 'boolean' : 'string';
}

export function formatAttribute(value: AttributeValue): string {
  if (typeof value === 'boolean') {
    return value ? 'Yes' : 'No';
  }
  return typeof value === 'number' ? value.toLocaleString() : value;
}

/** Why a key can't be used, or null. */
export function attributeKeyProblem(key: string): string | null {
  if (!key) {
    return 'Give the attribute a key.';
  }
  if (!ATTRIBUTE_KEY_PATTERN.test(key)) {
    return 'Use up to 64 letters, digits, dots, dashes or underscores (no spaces).';
  }
  return null;
}

/** The typed value of what was entered, or a problem to show. */
export function parseAttributeInput(
  type: AttributeType,
  raw: string,
): { value: AttributeValue } | { problem: string } {
  if (type === 'boolean') {
    return { value: raw === 'true' };
  }
  if (type === 'number') {
    const text = raw.trim();
    const value = Number(text);
    if (!text || !Number.isFinite(value)) {
      return { problem: 'Enter a number, like 42 or 3.5.' };
    }
    return { value };
  }
  if (raw.length > MAX_ATTRIBUTE_TEXT) {
    return { problem: `Keep it under ${MAX_ATTRIBUTE_TEXT} characters.` };
  }
  return { value: raw };
}

/** The text field's content for a value, when editing it. */
export function attributeInputOf(value: AttributeValue): string {
  return String(value);
}
