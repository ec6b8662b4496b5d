import { afterAll, describe, expect, it } from 'vitest';
import { ENGINE } from '../test/harness.ts';
import { spawnServer, tempDataDir } from '../test/spawn.ts';

// The real entry point as `npm start` runs it: first-run link, data kept across restarts, clean Ctrl-C.
const data = tempDataDir();
const port = 3900 + Math.floor(Math.random() * 500);
afterAll(() => data.remove());

const json = (body: unknown) => ({
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

describe.skipIf(ENGINE !== 'pglite')('npm start on embedded PGlite', () => {
  it('prints a one-time setup link, keeps data across restarts and shuts down cleanly on SIGINT', async () => {
    const first = spawnServer({ dataDir: data.dir, port });
    const token = new URL(await first.setupLink()).searchParams.get('token');
    const setup = await fetch(
      `${first.baseUrl}/api/v1/setup`,
      json({
        token,
        name: 'Ada',
        email: 'ada@example.com',
        password: 'a long password',
        workspaceName: 'Acme',
      }),
    );
    expect(setup.status).toBe(201);
    expect(await first.stop('SIGINT')).toBe(0);
    expect(first.output()).toMatch(/shutting down/);

    const second = spawnServer({ dataDir: data.dir, port });
    await second.ready();
    expect(second.output()).not.toMatch(/setup\?token=/);
    expect(await (await fetch(`${second.baseUrl}/api/v1/setup/status`)).json()).toEqual({
      needsSetup: false,
    });
    const signIn = await fetch(
      `${second.baseUrl}/api/v1/auth/sign-in`,
      json({ email: 'ada@example.com', password: 'a long password' }),
    );
    expect(signIn.status).toBe(200);
    expect((await signIn.json()).workspace.name).toBe('Acme');
    expect(await second.stop('SIGTERM')).toBe(0);
  });
});
