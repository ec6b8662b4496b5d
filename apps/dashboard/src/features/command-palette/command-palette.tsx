import { useNavigate } from '@tanstack/react-router';
import {
  BookUser,
  Building2,
  Inbox,
  KeyRound,
  ListChecks,
  type LucideIcon,
  MessageSquareText,
  MessagesSquare,
  Search,
  Tag,
  UserRound,
  Users,
  UsersRound,
} from 'lucide-react';
import { type KeyboardEvent, useEffect, useId, useMemo, useRef, useState } from 'react';
import { useSearch } from '../../api/search';
import type { Session } from '../../api/types';
import { useModalDialog } from '../../components/dialog';
import { Kbd } from '../../components/kbd';
import { Spinner } from '../../components/states';
import { THEME_LABEL, THEMES, useThemeChoice } from '../../lib/theme';
import { useDebouncedValue } from '../search/use-debounced-value';
import { THEME_ICON } from '../shell/theme-choice';
import { type Command, useContextCommands } from './commands';

// Ctrl/Cmd-K anywhere in the app: go to any screen, a contact or a conversation found by search, or
// run an action of the screen on view. A modal <dialog> (focus stays inside, Escape closes, focus
// returns to where it was); the field is a combobox over a listbox of commands.

const SEARCH_DEBOUNCE_MS = 200;

type Item = Command & { group: string; detail?: string };

type Place = {
  label: string;
  to: string;
  icon: LucideIcon;
  keywords?: string;
  search?: Record<string, string>;
};

function placesFor(session: Session): Place[] {
  const canManage = session.role === 'owner' || session.role === 'admin';
  const hasWorkspace = session.workspace !== null;
  return [
    ...(hasWorkspace
      ? [
          { label: 'Conversations', to: '/conversations', icon: MessagesSquare, keywords: 'inbox all' },
          {
            label: 'Conversations: Mine',
            to: '/conversations',
            icon: MessagesSquare,
            keywords: 'assigned to me',
            search: { view: 'mine' },
          },
          {
            label: 'Conversations: Unassigned',
            to: '/conversations',
            icon: MessagesSquare,
            search: { view: 'unassigned' },
          },
          { label: 'Contacts', to: '/contacts', icon: BookUser, keywords: 'people visitors customers' },
          { label: 'Search', to: '/search', icon: Search, keywords: 'find messages' },
        ]
      : []),
    { label: 'Profile', to: '/settings/profile', icon: UserRound, keywords: 'settings account password' },
    ...(hasWorkspace
      ? [
          { label: 'Workspace settings', to: '/settings/workspace', icon: Building2, keywords: 'name logo' },
          { label: 'Canned responses', to: '/settings/canned-responses', icon: MessageSquareText },
        ]
      : []),
    ...(hasWorkspace && canManage
      ? [
          { label: 'Members', to: '/settings/members', icon: Users, keywords: 'invite team people' },
          { label: 'Inboxes', to: '/settings/inboxes', icon: Inbox, keywords: 'widget website' },
          { label: 'Labels', to: '/settings/labels', icon: Tag, keywords: 'tags' },
          { label: 'Teams', to: '/settings/teams', icon: UsersRound },
          { label: 'API tokens', to: '/settings/api-tokens', icon: KeyRound },
          { label: 'Background jobs', to: '/settings/jobs', icon: ListChecks },
        ]
      : []),
  ];
}

/** Every word typed must begin a word of the command's label or keywords. */
function matches(item: Item, words: string[]): boolean {
  if (words.length === 0) {
    return true;
  }
  const haystack = `${item.group} ${item.label} ${item.keywords ?? ''}`
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u);
  return words.every((word) => haystack.some((candidate) => candidate.startsWith(word)));
}

