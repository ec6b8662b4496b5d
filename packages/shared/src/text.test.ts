import { describe, expect, it } from 'vitest';
import { firstGrapheme, initials } from './text.ts';

describe('avatar initials', () => {
  it('takes the first letter of the first and of the last word', () => {
    expect(initials('Ada Lovelace')).toBe('AL');
    expect(initials('  grace  brewster murray hopper ')).toBe('GH');
    expect(initials('Olivia')).toBe('O');
    expect(initials('')).toBe('?');
    expect(initials(null)).toBe('?');
  });

  it('keeps an emoji whole, with its skin tone, its joined family and its flag', () => {
    expect(initials('😀 Smiley')).toBe('😀S');
    expect(initials('👍🏽 Thumbs')).toBe('👍🏽T');
    expect(initials('👨‍👩‍👧 Family')).toBe('👨‍👩‍👧F');
    expect(initials('Team 🇫🇷')).toBe('T🇫🇷');
    expect(firstGrapheme('🦄Unicorn')).toBe('🦄');
  });

  it('keeps a letter with its combining accent whole', () => {
    expect(firstGrapheme('e\u0301mile')).toBe('E\u0301');
    expect(initials('Zoë Ångström')).toBe('ZÅ');
  });
});
