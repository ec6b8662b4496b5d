// Language detection of message texts with ELD (Nito-ELD, its extra-small n-gram database: 60
// languages, about 25 µs per message; see docs/decisions/0009-language-detection.md). The database is
// loaded on the first message, so an idle server does not carry it.
import type { eld as TEld } from 'eld/extrasmall';

const MIN_LENGTH = 12;

let loading: Promise<typeof TEld> | null = null;

function detector(): Promise<typeof TEld> {
  loading ??= import('eld/extrasmall').then((m) => m.eld);
  return loading;
}

/**
 * The language of a text (ISO 639-1), or null when it is too short or the detector is not sure: a
 * wrong language would stem the message's search words in the wrong language.
 */
export async function detectLanguage(text: string): Promise<string | null> {
  if (text.trim().length < MIN_LENGTH) {
    return null;
  }
  const result = (await detector()).detect(text);
  return result.language && result.isReliable() ? result.language : null;
}
