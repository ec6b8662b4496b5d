import { ArrowLeft, GitMerge, Search } from 'lucide-react';
import { useEffect, useId, useRef, useState } from 'react';
import { errorMessage } from '../../api/api-error';
import { type Contact, useContactSearch, useMergeContact } from '../../api/contacts';
import { Alert } from '../../components/alert';
import { Avatar } from '../../components/avatar';
import { Button } from '../../components/button';
import { Dialog } from '../../components/dialog';
import { controlClass } from '../../components/field';
import { Spinner } from '../../components/states';
import { useDebouncedValue } from '../search/use-debounced-value';
import { IdentityBadge } from './contact-badges';
import { contactDisplayName } from './format';

type Props = {
  contact: Contact;
  /** Told the duplicate's name once the merge is done (the page shows it). */
  onMerged?: (duplicateName: string) => void;
  size?: 'sm' | 'md';
};

/** "Merge a duplicate": find the other contact, read what will happen, confirm. */
export function MergeContactButton({ contact, onMerged, size = 'md' }: Props) {
  const [isOpen, setIsOpen] = useState(false);
  const [duplicate, setDuplicate] = useState<Contact | null>(null);
  // Kept here so "Back" from the confirmation returns to the same search.
  const [searchText, setSearchText] = useState('');
  const merge = useMergeContact(contact.id);

  const close = () => {
    setIsOpen(false);
    setDuplicate(null);
    setSearchText('');
    merge.reset();
  };

  return (
    <>
      <Button size={size} icon={GitMerge} onClick={() => setIsOpen(true)}>
        Merge a duplicate
      </Button>
      <Dialog
        isOpen={isOpen}
        onClose={close}
        title={duplicate ? 'Merge these contacts?' : `Merge a duplicate into ${contactDisplayName(contact)}`}
        description={
          duplicate
            ? undefined
            : 'Find the other record of the same person. It is merged into this one and then deleted.'
        }
      >
        {duplicate ? (
          <ConfirmMerge
            keep={contact}
            duplicate={duplicate}
            isPending={merge.isPending}
            error={merge.error ? errorMessage(merge.error) : null}
            onBack={() => {
              setDuplicate(null);
              merge.reset();
            }}
            onConfirm={() =>
              merge.mutate(duplicate.id, {
                onSuccess: () => {
                  const name = contactDisplayName(duplicate);
                  close();
                  onMerged?.(name);
                },
              })
            }
          />
        ) : (
          <FindDuplicate
            keep={contact}
            text={searchText}
            onTextChange={setSearchText}
            onChoose={setDuplicate}
          />
        )}
      </Dialog>
    </>
  );
}

type FindProps = {
  keep: Contact;
  text: string;
  onTextChange: (text: string) => void;
  onChoose: (contact: Contact) => void;
};

function FindDuplicate({ keep, text, onTextChange, onChoose }: FindProps) {
  const search = useDebouncedValue(text.trim(), 250);
  const results = useContactSearch(search);
  const inputId = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  // The dialog focuses its first control (Close) as it opens; typing is the next step, so the field
  // takes focus right after.
  useEffect(() => {
    const frame = window.requestAnimationFrame(() => inputRef.current?.focus());
    return () => window.cancelAnimationFrame(frame);
  }, []);
  const candidates = (results.data ?? []).filter((candidate) => candidate.id !== keep.id);
  const isSearching = results.isFetching || search !== text.trim();

  return (
    <div className="space-y-3">
      <div className="flex flex-col gap-1.5">
        <label htmlFor={inputId} className="font-medium text-[0.8125rem] text-fg">
          Find the duplicate
        </label>
        <div className="relative">
          <Search
            aria-hidden
            className="pointer-events-none absolute top-1/2 left-2.5 size-4 -translate-y-1/2 text-fg-subtle"
          />
          <input
            id={inputId}
            ref={inputRef}
            type="search"
            autoComplete="off"
            spellCheck={false}
            maxLength={200}
            placeholder="Name, email or phone"
            value={text}
            onChange={(event) => onTextChange(event.target.value)}
            className={`${controlClass} h-9 pl-8`}
          />
        </div>
      </div>
      <div aria-live="polite" aria-busy={isSearching || undefined} className="min-h-24">
        {!search ? (
          <p className="px-1 py-3 text-fg-muted text-sm">Type to search your contacts.</p>
        ) : results.isError ? (
          <Alert>{errorMessage(results.error)}</Alert>
        ) : results.isPending || (isSearching && candidates.length === 0) ? (
          <p className="flex items-center gap-2 px-1 py-3 text-fg-muted text-sm">
            <Spinner />
            Searching…
          </p>
        ) : candidates.length === 0 ? (
          <p className="px-1 py-3 text-fg-muted text-sm">No other contact matches “{search}”.</p>
        ) : (
          <ul className="max-h-72 divide-y divide-line overflow-y-auto rounded-control border border-line">
            {candidates.map((candidate) => {
              const name = contactDisplayName(candidate);
              return (
                <li key={candidate.id}>
                  <button
                    type="button"
                    onClick={() => onChoose(candidate)}
                    className="flex w-full items-center gap-3 px-3 py-2 text-left transition-colors hover:bg-surface-hover focus-visible:-outline-offset-2"
                  >
                    <Avatar name={name} url={candidate.avatarUrl} />
                    <span className="min-w-0 flex-1">
                      <span className="block truncate font-medium text-fg">{name}</span>
                      <span className="block truncate text-fg-muted text-xs">
                        {[candidate.email, candidate.phone].filter(Boolean).join(' · ') ||
                          'No email or phone'}
                      </span>
                    </span>
                    <IdentityBadge contact={candidate} />
                  </button>
                </li>
              );
            })}
          </ul>
        )}
      </div>
    </div>
  );
}

