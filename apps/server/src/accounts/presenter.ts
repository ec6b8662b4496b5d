import type { TUser } from './store.ts';
import { DEFAULT_PREFERENCES } from './tables.ts';

export function presentUser(user: TUser) {
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
