import { type SQL, sql } from 'drizzle-orm';

/** PostgreSQL text-search configurations for the detected languages that have one. */
const CONFIGS: Record<string, string> = {
  en: 'english',
  fr: 'french',
  de: 'german',
  es: 'spanish',
  pt: 'portuguese',
  nl: 'dutch',
  it: 'italian',
  sv: 'swedish',
  da: 'danish',
  no: 'norwegian',
  fi: 'finnish',
  ru: 'russian',
};

export function searchConfig(language: string | null): string {
  return (language && CONFIGS[language]) || 'simple';
}

/**
 * The words of a message for search: exact words (weight A, for prefix search in any language) plus
 * the stems of its detected language, so "refunds" finds "refunded".
 */
export function searchVectorOf(text: string, language: string | null): SQL {
  return sql`setweight(to_tsvector('simple', ${text}), 'A') || to_tsvector(${searchConfig(language)}::regconfig, ${text})`;
}

/**
 * The words of attachment file names, as exact words only (names have no language): "Invoice_2024-03.pdf"
 * is found by "invoice", "2024" or "pdf".
 */
export function fileNameWords(filenames: string[]): string {
  return filenames.flatMap((name) => name.normalize('NFKC').match(/[\p{L}\p{N}]+/gu) ?? []).join(' ');
}

/** Search terms from what a person typed: words of letters and digits, at most eight. */
export function searchTerms(query: string): string[] {
  return (
    query
      .normalize('NFKC')
      .toLowerCase()
      .match(/[\p{L}\p{N}]+/gu) ?? []
  ).slice(0, 8);
}

/** Every term as a prefix of an exact word, or as a stem in English; all terms must match. */
export function searchQuery(terms: string[]): SQL {
  const prefixes = terms.map((t) => `${t}:*`).join(' & ');
  return sql`(to_tsquery('simple', ${prefixes}) || plainto_tsquery('english', ${terms.join(' ')}))`;
}

export type TSnippetPart = { text: string; isMatch: boolean };

const strip = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

/**
 * A short excerpt around the first match with every matching word marked. Built on the server from
 * the opened text, as parts (never HTML), so clients render it safely.
 */
export function highlight(text: string, terms: string[], width = 160): TSnippetPart[] {
  const words = [...text.matchAll(/[\p{L}\p{N}]+/gu)];
  const wanted = terms.map(strip);
  const matches = words.filter((w) => wanted.some((t) => strip(w[0]).startsWith(t)));
  const first = matches[0]?.index ?? 0;
  const start = Math.max(0, first - Math.floor(width / 3));
  const end = Math.min(text.length, start + width);
  const parts: TSnippetPart[] = [];
  let cursor = start;
  if (start > 0) {
    parts.push({ text: '…', isMatch: false });
  }
  for (const m of matches) {
    const at = m.index ?? 0;
    if (at < start || at + m[0].length > end) {
      continue;
    }
    if (at > cursor) {
      parts.push({ text: text.slice(cursor, at), isMatch: false });
    }
    parts.push({ text: m[0], isMatch: true });
    cursor = at + m[0].length;
  }
  if (cursor < end) {
    parts.push({ text: text.slice(cursor, end), isMatch: false });
  }
  if (end < text.length) {
    parts.push({ text: '…', isMatch: false });
  }
  return parts;
}
