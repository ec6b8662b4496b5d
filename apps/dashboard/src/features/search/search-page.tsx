import { Link, useNavigate } from '@tanstack/react-router';
import { Paperclip, Search, SearchX, UserRound, X } from 'lucide-react';
import { type KeyboardEvent, type ReactNode, useEffect, useId, useMemo, useRef, useState } from 'react';
import {
  type ContactHit,
  MAX_QUERY_LENGTH,
  type MessageHit,
  type SnippetPart,
  useSearch,
} from '../../api/search';
import { Avatar } from '../../components/avatar';
import { Kbd } from '../../components/kbd';
import { PageBody, PageHeader } from '../../components/page';
import { EmptyState, ErrorState, LoadingState, Spinner } from '../../components/states';
import { useDateFormat, useRelativeTime } from '../../lib/date-format';
import { contactDisplayName } from '../contacts/format';
import { ContactLink, useOpenContact } from '../contacts/links';
import { shortId } from '../conversations/format';
import { useDebouncedValue } from './use-debounced-value';

type Props = {
  /** What the address asks for (`?q=`). */
  query: string;
  /** The settled text, to put in the address (replacing the entry, so back leaves the page). */
  onQueryChange: (query: string) => void;
};

const DEBOUNCE_MS = 250;

const KIND_LABEL: Record<MessageHit['kind'], string> = {
  incoming: 'Visitor',
  outgoing: 'Reply',
  note: 'Private note',
};

type Result =
  | { type: 'message'; key: string; hit: MessageHit }
  | { type: 'contact'; key: string; hit: ContactHit };

const personName = (person: { name: string | null; email: string | null }) =>
  person.name?.trim() || person.email || 'Visitor';

/**
 * Search messages and contacts. Typing searches after a pause; ↑/↓ move through the results and
 * Enter opens the highlighted one (the field keeps focus, as in a combobox).
 */
