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
