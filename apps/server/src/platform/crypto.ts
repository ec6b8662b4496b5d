import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { takeRandomBytes } from './random.ts';

/** sha256 hex: how Parley stores every secret it must recognise later (sessions, links, API tokens). */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

export type TMasterKey = { id: string; key: Buffer };

/** True when `encoded` is 32 bytes in base64 or base64url: the only shape a master key may have. */
export function isMasterKeyEncoding(encoded: string): boolean {
  return /^[A-Za-z0-9+/_-]{43}=?$/.test(encoded) && decodeKey(encoded).length === 32;
}

function decodeKey(encoded: string): Buffer {
  return Buffer.from(encoded.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
}

export function parseMasterKey(encoded: string): TMasterKey {
  const key = decodeKey(encoded);
  if (!isMasterKeyEncoding(encoded)) {
    throw new Error('The master key must be 32 bytes encoded in base64');
  }
  return { id: createHash('sha256').update(key).digest('hex').slice(0, 12), key };
}

/** The master key from config, or one generated into the data folder on first start (mode 0600). */
export function loadMasterKey(configured: string | undefined, dataDir: string): TMasterKey {
  if (configured) {
    return parseMasterKey(configured);
  }
  const file = path.join(dataDir, 'master.key');
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, `${randomBytes(32).toString('base64')}\n`, { mode: 0o600 });
  }
  return parseMasterKey(readFileSync(file, 'utf8').trim());
}

const VERSION = 'v1';

/** AES-256-GCM: `v1.<iv>.<tag>.<ciphertext>` in base64url; `aad` binds the ciphertext to its owner. */
export function encrypt(key: Buffer, plaintext: Buffer, aad: string): string {
  const iv = takeRandomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(aad));
  const ct = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return [
    VERSION,
    iv.toString('base64url'),
    cipher.getAuthTag().toString('base64url'),
    ct.toString('base64url'),
  ].join('.');
}

export function decrypt(key: Buffer, sealed: string, aad: string): Buffer {
  const [version, iv, tag, ct] = sealed.split('.');
  if (version !== VERSION || !iv || !tag || ct === undefined) {
    throw new Error('Not a sealed value');
  }
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
  decipher.setAAD(Buffer.from(aad));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(ct, 'base64url')), decipher.final()]);
}
