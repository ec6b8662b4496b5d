import { ExternalLink } from 'lucide-react';
import type { ReactNode } from 'react';
import type { Contact } from '../../api/contacts';
import { useDateFormat, useNow } from '../../lib/date-format';
import { IdentityBadge } from './contact-badges';
import { countryLabel, languageName, localTimeIn, safeHttpUrl, shortUrl } from './format';

/** A visitor-reported page: a link when it is http(s), plain text otherwise. */
export function PageLink({
  url,
  title,
  isWrapped = false,
}: {
  url: string;
  title?: string | null;
  /** Shows the whole address over several lines instead of cutting it short. */
  isWrapped?: boolean;
}) {
  const href = safeHttpUrl(url);
  const label = title?.trim() || shortUrl(url);
  if (!href) {
    return <span className="break-all">{label}</span>;
  }
  return (
    <a
      href={href}
      target="_blank"
      rel="noopener noreferrer nofollow"
      title={url}
      className="inline-flex min-w-0 max-w-full items-center gap-1 text-accent-text hover:underline"
    >
      <span className={isWrapped ? 'break-all' : 'truncate'}>{label}</span>
      <ExternalLink aria-hidden className="size-3 shrink-0" />
      <span className="sr-only">(opens in a new tab)</span>
    </a>
  );
}

function Fact({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div className="grid grid-cols-[6.5rem_minmax(0,1fr)] gap-2 py-1">
      <dt className="text-fg-muted">{term}</dt>
      <dd className="min-w-0 text-fg">{children}</dd>
    </div>
  );
}

const missing = <span className="text-fg-subtle">Unknown</span>;

/** What the widget learned about the visitor: identity, page, browser, place, language, visits. */
export function VisitorFacts({ contact }: { contact: Contact }) {
  const formatDate = useDateFormat();
  const now = useNow(60_000);
  const country = countryLabel(contact.country);
  const localTime = localTimeIn(contact.timeZone, now);
  const language = languageName(contact.language);
  const system = [contact.browser, contact.os].filter(Boolean).join(' on ');

  return (
    <dl className="text-[0.8125rem]">
      <Fact term="Identity">
        <span className="flex flex-wrap items-center gap-1.5">
          <IdentityBadge contact={contact} />
          {contact.externalId ? (
            <span className="truncate font-mono text-fg-muted text-xs" title="External id">
              {contact.externalId}
            </span>
          ) : null}
        </span>
      </Fact>
      <Fact term="Current page">
        {contact.currentPage ? <PageLink url={contact.currentPage} isWrapped /> : missing}
      </Fact>
      <Fact term="Browser">{system || missing}</Fact>
      <Fact term="Location">
        {country || contact.timeZone ? (
          <span>
            {country ?? contact.timeZone}
            {localTime ? <span className="text-fg-muted"> · {localTime} local time</span> : null}
          </span>
        ) : (
          missing
        )}
      </Fact>
      <Fact term="Language">{language ?? missing}</Fact>
      <Fact term="Last seen">
        <time dateTime={contact.lastSeenAt}>{formatDate(contact.lastSeenAt)}</time>
      </Fact>
      <Fact term="First seen">
        <time dateTime={contact.firstSeenAt}>{formatDate(contact.firstSeenAt)}</time>
      </Fact>
    </dl>
  );
}
