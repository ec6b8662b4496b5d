import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootVisitor, buildInbox, buildMember, buildWorkspace } from '../../test/factories.ts';
import { startTestApp, type TestApp } from '../../test/harness.ts';
import { isWithinBusinessHours } from './hours.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t?.close();
});

describe('business hours', () => {
  const hours = { timeZone: 'Europe/Paris', days: [{ day: 1, open: '09:00', close: '17:00' }] };
  it('reads the time in the inbox time zone', () => {
    // Monday 2026-11-30 08:30 UTC is 09:30 in Paris (UTC+1).
    expect(isWithinBusinessHours(hours, new Date('2026-11-30T08:30:00Z'))).toBe(true);
    expect(isWithinBusinessHours(hours, new Date('2026-11-30T07:30:00Z'))).toBe(false);
    expect(isWithinBusinessHours(hours, new Date('2026-11-30T16:00:00Z'))).toBe(false);
    // Tuesday is closed.
    expect(isWithinBusinessHours(hours, new Date('2026-12-01T10:00:00Z'))).toBe(false);
    expect(isWithinBusinessHours(null)).toBe(true);
  });
});

describe('inboxes', () => {
  it('creates a website inbox with a snippet and sensible defaults; admins see the secret, agents do not', async () => {
    const ws = await buildWorkspace(t);
    const inbox = await buildInbox(ws);
    expect(inbox).toMatchObject({ channel: 'website', requireIdentityVerification: false });
    expect((inbox as unknown as { snippet: string }).snippet).toBe(
      `<script src="http://parley.test/widget.js" data-parley="${inbox.widgetKey}" async></script>`,
    );
    expect(inbox.identitySecret).toMatch(/^[0-9a-f]{64}$/);
    const agent = await buildMember(t, ws.workspaceId, 'agent');
    const seen = (await agent.api('GET', `/api/v1/inboxes/${inbox.id}`)).json();
    expect(seen.identitySecret).toBeNull();
    const refused = await agent.api('POST', '/api/v1/inboxes', { name: 'Nope' });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.message).toMatch(/Only admins and owners/);
    expect((await agent.api('PATCH', `/api/v1/inboxes/${inbox.id}`, { name: 'x' })).statusCode).toBe(403);
  });

  it('merges nested settings, validates them, and the widget sees the change', async () => {
    const ws = await buildWorkspace(t);
    const inbox = await buildInbox(ws);
    const res = await ws.api('PATCH', `/api/v1/inboxes/${inbox.id}`, {
      settings: { color: '#0e7490', preChatForm: { enabled: true } },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().settings).toMatchObject({
      color: '#0e7490',
      preChatForm: { enabled: true, requireEmail: true, requireName: false },
      attachments: { enabled: true },
    });
    for (const settings of [
      { color: 'red' },
      { businessHours: { timeZone: 'Mars/Base', days: [] } },
      { businessHours: { timeZone: 'UTC', days: [{ day: 1, open: '18:00', close: '09:00' }] } },
      { preChatForm: { enabled: 'yes' } },
      { unknown: true },
    ]) {
      expect((await ws.api('PATCH', `/api/v1/inboxes/${inbox.id}`, { settings })).statusCode).toBe(400);
    }
    const boot = await t.app.inject({
      method: 'POST',
      url: '/api/widget/v1/boot',
      payload: { widgetKey: inbox.widgetKey, page: { url: 'https://shop.example/' } },
    });
    expect(boot.json().inbox).toMatchObject({ color: '#0e7490', preChatForm: { enabled: true } });
  });

  it('rotating the identity secret invalidates old hashes; deleting the inbox stops its widget', async () => {
    const ws = await buildWorkspace(t);
    const inbox = await buildInbox(ws);
    const rotated = (
      await ws.api('PATCH', `/api/v1/inboxes/${inbox.id}`, { rotateIdentitySecret: true })
    ).json();
    expect(rotated.identitySecret).not.toBe(inbox.identitySecret);
    const visitor = await bootVisitor(t, inbox.widgetKey);
    expect((await ws.api('DELETE', `/api/v1/inboxes/${inbox.id}`)).statusCode).toBe(204);
    expect((await visitor.api('GET', '/conversations')).statusCode).toBe(401);
    const boot = await t.app.inject({
      method: 'POST',
      url: '/api/widget/v1/boot',
      payload: { widgetKey: inbox.widgetKey, page: { url: 'https://shop.example/' } },
    });
    expect(boot.statusCode).toBe(404);
  });
});
