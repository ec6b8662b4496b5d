import type { TCannedValues } from '@parley/shared/canned-responses';
import { MessageSquareText } from 'lucide-react';
import { useEffect, useState } from 'react';
import { useCannedResponses } from '../../api/canned-responses';
import type { CannedResponse } from '../../api/types';
import { CannedPreview } from '../canned-responses/canned-preview';
import { SuggestionList, type SuggestionsProps, type WordToken, wordTokenAt } from './suggestion-list';

/** The "/shortcut" word that ends at the caret, if the caret is in one (a slash at the start of a word). */
export function slashTokenAt(text: string, caret: number): WordToken | null {
  return wordTokenAt(text, caret, '/', /^[a-z0-9_-]{0,40}$/i);
}

function useDebounced<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = window.setTimeout(() => setDebounced(value), ms);
    return () => window.clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}

/** Canned responses matching the token being typed, searched on the server as the agent types. */
export function useCannedSuggestions(token: WordToken | null) {
  const query = useDebounced(token?.query ?? '', 120);
  const responses = useCannedResponses(query, { enabled: token !== null });
  return { items: token ? (responses.data ?? []) : [], isLoading: responses.isPending && token !== null };
}

/** The canned responses matching the "/word" being typed, each as it will be inserted here. */
export function CannedSuggestions({
  query,
  values,
  ...props
}: SuggestionsProps<CannedResponse> & { values: TCannedValues }) {
  return (
    <SuggestionList
      {...props}
      label="Canned responses"
      icon={MessageSquareText}
      itemKey={(response) => response.id}
      renderItem={(response) => (
        <>
          <p className="font-medium font-mono text-[0.8125rem] text-accent-text">/{response.shortcut}</p>
          <p className="line-clamp-2 text-[0.8125rem] text-fg-muted">
            <CannedPreview content={response.content} values={values} />
          </p>
        </>
      )}
      emptyMessage={
        query
          ? `No canned response matches “${query}”. Save one in Settings → Canned responses.`
          : 'No canned responses yet. Save your first in Settings → Canned responses.'
      }
    />
  );
}
