import type { ReactNode } from 'react';

// Only http(s) URLs become links, so a mail body can never produce a javascript: href.
const URL_PATTERN = /https?:\/\/[^\s<>"'`]+/g;
const TRAILING_PUNCTUATION = /[.,;:!?)\]}'"]+$/;

/** Plain text with its URLs turned into links; everything else stays text (React escapes it). */
export function linkify(text: string): ReactNode[] {
  const nodes: ReactNode[] = [];
  let last = 0;
  for (const match of text.matchAll(URL_PATTERN)) {
    const start = match.index;
    const raw = match[0];
    const url = raw.replace(TRAILING_PUNCTUATION, '');
    if (start > last) {
      nodes.push(text.slice(last, start));
    }
    nodes.push(
      <a
        key={start}
        href={url}
        className="break-all font-medium text-accent-text underline underline-offset-2 hover:no-underline"
      >
        {url}
      </a>,
    );
    last = start + url.length;
  }
  if (last < text.length) {
    nodes.push(text.slice(last));
  }
  return nodes;
}
