import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor } from './cursor.ts';
import { AppError } from './errors.ts';
import { isStorableText } from './text.ts';

const b64 = (s: string) => Buffer.from(s).toString('base64url');
const refusal = (cursor: string, shape: Parameters<typeof decodeCursor>[1]) => {
  try {
    decodeCursor(cursor, shape);
    return null;
  } catch (err) {
    return err instanceof AppError ? `${err.status} ${err.code}` : String(err);
  }
};

describe('page cursors', () => {
  it('reads back what it wrote, for every key shape', () => {
    const key = ['2026-12-03 18:40:01.123456+00', 'conv_0mx7wudbadx26gi429mksrg9a'];
    expect(decodeCursor(encodeCursor(key), ['timestamp', 'id'])).toEqual(key);
    const job = ['2026-12-03T18:40:01.123456Z', '0d4f6a8e-1b2c-4d5e-8f90-123456789abc'];
    expect(decodeCursor(encodeCursor(job), ['timestamp', 'uuid'])).toEqual(job);
    expect(decodeCursor(encodeCursor(['3', key[0]!, key[1]!]), ['integer', 'timestamp', 'id'])).toHaveLength(
      3,
    );
    expect(decodeCursor(undefined, ['id'])).toBeNull();
    expect(decodeCursor('', ['id'])).toBeNull();
  });

  it('refuses every cursor it did not hand out with invalid_cursor', () => {
    const id = 'conv_0mx7wudbadx26gi429mksrg9a';
    for (const cursor of [
      'garbage!',
      'not base64 at all',
      b64('{"a":1}'),
      b64('[]'),
      b64('[1,2]'),
      b64(`["2026-01-01 00:00:00+00"]`),
      b64(`["2026-01-01 00:00:00+00","${id}","extra"]`),
      encodeCursor(['2026-13-01 00:00:00+00', id]),
      encodeCursor(['2026-02-30 00:00:00+00', id]),
      encodeCursor(['2026-01-01 24:00:00+00', id]),
      encodeCursor(['2026-01-01 00:61:00+00', id]),
      encodeCursor(['yesterday', id]),
      encodeCursor(['2026-01-01 00:00:00+00', 'conv_x']),
      encodeCursor(['2026-01-01 00:00:00+00', `${id}'; drop table conversations; --`]),
      encodeCursor(['2026-01-01 00:00:00+00', '\u0000']),
      'x'.repeat(600),
    ]) {
      expect({ cursor, refused: refusal(cursor, ['timestamp', 'id']) }).toEqual({
        cursor,
        refused: '400 invalid_cursor',
      });
    }
    expect(
      refusal(encodeCursor(['99999999999', '2026-01-01 00:00:00+00', id]), ['integer', 'timestamp', 'id']),
    ).toBe('400 invalid_cursor');
    expect(refusal(encodeCursor(['2026-01-01T00:00:00.000000Z', 'not-a-uuid']), ['timestamp', 'uuid'])).toBe(
      '400 invalid_cursor',
    );
  });
});

describe('the one rule for strings', () => {
  it('accepts any well-formed text and refuses NUL and lone surrogates', () => {
    for (const ok of ['', 'plain', 'emoji 👍🏽 and 家族', '\u{1F600}', 'tab\tnewline\n']) {
      expect(isStorableText(ok), ok).toBe(true);
    }
    for (const bad of ['\u0000', 'a\u0000b', '\ud800', 'x\udc00', '\udc00\ud800', 'end \ud83d']) {
      expect(isStorableText(bad), JSON.stringify(bad)).toBe(false);
    }
  });
});
