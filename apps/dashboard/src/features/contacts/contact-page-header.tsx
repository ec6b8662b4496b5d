import { ArrowLeft } from 'lucide-react';
import type { ReactNode } from 'react';
import { ContactsLink } from './links';

type Props = {
  title: string;
  /** The document title (defaults to "<title> · Parley"). */
  documentTitle?: string;
  description?: ReactNode;
  /** Drawn before the title (the contact's avatar). */
  leading?: ReactNode;
  actions?: ReactNode;
  /** A "← Contacts" link above the title (the contact page). */
  hasBackLink?: boolean;
};

/**
 * The contacts pages' header: like the shared PageHeader, but its actions wrap under the title on a
 * phone instead of squeezing the description into a narrow column.
 */
export function ContactPageHeader({
  title,
  documentTitle,
  description,
  leading,
  actions,
  hasBackLink = false,
}: Props) {
  return (
    <header className="border-line border-b bg-surface">
      <title>{documentTitle ?? `${title} · Parley`}</title>
      <div className={`mx-auto w-full max-w-5xl px-6 pb-5 xl:px-8 ${hasBackLink ? 'pt-5' : 'pt-7'}`}>
        {hasBackLink ? (
          <ContactsLink className="-ml-1 mb-2 inline-flex items-center gap-1 rounded-control px-1 py-0.5 text-fg-muted text-xs hover:text-fg">
            <ArrowLeft aria-hidden className="size-3.5" />
            Contacts
          </ContactsLink>
        ) : null}
        <div className="flex flex-wrap items-end justify-between gap-x-4 gap-y-3">
          <div className="flex min-w-0 flex-[1_1_20rem] items-center gap-3">
            {leading}
            <div className="min-w-0">
              <h1 title={title} className="truncate font-semibold text-fg text-xl tracking-tight">
                {title}
              </h1>
              {description ? <div className="mt-1 text-fg-muted">{description}</div> : null}
            </div>
          </div>
          {actions ? <div className="flex flex-wrap items-center gap-2">{actions}</div> : null}
        </div>
      </div>
    </header>
  );
}
