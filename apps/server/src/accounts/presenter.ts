import { UAParser } from 'ua-parser-js';
import type { TSignedInSession, TUser as TUserView } from '../../../../packages/shared/src/api/me.ts';
import type { TUser } from './store.ts';
import { DEFAULT_PREFERENCES } from './tables.ts';

export function presentUser(user: TUser): TUserView {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    avatarUrl: user.avatarUrl,
    timeZone: user.timeZone,
    language: user.language,
    preferences: { ...DEFAULT_PREFERENCES, ...user.preferences },
  };
}

type TSessionRow = {
  id: string;
  userAgent: string | null;
  ip: string | null;
  createdAt: Date;
  lastSeenAt: Date;
};

/** A signed-in session as its owner sees it: the device and browser read from the user agent. */
export function presentSession(row: TSessionRow, currentSessionId: string): TSignedInSession {
  const ua = row.userAgent ? UAParser(row.userAgent) : null;
  const device = ua?.device.vendor
    ? [ua.device.vendor, ua.device.model].filter(Boolean).join(' ')
    : (ua?.device.type ?? null);
  return {
    id: row.id,
    browser: ua?.browser.name ? `${ua.browser.name}${ua.browser.major ? ` ${ua.browser.major}` : ''}` : null,
    os: ua?.os.name ? `${ua.os.name}${ua.os.version ? ` ${ua.os.version}` : ''}` : null,
    device,
    deviceType: (ua?.device.type as string | undefined) ?? 'desktop',
    ip: row.ip,
    createdAt: row.createdAt.toISOString(),
    lastUsedAt: row.lastSeenAt.toISOString(),
    isCurrent: row.id === currentSessionId,
  };
}
