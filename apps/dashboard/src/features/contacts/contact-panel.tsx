import { ArrowUpRight, Mail, Pencil, Phone } from 'lucide-react';
import { type ReactNode, useId, useRef, useState } from 'react';
import { type ContactDetails, useContact } from '../../api/contacts';
import { Avatar } from '../../components/avatar';
import { Button } from '../../components/button';
import { ErrorState, Spinner } from '../../components/states';
import { AttributesEditor } from './attributes-editor';
import { PanelHeading } from './contact-badges';
import { ContactConversations } from './contact-conversations';
import { ContactDetailsForm } from './contact-details-form';
import { ContactNotes } from './contact-notes';
import { contactDisplayName } from './format';
import { ContactLink } from './links';
import { VisitorFacts } from './visitor-facts';

type Props = {
  contactId: string;
  /** The conversation shown beside the panel; it is left out of "Previous conversations". */
  conversationId?: string;
  className?: string;
};

/**
 * The contact beside a conversation, compact (about 18–22rem wide): who it is (editable), custom
 * attributes (editable), where they are and on what, previous conversations and the team's notes.
 */
export function ContactPanel({ contactId, conversationId, className = '' }: Props) {
  const contact = useContact(contactId);
  return (
    <aside aria-label="Contact" className={`min-h-0 overflow-y-auto bg-surface text-sm ${className}`}>
      {contact.data ? (
        <PanelContent contact={contact.data} conversationId={conversationId} />
      ) : contact.isError ? (
        <ErrorState error={contact.error} onRetry={() => void contact.refetch()} />
      ) : (
        <p role="status" className="flex items-center gap-2 px-4 py-6 text-fg-muted">
          <Spinner />
          Loading contact…
        </p>
      )}
    </aside>
  );
}

function PanelSection({
  title,
  children,
  action,
}: {
  title: string;
  children: ReactNode;
  action?: ReactNode;
}) {
  const id = useId();
  return (
    <section aria-labelledby={id} className="space-y-2.5 border-line border-t px-4 py-4">
      <div className="flex items-center justify-between gap-2">
        <PanelHeading id={id}>{title}</PanelHeading>
        {action}
      </div>
      {children}
    </section>
  );
}

function PanelContent({ contact, conversationId }: { contact: ContactDetails; conversationId?: string }) {
  const [isEditing, setIsEditing] = useState(false);
  const identityRef = useRef<HTMLDivElement>(null);
  const name = contactDisplayName(contact);
  const stopEditing = () => {
    setIsEditing(false);
    // Focus goes back to the Edit button the form replaced.
    window.requestAnimationFrame(() =>
      identityRef.current?.querySelector<HTMLElement>('[data-focus-target="edit-details"]')?.focus(),
    );
  };

  return (
    <>
      <div ref={identityRef} className="px-4 py-4">
        {isEditing ? (
          <ContactDetailsForm contact={contact} isCompact onDone={stopEditing} />
        ) : (
          <div className="flex items-start gap-3">
            <Avatar name={name} url={contact.avatarUrl} size="lg" />
            <div className="min-w-0 flex-1">
              <h2 title={name} className="truncate font-semibold text-base text-fg">
                {name}
              </h2>
              <ul className="mt-0.5 space-y-0.5 text-[0.8125rem] text-fg-muted">
                <li className="flex min-w-0 items-center gap-1.5">
                  <Mail aria-hidden className="size-3.5 shrink-0" />
                  {contact.email ? (
                    <a href={`mailto:${contact.email}`} className="truncate hover:text-fg hover:underline">
                      {contact.email}
                    </a>
                  ) : (
                    <span className="text-fg-subtle">No email</span>
                  )}
                </li>
                <li className="flex min-w-0 items-center gap-1.5">
                  <Phone aria-hidden className="size-3.5 shrink-0" />
                  {contact.phone ? (
                    <a href={`tel:${contact.phone}`} className="truncate hover:text-fg hover:underline">
                      {contact.phone}
                    </a>
                  ) : (
                    <span className="text-fg-subtle">No phone</span>
                  )}
                </li>
              </ul>
            </div>
            <Button
              variant="ghost"
              size="sm"
              icon={Pencil}
              className="px-1.5"
              aria-label={`Edit ${name}’s details`}
              title="Edit details"
              data-focus-target="edit-details"
              onClick={() => setIsEditing(true)}
            />
          </div>
        )}
        <ContactLink
          contactId={contact.id}
          className="mt-3 inline-flex items-center gap-1 font-medium text-[0.8125rem] text-accent-text hover:underline"
        >
          Open full profile
          <ArrowUpRight aria-hidden className="size-3.5" />
        </ContactLink>
      </div>
      <PanelSection title="Visitor">
        <VisitorFacts contact={contact} />
      </PanelSection>
      <PanelSection title="Attributes">
        <AttributesEditor contact={contact} isCompact />
      </PanelSection>
      <PanelSection title="Previous conversations">
        <ContactConversations contactId={contact.id} excludeId={conversationId} />
      </PanelSection>
      <PanelSection title="Notes">
        <ContactNotes contactId={contact.id} isCompact />
      </PanelSection>
    </>
  );
}
