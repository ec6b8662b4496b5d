import { AtSign } from 'lucide-react';
import { useEffect } from 'react';
import { useMembers } from '../../api/members';
import { usePresence } from '../../api/presence';
import type { Member } from '../../api/types';
import { AvatarWithPresence, PresenceText } from '../presence/presence-dot';
import { membersMatching } from './mentions';
import { SuggestionList, type SuggestionsProps, type WordToken, wordTokenAt } from './suggestion-list';

/** The "@name" word that ends at the caret, if the caret is in one (an "@" at the start of a word). */
export function mentionTokenAt(text: string, caret: number): WordToken | null {
  return wordTokenAt(text, caret, '@', /^[\p{L}\p{N}._'-]{0,40}$/u);
}

/** What a chosen teammate becomes in the note: the name `mentionedUserIds` finds again on send. */
export function mentionText(member: Member): string {
  return `@${member.name.trim() || member.email} `;
}

/** The teammates matching the "@word" being typed (the whole team is searched, not just a page). */
export function useMentionSuggestions(token: WordToken | null, myUserId: string) {
  const members = useMembers();
  const isOpen = token !== null;
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = members;
  useEffect(() => {
    if (isOpen && hasNextPage && !isFetchingNextPage) {
      void fetchNextPage();
    }
  }, [isOpen, hasNextPage, isFetchingNextPage, fetchNextPage]);
  return {
    items: token ? membersMatching(members.data ?? [], token.query, myUserId) : [],
    isLoading: isOpen && members.isPending,
  };
}

/** The teammates a note can mention, with who is around right now. */
export function MentionSuggestions({ query, ...props }: SuggestionsProps<Member>) {
  const presenceOf = usePresence();
  return (
    <SuggestionList
      {...props}
      label="Mention a teammate"
      icon={AtSign}
      itemKey={(member) => member.userId}
      renderItem={(member) => (
        <span className="flex items-center gap-2.5">
          <AvatarWithPresence
            name={member.name || member.email}
            url={member.avatarUrl}
            status={presenceOf(member.userId)}
            size="sm"
          />
          <span className="min-w-0 flex-1">
            <span className="block truncate font-medium text-[0.8125rem] text-fg">
              {member.name || member.email} <PresenceText status={presenceOf(member.userId)} />
            </span>
            <span className="block truncate text-fg-muted text-xs">{member.email}</span>
          </span>
        </span>
      )}
      emptyMessage={
        query
          ? `No teammate matches “${query}”.`
          : 'No teammates to mention yet. Invite them in Settings → Members.'
      }
    />
  );
}
