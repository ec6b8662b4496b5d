import { Mail, Phone, UserX } from 'lucide-react';
import { useState } from 'react';
import { isApiError } from '../../api/api-error';
import { type ContactDetails, useContact, useListedContact } from '../../api/contacts';
import { Alert } from '../../components/alert';
import { Avatar } from '../../components/avatar';
import { buttonClass } from '../../components/button';
import { PageBody, Section } from '../../components/page';
import { EmptyState, ErrorState, LoadingState } from '../../components/states';
import { useDateFormat } from '../../lib/date-format';
import { AttributesEditor } from './attributes-editor';
import { IdentityBadge } from './contact-badges';
import { ContactConversations } from './contact-conversations';
import { ContactDetailsForm } from './contact-details-form';
import { ContactNotes } from './contact-notes';
import { ContactPageHeader } from './contact-page-header';
import { contactDisplayName } from './format';
import { ContactsLink } from './links';
import { MergeContactButton } from './merge-contact';
import { PageViews } from './page-views';
import { VisitorFacts } from './visitor-facts';

type Props = { contactId: string };

/** One contact: editable details and attributes, what the widget saw, conversations, notes, merging. */
export function ContactDetailsPage({ contactId }: Props) {
  const contact = useContact(contactId);
  const listed = useListedContact(contactId);

  if (contact.isError && !contact.data) {
    const isGone = isApiError(contact.error) && contact.error.status === 404;
    return (
      <>
        <ContactPageHeader title="Contact" documentTitle="Contact · Parley" hasBackLink />
        {isGone ? (
          <EmptyState
            icon={UserX}
            title="This contact doesn’t exist"
            description="It may have been merged into another contact. Search the contacts list for them."
            action={<ContactsLink className={buttonClass('secondary', 'md')}>All contacts</ContactsLink>}
          />
        ) : (
          <ErrorState
            error={contact.error}
            onRetry={() => void contact.refetch()}
            back={{ to: '/contacts', label: 'Back to contacts' }}
          />
        )}
      </>
    );
  }
  if (!contact.data) {
    return (
      <>
        <ContactPageHeader title={listed ? contactDisplayName(listed) : 'Contact'} hasBackLink />
        <LoadingState label="Loading contact…" />
      </>
    );
  }
  return <ContactDetailsLoaded contact={contact.data} />;
}

function ContactDetailsLoaded({ contact }: { contact: ContactDetails }) {
  const [mergedName, setMergedName] = useState<string | null>(null);
  const formatDate = useDateFormat('date');
  const name = contactDisplayName(contact);

  return (
    <>
      <ContactPageHeader
        title={name}
        documentTitle={`${name} · Contacts · Parley`}
        hasBackLink
        leading={<Avatar name={name} url={contact.avatarUrl} size="lg" />}
        description={
          <span className="flex flex-wrap items-center gap-x-3 gap-y-1 text-[0.8125rem]">
            <IdentityBadge contact={contact} />
            {contact.email ? (
              <a
                href={`mailto:${contact.email}`}
                className="inline-flex min-w-0 items-center gap-1 hover:text-fg hover:underline"
              >
                <Mail aria-hidden className="size-3.5 shrink-0" />
                <span className="truncate">{contact.email}</span>
              </a>
            ) : null}
            {contact.phone ? (
              <a
                href={`tel:${contact.phone}`}
                className="inline-flex items-center gap-1 hover:text-fg hover:underline"
              >
                <Phone aria-hidden className="size-3.5 shrink-0" />
                {contact.phone}
              </a>
            ) : null}
            <span>
              First seen <time dateTime={contact.firstSeenAt}>{formatDate(contact.firstSeenAt)}</time>
            </span>
          </span>
        }
        actions={<MergeContactButton contact={contact} onMerged={setMergedName} />}
      />
      <PageBody>
        {mergedName ? (
          <Alert tone="success" title="Contacts merged">
            {`${mergedName} was merged into ${name}: its conversations and visits are now here.`}
          </Alert>
        ) : null}
        <div className="grid items-start gap-6 xl:grid-cols-[minmax(0,1fr)_20rem]">
          <div className="min-w-0 space-y-6">
            <Section id="contact-details" title="Details">
              <ContactDetailsForm contact={contact} />
            </Section>
            <Section
              id="contact-attributes"
              title="Custom attributes"
              description="Facts about this person: set here, or by your product’s code when it identifies them."
            >
              <AttributesEditor contact={contact} />
            </Section>
            <Section id="contact-notes" title="Notes" description="Only your team sees these.">
              <ContactNotes contactId={contact.id} />
            </Section>
          </div>
          <div className="min-w-0 space-y-6">
            <Section id="contact-visitor" title="Visitor">
              <VisitorFacts contact={contact} />
            </Section>
            <Section
              id="contact-page-views"
              title="Recent page views"
              description="Newest first, with time on page."
            >
              <PageViews views={contact.recentPageViews} />
            </Section>
            <Section id="contact-conversations" title="Conversations">
              <ContactConversations contactId={contact.id} />
            </Section>
          </div>
        </div>
      </PageBody>
    </>
  );
}
