import { describe, expect, it } from 'vitest';
import { highlight, searchConfig, searchTerms } from './text.ts';

describe('search text', () => {
  it('takes words of letters and digits, lower-cased, at most eight', () => {
    expect(searchTerms('  Refund, order #1234! ')).toEqual(['refund', 'order', '1234']);
    expect(searchTerms("'); drop table messages; --")).toEqual(['drop', 'table', 'messages']);
    expect(searchTerms('Ünïcödé café')).toEqual(['ünïcödé', 'café']);
    expect(searchTerms('a b c d e f g h i j')).toHaveLength(8);
    expect(searchTerms('!!!')).toEqual([]);
  });

  it('maps languages to text-search configurations', () => {
    expect(searchConfig('fr')).toBe('french');
    expect(searchConfig('xx')).toBe('simple');
    expect(searchConfig(null)).toBe('simple');
  });

  it('marks every matching word, by prefix and without accents', () => {
    const parts = highlight('I want a refund for my Café order, the refunded amount was wrong', [
      'refund',
      'cafe',
    ]);
    expect(parts.filter((p) => p.isMatch).map((p) => p.text)).toEqual(['refund', 'Café', 'refunded']);
    expect(parts.map((p) => p.text).join('')).toBe(
      'I want a refund for my Café order, the refunded amount was wrong',
    );
  });

  it('cuts long texts around the first match with ellipses', () => {
    const text = `${'lorem ipsum '.repeat(40)}the invoice is missing ${'dolor sit '.repeat(40)}`;
    const parts = highlight(text, ['invoice'], 80);
    expect(parts[0]).toEqual({ text: '…', isMatch: false });
    expect(parts.at(-1)).toEqual({ text: '…', isMatch: false });
    expect(parts.find((p) => p.isMatch)?.text).toBe('invoice');
    expect(parts.map((p) => p.text).join('').length).toBeLessThanOrEqual(82);
  });
});
