import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import S3rver from '@20minutes/s3rver';
import { DeleteObjectCommand, GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootVisitor, buildInbox, buildWorkspace } from '../../test/factories.ts';
import { startSecondServer, startTestApp, type TestApp, type TSecondServer } from '../../test/harness.ts';
import { multipart, ownerHeaders, uploadFile } from '../../test/multipart.ts';
import { loadConfig } from '../platform/config.ts';
import { createDiskStore, createFileStore, type FileStore } from '../platform/file-store.ts';

// Several Parley servers on several machines share one database and one S3-compatible bucket: a file
// uploaded through one is served by any other. The bucket is a real S3 implementation (s3rver) on
// loopback, reached through the official AWS SDK, as in production.

const BUCKET = 'parley-files';
const KEY = 'S3RVER';
const SECRET = 'S3RVER';

let s3: S3rver;
let s3Dir: string;
let endpoint: string;
let bucket: S3Client;
let one: TestApp;
let two: TSecondServer;
let twoDir: string;

beforeAll(async () => {
  s3Dir = mkdtempSync(path.join(os.tmpdir(), 'parley-s3-'));
  s3 = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory: s3Dir,
    configureBuckets: [{ name: BUCKET }],
  });
  const { port } = await s3.run();
  endpoint = `http://127.0.0.1:${port}`;
  bucket = new S3Client({
    endpoint,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: { accessKeyId: KEY, secretAccessKey: SECRET },
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
  // Both servers hold the same master key, as every machine of one installation must.
  const env = {
    S3_URL: `http://${KEY}:${SECRET}@127.0.0.1:${port}/${BUCKET}?region=us-east-1`,
    PARLEY_MASTER_KEY: randomBytes(32).toString('base64'),
  };
  one = await startTestApp(env);
  twoDir = mkdtempSync(path.join(os.tmpdir(), 'parley-two-'));
  two = await startSecondServer(one, { dataDir: twoDir });
});

afterAll(async () => {
  await two?.close();
  await one?.close();
  bucket?.destroy();
  await s3?.close();
  rmSync(twoDir, { recursive: true, force: true });
  rmSync(s3Dir, { recursive: true, force: true });
});

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

const upload = (
  server: TestApp,
  url: string,
  auth: Record<string, string>,
  filename: string,
  bytes: Buffer,
) => uploadFile(server.app, url, auth, { filename, bytes });
const signedIn = ownerHeaders;

async function objectBytes(key: string): Promise<Buffer> {
  const object = await bucket.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }));
  return Buffer.from(await object.Body!.transformToByteArray());
}

const objectText = async (key: string) => (await objectBytes(key)).toString('utf8');

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

