// Shared by the loader (kept under 3 KB), so written to minify small: no optional chaining, which the
// es2019 target would expand.
const DARK = '#111827';

/** Normalises the inbox colour to #rrggbb; anything else (names, rgb(), garbage) falls back to blue. */
export function themeColor(color: string | undefined): string {
  const match = /^#?([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(String(color).trim());
  return match
    ? `#${match[1]!.replace(match[1]!.length < 4 ? /./g : /$^/, '$&$&')}`.toLowerCase()
    : '#2563eb';
}

/** Relative luminance (WCAG, with the 2.2 gamma approximation). */
function luminance(hex: string): number {
  const channel = (i: number) => (Number.parseInt(hex.slice(i, i + 2), 16) / 255) ** 2.2;
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

/** White or dark text on the theme colour, whichever has the higher WCAG contrast ratio. */
export function textOn(hex: string): string {
  const l = luminance(hex) + 0.05;
  return 1.05 / l >= l / (luminance(DARK) + 0.05) ? '#fff' : DARK;
}
