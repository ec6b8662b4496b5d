import type {
  TContact as Contact,
  TContactDetails as ContactDetails,
  TContactNote as ContactNote,
  TContactNotes as ContactNotes,
  TContactsImportPreview as ImportPreview,
  TContactsImportResult as ImportResult,
  TAttributeValue,
  TContactField,
} from '@parley/shared/api/contacts';
import {
  type InfiniteData,
  keepPreviousData,
  type QueryClient,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import { ApiError } from './api-error';
import { api } from './client';
import { contactKeys, keys } from './keys';
import { queryClient } from './query-client';
import { sessionQuery } from './session';
import type { Conversation, Page, Session } from './types';

// Contacts: the people behind conversations. Their shapes are the server's (@parley/shared).

export type {
  TContact as Contact,
  TContactDetails as ContactDetails,
  TContactNote as ContactNote,
  TContactNotes as ContactNotes,
  TContactsImportPreview as ImportPreview,
  TContactsImportResult as ImportResult,
  TImportRowError as ImportRowError,
  TPageView as PageView,
} from '@parley/shared/api/contacts';

/** A custom attribute's value; `null` in a PATCH removes the attribute. */
export type AttributeValue = TAttributeValue;

export type ContactFilters = {
  search?: string;
  /** true: identified by the business's code; false: anonymous visitors. */
  identified?: boolean;
  /** Two-letter country code, upper case. */
  country?: string;
};

export type ContactPatch = {
  name?: string | null;
  email?: string | null;
  phone?: string | null;
  attributes?: Record<string, AttributeValue | null>;
};

export type ImportField = TContactField;
export const IMPORT_FIELDS = [
  'name',
  'email',
  'phone',
  'externalId',
  'attribute',
  'ignore',
] as const satisfies readonly ImportField[];
/** CSV header → what its column fills. */
export type ImportMapping = Record<string, ImportField>;

const PAGE_SIZE = 50;
const PICKER_SIZE = 8;
const CONVERSATIONS_PAGE_SIZE = 10;

const contactPath = (id: string) => `/api/v1/contacts/${encodeURIComponent(id)}`;

/** All contacts as CSV (admins and owners). A plain link downloads it, streamed by the server. */
export const CONTACTS_EXPORT_URL = '/api/v1/contacts/export.csv';

function filterQuery(filters: ContactFilters) {
  return {
    search: filters.search?.trim() || undefined,
    identified: filters.identified === undefined ? undefined : String(filters.identified),
    country: filters.country || undefined,
  };
}

/** Contacts, newest first, a page of 50 at a time; filters are applied by the server. */
export function useContacts(filters: ContactFilters) {
  return useInfiniteQuery({
    queryKey: contactKeys.list(filters),
    queryFn: ({ pageParam, signal }) =>
      api<Page<Contact>>('/api/v1/contacts', {
        query: { ...filterQuery(filters), cursor: pageParam, limit: PAGE_SIZE },
        signal,
      }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    select: (data) => data.pages.flatMap((page) => page.items),
    // The table keeps its rows while a new search or filter loads, instead of flashing empty.
    placeholderData: keepPreviousData,
  });
}

/** A few contacts matching what was typed (the merge picker). Nothing is asked for an empty text. */
export function useContactSearch(text: string) {
  const search = text.trim();
  return useQuery({
    queryKey: contactKeys.picker(search),
    queryFn: ({ signal }) =>
      api<Page<Contact>>('/api/v1/contacts', { query: { search, limit: PICKER_SIZE }, signal }),
    select: (data) => data.items,
    enabled: search.length > 0,
    placeholderData: keepPreviousData,
  });
}

/** A contact already in a loaded list, shown while its full record loads. */
function findListedContact(client: QueryClient, id: string): Contact | undefined {
  for (const [, data] of client.getQueriesData<InfiniteData<Page<Contact>>>({
    queryKey: contactKeys.lists,
  })) {
    const pages = data && 'pages' in data ? data.pages : [];
    const found = pages.flatMap((page) => page.items).find((item) => item.id === id);
    if (found) {
      return found;
    }
  }
  return undefined;
}

export function useContact(contactId: string) {
  return useQuery({
    queryKey: contactKeys.contact(contactId),
    queryFn: ({ signal }) => api<ContactDetails>(contactPath(contactId), { signal }),
  });
}

/** The contact's row from a loaded list, if any (its name for a header before the record arrives). */
export function useListedContact(contactId: string): Contact | undefined {
  return findListedContact(useQueryClient(), contactId);
}

/** Writes a changed contact into its record and into every loaded list that shows it. */
function storeContact(client: QueryClient, contact: Contact) {
  client.setQueryData<ContactDetails>(contactKeys.contact(contact.id), (current) =>
    current ? { ...current, ...contact } : undefined,
  );
  client.setQueriesData<InfiniteData<Page<Contact>>>({ queryKey: contactKeys.lists }, (data) =>
    data && 'pages' in data
      ? {
          ...data,
          pages: data.pages.map((page) => ({
            ...page,
            items: page.items.map((item) => (item.id === contact.id ? contact : item)),
          })),
        }
      : data,
  );
}

/** Conversations (lists, open views) show the contact's name and email: read them again. */
function refreshConversationsOf(client: QueryClient) {
  return Promise.all([
    client.invalidateQueries({ queryKey: keys.conversationLists }),
    client.invalidateQueries({ queryKey: keys.everyConversation }),
  ]);
}

/** Name, email, phone and attributes (an attribute set to null is removed). */
export function useUpdateContact(contactId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (patch: ContactPatch) =>
      api<Contact>(contactPath(contactId), { method: 'PATCH', body: patch }),
    onSuccess: (contact, patch) => {
      storeContact(client, contact);
      if (patch.name !== undefined || patch.email !== undefined) {
        void refreshConversationsOf(client);
      }
    },
  });
}

