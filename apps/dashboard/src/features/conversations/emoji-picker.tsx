import { Smile } from 'lucide-react';
import { type KeyboardEvent, useEffect, useId, useRef, useState } from 'react';

// A small built-in set rather than an emoji library: the ones people actually send in support chats.
const EMOJI: [string, string][] = [
  ['😀', 'grinning face'],
  ['😄', 'smiling face with open mouth'],
  ['😁', 'beaming face'],
  ['😅', 'grinning face with sweat'],
  ['😂', 'face with tears of joy'],
  ['🙂', 'slightly smiling face'],
  ['😉', 'winking face'],
  ['😊', 'smiling face with smiling eyes'],
  ['😍', 'smiling face with heart eyes'],
  ['🤩', 'star-struck'],
  ['😘', 'face blowing a kiss'],
  ['😎', 'smiling face with sunglasses'],
  ['🤔', 'thinking face'],
  ['🤗', 'hugging face'],
  ['🙃', 'upside-down face'],
  ['😐', 'neutral face'],
  ['😬', 'grimacing face'],
  ['🙄', 'face with rolling eyes'],
  ['😴', 'sleeping face'],
  ['😌', 'relieved face'],
  ['😢', 'crying face'],
  ['😭', 'loudly crying face'],
  ['😮', 'face with open mouth'],
  ['😱', 'face screaming in fear'],
  ['😡', 'angry face'],
  ['🥳', 'partying face'],
  ['🤝', 'handshake'],
  ['👍', 'thumbs up'],
  ['👎', 'thumbs down'],
  ['👏', 'clapping hands'],
  ['🙌', 'raising hands'],
  ['🙏', 'folded hands'],
  ['👋', 'waving hand'],
  ['👌', 'OK hand'],
  ['✌️', 'victory hand'],
  ['🤞', 'crossed fingers'],
  ['💪', 'flexed biceps'],
  ['👀', 'eyes'],
  ['❤️', 'red heart'],
  ['💙', 'blue heart'],
  ['💚', 'green heart'],
  ['💔', 'broken heart'],
  ['✨', 'sparkles'],
  ['🔥', 'fire'],
  ['🎉', 'party popper'],
  ['🎁', 'wrapped gift'],
  ['⭐', 'star'],
  ['✅', 'check mark'],
  ['❌', 'cross mark'],
  ['⚠️', 'warning'],
  ['❓', 'question mark'],
  ['❗', 'exclamation mark'],
  ['💡', 'light bulb'],
  ['📦', 'package'],
  ['🚚', 'delivery truck'],
  ['💳', 'credit card'],
  ['📧', 'email'],
  ['📞', 'telephone receiver'],
  ['⏰', 'alarm clock'],
  ['📅', 'calendar'],
  ['🔒', 'locked'],
  ['🔗', 'link'],
  ['🛠️', 'hammer and wrench'],
  ['🚀', 'rocket'],
  ['☕', 'hot beverage'],
];

const COLUMNS = 8;

/**
 * A button that opens a grid of emoji: arrow keys move (by one, by a row), Enter inserts, Escape
 * closes; focus returns to the composer either way.
 */
export function EmojiPicker({ onPick, onClose }: { onPick: (emoji: string) => void; onClose: () => void }) {
  const [isOpen, setIsOpen] = useState(false);
  const [active, setActive] = useState(0);
  const containerRef = useRef<HTMLDivElement>(null);
  const listRef = useRef<HTMLDivElement>(null);
  const baseId = useId();
  const listId = `${baseId}-emoji`;

  useEffect(() => {
    if (!isOpen) {
      return;
    }
    listRef.current?.focus();
    const isOutside = (target: EventTarget | null) =>
      !(target instanceof Node && containerRef.current?.contains(target));
    const onPointerDown = (event: PointerEvent) => {
      if (isOutside(event.target)) {
        setIsOpen(false);
      }
    };
    const onFocusIn = (event: FocusEvent) => {
      if (isOutside(event.target)) {
        setIsOpen(false);
      }
    };
    document.addEventListener('pointerdown', onPointerDown);
    document.addEventListener('focusin', onFocusIn);
    return () => {
      document.removeEventListener('pointerdown', onPointerDown);
      document.removeEventListener('focusin', onFocusIn);
    };
  }, [isOpen]);

  useEffect(() => {
    if (isOpen) {
      document.getElementById(`${baseId}-${active}`)?.scrollIntoView({ block: 'nearest' });
    }
  }, [isOpen, active, baseId]);

  const close = () => {
    setIsOpen(false);
    onClose();
  };
  const pick = (index: number) => {
    const entry = EMOJI[index];
    if (entry) {
      setIsOpen(false);
      onPick(entry[0]);
    }
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const last = EMOJI.length - 1;
    const moves: Record<string, number> = {
      ArrowRight: 1,
      ArrowLeft: -1,
      ArrowDown: COLUMNS,
      ArrowUp: -COLUMNS,
    };
    if (event.key in moves) {
      setActive((current) => Math.max(0, Math.min(last, current + (moves[event.key] ?? 0))));
    } else if (event.key === 'Home') {
      setActive(0);
    } else if (event.key === 'End') {
      setActive(last);
    } else if (event.key === 'Enter' || event.key === ' ') {
      pick(active);
    } else if (event.key === 'Escape') {
      close();
    } else {
      return;
    }
    event.preventDefault();
    event.stopPropagation();
  };

  return (
    <div ref={containerRef} className="relative">
      <button
        type="button"
        aria-label="Insert emoji"
        title="Insert emoji"
        aria-haspopup="listbox"
        aria-expanded={isOpen}
        aria-controls={isOpen ? listId : undefined}
        onClick={() => (isOpen ? close() : setIsOpen(true))}
        className="inline-flex size-7 items-center justify-center rounded-control text-fg-muted transition-colors hover:bg-surface-hover hover:text-fg aria-expanded:bg-surface-hover"
      >
        <Smile aria-hidden className="size-4" />
      </button>
      {isOpen ? (
        <div
          data-no-shortcuts
          className="absolute bottom-full left-0 z-40 mb-1 w-max animate-fade-in rounded-card border border-line bg-surface p-1.5 shadow-popover"
        >
          <div
            ref={listRef}
            id={listId}
            role="listbox"
            aria-label="Emoji"
            aria-orientation="horizontal"
            aria-activedescendant={`${baseId}-${active}`}
            tabIndex={0}
            onKeyDown={onKeyDown}
            className="grid max-h-56 grid-cols-[repeat(8,2rem)] gap-0.5 overflow-y-auto focus:outline-none"
          >
            {EMOJI.map(([emoji, name], index) => (
              // biome-ignore lint/a11y/useKeyWithClickEvents: keys are handled by the listbox (aria-activedescendant)
              <div
                key={name}
                tabIndex={-1}
                id={`${baseId}-${index}`}
                role="option"
                aria-selected={index === active}
                aria-label={name}
                title={name}
                onMouseDown={(event) => event.preventDefault()}
                onMouseMove={() => setActive(index)}
                onClick={() => pick(index)}
                className={`flex size-8 cursor-pointer items-center justify-center rounded-[0.3125rem] text-lg ${
                  index === active ? 'bg-accent-soft ring-2 ring-focus ring-inset' : ''
                }`}
              >
                {emoji}
              </div>
            ))}
          </div>
        </div>
      ) : null}
    </div>
  );
}