export function CommandPalette({ session }: { session: Session }) {
  const [isOpen, setIsOpen] = useState(false);
  const ref = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const onKeyDown = (event: globalThis.KeyboardEvent) => {
      if (
        (event.ctrlKey || event.metaKey) &&
        !event.altKey &&
        !event.shiftKey &&
        event.key.toLowerCase() === 'k'
      ) {
        event.preventDefault();
        setIsOpen((open) => !open);
      }
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, []);

  useModalDialog(ref, isOpen);

  return (
    // biome-ignore lint/a11y/useKeyWithClickEvents: the keyboard closes it with Escape (the dialog's own)
    <dialog
      ref={ref}
      aria-label="Command palette"
      onClose={() => setIsOpen(false)}
      // A click on the backdrop (the dialog element itself, outside its panel) closes it.
      onClick={(event) => {
        if (event.target === event.currentTarget) {
          setIsOpen(false);
        }
      }}
      className="mx-auto mt-[12vh] w-[calc(100%-2rem)] max-w-xl overflow-hidden rounded-card border border-line bg-surface p-0 text-left text-fg shadow-popover open:animate-fade-in"
    >
      {isOpen ? <PaletteBody session={session} onClose={() => setIsOpen(false)} /> : null}
    </dialog>
  );
}

function PaletteBody({ session, onClose }: { session: Session; onClose: () => void }) {
  const [text, setText] = useState('');
  const [activeIndex, setActiveIndex] = useState(0);
  const navigate = useNavigate();
  const { theme, choose } = useThemeChoice();
  const actions = useContextCommands();
  const inputId = useId();
  const listId = useId();
  const optionId = (index: number) => `${listId}-${index}`;

  const settled = useDebouncedValue(text.trim(), SEARCH_DEBOUNCE_MS);
  const canSearch = session.workspace !== null && settled.length >= 2;
  const search = useSearch(canSearch ? settled : '');

  const items = useMemo(() => {
    const words = (text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).slice(0, 8);
    const fixed: Item[] = [
      ...actions.map((command) => ({ ...command, group: 'Actions' })),
      ...placesFor(session).map(
        (place): Item => ({
          id: `go:${place.label}`,
          group: 'Go to',
          label: place.label,
          icon: place.icon,
          ...(place.keywords ? { keywords: place.keywords } : {}),
          run: () => void navigate({ to: place.to, ...(place.search ? { search: place.search } : {}) }),
        }),
      ),
      ...THEMES.map(
        (option): Item => ({
          id: `theme:${option}`,
          group: 'Theme',
          label: `Theme: ${THEME_LABEL[option]}`,
          keywords: 'appearance colours colors mode',
          icon: THEME_ICON[option],
          ...(option === theme ? { detail: 'Current' } : {}),
          run: () => choose(option),
        }),
      ),
    ].filter((item) => matches(item, words));
    const found: Item[] =
      canSearch && search.data && search.data.query === settled
        ? [
            ...search.data.contacts.slice(0, 5).map(
              (contact): Item => ({
                id: `contact:${contact.id}`,
                group: 'Contacts',
                label: contact.name?.trim() || contact.email || contact.phone || 'Visitor',
                ...(contact.email && contact.name ? { detail: contact.email } : {}),
                icon: BookUser,
                run: () => void navigate({ to: '/contacts/$contactId', params: { contactId: contact.id } }),
              }),
            ),
            ...search.data.messages.slice(0, 6).map(
              (hit): Item => ({
                id: `message:${hit.id}`,
                group: 'Conversations',
                label: hit.contact.name?.trim() || hit.contact.email || 'Visitor',
                detail: [...hit.snippet, ...(hit.attachments[0]?.snippet ?? [])]
                  .map((part) => part.text)
                  .join('')
                  .slice(0, 90),
                icon: MessagesSquare,
                run: () =>
                  void navigate({
                    to: '/conversations/$conversationId',
                    params: { conversationId: hit.conversationId },
                    search: { message: hit.id },
                  }),
              }),
            ),
          ]
        : [];
    return [...fixed, ...found];
  }, [text, actions, session, navigate, theme, choose, canSearch, search.data, settled]);

  // What is typed changed the list: the highlight starts at the top again.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the list changes
  useEffect(() => {
    setActiveIndex(0);
  }, [items.length, text]);

  const run = (item: Item | undefined) => {
    if (!item) {
      return;
    }
    onClose();
    item.run();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.nativeEvent.isComposing) {
      return;
    }
    const last = items.length - 1;
    let next: number | null = null;
    switch (event.key) {
      case 'ArrowDown':
        next = activeIndex >= last ? 0 : activeIndex + 1;
        break;
      case 'ArrowUp':
        next = activeIndex <= 0 ? last : activeIndex - 1;
        break;
      case 'Home':
        next = 0;
        break;
      case 'End':
        next = last;
        break;
      case 'Enter':
        event.preventDefault();
        run(items[activeIndex]);
        return;
      default:
        return;
    }
    event.preventDefault();
    if (items.length > 0 && next !== null) {
      setActiveIndex(next);
      const index = next;
      window.requestAnimationFrame(() =>
        document.getElementById(optionId(index))?.scrollIntoView({ block: 'nearest' }),
      );
    }
  };

  const groups: { name: string; entries: { item: Item; index: number }[] }[] = [];
  items.forEach((item, index) => {
    const group = groups.at(-1);
    if (group?.name === item.group) {
      group.entries.push({ item, index });
    } else {
      groups.push({ name: item.group, entries: [{ item, index }] });
    }
  });
  const isSearching = canSearch && (search.isFetching || settled !== text.trim());

  return (
    <div data-no-shortcuts>
      <div className="flex items-center gap-2 border-line border-b px-4">
        <Search aria-hidden className="size-4 shrink-0 text-fg-subtle" />
        <label htmlFor={inputId} className="sr-only">
          Type a command, a screen, a contact or words from a conversation
        </label>
        <input
          id={inputId}
          type="text"
          role="combobox"
          aria-expanded={items.length > 0}
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={items.length > 0 ? optionId(activeIndex) : undefined}
          // biome-ignore lint/a11y/noAutofocus: the palette opens to be typed in
          autoFocus
          autoComplete="off"
          spellCheck={false}
          maxLength={200}
          placeholder="Type a command or search…"
          value={text}
          onChange={(event) => setText(event.target.value)}
          onKeyDown={onKeyDown}
          className="h-12 min-w-0 flex-1 bg-transparent text-base text-fg placeholder:text-fg-subtle focus:outline-none"
        />
        {isSearching ? <Spinner /> : null}
        <Kbd className="max-sm:hidden">Esc</Kbd>
      </div>
      <div
        id={listId}
        role="listbox"
        aria-label="Commands"
        className="max-h-[min(60vh,26rem)] overflow-y-auto p-1.5"
      >
        {groups.map((group) => (
          // biome-ignore lint/a11y/useSemanticElements: a group of options inside a listbox
          <div key={group.name} role="group" aria-labelledby={`${listId}-${group.name}`} className="py-1">
            <p id={`${listId}-${group.name}`} className="px-2.5 pt-1 pb-1 font-medium text-fg-subtle text-xs">
              {group.name}
            </p>
            {group.entries.map(({ item, index }) => {
              const Icon = item.icon;
              const isActive = index === activeIndex;
              return (
                // biome-ignore lint/a11y/useKeyWithClickEvents: the keyboard works through the field (aria-activedescendant)
                <div
                  key={item.id}
                  id={optionId(index)}
                  role="option"
                  aria-selected={isActive}
                  tabIndex={-1}
                  onMouseMove={() => {
                    if (!isActive) {
                      setActiveIndex(index);
                    }
                  }}
                  onClick={() => run(item)}
                  className={`flex cursor-pointer items-center gap-2.5 rounded-control px-2.5 py-2 text-sm ${
                    isActive ? 'bg-accent-soft text-fg' : 'text-fg'
                  }`}
                >
                  {Icon ? <Icon aria-hidden className="size-4 shrink-0 text-fg-subtle" /> : null}
                  <span className="min-w-0 shrink-0 truncate">{item.label}</span>
                  {item.detail ? (
                    <span className="min-w-0 flex-1 truncate text-fg-muted text-xs">{item.detail}</span>
                  ) : (
                    <span className="flex-1" />
                  )}
                  {item.shortcut ? <Kbd className="max-sm:hidden">{item.shortcut}</Kbd> : null}
                </div>
              );
            })}
          </div>
        ))}
        {items.length === 0 && !isSearching ? (
          <p className="px-3 py-6 text-center text-fg-muted text-sm">
            No command or result matches “{text.trim()}”.
          </p>
        ) : null}
      </div>
    </div>
  );
}
