import { createContext, type ReactNode, useContext, useEffect, useRef, useState } from 'react';
import { Dialog } from '../../components/dialog';
import { Kbd } from '../../components/kbd';

// The inbox's one keyboard layer: a single keydown listener on the document, and a table of keys
// that screens fill in while they are on screen (the list owns j/k/x/Enter/Escape and /, the open
// conversation r/n/e/a/l/s/i, the page ?). A key has one owner at a time, so shortcuts never conflict.

export type ShortcutKey =
  | 'j'
  | 'k'
  | 'x'
  | 'Enter'
  | 'Escape'
  | '/'
  | 'r'
  | 'n'
  | 'e'
  | 'a'
  | 'l'
  | 's'
  | 'i'
  | '?';

/** A handler returns false when it had nothing to do (the key then behaves as usual). */
export type ShortcutHandler = (event: KeyboardEvent) => boolean | undefined;

type Registry = Map<ShortcutKey, { owner: symbol; handler: { current: ShortcutHandler } }>;

const KeyboardContext = createContext<Registry | null>(null);

/** What the help dialog lists, in order; the single description of every shortcut. */
export const SHORTCUT_GROUPS: { title: string; items: { keys: string[]; label: string }[] }[] = [
  {
    title: 'Conversation list',
    items: [
      { keys: ['j'], label: 'Next conversation' },
      { keys: ['k'], label: 'Previous conversation' },
      { keys: ['Enter'], label: 'Open the focused conversation' },
      { keys: ['x'], label: 'Select or deselect the focused conversation' },
      { keys: ['Shift', 'click'], label: 'Select a range of conversations' },
      { keys: ['/'], label: 'Filter the loaded conversations' },
    ],
  },
  {
    title: 'Open conversation',
    items: [
      { keys: ['r'], label: 'Reply' },
      { keys: ['n'], label: 'Write a private note' },
      { keys: ['e'], label: 'Resolve' },
      { keys: ['a'], label: 'Assign to someone or a team' },
      { keys: ['l'], label: 'Add or remove labels' },
      { keys: ['s'], label: 'Snooze' },
      { keys: ['i'], label: 'Show or hide the contact’s details' },
    ],
  },
  {
    title: 'Composer',
    items: [
      { keys: ['Enter'], label: 'Send' },
      { keys: ['Shift', 'Enter'], label: 'New line' },
      { keys: ['/'], label: 'Insert a canned response (at the start of a word)' },
      { keys: ['@'], label: 'Mention a teammate in a private note' },
      { keys: ['Esc'], label: 'Leave the composer' },
    ],
  },
  {
    title: 'Anywhere',
    items: [
      { keys: ['?'], label: 'Show these shortcuts' },
      { keys: ['Ctrl', 'K'], label: 'Command palette: go anywhere, run any action (⌘K on a Mac)' },
    ],
  },
];

const TEXT_INPUT_TYPES = new Set([
  'text',
  'search',
  'email',
  'url',
  'tel',
  'password',
  'number',
  'date',
  'datetime-local',
  'time',
  'month',
  'week',
]);

/** Whether keys typed now are text for a field (then only Escape is a shortcut). */
function isTypingIn(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) {
    return false;
  }
  if (
    target.isContentEditable ||
    target instanceof HTMLTextAreaElement ||
    target instanceof HTMLSelectElement
  ) {
    return true;
  }
  return target instanceof HTMLInputElement && TEXT_INPUT_TYPES.has(target.type);
}

/** Enter on a link or button already does what it says; the layer only handles it elsewhere. */
function isActivatable(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement &&
    target.matches(
      'a[href], button, input, select, textarea, summary, [role="option"], [role="button"], [role="listbox"]',
    )
  );
}

/** Installs the keyboard layer for everything inside it. */
export function KeyboardShortcuts({ children }: { children: ReactNode }) {
  const [registry] = useState<Registry>(() => new Map());

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.metaKey || event.altKey || event.isComposing || event.defaultPrevented) {
        return;
      }
      const key = event.key as ShortcutKey;
      const entry = registry.get(key);
      if (!entry) {
        return;
      }
      // A modal dialog or an open picker has the keyboard to itself.
      if (document.querySelector('dialog[open]')) {
        return;
      }
      const target = event.target;
      if (target instanceof HTMLElement && target.closest('[data-no-shortcuts]')) {
        return;
      }
      if (key === 'Escape' ? !isTypingIn(target) : isTypingIn(target)) {
        return;
      }
      if (key === 'Enter' && isActivatable(target)) {
        return;
      }
      if (entry.handler.current(event) !== false) {
        event.preventDefault();
      }
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [registry]);

  return <KeyboardContext.Provider value={registry}>{children}</KeyboardContext.Provider>;
}

/**
 * Binds keys while the calling component is on screen. The handlers may change every render;
 * a key bound twice at once is a bug, reported in the console.
 */
export function useShortcuts(bindings: Partial<Record<ShortcutKey, ShortcutHandler>>): void {
  const registry = useContext(KeyboardContext);
  const latest = useRef(bindings);
  latest.current = bindings;
  const [owner] = useState(() => Symbol('shortcut owner'));
  const boundKeys = Object.keys(bindings).sort().join(' ');

  useEffect(() => {
    if (!registry) {
      return;
    }
    const keys = boundKeys.split(' ').filter(Boolean) as ShortcutKey[];
    for (const key of keys) {
      const existing = registry.get(key);
      if (existing && existing.owner !== owner) {
        console.error(`The shortcut "${key}" is bound twice; the later binding wins.`);
      }
      registry.set(key, {
        owner,
        handler: { current: (event) => latest.current[key]?.(event) ?? false },
      });
    }
    return () => {
      for (const key of keys) {
        if (registry.get(key)?.owner === owner) {
          registry.delete(key);
        }
      }
    };
  }, [registry, owner, boundKeys]);
}

/** The "?" dialog: every shortcut, grouped. */
export function ShortcutsDialog({ isOpen, onClose }: { isOpen: boolean; onClose: () => void }) {
  return (
    <Dialog
      isOpen={isOpen}
      onClose={onClose}
      title="Keyboard shortcuts"
      description="Single keys work whenever you are not typing in a field."
      size="lg"
    >
      <div className="grid gap-x-8 gap-y-5 sm:grid-cols-2">
        {SHORTCUT_GROUPS.map((group) => (
          <section key={group.title} aria-label={group.title}>
            <h3 className="mb-1.5 font-medium text-fg-muted text-xs">{group.title}</h3>
            <dl className="space-y-1">
              {group.items.map((item) => (
                <div key={item.label} className="flex items-center justify-between gap-3 text-[0.8125rem]">
                  <dt className="text-fg">{item.label}</dt>
                  <dd className="flex shrink-0 items-center gap-1">
                    {item.keys.map((key) => (
                      <Kbd key={key}>{key}</Kbd>
                    ))}
                  </dd>
                </div>
              ))}
            </dl>
          </section>
        ))}
      </div>
    </Dialog>
  );
}