export function SearchPage({ query, onQueryChange }: Props) {
  const [text, setText] = useState(query);
  const settled = useDebouncedValue(text.trim(), DEBOUNCE_MS);
  const sentRef = useRef(query);
  const results = useSearch(settled);
  const [activeIndex, setActiveIndex] = useState(0);
  const inputId = useId();
  const listId = useId();
  const optionId = (index: number) => `${listId}-option-${index}`;
  const navigate = useNavigate();
  const openContact = useOpenContact();

  useEffect(() => {
    if (settled !== sentRef.current) {
      sentRef.current = settled;
      onQueryChange(settled);
    }
  }, [settled, onQueryChange]);

  // Back/forward to another `?q=`: the field follows the address.
  useEffect(() => {
    if (query !== sentRef.current) {
      sentRef.current = query;
      setText(query);
    }
  }, [query]);

  const data = results.data;
  const flat: Result[] = useMemo(
    () =>
      data
        ? [
            ...data.messages.map((hit): Result => ({ type: 'message', key: `m:${hit.id}`, hit })),
            ...data.contacts.map((hit): Result => ({ type: 'contact', key: `c:${hit.id}`, hit })),
          ]
        : [],
    [data],
  );

  // New results: the highlight starts again at the top.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the results change
  useEffect(() => {
    setActiveIndex(0);
  }, [flat]);

  const open = (result: Result | undefined) => {
    if (!result) {
      return;
    }
    if (result.type === 'message') {
      void navigate({
        to: '/conversations/$conversationId',
        params: { conversationId: result.hit.conversationId },
        search: { message: result.hit.id },
      });
    } else {
      openContact(result.hit.id);
    }
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.nativeEvent.isComposing) {
      return;
    }
    switch (event.key) {
      case 'ArrowDown':
      case 'ArrowUp': {
        if (flat.length === 0) {
          break;
        }
        const step = event.key === 'ArrowDown' ? 1 : -1;
        const next = (activeIndex + step + flat.length) % flat.length;
        setActiveIndex(next);
        // Keep the highlighted result in view as the arrows move it.
        window.requestAnimationFrame(() =>
          document.getElementById(optionId(next))?.scrollIntoView({ block: 'nearest' }),
        );
        break;
      }
      case 'Enter':
        // The results on screen must be for what is typed, not for an older query.
        if (settled !== text.trim() || results.isPlaceholderData) {
          return;
        }
        open(flat[activeIndex]);
        break;
      case 'Escape':
        if (!text) {
          return;
        }
        setText('');
        break;
      default:
        return;
    }
    event.preventDefault();
  };

  const hasQuery = settled.length > 0;
  const isStale = hasQuery && (results.isPlaceholderData || settled !== text.trim());
  const hasResults = flat.length > 0;
  const messagesCount = data?.messages.length ?? 0;
  const contactsCount = data?.contacts.length ?? 0;
  const active = hasQuery && hasResults ? flat[activeIndex] : undefined;

  let body: ReactNode;
  if (!text.trim() && !hasQuery) {
    body = (
      <EmptyState
        icon={Search}
        title="Search messages and contacts"
        description="Find a conversation by the words in its messages and notes or the names of their files, or a contact by name, email or phone."
      />
    );
  } else if (results.isError && !data) {
    body = <ErrorState error={results.error} onRetry={() => void results.refetch()} />;
  } else if (!data) {
    // The first search (or typing that hasn't paused yet): nothing to show before it.
    body = <LoadingState label="Searching…" />;
  } else if (data && !hasResults && !isStale) {
    body = (
      <EmptyState
        icon={SearchX}
        title={`No results for “${data.query}”`}
        description="Check the spelling, or try fewer or different words. Messages are found by whole words or their beginnings."
      />
    );
  } else if (data) {
    let index = -1;
    const optionProps = (result: Result) => {
      index += 1;
      const current = index;
      return {
        id: optionId(current),
        role: 'option' as const,
        'aria-selected': current === activeIndex,
        tabIndex: -1,
        onMouseMove: () => {
          if (activeIndex !== current) {
            setActiveIndex(current);
          }
        },
        key: result.key,
      };
    };
    body = (
      <div
        id={listId}
        role="listbox"
        aria-label="Search results"
        aria-busy={isStale || undefined}
        className={`space-y-6 ${isStale ? 'opacity-60' : ''}`}
      >
        {messagesCount > 0 ? (
          <ResultGroup title="Messages" count={messagesCount}>
            {flat
              .filter((result) => result.type === 'message')
              .map((result) => {
                const { key, ...props } = optionProps(result);
                return <MessageResult key={key} hit={result.hit as MessageHit} optionProps={props} />;
              })}
          </ResultGroup>
        ) : null}
        {contactsCount > 0 ? (
          <ResultGroup title="Contacts" count={contactsCount}>
            {flat
              .filter((result) => result.type === 'contact')
              .map((result) => {
                const { key, ...props } = optionProps(result);
                return <ContactResult key={key} hit={result.hit as ContactHit} optionProps={props} />;
              })}
          </ResultGroup>
        ) : null}
      </div>
    );
  }

  return (
    <>
      <PageHeader title="Search" description="Messages, private notes and contacts across this workspace." />
      <PageBody>
        <div className="space-y-2">
          <label htmlFor={inputId} className="sr-only">
            Search messages and contacts
          </label>
          <div className="relative">
            <Search
              aria-hidden
              className="pointer-events-none absolute top-1/2 left-3.5 size-5 -translate-y-1/2 text-fg-subtle"
            />
            <input
              id={inputId}
              type="text"
              role="combobox"
              aria-expanded={hasQuery && hasResults}
              aria-controls={listId}
              aria-autocomplete="list"
              aria-activedescendant={active ? optionId(activeIndex) : undefined}
              aria-describedby={`${inputId}-hint`}
              // biome-ignore lint/a11y/noAutofocus: the page is a search field; arriving here means wanting to type
              autoFocus
              autoComplete="off"
              spellCheck={false}
              maxLength={MAX_QUERY_LENGTH}
              placeholder="Search messages and contacts…"
              value={text}
              onChange={(event) => setText(event.target.value)}
              onKeyDown={onKeyDown}
              className="h-11 w-full rounded-card border border-line-strong bg-surface pr-20 pl-11 text-base text-fg shadow-card transition-[border-color,box-shadow] placeholder:text-fg-subtle focus:border-accent focus:outline-none focus:ring-3 focus:ring-accent/25"
            />
            <div className="absolute top-1/2 right-2 flex -translate-y-1/2 items-center gap-1">
              {isStale || (results.isFetching && hasQuery) ? <Spinner /> : null}
              {text ? (
                <button
                  type="button"
                  aria-label="Clear the search"
                  onClick={() => {
                    setText('');
                    document.getElementById(inputId)?.focus();
                  }}
                  className="rounded-control p-1.5 text-fg-subtle hover:bg-surface-hover hover:text-fg"
                >
                  <X aria-hidden className="size-4" />
                </button>
              ) : null}
            </div>
          </div>
          <p
            id={`${inputId}-hint`}
            className="flex flex-wrap items-center gap-1.5 text-fg-subtle text-xs max-sm:hidden"
          >
            <Kbd>↑</Kbd>
            <Kbd>↓</Kbd> move through the results, <Kbd>Enter</Kbd> opens one, <Kbd>Esc</Kbd> clears.
          </p>
        </div>
        <p role="status" className="sr-only">
          {data && hasQuery && !isStale
            ? hasResults
              ? `${messagesCount} ${messagesCount === 1 ? 'message' : 'messages'} and ${contactsCount} ${contactsCount === 1 ? 'contact' : 'contacts'} found`
              : `No results for ${data.query}`
            : ''}
        </p>
        {body}
      </PageBody>
    </>
  );
}

