import type { ReactNode } from 'react';

// Only http(s) URLs become links, so a mail body can never produce a javascript: href.
const URL_PATTERN = /https?:\/\/[^\s<>"'`]+/g;
const TRAILING_PUNCTUATION = /[.,;:!?)\]}'"]+$/;

const LINK_CLASS = 'break-all font-medium text-accent-text underline underline-offset-2 hover:no-underline';

type LinkifyOptions = {
  /** Classes of the links (the default suits text on a plain surface). */
  className?: string;
  /** Links written by someone else (a visitor) open in a new tab without a referrer. */
  isExternal?: boolean;
};

/** Plain text with its URLs turned into links; everything else stays text (React escapes it). */
export function linkify(text: string, options: LinkifyOptions = {}): ReactNode[] {
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
        className={options.className ?? LINK_CLASS}
        {...(options.isExternal ? { target: '_blank', rel: 'noopener noreferrer nofollow' } : {})}
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
