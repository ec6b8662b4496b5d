import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import type { TConfig, TS3Location } from './config.ts';

/**
 * Where file bytes live: a folder on this machine (`DATA_DIR/files`), or an S3-compatible bucket that
 * every server process shares when `S3_URL` is set. Every file Parley keeps goes through this one
 * interface; what the bytes are (sealed or public) is the caller's business.
 */
export type FileStore = {
  kind: 'disk' | 's3';
  /** Stores `bytes` under `key`, replacing what was there (callers name files by their hash). */
  put: (key: string, bytes: Buffer) => Promise<void>;
  /** The bytes under `key` as a stream, or null when there is no such file. */
  open: (key: string) => Promise<Readable | null>;
  /** The whole file, or null: for values that must be complete before use (sealed files). */
  read: (key: string) => Promise<Buffer | null>;
  /** Removes the file under `key`; removing a missing file is not an error. */
  delete: (key: string) => Promise<void>;
  close: () => Promise<void>;
};

/** Keys are `<folder>/<name>` in lower-case letters, digits, `_`, `-` and `.`, never `..`. */
const KEY = /^[a-z0-9_-]+(\/[a-z0-9_-][a-z0-9_.-]*)+$/;

function checkKey(key: string): string {
  if (!KEY.test(key) || key.includes('..')) {
    throw new Error('Invalid file key');
  }
  return key;
}

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) {
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

export async function createFileStore(config: TConfig): Promise<FileStore> {
  return config.S3_URL
    ? createBucketStore(config.S3_URL)
    : createDiskStore(path.join(config.dataDir, 'files'));
}

function isMissing(err: unknown): boolean {
  return (err as { code?: string }).code === 'ENOENT';
}

/** Files under one folder; written to a temporary name and renamed, so a reader never sees half a file. */
export function createDiskStore(root: string): FileStore {
  const fileOf = (key: string) => path.join(root, ...checkKey(key).split('/'));
  async function openFile(key: string): Promise<Readable | null> {
    try {
      const handle = await open(fileOf(key), 'r');
      return handle.createReadStream();
    } catch (err) {
      if (isMissing(err)) {
        return null;
      }
      throw err;
    }
  }
  return {
    kind: 'disk',
    async put(key, bytes) {
      const target = fileOf(key);
      await mkdir(path.dirname(target), { recursive: true });
      const temp = `${target}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
      await writeFile(temp, bytes, { mode: 0o600 });
      await rename(temp, target);
    },
    open: openFile,
    read: async (key) => {
      const stream = await openFile(key);
      return stream ? readAll(stream) : null;
    },
    async delete(key) {
      await rm(fileOf(key), { force: true });
    },
    async close() {},
  };
}

function isNoSuchKey(err: unknown): boolean {
  const e = err as { name?: string; $metadata?: { httpStatusCode?: number } };
  return e.name === 'NoSuchKey' || e.name === 'NotFound' || e.$metadata?.httpStatusCode === 404;
}

/**
 * Files as objects in one bucket, through the official AWS SDK. Checksums are sent and checked only
 * where S3 requires them: the SDK's default trailing checksums (aws-chunked bodies) are not understood
 * by every S3-compatible server, and the sealed bytes carry their own authentication tag anyway.
 */
export async function createBucketStore(location: TS3Location): Promise<FileStore> {
  // Loaded only when a bucket is configured: an installation on local disk never pays for the SDK.
  const { DeleteObjectCommand, GetObjectCommand, PutObjectCommand, S3Client } = await import(
    '@aws-sdk/client-s3'
  );
  const client = new S3Client({
    endpoint: location.endpoint,
    region: location.region,
    forcePathStyle: location.forcePathStyle,
    ...(location.credentials ? { credentials: location.credentials } : {}),
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
  const Bucket = location.bucket;
  // Checked at start with the two calls Parley makes (a bucket-level call such as HeadBucket would
  // need a permission, s3:ListBucket, that a least-privilege policy does not grant).
  try {
    const Key = 'parley/start-check';
    const Body = Buffer.from(`${new Date().toISOString()}\n`);
    await client.send(new PutObjectCommand({ Bucket, Key, Body, ContentLength: Body.length }));
    await client.send(new GetObjectCommand({ Bucket, Key })).then((o) => o.Body?.transformToByteArray());
  } catch (err) {
    client.destroy();
    const status = (err as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
    const name = (err as Error).name;
    const reason = status
      ? `HTTP ${status}${name && name !== 'Unknown' ? ` ${name}` : ''}`
      : (err as Error).message;
    throw new Error(
      `S3_URL: the bucket "${Bucket}" at ${location.endpoint} cannot be used (${reason}); check the endpoint, the bucket name and the credentials`,
    );
  }
  async function openObject(key: string): Promise<Readable | null> {
    try {
      const object = await client.send(new GetObjectCommand({ Bucket, Key: checkKey(key) }));
      // In Node.js the SDK hands back the HTTP response itself: a readable stream.
      return (object.Body as Readable | undefined) ?? null;
    } catch (err) {
      if (isNoSuchKey(err)) {
        return null;
      }
      throw err;
    }
  }
  return {
    kind: 's3',
    async put(key, bytes) {
      await client.send(
        new PutObjectCommand({
          Bucket,
          Key: checkKey(key),
          Body: bytes,
          ContentLength: bytes.length,
          ContentType: 'application/octet-stream',
        }),
      );
    },
    open: openObject,
    read: async (key) => {
      const stream = await openObject(key);
      return stream ? readAll(stream) : null;
    },
    async delete(key) {
      await client.send(new DeleteObjectCommand({ Bucket, Key: checkKey(key) }));
    },
    async close() {
      client.destroy();
    },
  };
}
