import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildMember, buildWorkspace } from '../../test/factories.ts';
import { startTestApp, type TestApp, type TSession } from '../../test/harness.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t?.close();
});

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

function uploadAvatar(session: TSession | null, bytes: Buffer, filename = 'me.png') {
  const boundary = '----parleyavatar';
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: image/png\r\n\r\n`,
    ),
    bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return t.app.inject({
    method: 'PUT',
    url: '/api/v1/me/avatar',
    payload,
    headers: {
      'content-type': `multipart/form-data; boundary=${boundary}`,
      ...(session ? { cookie: session.cookie, 'x-csrf-token': session.csrfToken } : {}),
    },
  });
}

describe('profile pictures', () => {
  it('are uploaded to Parley and served from its own origin to teammates', async () => {
    const ws = await buildWorkspace(t);
    const res = await uploadAvatar(ws.owner, PNG);
    expect(res.statusCode).toBe(200);
    const { avatarUrl } = res.json();
    expect(avatarUrl).toMatch(/^\/api\/avatars\/[0-9a-f]{64}\.png$/);
    const agent = await buildMember(t, ws.workspaceId, 'agent');
    const members = (await agent.api('GET', '/api/v1/members')).json().items as {
      avatarUrl: string | null;
    }[];
    expect(members.map((m) => m.avatarUrl)).toContain(avatarUrl);

    const file = await t.app.inject({ url: avatarUrl });
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('image/png');
    expect(file.headers['x-content-type-options']).toBe('nosniff');
    expect(Buffer.compare(file.rawPayload, PNG)).toBe(0);

    const removed = await ws.api('PATCH', '/api/v1/me', { avatarUrl: null });
    expect(removed.json().avatarUrl).toBeNull();
    // Setting the uploaded picture back by its path is allowed; it is Parley's own file.
    expect((await ws.api('PATCH', '/api/v1/me', { avatarUrl })).json().avatarUrl).toBe(avatarUrl);
  });

  it('refuse an outside URL, a file that is not a picture, and a stranger', async () => {
    const ws = await buildWorkspace(t);
    for (const avatarUrl of [
      'https://example.com/a.png',
      '//evil.test/a.png',
      'data:image/png;base64,AAAA',
    ]) {
      const res = await ws.api('PATCH', '/api/v1/me', { avatarUrl });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe('validation_failed');
    }
    const svg = await uploadAvatar(
      ws.owner,
      Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
      'x.svg',
    );
    expect(svg.statusCode).toBe(400);
    expect(svg.json().error.message).toMatch(/PNG, JPEG, GIF or WebP/);
    expect((await uploadAvatar(null, PNG)).statusCode).toBe(401);
    expect((await t.app.inject({ url: `/api/avatars/${'0'.repeat(64)}.png` })).statusCode).toBe(404);
    expect((await t.app.inject({ url: '/api/avatars/..%2F..%2Fmaster.key' })).statusCode).toBe(404);
  });
});
