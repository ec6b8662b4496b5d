import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildMember, buildWorkspace } from '../../test/factories.ts';
import { startTestApp, type TestApp } from '../../test/harness.ts';
import { multipart, ownerHeaders, uploadFile } from '../../test/multipart.ts';
import { safeCell } from './csv.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t?.close();
});

function upload(ws: Awaited<ReturnType<typeof buildWorkspace>>, url: string, bytes: Buffer) {
  return uploadFile(t.app, url, ownerHeaders(ws), {
    filename: 'contacts.csv',
    bytes,
    contentType: 'text/csv',
  });
}

describe('contacts CSV import', () => {
  it('previews the mapping, a sample and per-row problems without importing anything', async () => {
    const ws = await buildWorkspace(t);
    const csv = 'Full Name,E-mail,Plan\nAda,ada@example.com,pro\nBob,not-an-email,free\n,,\nCara,,trial\n';
    const res = await upload(ws, '/api/v1/contacts/import/preview', Buffer.from(csv));
    expect(res.statusCode).toBe(200);
    const preview = res.json();
    expect(preview.columns).toEqual([
      { header: 'Full Name', field: 'name' },
      { header: 'E-mail', field: 'email' },
      { header: 'Plan', field: 'attribute' },
    ]);
    expect(preview).toMatchObject({ encoding: 'utf-8', totalRows: 3, validRows: 2 });
    expect(preview.errors).toEqual([{ line: 3, message: '"not-an-email" is not a valid email address' }]);
    expect(preview.preview[0]).toMatchObject({
      name: 'Ada',
      email: 'ada@example.com',
      attributes: { plan: 'pro' },
    });
    expect((await ws.api('GET', '/api/v1/contacts')).json().items).toEqual([]);
  });

  it('imports, updates matches by email, reports skipped rows, and refuses files without a key column', async () => {
    const ws = await buildWorkspace(t);
    const first = await upload(
      ws,
      '/api/v1/contacts/import',
      Buffer.from('name,email,plan\nAda,ada@example.com,free\nBad,x@,free\n'),
    );
    expect(first.json()).toMatchObject({ created: 1, updated: 0, skipped: 1, errors: [{ line: 3 }] });
    const second = await upload(
      ws,
      '/api/v1/contacts/import',
      Buffer.from('email,plan,company\nADA@example.com,pro,Analytical\nnew@example.com,free,\n'),
    );
    expect(second.json()).toMatchObject({ created: 1, updated: 1, skipped: 0 });
    const ada = (await ws.api('GET', '/api/v1/contacts?search=ada%40example.com')).json().items[0];
    expect(ada).toMatchObject({ name: 'Ada', attributes: { plan: 'pro', company: 'Analytical' } });

    const noKey = await upload(ws, '/api/v1/contacts/import', Buffer.from('plan,company\npro,Acme\n'));
    expect(noKey.statusCode).toBe(422);
    expect(noKey.json().error.message).toMatch(/needs a column for name, email, phone or external id/);
    const empty = await upload(ws, '/api/v1/contacts/import', Buffer.from(''));
    expect(empty.statusCode).toBe(422);
    expect(empty.json().error.message).toBe('The file is empty');
  });

  it('reads Windows-1252 files and byte-order marks', async () => {
    const ws = await buildWorkspace(t);
    const latin1 = Buffer.from('name,email\nJos\xe9 M\xfcller,jose@example.com\n', 'latin1');
    const res = await upload(ws, '/api/v1/contacts/import/preview', latin1);
    expect(res.json().encoding).toBe('windows-1252');
    expect(res.json().preview[0].name).toBe('José Müller');
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('email\nbom@example.com\n')]);
    expect((await upload(ws, '/api/v1/contacts/import/preview', bom)).json().columns[0]).toEqual({
      header: 'email',
      field: 'email',
    });
  });

  it('imports 10,000 rows in one go', async () => {
    const ws = await buildWorkspace(t);
    const lines = ['name,email,score'];
    for (let i = 0; i < 10_000; i++) {
      lines.push(`Person ${i},person${i}@example.com,${i}`);
    }
    const res = await upload(ws, '/api/v1/contacts/import', Buffer.from(lines.join('\n')));
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ created: 10_000, updated: 0, skipped: 0 });
    const page = (await ws.api('GET', '/api/v1/contacts?limit=100')).json();
    expect(page.items).toHaveLength(100);
    expect(page.nextCursor).not.toBeNull();
  });

  it('is for admins and owners', async () => {
    const ws = await buildWorkspace(t);
    const agent = await buildMember(t, ws.workspaceId, 'agent');
    const { payload, headers } = multipart('contacts.csv', Buffer.from('email\na@example.com\n'), 'text/csv');
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/contacts/import',
      payload,
      headers: { ...headers, cookie: agent.cookie, 'x-csrf-token': agent.csrfToken },
    });
    expect(res.statusCode).toBe(403);
    expect((await agent.api('GET', '/api/v1/contacts/export.csv')).statusCode).toBe(403);
  });
});

describe('contacts CSV export', () => {
  it('exports every contact with attributes and neutralises formulas', async () => {
    const ws = await buildWorkspace(t);
    await upload(
      ws,
      '/api/v1/contacts/import',
      Buffer.from(
        'name,email,note\n"=HYPERLINK(""http://evil"")",eve@example.com,+1 call me\nAda,ada@example.com,"line1, with comma"\n',
      ),
    );
    const res = await ws.api('GET', '/api/v1/contacts/export.csv');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.headers['content-disposition']).toMatch(/attachment/);
    const rows = parse(res.body, { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(2);
    const eve = rows.find((r) => r.email === 'eve@example.com')!;
    expect(eve.name).toBe(`'=HYPERLINK("http://evil")`);
    expect(eve['attr.note']).toBe("'+1 call me");
    expect(rows.find((r) => r.email === 'ada@example.com')!['attr.note']).toBe('line1, with comma');
  });

  it('neutralises every formula prefix', () => {
    for (const value of ['=1+1', '+1', '-1', '@SUM(A1)', '\tx', '\rx']) {
      expect(safeCell(value).startsWith("'")).toBe(true);
    }
    expect(safeCell('plain')).toBe('plain');
    expect(safeCell(42)).toBe('42');
    expect(safeCell(null)).toBe('');
  });
});
