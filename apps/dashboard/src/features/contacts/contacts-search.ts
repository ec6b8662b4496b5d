import type { ContactFilters } from '../../api/contacts';
import { isCountryCode } from './countries';

/**
 * The contacts list's filters as kept in the address, so reload and back/forward keep them:
 * `/contacts?q=<text>&type=identified|anonymous&country=FR`. Empty filters stay out of the address.
 */
export type ContactsSearch = {
  q?: string;
  type?: 'identified' | 'anonymous';
  country?: string;
};

/** For the route's `validateSearch`: anything unknown or malformed is dropped. */
export function parseContactsSearch(search: Record<string, unknown>): ContactsSearch {
  const result: ContactsSearch = {};
  const q = typeof search.q === 'string' ? search.q.trim().slice(0, 200) : '';
  if (q) {
    result.q = q;
  }
  if (search.type === 'identified' || search.type === 'anonymous') {
    result.type = search.type;
  }
  const country = typeof search.country === 'string' ? search.country.toUpperCase() : undefined;
  if (isCountryCode(country)) {
    result.country = country;
  }
  return result;
}

/** The API's filters for what the address says. */
export function filtersOf(search: ContactsSearch): ContactFilters {
  return {
    search: search.q,
    identified: search.type === undefined ? undefined : search.type === 'identified',
    country: search.country,
  };
}

export function hasFilters(search: ContactsSearch): boolean {
  return Boolean(search.q || search.type || search.country);
}
