import { inTransaction, type Platform } from '../platform/context.ts';
import { hashSecret } from '../platform/crypto.ts';
import { AppError } from '../platform/errors.ts';
import * as store from './store.ts';

// Password guesses against one account, from any number of addresses: the first few attempts are
// free, then each attempt waits for a delay that doubles up to a cap. The per-address limit of the
// route stays as well. A success clears the count; failures are forgotten after an hour. The real
// user is never locked out for longer than the cap, and an emailed sign-in link always works.
export const FREE_ATTEMPTS = 5;
const FIRST_DELAY_MS = 15_000;
export const MAX_DELAY_MS = 5 * 60_000;
const FORGET_AFTER_MS = 60 * 60_000;

export function delayAfter(attempts: number): number {
  if (attempts < FREE_ATTEMPTS) {
    return 0;
  }
  return Math.min(FIRST_DELAY_MS * 2 ** (attempts - FREE_ATTEMPTS), MAX_DELAY_MS);
}

const keyOf = (email: string) => hashSecret(`sign-in:${store.normaliseEmail(email)}`);

/**
 * Counts this attempt before the password is checked, so parallel guesses cannot slip through one
 * window; refuses it while the account's delay runs. Unknown addresses are counted the same way, so
 * the answer never tells whether an account exists.
 */
export async function claimSignInAttempt(platform: Platform, email: string) {
  const emailHash = keyOf(email);
  await inTransaction(platform, async (tx) => {
    const row = await store.lockSignInThrottle(tx, emailHash);
    const now = Date.now();
    if (row?.blockedUntil && row.blockedUntil.getTime() > now) {
      const seconds = Math.ceil((row.blockedUntil.getTime() - now) / 1000);
      throw new AppError(
        'rate_limited',
        `Too many failed sign-ins for this account; try again in ${seconds} seconds, or sign in with an emailed link`,
        { retryAfterSeconds: seconds },
      );
    }
    const isRecent = row && now - row.updatedAt.getTime() < FORGET_AFTER_MS;
    const attempts = isRecent ? row.failures + 1 : 1;
    const delay = delayAfter(attempts);
    await store.saveSignInThrottle(tx, {
      emailHash,
      failures: attempts,
      blockedUntil: delay > 0 ? new Date(now + delay) : null,
    });
  });
}

export async function clearSignInAttempts(platform: Platform, email: string) {
  await store.clearSignInThrottle(platform.db, keyOf(email));
}