describe('files in a shared S3 bucket', () => {
  it('serves an attachment uploaded through one server from the other, through the same signed link', async () => {
    expect(one.platform.files.kind).toBe('s3');
    expect(two.platform.files.kind).toBe('s3');
    const ws = await buildWorkspace(one);
    const inbox = await buildInbox(ws);
    const visitor = await bootVisitor(one, inbox.widgetKey);
    const text = Buffer.from(`Order ${randomBytes(6).toString('hex')}: the parcel never arrived`);
    const uploaded = await upload(
      one,
      '/api/widget/v1/attachments',
      { 'x-parley-visitor': visitor.token },
      'order.txt',
      text,
    );
    expect(uploaded.statusCode).toBe(201);
    const link = new URL(uploaded.json().url);

    const fromTwo = await two.app.inject({ url: `${link.pathname}${link.search}` });
    expect(fromTwo.statusCode).toBe(200);
    expect(fromTwo.headers['content-type']).toBe('text/plain');
    expect(fromTwo.headers['content-disposition']).toBe("attachment; filename*=UTF-8''order.txt");
    expect(Buffer.compare(fromTwo.rawPayload, text)).toBe(0);
    // The bytes travelled through the bucket: neither server keeps files in its own data folder.
    expect(existsSync(path.join(one.platform.config.dataDir, 'files'))).toBe(false);
    expect(existsSync(path.join(twoDir, 'files'))).toBe(false);

    // A signed link is still checked on every server.
    const forged = await two.app.inject({
      url: `${link.pathname}?exp=${link.searchParams.get('exp')}&sig=${'A'.repeat(43)}`,
    });
    expect(forged.statusCode).toBe(404);
  });

  it('serves files uploaded through the second server from the first as well', async () => {
    const ws = await buildWorkspace(one);
    const uploaded = await upload(two, '/api/v1/attachments', signedIn(ws), 'pixel.png', PNG);
    expect(uploaded.statusCode).toBe(201);
    const link = new URL(uploaded.json().url);
    const fromOne = await one.app.inject({ url: `${link.pathname}${link.search}` });
    expect(fromOne.statusCode).toBe(200);
    expect(fromOne.headers['content-disposition']).toMatch(/^inline/);
    expect(Buffer.compare(fromOne.rawPayload, PNG)).toBe(0);
  });

  it('keeps only sealed bytes in the bucket, never the plaintext', async () => {
    const ws = await buildWorkspace(one);
    const inbox = await buildInbox(ws);
    const visitor = await bootVisitor(one, inbox.widgetKey);
    const secret = `card ending 4242, code ${randomBytes(4).toString('hex')}`;
    const text = Buffer.from(secret);
    const uploaded = await upload(
      one,
      '/api/widget/v1/attachments',
      { 'x-parley-visitor': visitor.token },
      'card.txt',
      text,
    );
    expect(uploaded.statusCode).toBe(201);
    const stored = await objectText(`${ws.workspaceId}/${sha256(text)}`);
    expect(stored).toMatch(/^v1\.[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(stored).not.toContain(secret);
    expect(stored).not.toContain(text.toString('base64'));
    expect(stored).not.toContain(text.toString('base64url'));
  });

  it('answers a signed link whose object is missing from the bucket with a clean 404', async () => {
    const ws = await buildWorkspace(one);
    const text = Buffer.from(`to be lost ${randomBytes(6).toString('hex')}`);
    const uploaded = await upload(one, '/api/v1/attachments', signedIn(ws), 'lost.txt', text);
    expect(uploaded.statusCode).toBe(201);
    await bucket.send(new DeleteObjectCommand({ Bucket: BUCKET, Key: `${ws.workspaceId}/${sha256(text)}` }));
    const link = new URL(uploaded.json().url);
    for (const server of [one, two]) {
      const res = await server.app.inject({ url: `${link.pathname}${link.search}` });
      expect(res.statusCode).toBe(404);
      expect(res.json()).toEqual({ error: { code: 'not_found', message: expect.any(String) } });
    }
  });

  it('shares workspace logos and profile pictures between the servers', async () => {
    const ws = await buildWorkspace(one);
    const { payload, headers } = multipart('logo.png', PNG);
    const auth = signedIn(ws);
    const logo = await one.app.inject({
      method: 'PUT',
      url: '/api/v1/workspace/logo',
      payload,
      headers: { ...headers, ...auth },
    });
    expect(logo.statusCode).toBe(200);
    const logoOnTwo = await two.app.inject({
      url: `/api/v1/workspaces/${ws.workspaceId}/logo`,
      headers: { cookie: ws.owner.cookie },
    });
    expect(logoOnTwo.statusCode).toBe(200);
    expect(Buffer.compare(logoOnTwo.rawPayload, PNG)).toBe(0);
    expect(await objectText(`${ws.workspaceId}/${sha256(PNG)}`)).toMatch(/^v1\./);

    const avatar = await one.app.inject({
      method: 'PUT',
      url: '/api/v1/me/avatar',
      payload,
      headers: { ...headers, ...auth },
    });
    expect(avatar.statusCode).toBe(200);
    const avatarUrl: string = avatar.json().avatarUrl;
    // Profile pictures are public: stored as they are.
    expect(Buffer.compare(await objectBytes(`avatars/${path.basename(avatarUrl)}`), PNG)).toBe(0);
    const avatarOnTwo = await two.app.inject({ url: avatarUrl });
    expect(avatarOnTwo.statusCode).toBe(200);
    expect(avatarOnTwo.headers['content-type']).toBe('image/png');
    expect(Buffer.compare(avatarOnTwo.rawPayload, PNG)).toBe(0);
    const missing = await two.app.inject({ url: `/api/avatars/${'0'.repeat(64)}.png` });
    expect(missing.statusCode).toBe(404);
  });
});

/** What every file store must do, on disk and in the bucket alike. */
async function checkStore(store: FileStore, folder: string) {
  const key = `${folder}/${sha256(randomBytes(8))}`;
  expect(await store.read(key)).toBeNull();
  expect(await store.open(key)).toBeNull();
  await store.put(key, Buffer.from('first'));
  await store.put(key, Buffer.from('second'));
  expect((await store.read(key))?.toString()).toBe('second');
  const chunks: Buffer[] = [];
  for await (const chunk of (await store.open(key))!) {
    chunks.push(chunk as Buffer);
  }
  expect(Buffer.concat(chunks).toString()).toBe('second');
  await store.delete(key);
  expect(await store.read(key)).toBeNull();
  // Deleting what is gone is not an error.
  await store.delete(key);
  for (const bad of ['../etc/passwd', 'ws_a/../../x', '/abs/path', 'noslash', 'UPPER/case', 'a//b']) {
    await expect(store.put(bad, Buffer.from('x'))).rejects.toThrow('Invalid file key');
  }
}

describe('file stores', () => {
  it('put, read, stream, replace and delete files in the bucket', async () => {
    await checkStore(one.platform.files, 'ws_storetest');
  });

  it('do the same on local disk, the default without S3_URL', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'parley-disk-'));
    try {
      const store = await createFileStore(loadConfig({ DATA_DIR: dir }));
      expect(store.kind).toBe('disk');
      await checkStore(store, 'ws_storetest');
      await checkStore(createDiskStore(path.join(dir, 'other')), 'avatars');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuse to start on a bucket that cannot be used, without printing the secret', async () => {
    const port = new URL(endpoint).port;
    const wrongSecret = 'Wrong/Secret+Value';
    const attempts = [
      `http://${KEY}:${SECRET}@127.0.0.1:${port}/no-such-bucket`,
      `http://${KEY}:${encodeURIComponent(wrongSecret)}@127.0.0.1:${port}/${BUCKET}`,
    ];
    for (const url of attempts) {
      const config = loadConfig({ S3_URL: url });
      const err = await createFileStore(config).then(
        () => null,
        (e: Error) => e,
      );
      expect(err?.message).toMatch(
        /^S3_URL: the bucket "[\w-]+" at http:\/\/127\.0\.0\.1:\d+ cannot be used/,
      );
      expect(err?.message).not.toContain(wrongSecret);
      expect(err?.message).not.toContain(encodeURIComponent(wrongSecret));
    }
  });
});
