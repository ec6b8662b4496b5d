import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/harness.ts';
import { signedFileUrl, verifyFileSignature } from './storage.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t?.close();
});

function partsOf(url: string) {
  const u = new URL(url);
  return { exp: Number(u.searchParams.get('exp')), sig: u.searchParams.get('sig')! };
}

describe('signed attachment links', () => {
  it('accepts the exact signature it issued', () => {
    const { exp, sig } = partsOf(signedFileUrl(t.platform, 'att_1'));
    expect(verifyFileSignature(t.platform, 'att_1', exp, sig)).toBe(true);
    expect(verifyFileSignature(t.platform, 'att_2', exp, sig)).toBe(false);
    expect(verifyFileSignature(t.platform, 'att_1', exp + 1, sig)).toBe(false);
  });

  it('refuses any other spelling of the same signature bytes', () => {
    const { exp, sig } = partsOf(signedFileUrl(t.platform, 'att_1'));
    const bytes = Buffer.from(sig, 'base64url');
    // The last of 43 characters carries 2 unused bits: flipping them decodes to the same bytes.
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const last = alphabet.indexOf(sig.at(-1)!);
    const sameBytes = `${sig.slice(0, -1)}${alphabet[last ^ 1]}`;
    expect(Buffer.compare(Buffer.from(sameBytes, 'base64url'), bytes)).toBe(0);
    for (const variant of [
      `${sig}=`,
      `${sig}==`,
      bytes.toString('base64'),
      sameBytes,
      ` ${sig}`,
      sig.toLowerCase(),
    ]) {
      if (variant !== sig) {
        expect({ variant, ok: verifyFileSignature(t.platform, 'att_1', exp, variant) }).toEqual({
          variant,
          ok: false,
        });
      }
    }
  });
});
