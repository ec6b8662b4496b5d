import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectCrossTenantRefusal } from '../../test/cross-tenant.ts';
import { bootVisitor, buildInbox, buildMember, buildWorkspace } from '../../test/factories.ts';
import { startTestApp, type TestApp } from '../../test/harness.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t?.close();
});

type TLabel = { id: string; name: string; color: string; description: string | null };

describe('labels', () => {
  it('admins create, list by name, change and delete labels', async () => {
    const ws = await buildWorkspace(t);
    const admin = await buildMember(t, ws.workspaceId, 'admin');
    const vip = await admin.api('POST', '/api/v1/labels', { name: 'vip', color: '#F59E0B' });
    expect(vip.statusCode).toBe(201);
    expect(vip.json()).toMatchObject({ name: 'vip', color: '#f59e0b', description: null });
    expect(new Date(vip.json().createdAt).toISOString()).toBe(vip.json().createdAt);
    const billing = await admin.api('POST', '/api/v1/labels', {
      name: '  Billing ',
      color: '#10b981',
      description: 'Invoices and refunds',
    });
    expect(billing.json()).toMatchObject({ name: 'Billing', description: 'Invoices and refunds' });

    const list = (await ws.api('GET', '/api/v1/labels')).json().items as TLabel[];
    expect(list.map((l) => l.name)).toEqual(['Billing', 'vip']);

    const changed = await admin.api('PATCH', `/api/v1/labels/${vip.json().id}`, {
      name: 'VIP',
      description: 'Paying customers',
    });
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toMatchObject({ id: vip.json().id, name: 'VIP', color: '#f59e0b' });
    const cleared = await ws.api('PATCH', `/api/v1/labels/${vip.json().id}`, { description: null });
    expect(cleared.json()).toMatchObject({ name: 'VIP', description: null });

    expect((await admin.api('DELETE', `/api/v1/labels/${billing.json().id}`)).statusCode).toBe(204);
    expect((await admin.api('DELETE', `/api/v1/labels/${billing.json().id}`)).statusCode).toBe(404);
    const after = (await ws.api('GET', '/api/v1/labels')).json().items as TLabel[];
    expect(after.map((l) => l.name)).toEqual(['VIP']);
  });

  it('every agent lists labels, but only admins and owners may create, change or delete them', async () => {
    const ws = await buildWorkspace(t);
    const agent = await buildMember(t, ws.workspaceId, 'agent');
    const label = (await ws.api('POST', '/api/v1/labels', { name: 'bug', color: '#ef4444' })).json();
    const list = await agent.api('GET', '/api/v1/labels');
    expect(list.statusCode).toBe(200);
    expect(list.json().items).toHaveLength(1);
    for (const res of [
      await agent.api('POST', '/api/v1/labels', { name: 'mine', color: '#000000' }),
      await agent.api('PATCH', `/api/v1/labels/${label.id}`, { name: 'feature' }),
      await agent.api('DELETE', `/api/v1/labels/${label.id}`),
    ]) {
      expect(res.statusCode).toBe(403);
      expect(res.json().error).toMatchObject({
        code: 'forbidden',
        message: 'Only admins and owners can manage labels',
      });
    }
    expect((await ws.api('GET', '/api/v1/labels')).json().items).toEqual([list.json().items[0]]);
  });

  it('answers a duplicate name with 409 on create and rename, but allows it in another workspace', async () => {
    const ws = await buildWorkspace(t);
    const first = (await ws.api('POST', '/api/v1/labels', { name: 'Billing', color: '#10b981' })).json();
    const duplicate = await ws.api('POST', '/api/v1/labels', { name: 'Billing', color: '#000000' });
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.json().error).toMatchObject({
      code: 'conflict',
      message: 'A label named "Billing" already exists in this workspace',
    });
    const other = (await ws.api('POST', '/api/v1/labels', { name: 'Refunds', color: '#10b981' })).json();
    const rename = await ws.api('PATCH', `/api/v1/labels/${other.id}`, { name: 'Billing' });
    expect(rename.statusCode).toBe(409);
    expect(rename.json().error.code).toBe('conflict');
    // Keeping its own name is no conflict.
    expect((await ws.api('PATCH', `/api/v1/labels/${first.id}`, { name: 'Billing' })).statusCode).toBe(200);
    const names = (await ws.api('GET', '/api/v1/labels')).json().items.map((l: TLabel) => l.name);
    expect(names).toEqual(['Billing', 'Refunds']);

    const elsewhere = await buildWorkspace(t);
    expect(
      (await elsewhere.api('POST', '/api/v1/labels', { name: 'Billing', color: '#10b981' })).statusCode,
    ).toBe(201);
  });

  it('refuses a name that differs from an existing label only by case, naming the label already there', async () => {
    const ws = await buildWorkspace(t);
    const billing = (await ws.api('POST', '/api/v1/labels', { name: 'Billing', color: '#10b981' })).json();
    for (const name of ['billing', 'BILLING', ' bIlLiNg ']) {
      const res = await ws.api('POST', '/api/v1/labels', { name, color: '#000000' });
      expect({ name, status: res.statusCode }).toEqual({ name, status: 409 });
      expect(res.json().error).toEqual({
        code: 'conflict',
        message: 'A label named "Billing" already exists in this workspace',
        details: { field: 'name', labelId: billing.id },
      });
    }
    const refunds = (await ws.api('POST', '/api/v1/labels', { name: 'Refunds', color: '#10b981' })).json();
    const rename = await ws.api('PATCH', `/api/v1/labels/${refunds.id}`, { name: 'BILLING' });
    expect(rename.statusCode).toBe(409);
    expect(rename.json().error.details).toEqual({ field: 'name', labelId: billing.id });
    // A label may change the case of its own name.
    const recased = await ws.api('PATCH', `/api/v1/labels/${billing.id}`, { name: 'billing' });
    expect(recased.statusCode).toBe(200);
    expect(recased.json().name).toBe('billing');
    const names = (await ws.api('GET', '/api/v1/labels')).json().items.map((l: TLabel) => l.name);
    expect(names).toEqual(['billing', 'Refunds']);
    // Another workspace has its own names.
    const elsewhere = await buildWorkspace(t);
    expect(
      (await elsewhere.api('POST', '/api/v1/labels', { name: 'BILLING', color: '#10b981' })).statusCode,
    ).toBe(201);
  });

  it('the migration to names unique ignoring case keeps every label, renaming the later case twins', async () => {
    const ws = await buildWorkspace(t);
    const db = t.platform.db;
    // The labels an installation could hold before names were compared ignoring case.
    await db.execute(sql`drop index labels_workspace_name_key`);
    await db.execute(sql`create unique index labels_workspace_name_key on labels (workspace_id, name)`);
    for (const [id, name, at] of [
      ['lbl_case_first0001', 'Billing', '2026-01-01T00:00:00Z'],
      ['lbl_case_second002', 'billing', '2026-01-02T00:00:00Z'],
      ['lbl_case_third0003', 'BILLING', '2026-01-03T00:00:00Z'],
      ['lbl_case_other0004', 'Bug', '2026-01-01T00:00:00Z'],
    ]) {
      await db.execute(
        sql`insert into labels (id, workspace_id, name, color, created_at, updated_at)
            values (${id}, ${ws.workspaceId}, ${name}, '#123456', ${at}, ${at})`,
      );
    }
    const fix = readFileSync(
      new URL('../../drizzle/0022_label_names_unique_ignoring_case_data.sql', import.meta.url),
      'utf8',
    );
    await db.execute(sql.raw(fix));
    await db.execute(sql`drop index labels_workspace_name_key`);
    await db.execute(
      sql`create unique index labels_workspace_name_key on labels using btree (workspace_id, lower(name))`,
    );
    const names = (await ws.api('GET', '/api/v1/labels')).json().items.map((l: TLabel) => l.name);
    expect(names).toEqual(['Billing', 'BILLING (d0003)', 'billing (nd002)', 'Bug']);
  });

  it('refuses invalid names, colours and unknown fields with 400 validation_failed', async () => {
    const ws = await buildWorkspace(t);
    const label = (await ws.api('POST', '/api/v1/labels', { name: 'ok', color: '#123abc' })).json();
    for (const [method, url, body, path] of [
      ['POST', '/api/v1/labels', { name: '', color: '#123abc' }, 'body.name'],
      ['POST', '/api/v1/labels', { name: '   ', color: '#123abc' }, 'body.name'],
      ['POST', '/api/v1/labels', { name: 'x'.repeat(51), color: '#123abc' }, 'body.name'],
      ['POST', '/api/v1/labels', { name: 'x', color: 'red' }, 'body.color'],
      ['POST', '/api/v1/labels', { name: 'x', color: '#12345' }, 'body.color'],
      ['POST', '/api/v1/labels', { name: 'x' }, 'body.color'],
      ['POST', '/api/v1/labels', { name: 'x', color: '#123abc', workspaceId: 'ws_x' }, 'body'],
      ['PATCH', `/api/v1/labels/${label.id}`, { colour: '#123abc' }, 'body'],
      ['PATCH', `/api/v1/labels/${label.id}`, { name: 'x'.repeat(51) }, 'body.name'],
    ] as const) {
      const res = await ws.api(method, url, body);
      expect({ body, status: res.statusCode }).toEqual({ body, status: 400 });
      expect(res.json().error.code).toBe('validation_failed');
      expect(res.json().error.details.issues[0].path).toBe(path);
    }
    expect(
      (await ws.api('POST', '/api/v1/labels', { name: 'x'.repeat(50), color: '#123abc' })).statusCode,
    ).toBe(201);
    expect((await ws.api('GET', `/api/v1/labels`)).json().items).toHaveLength(2);
    expect((await ws.api('PATCH', '/api/v1/labels/lbl_unknown', { name: 'y' })).json().error.code).toBe(
      'not_found',
    );
  });

  it('deleting a label removes it from the conversations that carry it', async () => {
    const ws = await buildWorkspace(t);
    const inbox = await buildInbox(ws);
    const visitor = await bootVisitor(t, inbox.widgetKey);
    const conversationId = (
      await visitor.api('POST', '/conversations', { text: 'My invoice is wrong' })
    ).json().conversation.id as string;
    const billing = (await ws.api('POST', '/api/v1/labels', { name: 'Billing', color: '#10b981' })).json();
    const urgent = (await ws.api('POST', '/api/v1/labels', { name: 'Urgent', color: '#ef4444' })).json();
    for (const label of [billing, urgent]) {
      const res = await ws.api('PUT', `/api/v1/conversations/${conversationId}/labels/${label.id}`);
      expect(res.statusCode).toBe(200);
    }
    const labelled = (await ws.api('GET', `/api/v1/conversations/${conversationId}`)).json();
    expect(labelled.labels.map((l: TLabel) => l.name)).toEqual(['Billing', 'Urgent']);

    expect((await ws.api('DELETE', `/api/v1/labels/${billing.id}`)).statusCode).toBe(204);
    const after = (await ws.api('GET', `/api/v1/conversations/${conversationId}`)).json();
    expect(after.labels).toEqual([{ id: urgent.id, name: 'Urgent', color: '#ef4444' }]);
  });
});

