import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/harness.ts';
import { loadConfig } from './config.ts';

// loadConfig is pure, but every server test file runs against a real app so the suite checks the
// configuration the harness builds too.
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t?.close();
});

function messageOf(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(Error);
    return (err as Error).message;
  }
  throw new Error('expected loadConfig to throw');
}

describe('loadConfig', () => {
  it('has defaults that work on a laptop', () => {
    const config = loadConfig({});
    expect(config.PORT).toBe(3000);
    expect(config.HOST).toBe('0.0.0.0');
    expect(config.NODE_ENV).toBe('development');
    expect(config.DATA_DIR).toBe('./data');
    expect(path.isAbsolute(config.dataDir)).toBe(true);
    expect(config.dataDir).toBe(path.resolve('./data'));
    expect(config.publicUrl).toBe('http://localhost:3000');
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.PARLEY_MASTER_KEY).toBeUndefined();
    expect(config.TRUST_PROXY).toBe(false);
  });

  it('treats empty variables as unset', () => {
    const config = loadConfig({ PORT: '', DATABASE_URL: '', PARLEY_MASTER_KEY: '' });
    expect(config.PORT).toBe(3000);
    expect(config.DATABASE_URL).toBeUndefined();
  });

  it('derives the public URL from PORT unless PUBLIC_URL is given', () => {
    const config = loadConfig({ PORT: '8080' });
    expect(config.PORT).toBe(8080);
    expect(config.publicUrl).toBe('http://localhost:8080');
    expect(loadConfig({ PORT: '8080', PUBLIC_URL: 'https://help.example.com/' }).publicUrl).toBe(
      'https://help.example.com',
    );
  });

  it('accepts a PostgreSQL URL and a well-formed master key', () => {
    const key = randomBytes(32).toString('base64');
    const config = loadConfig({
      DATABASE_URL: 'postgresql://parley@db:5432/parley',
      PARLEY_MASTER_KEY: key,
      PARLEY_MASTER_KEY_PREVIOUS: randomBytes(32).toString('base64url'),
    });
    expect(config.DATABASE_URL).toBe('postgresql://parley@db:5432/parley');
    expect(config.PARLEY_MASTER_KEY).toBe(key);
  });

  it('names DATABASE_URL when it is not a PostgreSQL URL', () => {
    const message = messageOf(() => loadConfig({ DATABASE_URL: 'mysql://root@localhost/parley' }));
    expect(message).toMatch(/^Invalid configuration/);
    expect(message).toContain('DATABASE_URL');
  });

  it.each(['abc', '70000', '-1', '3.5'])('names PORT when it is %s', (port) => {
    const message = messageOf(() => loadConfig({ PORT: port }));
    expect(message).toContain('PORT');
    expect(message).not.toContain('DATABASE_URL');
  });

  it('lists every bad variable at once', () => {
    const message = messageOf(() => loadConfig({ PORT: 'abc', LOG_LEVEL: 'loud' }));
    expect(message).toContain('PORT');
    expect(message).toContain('LOG_LEVEL');
  });

  it('reads the endpoint, bucket, credentials and options of S3_URL', () => {
    const config = loadConfig({
      S3_URL:
        'https://AKIAEXAMPLE:abc%2Fdef%2Bghi@s3.eu-west-1.amazonaws.com/parley-files?region=eu-west-1&forcePathStyle=false',
    });
    expect(config.S3_URL).toEqual({
      endpoint: 'https://s3.eu-west-1.amazonaws.com',
      bucket: 'parley-files',
      region: 'eu-west-1',
      forcePathStyle: false,
      credentials: { accessKeyId: 'AKIAEXAMPLE', secretAccessKey: 'abc/def+ghi' },
    });
    expect(loadConfig({ S3_URL: 'http://127.0.0.1:9000/files' }).S3_URL).toEqual({
      endpoint: 'http://127.0.0.1:9000',
      bucket: 'files',
      region: 'us-east-1',
      forcePathStyle: true,
      credentials: null,
    });
    expect(loadConfig({}).S3_URL).toBeUndefined();
  });

  it.each([
    ['not a URL', 'must look like https://ACCESS_KEY:SECRET_KEY@host'],
    ['s3://KEY:hunter2secret@host/bucket', 'must start with https:// or http://'],
    ['https://KEY:hunter2secret@host', 'must name one bucket'],
    ['https://KEY:hunter2secret@host/a/b', 'must name one bucket'],
    ['https://KEY:hunter2secret@host/Bad_Bucket', 'must name one bucket'],
    ['https://KEY@host/bucket', 'both the access key and the secret'],
    ['https://KEY:hunter2secret@host/bucket?regoin=eu-west-1', 'only the options region and forcePathStyle'],
    ['https://KEY:hunter2secret@host/bucket?forcePathStyle=yes', 'forcePathStyle must be true or false'],
    ['https://KEY:hunter2secret@host/bucket?region=EU%20West', 'region must be a region name'],
    ['https://KEY:%E0%A4%A@host/bucket', 'not valid percent-encoding'],
  ])('names S3_URL when it is %s, without repeating the secret', (value, expected) => {
    const message = messageOf(() => loadConfig({ S3_URL: value }));
    expect(message).toMatch(/^Invalid configuration/);
    expect(message).toContain('S3_URL');
    expect(message).toContain(expected);
    expect(message).not.toContain('hunter2secret');
  });

  it('was used by the harness to build the running app', () => {
    expect(t.platform.config.NODE_ENV).toBe('test');
    expect(t.platform.config.publicUrl).toBe('http://parley.test');
  });
});