export function useContactNotes(contactId: string) {
  return useQuery({
    queryKey: contactKeys.notes(contactId),
    queryFn: ({ signal }) => api<ContactNotes>(`${contactPath(contactId)}/notes`, { signal }),
    select: (data) => data.items,
  });
}

export function useAddContactNote(contactId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (text: string) =>
      api<ContactNote>(`${contactPath(contactId)}/notes`, { method: 'POST', body: { text } }),
    onSuccess: (note) => {
      // The server answers without the author's name; it is the person signed in here.
      const me = client.getQueryData<Session>(keys.session)?.user;
      const author =
        note.author && me && note.author.id === me.id
          ? { id: me.id, name: me.name || me.email }
          : note.author;
      client.setQueryData<ContactNotes>(contactKeys.notes(contactId), (data) => ({
        items: [{ ...note, author }, ...(data?.items ?? []).filter((item) => item.id !== note.id)],
      }));
    },
  });
}

/** Deletes a note; it disappears at once and comes back if the server refuses. */
export function useDeleteContactNote(contactId: string) {
  const client = useQueryClient();
  const key = contactKeys.notes(contactId);
  return useMutation({
    mutationFn: (noteId: string) =>
      api<void>(`${contactPath(contactId)}/notes/${encodeURIComponent(noteId)}`, { method: 'DELETE' }),
    onMutate: async (noteId) => {
      await client.cancelQueries({ queryKey: key });
      const previous = client.getQueryData<ContactNotes>(key);
      if (previous) {
        client.setQueryData(key, { items: previous.items.filter((item) => item.id !== noteId) });
      }
      return { previous };
    },
    onError: (_error, _noteId, context) => {
      if (context?.previous) {
        client.setQueryData(key, context.previous);
      }
    },
  });
}

/**
 * Merges `duplicateId` into this contact: its conversations, browsers and visits move here, empty
 * details are filled from it, attributes combine (this contact's win), and it is deleted.
 */
export function useMergeContact(contactId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (duplicateId: string) =>
      api<Contact>(`${contactPath(contactId)}/merge`, { method: 'POST', body: { duplicateId } }),
    onSuccess: async (contact, duplicateId) => {
      storeContact(client, contact);
      client.removeQueries({ queryKey: contactKeys.contact(duplicateId) });
      client.removeQueries({ queryKey: contactKeys.notes(duplicateId) });
      client.removeQueries({ queryKey: contactKeys.conversations(duplicateId) });
      await Promise.all([
        client.invalidateQueries({ queryKey: contactKeys.lists }),
        // Page views and conversations moved over.
        client.invalidateQueries({ queryKey: contactKeys.contact(contactId) }),
        client.invalidateQueries({ queryKey: contactKeys.conversations(contactId) }),
        refreshConversationsOf(client),
      ]);
    },
  });
}

