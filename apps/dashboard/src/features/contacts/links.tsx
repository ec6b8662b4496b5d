import { Link, useNavigate } from '@tanstack/react-router';
import { type AnchorHTMLAttributes, useCallback } from 'react';

// The contacts and search routes are added to router.tsx by the lead (see routes-to-add.md). Until
// they are, their paths are not in the route tree's types, so links to them are built here from
// plain strings (TanStack Router accepts an untyped `to`). Once wired, these can become typed links.

export const contactsPath: string = '/contacts';
export const contactPath = (contactId: string): string => `/contacts/${encodeURIComponent(contactId)}`;

type AnchorProps = Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'href'>;

/** A link to a contact's page (preloads on hover like every router link). */
export function ContactLink({ contactId, ...rest }: AnchorProps & { contactId: string }) {
  return <Link to={contactPath(contactId)} {...rest} />;
}

/** A link to the contacts list. */
export function ContactsLink(props: AnchorProps) {
  return <Link to={contactsPath} {...props} />;
}

/** Opens a contact's page from code (a table row's click, Enter in search results). */
export function useOpenContact(): (contactId: string) => void {
  const navigate = useNavigate();
  return useCallback((contactId: string) => void navigate({ to: contactPath(contactId) }), [navigate]);
}
