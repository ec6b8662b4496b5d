import { BadgeCheck } from 'lucide-react';
import type { Contact } from '../../api/contacts';
import type { ConversationStatus } from '../../api/types';

const BASE = 'inline-flex items-center gap-1 rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap';

/** Identified (the business's code said who it is, maybe verified) or an anonymous visitor. */
export function IdentityBadge({ contact }: { contact: Pick<Contact, 'externalId' | 'isVerified'> }) {
  if (contact.externalId === null) {
    return <span className={`${BASE} bg-surface-muted text-fg-muted`}>Anonymous</span>;
  }
  return (
    <span
      className={`${BASE} bg-info-soft text-info-text`}
      title={contact.isVerified ? 'Identity verified with your secret' : undefined}
    >
      {contact.isVerified ? <BadgeCheck aria-hidden className="size-3.5" /> : null}
      {contact.isVerified ? 'Verified' : 'Identified'}
    </span>
  );
}

export const CONVERSATION_STATUS_LABEL: Record<ConversationStatus, string> = {
  open: 'Open',
  pending: 'Pending',
  snoozed: 'Snoozed',
  resolved: 'Resolved',
};

const STATUS_CLASS: Record<ConversationStatus, string> = {
  open: 'bg-info-soft text-info-text',
  pending: 'bg-warning-soft text-warning-text',
  snoozed: 'bg-surface-muted text-fg-muted',
  resolved: 'bg-success-soft text-success-text',
};

export function ConversationStatusBadge({ status }: { status: ConversationStatus }) {
  return <span className={`${BASE} ${STATUS_CLASS[status]}`}>{CONVERSATION_STATUS_LABEL[status]}</span>;
}

/** A small heading of the compact side panel and of the page's side column. */
export function PanelHeading({ id, children }: { id?: string; children: string }) {
  return (
    <h3 id={id} className="font-medium text-fg-subtle text-xs uppercase tracking-wide">
      {children}
    </h3>
  );
}
