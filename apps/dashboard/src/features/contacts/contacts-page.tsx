import { Download, Search, UserRoundSearch, UsersRound, X } from 'lucide-react';
import { type MouseEvent, useEffect, useId, useMemo, useRef, useState } from 'react';
import { CONTACTS_EXPORT_URL, type Contact, useContacts } from '../../api/contacts';
import type { Session } from '../../api/types';
import { Avatar } from '../../components/avatar';
import { Button, buttonClass } from '../../components/button';
import { controlClass, Select } from '../../components/field';
import { PageBody, Section } from '../../components/page';
import { EmptyState, ErrorState, LoadingState, Spinner } from '../../components/states';
import { Table, Td, Th } from '../../components/table';
import { browserTimeZone, useDateFormat } from '../../lib/date-format';
import { useDebouncedValue } from '../search/use-debounced-value';
import { IdentityBadge } from './contact-badges';
import { ContactPageHeader } from './contact-page-header';
import { type ContactsSearch, filtersOf, hasFilters } from './contacts-search';
import { countryName, countryOptions } from './countries';
import { contactDisplayName } from './format';
import { ImportContactsButton } from './import-contacts';
import { ContactLink, useOpenContact } from './links';

export type ContactsSearchChange = (next: ContactsSearch, options?: { replace?: boolean }) => void;

type Props = {
  session: Session;
  /** The filters, from the address (see `parseContactsSearch`). */
  search: ContactsSearch;
  onSearchChange: ContactsSearchChange;
};

export function canManageContacts(session: Session): boolean {
  return session.role === 'owner' || session.role === 'admin';
}

/** Every contact of the workspace: search, filter by identity and country, open one. */
export function ContactsPage({ session, search, onSearchChange }: Props) {
  const isAdmin = canManageContacts(session);
  const timeZone = session.user.timeZone || browserTimeZone();
  const filters = useMemo(() => filtersOf(search), [search]);
  const contacts = useContacts(filters);
  const isFiltered = hasFilters(search);
  const count = contacts.data?.length ?? 0;

  return (
    <>
      <ContactPageHeader
        title="Contacts"
        description="The people who chat with you, and what your team and your product know about them."
        actions={
          isAdmin ? (
            <>
              <ImportContactsButton />
              <a href={CONTACTS_EXPORT_URL} download className={buttonClass('secondary', 'md')}>
                <Download aria-hidden className="size-4" />
                Export CSV
              </a>
            </>
          ) : null
        }
      />
      <PageBody>
        <Section
          id="contacts"
          title={isFiltered ? 'Matching contacts' : 'All contacts'}
          description={`Newest first. Times in ${timeZone.replaceAll('_', ' ')}, from your profile.`}
          isFlush
        >
          <Toolbar search={search} onSearchChange={onSearchChange} isFetching={contacts.isPlaceholderData} />
          {contacts.isPending ? (
            <LoadingState label="Loading contacts…" />
          ) : contacts.isError && !contacts.data ? (
            <ErrorState error={contacts.error} onRetry={() => void contacts.refetch()} />
          ) : count === 0 ? (
            isFiltered ? (
              <EmptyState
                icon={UserRoundSearch}
                title="No contacts match"
                description="Try other words, or clear the filters."
                action={<Button onClick={() => onSearchChange({})}>Clear filters</Button>}
                className="py-10"
              />
            ) : (
              <EmptyState
                icon={UsersRound}
                title="No contacts yet"
                description={
                  isAdmin
                    ? 'Contacts appear as visitors chat through your widget. You can also import them from a CSV file.'
                    : 'Contacts appear as visitors chat through your widget.'
                }
                className="py-10"
              />
            )
          ) : (
            <div
              aria-busy={contacts.isPlaceholderData || undefined}
              className={contacts.isPlaceholderData ? 'opacity-60' : ''}
            >
              <ContactsTable contacts={contacts.data ?? []} />
              <div className="flex items-center gap-3 border-line border-t px-5 py-3 text-fg-muted text-xs">
                <span role="status">
                  {`${count.toLocaleString()} ${count === 1 ? 'contact' : 'contacts'} shown`}
                  {contacts.hasNextPage ? ' · more available' : ''}
                </span>
                {contacts.hasNextPage ? (
                  <Button
                    size="sm"
                    className="ml-auto"
                    onClick={() => void contacts.fetchNextPage()}
                    isPending={contacts.isFetchingNextPage}
                  >
                    Show more contacts
                  </Button>
                ) : null}
              </div>
            </div>
          )}
        </Section>
      </PageBody>
    </>
  );
}

