import { fillCannedResponse, type TCannedValues } from '@parley/shared/canned-responses';
import { type KeyboardEvent, useId, useState } from 'react';
import type { CannedResponse, Member } from '../../../api/types';
import { slashTokenAt, useCannedSuggestions } from '../canned-suggestions';
import { mentionText, mentionTokenAt, useMentionSuggestions } from '../mention-suggestions';
import type { WordToken } from '../suggestion-list';

/** The word at the caret that opens suggestions: "/" canned responses, "@" teammates (notes only). */
export type SuggestionToken = WordToken & { kind: 'canned' | 'mention' };

function suggestionTokenAt(text: string, caret: number): SuggestionToken | null {
  const slash = slashTokenAt(text, caret);
  if (slash) {
    return { ...slash, kind: 'canned' };
  }
  const mention = mentionTokenAt(text, caret);
  return mention ? { ...mention, kind: 'mention' } : null;
}

type Options = {
  isNote: boolean;
  myUserId: string;
  cannedValues: TCannedValues;
  /** Puts the picked text in place of the "/word" or "@word" being typed. */
  onPick: (value: string, range: WordToken) => void;
};

/**
 * The composer's suggestions: "/" (canned responses) or, in a note, "@" (teammates) at the start of a
 * word open them; the textarea keeps the keyboard (arrows move, Enter or Tab picks), Escape closes
 * them for that word.
 */
export function useSuggestions({ isNote, myUserId, cannedValues, onPick }: Options) {
  const listId = useId();
  const [token, setToken] = useState<SuggestionToken | null>(null);
  const [dismissedAt, setDismissedAt] = useState<number | null>(null);
  const [activeIndex, setActiveIndex] = useState(0);
  const openToken =
    token !== null && token.start !== dismissedAt && (token.kind === 'canned' || isNote) ? token : null;
  const canned = useCannedSuggestions(openToken?.kind === 'canned' ? openToken : null);
  const mentions = useMentionSuggestions(openToken?.kind === 'mention' ? openToken : null, myUserId);
  const suggestions = openToken?.kind === 'mention' ? mentions : canned;
  const count = suggestions.items.length;
  const activeSuggestion = Math.min(activeIndex, Math.max(0, count - 1));
  const optionId = (index: number) => `${listId}-option-${index}`;

  const pickCanned = (response: CannedResponse) => {
    if (openToken) {
      onPick(fillCannedResponse(response.content, cannedValues), openToken);
    }
  };

  const pickMember = (member: Member) => {
    if (openToken) {
      onPick(mentionText(member), openToken);
    }
  };

  const pick = (index: number) => {
    if (openToken?.kind === 'mention') {
      const member = mentions.items[index];
      if (member) {
        pickMember(member);
      }
    } else {
      const response = canned.items[index];
      if (response) {
        pickCanned(response);
      }
    }
  };

  /** Follows the caret: the word under it opens (or closes) the suggestions. */
  const follow = (value: string, caret: number) => {
    const next = suggestionTokenAt(value, caret);
    setToken(next);
    setActiveIndex(0);
    if (next?.start !== dismissedAt) {
      setDismissedAt(null);
    }
  };

  /** Handles the keys the open suggestions take; true when the key was theirs. */
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>): boolean => {
    if (!openToken || event.nativeEvent.isComposing) {
      return false;
    }
    if (event.key === 'ArrowDown' && count > 0) {
      event.preventDefault();
      setActiveIndex((index) => (index + 1) % count);
      return true;
    }
    if (event.key === 'ArrowUp' && count > 0) {
      event.preventDefault();
      setActiveIndex((index) => (index - 1 + count) % count);
      return true;
    }
    if ((event.key === 'Enter' || event.key === 'Tab') && !event.shiftKey && count > 0) {
      event.preventDefault();
      pick(activeSuggestion);
      return true;
    }
    if (event.key === 'Escape') {
      // Closes the suggestions only; the next Escape leaves the composer.
      event.preventDefault();
      event.stopPropagation();
      setDismissedAt(openToken.start);
      return true;
    }
    return false;
  };

  /** What the suggestion lists share (the list's id, the active option, the query). */
  const listProps = (open: SuggestionToken) => ({
    listId,
    optionId,
    activeIndex: activeSuggestion,
    query: open.query,
    onHover: setActiveIndex,
  });

  /** The textarea's combobox attributes: aria-controls names the list whether or not it is open. */
  const comboboxProps = {
    role: 'combobox',
    'aria-expanded': openToken !== null,
    'aria-autocomplete': 'list',
    'aria-controls': listId,
    'aria-activedescendant': openToken && count > 0 ? optionId(activeSuggestion) : undefined,
  } as const;

  return {
    openToken,
    canned,
    mentions,
    /** Said to screen readers as the suggestions change ("3 teammates"), once they have loaded. */
    announcement: openToken && !suggestions.isLoading ? describeSuggestions(openToken.kind, count) : '',
    pickCanned,
    pickMember,
    follow,
    close: () => setToken(null),
    onKeyDown,
    listProps,
    comboboxProps,
  };
}

function describeSuggestions(kind: SuggestionToken['kind'], count: number): string {
  if (kind === 'mention') {
    return count === 0 ? 'No teammate matches' : `${count} ${count === 1 ? 'teammate' : 'teammates'}`;
  }
  return `${count} canned ${count === 1 ? 'response' : 'responses'}`;
}
