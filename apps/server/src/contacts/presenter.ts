import type {
  TContact as TContactView,
  TVisitorContact,
} from '../../../../packages/shared/src/api/contacts.ts';
import type { TContact } from './store.ts';

export function presentContact(c: TContact): TContactView {
  return {
    id: c.id,
    name: c.name,
    email: c.email,
    phone: c.phone,
    externalId: c.externalId,
    isVerified: c.isVerified,
    avatarUrl: c.avatarUrl,
    attributes: c.attributes,
    firstSeenAt: c.firstSeenAt.toISOString(),
    lastSeenAt: c.lastSeenAt.toISOString(),
    browser: c.browser,
    os: c.os,
    country: c.country,
    timeZone: c.timeZone,
    language: c.language,
    currentPage: c.currentPage,
    createdAt: c.createdAt.toISOString(),
  };
}

/** The little a visitor's own widget learns about its contact. */
export function presentContactForVisitor(c: TContact): TVisitorContact {
  return { id: c.id, name: c.name, email: c.email, isIdentified: c.externalId !== null };
}
