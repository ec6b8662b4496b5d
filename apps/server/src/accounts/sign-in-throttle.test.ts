import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWorkspace, PASSWORD, uniqueEmail } from '../../test/factories.ts';
import { startTestApp, type TestApp } from '../../test/harness.ts';
import { rowsOf } from '../platform/db.ts';
import { delayAfter, FREE_ATTEMPTS, MAX_DELAY_MS } from './sign-in-throttle.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t?.close();
});

let address = 0;
/** Each attempt from a new address, as a botnet would: only the per-account limit can slow it. */
function signInFromAnywhere(email: string, password: string) {
  address += 1;
  return t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/sign-in',
    payload: { email, password },
    remoteAddress: `10.0.${Math.floor(address / 250)}.${(address % 250) + 1}`,
  });
}

/** Lets the current delay of every account run out, as time would. */
async function waitOutDelays() {
  await t.platform.db.execute(
    sql`update sign_in_throttles set blocked_until = now() - interval '1 second' where blocked_until is not null`,
  );
}

async function delayLeftMs(): Promise<number[]> {
  const rows = await rowsOf<{ ms: string | null }>(
    t.platform.db,
    sql`select extract(epoch from (blocked_until - now())) * 1000 as ms from sign_in_throttles where blocked_until > now()`,
  );
  return rows.map((r) => Number(r.ms));
}

describe('sign-in attempts per account', () => {
  it('slows guesses from many addresses, then lets the real user in and forgets the failures', async () => {
    const ws = await buildWorkspace(t);
    for (let i = 1; i <= FREE_ATTEMPTS; i++) {
      const res = await signInFromAnywhere(ws.owner.email, `wrong guess ${i}`);
      expect(res.statusCode).toBe(401);
    }
    // The delay runs: even the right password waits, so guesses cannot be tested meanwhile.
    const held = await signInFromAnywhere(ws.owner.email, PASSWORD);
    expect(held.statusCode).toBe(429);
    expect(held.json().error.code).toBe('rate_limited');
    expect(held.json().error.message).toMatch(/try again in \d+ seconds, or sign in with an emailed link/);
    expect(held.json().error.details.retryAfterSeconds).toBeLessThanOrEqual(15);

    await waitOutDelays();
    const real = await signInFromAnywhere(ws.owner.email, PASSWORD);
    expect(real.statusCode).toBe(200);
    // Cleared on success: the next typo is a plain 401 again.
    expect((await signInFromAnywhere(ws.owner.email, 'typo')).statusCode).toBe(401);
  });

  it('doubles the delay after each further failure, up to five minutes', async () => {
    const ws = await buildWorkspace(t);
    const seen: number[] = [];
    for (let i = 1; i <= FREE_ATTEMPTS + 7; i++) {
      await waitOutDelays();
      expect((await signInFromAnywhere(ws.owner.email, 'wrong')).statusCode).toBe(401);
      const [left] = await delayLeftMs();
      seen.push(Math.round((left ?? 0) / 1000));
    }
    expect(seen.slice(0, FREE_ATTEMPTS - 1)).toEqual([0, 0, 0, 0]);
    expect(seen.slice(FREE_ATTEMPTS - 1).map((s) => Math.round(s / 5) * 5)).toEqual([
      15, 30, 60, 120, 240, 300, 300, 300,
    ]);
    expect(delayAfter(100)).toBe(MAX_DELAY_MS);
  });

  it('treats an address without an account the same way, revealing nothing', async () => {
    const ghost = uniqueEmail('ghost');
    for (let i = 1; i <= FREE_ATTEMPTS; i++) {
      expect((await signInFromAnywhere(ghost, 'guess')).statusCode).toBe(401);
    }
    expect((await signInFromAnywhere(ghost, 'guess')).statusCode).toBe(429);
  });

  it('holds parallel guesses to one window', async () => {
    const ws = await buildWorkspace(t);
    const answers = await Promise.all(
      Array.from({ length: 12 }, (_, i) => signInFromAnywhere(ws.owner.email, `parallel ${i}`)),
    );
    const codes = answers.map((r) => r.statusCode);
    expect(codes.filter((c) => c === 401)).toHaveLength(FREE_ATTEMPTS);
    expect(codes.filter((c) => c === 429)).toHaveLength(12 - FREE_ATTEMPTS);
  });
});
