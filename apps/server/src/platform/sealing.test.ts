import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/harness.ts';
import { loadConfig } from './config.ts';
import { decrypt, loadMasterKey, parseMasterKey } from './crypto.ts';
import { newId } from './ids.ts';
import { createSealer } from './sealing.ts';
import { workspaceKeys } from './tables.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t?.close();
});

const randomKey = () => randomBytes(32).toString('base64');

/** Flips one bit in byte `index` of the iv, tag and ciphertext taken together, keeping the format. */
function tamper(sealed: string, index: number): string {
  const [version, ...parts] = sealed.split('.');
  const buffers = parts.map((p) => Buffer.from(p, 'base64url'));
  let i = index;
  for (const b of buffers) {
    if (i < b.length) {
      b[i] = (b[i] ?? 0) ^ 0x01;
      break;
    }
    i -= b.length;
  }
  return [version, ...buffers.map((b) => b.toString('base64url'))].join('.');
}

describe('sealing content with the platform sealer', () => {
  it('round-trips text and bytes', async () => {
    const { sealer, db } = t.platform;
    const ws = newId('ws');
    const text = 'Bonjour, ça va ? 👋 — order #1234';
    const sealedText = await sealer.seal(db, ws, text);
    expect(sealedText).toMatch(/^v1\.[\w-]+\.[\w-]+\.[\w-]*$/);
    expect(await sealer.openText(db, ws, sealedText)).toBe(text);

    const bytes = randomBytes(4096);
    bytes[0] = 0;
    const sealedBytes = await sealer.seal(db, ws, bytes);
    expect((await sealer.open(db, ws, sealedBytes)).equals(bytes)).toBe(true);

    expect(await sealer.openText(db, ws, await sealer.seal(db, ws, ''))).toBe('');
  });

  it('seals the same text differently each time', async () => {
    const { sealer, db } = t.platform;
    const ws = newId('ws');
    const a = await sealer.seal(db, ws, 'same words');
    const b = await sealer.seal(db, ws, 'same words');
    expect(a).not.toBe(b);
  });

  it('never lets the plaintext show through the ciphertext', async () => {
    const { sealer, db } = t.platform;
    const ws = newId('ws');
    const secret = 'The vault code is 0000-1111-2222 and the vault code is 0000-1111-2222';
    const sealed = await sealer.seal(db, ws, secret);
    for (const encoding of ['utf8', 'base64', 'base64url', 'hex'] as const) {
      const shown = encoding === 'utf8' ? secret : Buffer.from(secret).toString(encoding);
      expect(sealed).not.toContain(shown.slice(0, 16));
    }
    expect(sealed).not.toContain('vault');
  });

  it('gives each workspace its own data key, so one cannot open the other', async () => {
    const { sealer, db } = t.platform;
    const wsA = newId('ws');
    const wsB = newId('ws');
    const sealedA = await sealer.seal(db, wsA, 'for A only');
    await sealer.seal(db, wsB, 'for B only');

    await expect(sealer.open(db, wsB, sealedA)).rejects.toThrow();

    // Unwrapped with the installation master key, the two data keys differ.
    const master = loadMasterKey(t.platform.config.PARLEY_MASTER_KEY, t.platform.config.dataDir);
    expect(master.id).toBe(sealer.masterKeyId);
    const rows = await db
      .select()
      .from(workspaceKeys)
      .where(inArray(workspaceKeys.workspaceId, [wsA, wsB]));
    expect(rows).toHaveLength(2);
    const keys = rows.map((r) => decrypt(master.key, r.wrappedKey, `workspace-key:${r.workspaceId}`));
    expect(keys[0]).toHaveLength(32);
    expect(keys[0]!.equals(keys[1]!)).toBe(false);
    // The stored row holds the key wrapped, never in the clear.
    for (const [i, row] of rows.entries()) {
      expect(row.masterKeyId).toBe(master.id);
      expect(row.wrappedKey).not.toContain(keys[i]!.toString('base64url'));
      expect(row.wrappedKey).not.toContain(keys[i]!.toString('base64'));
    }
  });

  it('refuses a sealed value with any byte tampered with', async () => {
    const { sealer, db } = t.platform;
    const ws = newId('ws');
    const sealed = await sealer.seal(db, ws, 'pay 10 EUR to Ada');
    const byteCount = sealed
      .split('.')
      .slice(1)
      .reduce((n, p) => n + Buffer.from(p, 'base64url').length, 0);
    expect(byteCount).toBe(12 + 16 + 'pay 10 EUR to Ada'.length);
    for (let i = 0; i < byteCount; i++) {
      const forged = tamper(sealed, i);
      expect(forged).not.toBe(sealed);
      await expect(sealer.open(db, ws, forged), `byte ${i}`).rejects.toThrow();
    }
    await expect(sealer.open(db, ws, sealed.replace(/^v1\./, 'v2.'))).rejects.toThrow('Not a sealed value');
    await expect(sealer.open(db, ws, sealed.split('.').slice(0, 3).join('.'))).rejects.toThrow();
    await expect(sealer.open(db, ws, 'hello')).rejects.toThrow();
    expect(await sealer.openText(db, ws, sealed)).toBe('pay 10 EUR to Ada');
  });
});