function ContactCard({ contact, caption }: { contact: Contact; caption: string }) {
  const name = contactDisplayName(contact);
  return (
    <div className="min-w-0 flex-1 rounded-control border border-line bg-surface-muted/40 px-3 py-2.5">
      <p className="font-medium text-fg-subtle text-xs">{caption}</p>
      <div className="mt-1.5 flex items-center gap-2">
        <Avatar name={name} url={contact.avatarUrl} size="sm" />
        <span className="min-w-0">
          <span className="block truncate font-medium text-fg">{name}</span>
          <span className="block truncate text-fg-muted text-xs">
            {contact.email ?? contact.phone ?? '—'}
          </span>
        </span>
      </div>
    </div>
  );
}

type ConfirmProps = {
  keep: Contact;
  duplicate: Contact;
  isPending: boolean;
  error: string | null;
  onBack: () => void;
  onConfirm: () => void;
};

function ConfirmMerge({ keep, duplicate, isPending, error, onBack, onConfirm }: ConfirmProps) {
  const keepName = contactDisplayName(keep);
  const duplicateName = contactDisplayName(duplicate);
  const isRefused =
    keep.externalId !== null && duplicate.externalId !== null && keep.externalId !== duplicate.externalId;

  return (
    <div className="space-y-4">
      <div className="flex flex-col gap-2 sm:flex-row sm:items-stretch">
        <ContactCard contact={keep} caption="Keep" />
        <ContactCard contact={duplicate} caption="Merge in, then delete" />
      </div>
      <ul className="list-disc space-y-1.5 pl-5 text-fg-muted">
        <li>{`${keepName} receives ${duplicateName}’s conversations, notes and page visits.`}</li>
        <li>
          {duplicate.isVerified && !keep.isVerified
            ? `The chat in ${keepName}’s browsers starts afresh (they never verified this identity); ${duplicateName}’s verified browsers go on.`
            : `The chat in ${duplicateName}’s browsers starts afresh, so nobody reads ${keepName}’s conversations without verifying.`}
        </li>
        <li>{`Where ${keepName} has no name, email, phone or location, ${duplicateName}’s is used.`}</li>
        <li>{`Custom attributes are combined; where both have the same key, ${keepName}’s value stays.`}</li>
        <li>
          <strong className="font-medium text-fg">{`${duplicateName} is deleted. This can’t be undone.`}</strong>
        </li>
      </ul>
      {isRefused ? (
        <Alert tone="warning" title="These can’t be merged">
          Both contacts are identified as different users of your product (external ids {keep.externalId} and{' '}
          {duplicate.externalId}).
        </Alert>
      ) : null}
      {error ? <Alert>{error}</Alert> : null}
      <div className="flex justify-between gap-2">
        <Button icon={ArrowLeft} onClick={onBack}>
          Back
        </Button>
        <Button
          variant="danger"
          icon={GitMerge}
          onClick={onConfirm}
          isPending={isPending}
          disabled={isRefused}
        >
          Merge contacts
        </Button>
      </div>
    </div>
  );
}