function Toolbar({
  search,
  onSearchChange,
  isFetching,
}: {
  search: ContactsSearch;
  onSearchChange: ContactsSearchChange;
  isFetching: boolean;
}) {
  const searchId = useId();
  const typeId = useId();
  const countryId = useId();
  const [text, setText] = useState(search.q ?? '');
  const settled = useDebouncedValue(text.trim(), 300);
  const sentRef = useRef(search.q ?? '');
  const countries = useMemo(() => countryOptions(), []);

  // Typing updates the address once it pauses (replacing the entry, so back skips each keystroke).
  useEffect(() => {
    if (settled !== sentRef.current) {
      sentRef.current = settled;
      onSearchChange({ ...search, q: settled || undefined }, { replace: true });
    }
  }, [settled, search, onSearchChange]);

  // The address changed by itself (back/forward, "Clear filters"): the field follows it.
  useEffect(() => {
    const fromAddress = search.q ?? '';
    if (fromAddress !== sentRef.current) {
      sentRef.current = fromAddress;
      setText(fromAddress);
    }
  }, [search.q]);

  return (
    <div className="flex flex-wrap items-end gap-3 border-line border-b px-5 py-3">
      <div className="flex min-w-48 flex-1 flex-col gap-1">
        <label htmlFor={searchId} className="font-medium text-fg-muted text-xs">
          Search
        </label>
        <div className="relative">
          <Search
            aria-hidden
            className="pointer-events-none absolute top-1/2 left-2.5 size-4 -translate-y-1/2 text-fg-subtle"
          />
          <input
            id={searchId}
            type="search"
            autoComplete="off"
            spellCheck={false}
            maxLength={200}
            placeholder="Name, email or phone"
            value={text}
            onChange={(event) => setText(event.target.value)}
            className={`${controlClass} h-8 pr-8 pl-8 text-[0.8125rem]`}
          />
          {isFetching ? <Spinner className="absolute top-1/2 right-2.5 size-4 -translate-y-1/2" /> : null}
        </div>
      </div>
      <div className="flex w-full flex-col gap-1 sm:w-40">
        <label htmlFor={typeId} className="font-medium text-fg-muted text-xs">
          Type
        </label>
        <Select
          id={typeId}
          isCompact
          value={search.type ?? ''}
          onChange={(event) =>
            onSearchChange({ ...search, type: (event.target.value || undefined) as ContactsSearch['type'] })
          }
        >
          <option value="">All contacts</option>
          <option value="identified">Identified</option>
          <option value="anonymous">Anonymous</option>
        </Select>
      </div>
      <div className="flex w-full flex-col gap-1 sm:w-48">
        <label htmlFor={countryId} className="font-medium text-fg-muted text-xs">
          Country
        </label>
        <Select
          id={countryId}
          isCompact
          value={search.country ?? ''}
          onChange={(event) => onSearchChange({ ...search, country: event.target.value || undefined })}
        >
          <option value="">Any country</option>
          {countries.map((country) => (
            <option key={country.code} value={country.code}>
              {country.name}
            </option>
          ))}
        </Select>
      </div>
      {hasFilters(search) ? (
        <Button
          size="md"
          variant="ghost"
          icon={X}
          onClick={() => {
            setText('');
            onSearchChange({});
          }}
        >
          Clear
        </Button>
      ) : null}
    </div>
  );
}

function ContactsTable({ contacts }: { contacts: Contact[] }) {
  const formatDate = useDateFormat();
  const formatCompact = useDateFormat('compact');
  const openContact = useOpenContact();

  // The row is a large click target for the mouse; the name is the link for keyboards and new tabs.
  const onRowClick = (event: MouseEvent<HTMLTableRowElement>, contactId: string) => {
    const target = event.target as HTMLElement;
    if (target.closest('a, button, input, select') || window.getSelection()?.toString()) {
      return;
    }
    openContact(contactId);
  };

  return (
    <Table label="Contacts">
      <thead>
        <tr>
          <Th>Name</Th>
          <Th className="max-md:hidden">Email</Th>
          <Th className="max-lg:hidden">Phone</Th>
          <Th className="max-sm:hidden">Country</Th>
          <Th>Last seen</Th>
        </tr>
      </thead>
      <tbody>
        {contacts.map((contact) => {
          const name = contactDisplayName(contact);
          return (
            // The name link in the row is its keyboard twin.
            <tr
              key={contact.id}
              className="group cursor-pointer hover:bg-surface-muted/50"
              onClick={(event) => onRowClick(event, contact.id)}
            >
              {/* The name takes the room the other columns leave, and is cut there (not the table widened). */}
              <Td className="w-full max-w-0">
                <div className="flex min-w-0 items-center gap-2.5">
                  <Avatar name={name} url={contact.avatarUrl} />
                  <div className="min-w-0">
                    <p className="flex min-w-0 items-center gap-2">
                      <ContactLink
                        contactId={contact.id}
                        title={name}
                        className="min-w-0 truncate font-medium text-fg hover:underline"
                      >
                        {name}
                      </ContactLink>
                      {contact.externalId ? <IdentityBadge contact={contact} /> : null}
                    </p>
                    <p className="truncate text-[0.8125rem] text-fg-muted md:hidden">
                      {contact.email ?? contact.phone ?? ''}
                    </p>
                  </div>
                </div>
              </Td>
              <Td className="max-w-64 truncate text-fg-muted max-md:hidden">{contact.email ?? '—'}</Td>
              <Td className="whitespace-nowrap text-fg-muted max-lg:hidden">{contact.phone ?? '—'}</Td>
              <Td className="whitespace-nowrap text-fg-muted max-sm:hidden">
                {contact.country ? <span title={contact.country}>{countryName(contact.country)}</span> : '—'}
              </Td>
              <Td className="whitespace-nowrap text-fg-muted">
                <time dateTime={contact.lastSeenAt} title={formatDate(contact.lastSeenAt)}>
                  <span className="max-sm:hidden">{formatDate(contact.lastSeenAt)}</span>
                  <span className="sm:hidden">{formatCompact(contact.lastSeenAt)}</span>
                </time>
              </Td>
            </tr>
          );
        })}
      </tbody>
    </Table>
  );
}
