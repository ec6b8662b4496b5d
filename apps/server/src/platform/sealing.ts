import { createHmac, randomBytes } from 'node:crypto';
import { eq, ne } from 'drizzle-orm';
import { decrypt, encrypt, type TMasterKey } from './crypto.ts';
import type { Queryable } from './db.ts';
import { workspaceKeys } from './tables.ts';

/**
 * Content encryption at rest. Each workspace has its own AES-256-GCM data key; the key is stored
 * wrapped by the installation master key, so rotating the master key re-wraps a few rows and never
 * touches content.
 */
export type Sealer = {
  seal: (q: Queryable, workspaceId: string, plaintext: string | Buffer) => Promise<string>;
  open: (q: Queryable, workspaceId: string, sealed: string) => Promise<Buffer>;
  openText: (q: Queryable, workspaceId: string, sealed: string) => Promise<string>;
  /** Re-wraps every data key held under another master key (listed in `previous`) with the current one. */
  rotate: (q: Queryable) => Promise<{ rewrapped: number }>;
  masterKeyId: string;
  /** A key for another purpose (e.g. signing URLs), derived from the master key. */
  deriveKey: (purpose: string) => Buffer;
};

export function createSealer(master: TMasterKey, previous: TMasterKey[] = []): Sealer {
  const cache = new Map<string, Buffer>();
  const keysById = new Map([master, ...previous].map((k) => [k.id, k.key]));

  function unwrap(row: { workspaceId: string; wrappedKey: string; masterKeyId: string }): Buffer {
    const wrapping = keysById.get(row.masterKeyId);
    if (!wrapping) {
      throw new Error(
        `The data key of workspace ${row.workspaceId} is wrapped by unknown master key ${row.masterKeyId}`,
      );
    }
    return decrypt(wrapping, row.wrappedKey, `workspace-key:${row.workspaceId}`);
  }

  async function dataKey(q: Queryable, workspaceId: string): Promise<Buffer> {
    const cached = cache.get(workspaceId);
    if (cached) {
      return cached;
    }
    const [row] = await q.select().from(workspaceKeys).where(eq(workspaceKeys.workspaceId, workspaceId));
    let key: Buffer;
    if (row) {
      key = unwrap(row);
    } else {
      key = randomBytes(32);
      const wrappedKey = encrypt(master.key, key, `workspace-key:${workspaceId}`);
      const inserted = await q
        .insert(workspaceKeys)
        .values({ workspaceId, wrappedKey, masterKeyId: master.id })
        .onConflictDoNothing()
        .returning();
      if (inserted.length === 0) {
        // Another request created it first; use theirs.
        const [existing] = await q
          .select()
          .from(workspaceKeys)
          .where(eq(workspaceKeys.workspaceId, workspaceId));
        if (!existing) {
          throw new Error('Workspace key vanished while being created');
        }
        key = unwrap(existing);
      }
    }
    cache.set(workspaceId, key);
    return key;
  }

  return {
    masterKeyId: master.id,
    deriveKey: (purpose) => createHmac('sha256', master.key).update(`parley:${purpose}`).digest(),
    async seal(q, workspaceId, plaintext) {
      const key = await dataKey(q, workspaceId);
      return encrypt(
        key,
        Buffer.isBuffer(plaintext) ? plaintext : Buffer.from(plaintext, 'utf8'),
        workspaceId,
      );
    },
    async open(q, workspaceId, sealed) {
      return decrypt(await dataKey(q, workspaceId), sealed, workspaceId);
    },
    async openText(q, workspaceId, sealed) {
      return (await this.open(q, workspaceId, sealed)).toString('utf8');
    },
    async rotate(q) {
      const stale = await q.select().from(workspaceKeys).where(ne(workspaceKeys.masterKeyId, master.id));
      for (const row of stale) {
        const key = unwrap(row);
        await q
          .update(workspaceKeys)
          .set({
            wrappedKey: encrypt(master.key, key, `workspace-key:${row.workspaceId}`),
            masterKeyId: master.id,
            updatedAt: new Date(),
          })
          .where(eq(workspaceKeys.workspaceId, row.workspaceId));
      }
      return { rewrapped: stale.length };
    },
  };
}