/** The contact's conversations, newest first, ten at a time (links to each). */
export function useContactConversations(contactId: string) {
  return useInfiniteQuery({
    queryKey: contactKeys.conversations(contactId),
    queryFn: ({ pageParam, signal }) =>
      api<Page<Conversation>>('/api/v1/conversations', {
        query: { contactId, sort: 'newest', cursor: pageParam, limit: CONVERSATIONS_PAGE_SIZE },
        signal,
      }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    select: (data) => data.pages.flatMap((page) => page.items),
  });
}

// ── CSV import ──────────────────────────────────────────────────────────────────────────────────

/** Where an upload is: sending the file (with the share sent, when the browser knows it), then waiting. */
export type UploadProgress = { phase: 'uploading'; fraction: number | null } | { phase: 'processing' };

type RawResponse = { status: number; statusText: string; text: string };

function toApiError(response: RawResponse): ApiError {
  try {
    const payload = JSON.parse(response.text) as {
      error?: { code?: unknown; message?: unknown; details?: unknown };
    };
    const error = payload?.error;
    if (error && typeof error.code === 'string') {
      const message = typeof error.message === 'string' ? error.message : response.statusText;
      return new ApiError(response.status, error.code, message, error.details);
    }
  } catch {
    // Not JSON (a proxy error page): a generic error below.
  }
  if (response.status === 413) {
    return new ApiError(413, 'payload_too_large', 'The file is too large to upload.');
  }
  return new ApiError(
    response.status,
    'http_error',
    `Request failed (${response.status} ${response.statusText})`.trim(),
  );
}

function sendFile(
  url: string,
  file: File,
  csrfToken: string | undefined,
  onProgress: ((progress: UploadProgress) => void) | undefined,
  signal: AbortSignal | undefined,
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(new DOMException('The upload was cancelled', 'AbortError'));
      return;
    }
    const request = new XMLHttpRequest();
    request.open('POST', url);
    request.setRequestHeader('accept', 'application/json');
    if (csrfToken) {
      request.setRequestHeader('x-csrf-token', csrfToken);
    }
    request.upload.addEventListener('progress', (event) => {
      onProgress?.({
        phase: 'uploading',
        fraction: event.lengthComputable ? event.loaded / event.total : null,
      });
    });
    request.upload.addEventListener('load', () => onProgress?.({ phase: 'processing' }));
    request.addEventListener('load', () =>
      resolve({ status: request.status, statusText: request.statusText, text: request.responseText }),
    );
    // Same message as a failed fetch (errorMessage() turns a TypeError into "Could not reach Parley").
    request.addEventListener('error', () => reject(new TypeError('Network error')));
    request.addEventListener('abort', () =>
      reject(new DOMException('The upload was cancelled', 'AbortError')),
    );
    signal?.addEventListener('abort', () => request.abort(), { once: true });
    const form = new FormData();
    form.append('file', file, file.name);
    onProgress?.({ phase: 'uploading', fraction: 0 });
    request.send(form);
  });
}

/**
 * POSTs a file as multipart (field `file`) and reports upload progress, which fetch cannot do;
 * otherwise it behaves like `api()`: same-origin cookies, the CSRF header (retried once with a fresh
 * token), JSON back, `ApiError` on failure.
 */
async function uploadFile<T>(
  path: string,
  file: File,
  query: Record<string, string | undefined>,
  onProgress?: (progress: UploadProgress) => void,
  signal?: AbortSignal,
): Promise<T> {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value) {
      params.set(name, value);
    }
  }
  const search = params.toString();
  const url = search ? `${path}?${search}` : path;
  const cachedToken = queryClient.getQueryData<Session>(keys.session)?.csrfToken;
  let response = await sendFile(url, file, cachedToken, onProgress, signal);
  if (response.status === 403 && toApiError(response).code === 'csrf_failed') {
    const session = await queryClient.fetchQuery({ ...sessionQuery, staleTime: 0 });
    if (session.csrfToken !== cachedToken) {
      response = await sendFile(url, file, session.csrfToken, onProgress, signal);
    }
  }
  if (response.status < 200 || response.status >= 300) {
    throw toApiError(response);
  }
  return (response.text ? JSON.parse(response.text) : undefined) as T;
}

export type ImportInput = {
  file: File;
  /** Only needed when the person changed what a column fills; the server guesses from headers. */
  mapping?: ImportMapping;
  onProgress?: (progress: UploadProgress) => void;
  /** Cancels the upload (closing the dialog); the request then fails with an AbortError. */
  signal?: AbortSignal;
};

const mappingQuery = (mapping: ImportMapping | undefined) => ({
  mapping: mapping ? JSON.stringify(mapping) : undefined,
});

/** What importing the file would do: the column mapping, a sample and each row's problem (admins). */
export function usePreviewContactsImport() {
  return useMutation({
    mutationFn: ({ file, mapping, onProgress, signal }: ImportInput) =>
      uploadFile<ImportPreview>(
        '/api/v1/contacts/import/preview',
        file,
        mappingQuery(mapping),
        onProgress,
        signal,
      ),
  });
}

/** Imports the file: matching external id or email updates a contact, others are created (admins). */
export function useImportContacts() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ file, mapping, onProgress, signal }: ImportInput) =>
      uploadFile<ImportResult>('/api/v1/contacts/import', file, mappingQuery(mapping), onProgress, signal),
    onSuccess: () =>
      Promise.all([
        client.invalidateQueries({ queryKey: contactKeys.lists }),
        client.invalidateQueries({ queryKey: contactKeys.everyContact }),
      ]),
  });
}
