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

  it('was used by the harness to build the running app', () => {
    expect(t.platform.config.NODE_ENV).toBe('test');
    expect(t.platform.config.publicUrl).toBe('http://parley.test');
  });
});
