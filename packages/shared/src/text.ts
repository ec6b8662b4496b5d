// Text rules that the dashboard and the widget apply the same way. This file imports nothing, so every
// package can take it as it is (the server bundles it, the browser apps through their bundlers).

let segmenter: Intl.Segmenter | null | undefined;

/** What a reader sees as characters: an emoji with its modifiers, a letter with its accents is one. */
export function graphemes(text: string): string[] {
  if (segmenter === undefined) {
    segmenter =
      typeof Intl.Segmenter === 'function'
        ? new Intl.Segmenter(undefined, { granularity: 'grapheme' })
        : null;
  }
  if (!segmenter) {
    // Code points at least never split a surrogate pair in half.
    return Array.from(text);
  }
  return Array.from(segmenter.segment(text), (part) => part.segment);
}

/** The first character of a name as a reader sees it, upper-cased; "?" for an empty name. */
export function firstGrapheme(name: string | null | undefined): string {
  return (graphemes(name?.trim() ?? '')[0] ?? '?').toUpperCase();
}

/** An avatar's letters: the first character of the first and of the last word ("Ada Lovelace" → "AL"). */
export function initials(name: string | null | undefined): string {
  const words = (name ?? '').trim().split(/\s+/).filter(Boolean);
  const first = words[0];
  if (!first) {
    return '?';
  }
  const last = words.length > 1 ? words[words.length - 1] : undefined;
  return `${firstGrapheme(first)}${last ? firstGrapheme(last) : ''}`;
}