describe('rotating the master key', () => {
  // Rotation walks every workspace key of the installation, so it gets a database of its own.
  let r: TestApp;
  const keyA = randomKey();
  const keyB = randomKey();
  beforeAll(async () => {
    r = await startTestApp({ PARLEY_MASTER_KEY: keyA });
  });
  afterAll(async () => {
    await r?.close();
  });

  it('re-wraps the data keys with the new master key and leaves content untouched', async () => {
    const { db } = r.platform;
    const masterA = parseMasterKey(keyA);
    const masterB = parseMasterKey(keyB);
    expect(masterA.id).not.toBe(masterB.id);

    const sealerA = createSealer(masterA);
    const wsOne = newId('ws');
    const wsTwo = newId('ws');
    const sealedOne = await sealerA.seal(db, wsOne, 'first workspace secret');
    const sealedTwo = await sealerA.seal(db, wsTwo, Buffer.from('second workspace secret'));
    const before = await db.select().from(workspaceKeys);
    expect(before.map((k) => k.masterKeyId)).toEqual([masterA.id, masterA.id]);

    const rotating = createSealer(masterB, [masterA]);
    expect(await rotating.rotate(db)).toEqual({ rewrapped: 2 });
    const after = await db.select().from(workspaceKeys);
    expect(after.map((k) => k.masterKeyId)).toEqual([masterB.id, masterB.id]);
    for (const row of after) {
      expect(row.wrappedKey).not.toBe(before.find((b) => b.workspaceId === row.workspaceId)?.wrappedKey);
    }
    expect(await rotating.rotate(db)).toEqual({ rewrapped: 0 });

    // A sealer that knows only B opens the unchanged content; one that knows only A no longer can.
    const onlyB = createSealer(parseMasterKey(keyB));
    expect(await onlyB.openText(db, wsOne, sealedOne)).toBe('first workspace secret');
    expect(await onlyB.openText(db, wsTwo, sealedTwo)).toBe('second workspace secret');
    const onlyA = createSealer(parseMasterKey(keyA));
    await expect(onlyA.open(db, wsOne, sealedOne)).rejects.toThrow(/unknown master key/);

    const [row] = await db.select().from(workspaceKeys).where(eq(workspaceKeys.workspaceId, wsOne));
    expect(row?.masterKeyId).toBe(masterB.id);
  });
});

describe('the master key', () => {
  it('is generated into the data folder with mode 0600 on first start, then reused', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'parley-key-'));
    try {
      const dataDir = path.join(dir, 'nested', 'data');
      const first = loadMasterKey(undefined, dataDir);
      const file = path.join(dataDir, 'master.key');
      expect(statSync(file).mode & 0o777).toBe(0o600);
      expect(first.key).toHaveLength(32);
      expect(Buffer.from(readFileSync(file, 'utf8').trim(), 'base64').equals(first.key)).toBe(true);

      const second = loadMasterKey(undefined, dataDir);
      expect(second.id).toBe(first.id);
      expect(second.key.equals(first.key)).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('comes from PARLEY_MASTER_KEY when configured, in base64 or base64url', () => {
    const raw = randomBytes(32);
    const fromBase64 = loadMasterKey(raw.toString('base64'), '/nonexistent');
    const fromBase64url = parseMasterKey(raw.toString('base64url'));
    expect(fromBase64.key.equals(raw)).toBe(true);
    expect(fromBase64url.id).toBe(fromBase64.id);
  });

  it.each([
    ['too short', 'c2hvcnQ='],
    ['not base64', '!'.repeat(44)],
    ['48 bytes', randomBytes(48).toString('base64')],
    ['31 bytes', randomBytes(31).toString('base64')],
  ])('is refused by loadConfig with a clear message when %s', (_label, value) => {
    expect(() => loadConfig({ PARLEY_MASTER_KEY: value })).toThrow(
      /PARLEY_MASTER_KEY must be 32 random bytes in base64/,
    );
    expect(() => loadConfig({ PARLEY_MASTER_KEY_PREVIOUS: value })).toThrow(/PARLEY_MASTER_KEY_PREVIOUS/);
    expect(() => parseMasterKey(value)).toThrow(/32 bytes/);
  });
});
