import { z } from 'zod';

/** A custom attribute's value (the business's code or the team sets them). */
export const ZAttributeValue = z.union([z.string(), z.number(), z.boolean()]);
export type TAttributeValue = z.infer<typeof ZAttributeValue>;

/** A contact as agents see it, with what the widget learned about them. */
export const ZContact = z
  .object({
    id: z.string(),
    name: z.string().nullable(),
    email: z.string().nullable(),
    phone: z.string().nullable(),
    /** The business's own user id (set by `identify`); a contact with one is "identified". */
    externalId: z.string().nullable(),
    isVerified: z.boolean(),
    avatarUrl: z.string().nullable(),
    attributes: z.record(z.string(), ZAttributeValue),
    firstSeenAt: z.string(),
    lastSeenAt: z.string(),
    browser: z.string().nullable(),
    os: z.string().nullable(),
    /** ISO 3166 two-letter code, guessed from the browser's time zone. */
    country: z.string().nullable(),
    timeZone: z.string().nullable(),
    language: z.string().nullable(),
    currentPage: z.string().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'Contact' });
export type TContact = z.infer<typeof ZContact>;

export const ZPageView = z.object({
  id: z.string(),
  url: z.string(),
  title: z.string().nullable(),
  startedAt: z.string(),
  /** 0 until the widget reports how long the page stayed open. */
  durationMs: z.number(),
});
export type TPageView = z.infer<typeof ZPageView>;

/** One contact with its 20 most recent page views. */
export const ZContactDetails = ZContact.extend({ recentPageViews: z.array(ZPageView) });
export type TContactDetails = z.infer<typeof ZContactDetails>;

export const ZContactNote = z.object({
  id: z.string(),
  text: z.string(),
  author: z.object({ id: z.string(), name: z.string() }).nullable(),
  createdAt: z.string(),
});
export type TContactNote = z.infer<typeof ZContactNote>;

/** The little a visitor's own widget learns about its contact. */
export const ZVisitorContact = z.object({
  id: z.string(),
  name: z.string().nullable(),
  email: z.string().nullable(),
  isIdentified: z.boolean(),
});
export type TVisitorContact = z.infer<typeof ZVisitorContact>;

/** The team's notes about a contact, newest first. */
export const ZContactNotes = z.object({ items: z.array(ZContactNote) });
export type TContactNotes = z.infer<typeof ZContactNotes>;

/** What a CSV column fills. */
export const ZContactField = z.enum(['name', 'email', 'phone', 'externalId', 'attribute', 'ignore']);
export type TContactField = z.infer<typeof ZContactField>;

/** A CSV row's problem, by its 1-based line (the header is line 1). */
export const ZImportRowError = z.object({ line: z.number(), message: z.string() });
export type TImportRowError = z.infer<typeof ZImportRowError>;

/** A CSV row ready to import. */
export const ZImportRow = z.object({
  /** 1-based line in the file (the header is line 1). */
  line: z.number(),
  name: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  externalId: z.string().nullable(),
  attributes: z.record(z.string(), ZAttributeValue),
});
export type TImportRow = z.infer<typeof ZImportRow>;

/** What importing a CSV would do: the column mapping, a sample and every row's problem. */
export const ZContactsImportPreview = z.object({
  encoding: z.enum(['utf-8', 'windows-1252']),
  columns: z.array(z.object({ header: z.string(), field: ZContactField })),
  totalRows: z.number(),
  validRows: z.number(),
  /** The first 10 rows that will import. */
  preview: z.array(ZImportRow),
  /** At most 500. */
  errors: z.array(ZImportRowError),
});
export type TContactsImportPreview = z.infer<typeof ZContactsImportPreview>;

/** What an import did: contacts created and updated, rows skipped and why (at most 500). */
export const ZContactsImportResult = z.object({
  created: z.number(),
  updated: z.number(),
  skipped: z.number(),
  errors: z.array(ZImportRowError),
});
export type TContactsImportResult = z.infer<typeof ZContactsImportResult>;
