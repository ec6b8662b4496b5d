import { MessageSquareText } from 'lucide-react';
import { useEffect, useState } from 'react';
import { useCannedResponses } from '../../api/canned-responses';
import type { CannedResponse } from '../../api/types';
import { Spinner } from '../../components/states';

/** A "/word" being typed at the caret: where it starts and what follows the slash. */
export type SlashToken = { start: number; end: number; query: string };

/** The "/shortcut" word that ends at the caret, if the caret is in one (a slash at the start of a word). */
export function slashTokenAt(text: string, caret: number): SlashToken | null {
  let start = caret;
  while (start > 0 && !/\s/.test(text[start - 1] ?? '')) {
    start -= 1;
  }
  const word = text.slice(start, caret);
  if (!word.startsWith('/') || !/^\/[a-z0-9_-]{0,40}$/i.test(word)) {
    return null;
  }
  return { start, end: caret, query: word.slice(1) };
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
export function useCannedSuggestions(token: SlashToken | null) {
  const query = useDebounced(token?.query ?? '', 120);
  const responses = useCannedResponses(query, { enabled: token !== null });
  return { items: token ? (responses.data ?? []) : [], isLoading: responses.isPending && token !== null };
}

type Props = {
  listId: string;
  optionId: (index: number) => string;
  items: CannedResponse[];
  activeIndex: number;
  isLoading: boolean;
  query: string;
  onHover: (index: number) => void;
  onPick: (response: CannedResponse) => void;
};

/** The popover above the composer: the matching canned responses (the textarea keeps the focus). */
export function CannedSuggestions({
  listId,
  optionId,
  items,
  activeIndex,
  isLoading,
  query,
  onHover,
  onPick,
}: Props) {
  return (
    <div className="absolute right-3 bottom-full left-3 z-40 mb-1 max-w-lg animate-fade-in overflow-hidden rounded-card border border-line bg-surface shadow-popover">
      <p className="flex items-center gap-1.5 border-line border-b px-3 py-1.5 text-fg-muted text-xs">
        <MessageSquareText aria-hidden className="size-3.5" />
        Canned responses
        <span className="ml-auto">↑↓ to choose · Enter to insert · Esc to close</span>
      </p>
      <div id={listId} role="listbox" aria-label="Canned responses" className="max-h-64 overflow-y-auto p-1">
        {items.map((response, index) => (
          // biome-ignore lint/a11y/useKeyWithClickEvents: the composer's textarea keeps the keyboard (aria-activedescendant)
          <div
            key={response.id}
            tabIndex={-1}
            id={optionId(index)}
            role="option"
            aria-selected={index === activeIndex}
            onMouseDown={(event) => event.preventDefault()}
            onMouseMove={() => onHover(index)}
            onClick={() => onPick(response)}
            className={`cursor-pointer rounded-[0.3125rem] px-2.5 py-1.5 ${index === activeIndex ? 'bg-accent-soft' : ''}`}
          >
            <p className="font-medium font-mono text-[0.8125rem] text-accent-text">/{response.shortcut}</p>
            <p className="line-clamp-2 text-[0.8125rem] text-fg-muted">{response.content}</p>
          </div>
        ))}
      </div>
      {items.length === 0 ? (
        <p className="flex items-center gap-2 px-3 pb-3 text-[0.8125rem] text-fg-muted">
          {isLoading ? <Spinner /> : null}
          {isLoading
            ? 'Searching…'
            : query
              ? `No canned response matches “${query}”. Save one in Settings → Canned responses.`
              : 'No canned responses yet. Save your first in Settings → Canned responses.'}
        </p>
      ) : null}
    </div>
  );
}
