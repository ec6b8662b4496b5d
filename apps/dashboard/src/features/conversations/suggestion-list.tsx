import type { LucideIcon } from 'lucide-react';
import type { ReactNode } from 'react';
import { Spinner } from '../../components/states';

// The composer's suggestions, "/" for canned responses and "@" for teammates in a note: a word typed
// at the caret opens a listbox above the textarea, which keeps the focus and the keyboard
// (aria-activedescendant points at the option to insert).

/** A word being typed at the caret after a trigger character: where it starts and what follows it. */
export type WordToken = { start: number; end: number; query: string };

/**
 * The word that ends at the caret, if it starts with `trigger` at the start of a word and the rest
 * matches `pattern` (so "/refund" or "@bo", never the "@" of an email address).
 */
export function wordTokenAt(text: string, caret: number, trigger: string, pattern: RegExp): WordToken | null {
  let start = caret;
  while (start > 0 && !/\s/.test(text[start - 1] ?? '')) {
    start -= 1;
  }
  const word = text.slice(start, caret);
  if (!word.startsWith(trigger) || !pattern.test(word.slice(trigger.length))) {
    return null;
  }
  return { start, end: caret, query: word.slice(trigger.length) };
}

/** What the composer gives a kind of suggestions: the items found for the word, and the list's state. */
export type SuggestionsProps<T> = {
  listId: string;
  optionId: (index: number) => string;
  items: T[];
  activeIndex: number;
  isLoading: boolean;
  /** The word typed after the trigger character. */
  query: string;
  onHover: (index: number) => void;
  onPick: (item: T) => void;
};

type Props<T> = {
  listId: string;
  optionId: (index: number) => string;
  /** What the list holds ("Canned responses"), its heading and accessible name. */
  label: string;
  icon: LucideIcon;
  items: T[];
  itemKey: (item: T) => string;
  renderItem: (item: T) => ReactNode;
  activeIndex: number;
  isLoading: boolean;
  /** Said when nothing matches (and nothing is loading). */
  emptyMessage: string;
  onHover: (index: number) => void;
  onPick: (item: T) => void;
};

/** The popover above the composer: the matching suggestions (the textarea keeps the focus). */
export function SuggestionList<T>({
  listId,
  optionId,
  label,
  icon: Icon,
  items,
  itemKey,
  renderItem,
  activeIndex,
  isLoading,
  emptyMessage,
  onHover,
  onPick,
}: Props<T>) {
  return (
    <div className="absolute right-3 bottom-full left-3 z-40 mb-1 max-w-lg animate-fade-in overflow-hidden rounded-card border border-line bg-surface shadow-popover">
      <p className="flex items-center gap-1.5 border-line border-b px-3 py-1.5 text-fg-muted text-xs">
        <Icon aria-hidden className="size-3.5 shrink-0" />
        {label}
        <span className="ml-auto truncate max-sm:hidden">↑↓ to choose · Enter to insert · Esc to close</span>
      </p>
      <div id={listId} role="listbox" aria-label={label} className="max-h-64 overflow-y-auto p-1">
        {items.map((item, index) => (
          // biome-ignore lint/a11y/useKeyWithClickEvents: the composer's textarea keeps the keyboard (aria-activedescendant)
          <div
            key={itemKey(item)}
            tabIndex={-1}
            id={optionId(index)}
            role="option"
            aria-selected={index === activeIndex}
            onMouseDown={(event) => event.preventDefault()}
            onMouseMove={() => onHover(index)}
            onClick={() => onPick(item)}
            className={`cursor-pointer rounded-[0.3125rem] px-2.5 py-1.5 ${index === activeIndex ? 'bg-accent-soft' : ''}`}
          >
            {renderItem(item)}
          </div>
        ))}
      </div>
      {items.length === 0 ? (
        <p className="flex items-center gap-2 px-3 pb-3 text-[0.8125rem] text-fg-muted">
          {isLoading ? <Spinner /> : null}
          {isLoading ? 'Searching…' : emptyMessage}
        </p>
      ) : null}
    </div>
  );
}
