import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from './client';
import type { MessageKind } from './types';

// Search across the workspace (apps/server/src/search): messages by their words and attachment names, with a snippet
// already split into plain and matching parts (never HTML), and contacts by name, email or phone.

export type SnippetPart = { text: string; isMatch: boolean };

export type MessageHit = {
  id: string;
  conversationId: string;
  kind: Exclude<MessageKind, 'activity'>;
  contact: { id: string; name: string | null; email: string | null };
  createdAt: string;
  snippet: SnippetPart[];
  /** The message's attachments whose names matched, their matching words marked. */
  attachments: { id: string; filename: string; snippet: SnippetPart[] }[];
};

export type ContactHit = { id: string; name: string | null; email: string | null; phone: string | null };

export type SearchResults = {
  query: string;
  /** The words the server searched for (letters and digits only, at most eight). */
  terms: string[];
  messages: MessageHit[];
  contacts: ContactHit[];
};

export const searchKeys = {
  results: (query: string) => ['search', query] as const,
};

/** The server's limit on what one search sends back per kind. */
const RESULT_LIMIT = 20;
export const MAX_QUERY_LENGTH = 200;

/**
 * Results for a query (already debounced by the caller); nothing is asked for an empty one. While
 * the next query loads, the previous results stay (`isPlaceholderData` tells them apart).
 */
export function useSearch(query: string) {
  const q = query.trim().slice(0, MAX_QUERY_LENGTH);
  return useQuery({
    queryKey: searchKeys.results(q),
    queryFn: ({ signal }) =>
      api<SearchResults>('/api/v1/search', { query: { q, limit: RESULT_LIMIT }, signal }),
    enabled: q.length > 0,
    placeholderData: keepPreviousData,
  });
}