function ResultGroup({ title, count, children }: { title: string; count: number; children: ReactNode }) {
  return (
    // A listbox may hold only groups and options: the group is named by its label, and the visible
    // title is hidden from assistive technology (a heading here would be an element a listbox forbids).
    // biome-ignore lint/a11y/useSemanticElements: a group of options inside a listbox, not of form fields
    <div
      role="group"
      aria-label={`${title}: ${count}`}
      className="overflow-hidden rounded-card border border-line bg-surface shadow-card"
    >
      <div aria-hidden className="flex items-center gap-2 border-line border-b px-5 py-2.5">
        <span className="font-semibold text-fg text-sm">{title}</span>
        <span className="rounded-full bg-surface-muted px-1.5 text-fg-muted text-xs tabular-nums">
          {count}
        </span>
      </div>
      <div className="divide-y divide-line">{children}</div>
    </div>
  );
}

type OptionProps = {
  id: string;
  role: 'option';
  'aria-selected': boolean;
  tabIndex: number;
  onMouseMove: () => void;
};

const resultClass = (isActive: boolean) =>
  `flex items-start gap-3 px-5 py-3 transition-colors focus-visible:-outline-offset-2 ${
    isActive ? 'bg-accent-soft shadow-[inset_3px_0_0_var(--color-accent)]' : 'hover:bg-surface-muted/60'
  }`;

/** Matching words come as separate parts; they are marked up as <mark>, everything else is text. */
export function Snippet({ parts }: { parts: SnippetPart[] }) {
  return (
    <>
      {parts.map((part, index) =>
        part.isMatch ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: parts never move; their position is their identity
          <mark key={index} className="rounded-[0.1875rem] bg-warning-soft px-0.5 font-medium text-fg">
            {part.text}
          </mark>
        ) : (
          // biome-ignore lint/suspicious/noArrayIndexKey: as above
          <span key={index}>{part.text}</span>
        ),
      )}
    </>
  );
}

function MessageResult({ hit, optionProps }: { hit: MessageHit; optionProps: OptionProps }) {
  const relative = useRelativeTime();
  const formatDate = useDateFormat();
  const name = personName(hit.contact);
  return (
    <Link
      to="/conversations/$conversationId"
      params={{ conversationId: hit.conversationId }}
      search={{ message: hit.id }}
      {...optionProps}
      className={resultClass(optionProps['aria-selected'])}
    >
      <Avatar name={name} />
      <span className="min-w-0 flex-1">
        <span className="flex items-baseline gap-2">
          <span className="truncate font-medium text-fg">{name}</span>
          <span className="shrink-0 font-mono text-fg-muted text-xs">#{shortId(hit.conversationId)}</span>
          <span
            className={`shrink-0 rounded-full px-1.5 text-xs ${
              hit.kind === 'note' ? 'bg-warning-soft text-warning-text' : 'bg-surface-muted text-fg-muted'
            }`}
          >
            {KIND_LABEL[hit.kind]}
          </span>
          <time
            dateTime={hit.createdAt}
            title={formatDate(hit.createdAt)}
            className="ml-auto shrink-0 text-fg-muted text-xs"
          >
            {relative(hit.createdAt)}
          </time>
        </span>
        {hit.snippet.length > 0 ? (
          <span className="mt-0.5 line-clamp-2 block break-words text-[0.8125rem] text-fg-muted">
            <Snippet parts={hit.snippet} />
          </span>
        ) : null}
        {hit.attachments.map((attachment) => (
          <span
            key={attachment.id}
            className="mt-1 flex min-w-0 items-center gap-1.5 text-[0.8125rem] text-fg-muted"
          >
            <Paperclip aria-hidden className="size-3.5 shrink-0" />
            <span className="sr-only">Attachment: </span>
            <span className="min-w-0 truncate">
              <Snippet parts={attachment.snippet} />
            </span>
          </span>
        ))}
      </span>
    </Link>
  );
}

function ContactResult({ hit, optionProps }: { hit: ContactHit; optionProps: OptionProps }) {
  const name = contactDisplayName(hit);
  const details = [hit.email, hit.phone].filter(Boolean).join(' · ');
  return (
    <ContactLink contactId={hit.id} {...optionProps} className={resultClass(optionProps['aria-selected'])}>
      <Avatar name={name} />
      <span className="min-w-0 flex-1">
        <span className="block truncate font-medium text-fg">{name}</span>
        <span className="block truncate text-[0.8125rem] text-fg-muted">
          {details || (
            <span className="inline-flex items-center gap-1">
              <UserRound aria-hidden className="size-3.5" />
              No email or phone
            </span>
          )}
        </span>
      </span>
    </ContactLink>
  );
}