describe('multi-tenant isolation', () => {
  it("refuses another workspace's label ids on every label route", async () => {
    // Routes with ids outside /api/v1/labels/ belong to other features; each is proven in its own
    // feature's cross-tenant test (see test/route-coverage.test.ts), so this one covers only labels.
    const otherFeatures = t.app.parleyRoutes
      .filter(
        (r) => r.url.startsWith('/api/') && r.url.includes('/:') && !r.url.startsWith('/api/v1/labels/'),
      )
      .map((r) => `${r.method} ${r.url}`);
    await expectCrossTenantRefusal(t, {
      seed: async (b) => {
        const label = await b.api('POST', '/api/v1/labels', {
          name: 'B secret label',
          color: '#abcdef',
          description: 'Only B may see this',
        });
        return { label: label.json().id };
      },
      cases: [
        {
          method: 'PATCH',
          route: '/api/v1/labels/:id',
          id: (s) => s.label!,
          body: { name: 'Taken over', color: '#000000', description: null },
        },
        { method: 'DELETE', route: '/api/v1/labels/:id', id: (s) => s.label! },
      ],
      exempt: otherFeatures,
      verify: async (b, s) => {
        const items = (await b.api('GET', '/api/v1/labels')).json().items as TLabel[];
        expect(items).toHaveLength(1);
        expect(items[0]).toMatchObject({
          id: s.label,
          name: 'B secret label',
          color: '#abcdef',
          description: 'Only B may see this',
        });
      },
    });
  });

  it("lists only the own workspace's labels", async () => {
    const a = await buildWorkspace(t);
    const b = await buildWorkspace(t);
    await b.api('POST', '/api/v1/labels', { name: 'B only', color: '#abcdef' });
    expect((await a.api('GET', '/api/v1/labels')).json().items).toEqual([]);
  });
});
