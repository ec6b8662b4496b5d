import { MAX_QUERY_LENGTH } from '../../api/search';

/** The search page's address: `/search?q=<text>`. */
export type SearchSearch = { q?: string };

/** For the route's `validateSearch` (kept apart from the page so the router can import it eagerly). */
export function parseSearchSearch(search: Record<string, unknown>): SearchSearch {
  const q = typeof search.q === 'string' ? search.q.trim().slice(0, MAX_QUERY_LENGTH) : '';
  return q ? { q } : {};
}
