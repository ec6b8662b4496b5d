import type { Member } from '../../api/types';

// Who a private note @mentions: "@Bob Baker", or "@Bob" when only one teammate is called Bob. They get
// a notification (and an email, if they want one).

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function isNamedIn(text: string, name: string): boolean {
  // The name as a whole word after "@": "@Bob" in "@Bob," or "@Bob?", not in "@Bobby".
  return new RegExp(`(^|[^\\p{L}\\p{N}_])@${escapeRegExp(name)}(?![\\p{L}\\p{N}_])`, 'iu').test(text);
}

/** The user ids of the teammates the note mentions (never its author). */
export function mentionedUserIds(text: string, members: Member[], authorId: string): string[] {
  if (!text.includes('@')) {
    return [];
  }
  const firstNames = new Map<string, number>();
  for (const member of members) {
    const first = member.name.trim().split(/\s+/)[0]?.toLowerCase();
    if (first) {
      firstNames.set(first, (firstNames.get(first) ?? 0) + 1);
    }
  }
  return members
    .filter((member) => {
      if (member.userId === authorId) {
        return false;
      }
      const name = member.name.trim();
      const first = name.split(/\s+/)[0] ?? '';
      return (
        (name !== '' && isNamedIn(text, name)) ||
        (first !== '' && firstNames.get(first.toLowerCase()) === 1 && isNamedIn(text, first))
      );
    })
    .map((member) => member.userId);
}

/** Lower case without accents, so "@jose" finds José. */
const fold = (text: string) => text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

/**
 * The teammates an "@query" being typed may mean, best first: a name starting with it, then any
 * word of a name, then an email address starting with it. Never the author (a note can't notify them).
 */
export function membersMatching(members: Member[], query: string, authorId: string, limit = 6): Member[] {
  const wanted = fold(query.trim());
  const rank = (member: Member): number => {
    const name = fold(member.name.trim());
    if (name.startsWith(wanted)) {
      return 0;
    }
    if (name.split(/\s+/).some((word) => word.startsWith(wanted))) {
      return 1;
    }
    return fold(member.email).startsWith(wanted) ? 2 : -1;
  };
  return members
    .filter((member) => member.userId !== authorId)
    .map((member) => ({ member, rank: rank(member) }))
    .filter((entry) => entry.rank >= 0)
    .sort((a, b) => a.rank - b.rank)
    .slice(0, limit)
    .map((entry) => entry.member);
}
