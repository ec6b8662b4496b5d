import { and, desc, eq, ilike, inArray, isNotNull, isNull, lt, or, sql } from 'drizzle-orm';
import type { Queryable } from '../platform/db.ts';
import { newId } from '../platform/ids.ts';
import { contactNotes, contacts, pageViews, visitors } from './tables.ts';

export type TContact = typeof contacts.$inferSelect;
export type TVisitor = typeof visitors.$inferSelect;
type TContactPatch = Partial<
  Pick<
    TContact,
    | 'name'
    | 'email'
    | 'phone'
    | 'externalId'
    | 'isVerified'
    | 'avatarUrl'
    | 'attributes'
    | 'lastSeenAt'
    | 'browser'
    | 'os'
    | 'country'
    | 'timeZone'
    | 'language'
    | 'currentPage'
  >
>;

export async function insertContact(
  q: Queryable,
  workspaceId: string,
  input: TContactPatch,
): Promise<TContact> {
  const [row] = await q
    .insert(contacts)
    .values({ id: newId('ct'), workspaceId, ...input })
    .returning();
  return row!;
}

export async function findContact(
  q: Queryable,
  workspaceId: string,
  id: string,
): Promise<TContact | undefined> {
  const [row] = await q
    .select()
    .from(contacts)
    .where(and(eq(contacts.workspaceId, workspaceId), eq(contacts.id, id)));
  return row;
}

export async function findContactByExternalId(q: Queryable, workspaceId: string, externalId: string) {
  const [row] = await q
    .select()
    .from(contacts)
    .where(and(eq(contacts.workspaceId, workspaceId), eq(contacts.externalId, externalId)));
  return row;
}

export async function updateContact(q: Queryable, workspaceId: string, id: string, patch: TContactPatch) {
  const [row] = await q
    .update(contacts)
    .set({ ...patch, updatedAt: new Date() })
    .where(and(eq(contacts.workspaceId, workspaceId), eq(contacts.id, id)))
    .returning();
  return row;
}

export async function deleteContact(q: Queryable, workspaceId: string, id: string) {
  await q.delete(contacts).where(and(eq(contacts.workspaceId, workspaceId), eq(contacts.id, id)));
}

export async function listContacts(
  q: Queryable,
  workspaceId: string,
  opts: {
    limit: number;
    before: string | null;
    search: string | null;
    isIdentified?: boolean | undefined;
    country?: string | undefined;
  },
) {
  const term = opts.search ? `%${opts.search.replace(/[%_\\]/g, (c) => `\\${c}`)}%` : null;
  return q
    .select()
    .from(contacts)
    .where(
      and(
        eq(contacts.workspaceId, workspaceId),
        opts.before ? lt(contacts.id, opts.before) : undefined,
        term
          ? or(ilike(contacts.name, term), ilike(contacts.email, term), ilike(contacts.phone, term))
          : undefined,
        opts.isIdentified === undefined
          ? undefined
          : opts.isIdentified
            ? isNotNull(contacts.externalId)
            : isNull(contacts.externalId),
        opts.country ? eq(contacts.country, opts.country) : undefined,
      ),
    )
    .orderBy(desc(contacts.id))
    .limit(opts.limit);
}

export async function insertVisitor(
  q: Queryable,
  input: { workspaceId: string; inboxId: string; contactId: string; tokenHash: string },
): Promise<TVisitor> {
  const [row] = await q
    .insert(visitors)
    .values({ id: newId('vis'), ...input })
    .returning();
  return row!;
}

/** Installation-wide: the token is the visitor's only credential and names its workspace. */
export async function findVisitorByTokenHash(q: Queryable, tokenHash: string): Promise<TVisitor | undefined> {
  const [row] = await q.select().from(visitors).where(eq(visitors.tokenHash, tokenHash));
  return row;
}

export async function bindVisitor(q: Queryable, workspaceId: string, visitorId: string, contactId: string) {
  await q
    .update(visitors)
    .set({ contactId, updatedAt: new Date() })
    .where(and(eq(visitors.workspaceId, workspaceId), eq(visitors.id, visitorId)));
}

export async function touchVisitor(q: Queryable, visitorId: string) {
  await q.update(visitors).set({ lastSeenAt: new Date() }).where(eq(visitors.id, visitorId));
}

/** Revokes a visitor's token (sign-out) but keeps the visitor, so its page views stay in history. */
export async function revokeVisitorToken(
  q: Queryable,
  workspaceId: string,
  visitorId: string,
  replacementHash: string,
) {
  await q
    .update(visitors)
    .set({ tokenHash: replacementHash, updatedAt: new Date() })
    .where(and(eq(visitors.workspaceId, workspaceId), eq(visitors.id, visitorId)));
}

export async function visitorIdsOf(q: Queryable, workspaceId: string, contactId: string) {
  const rows = await q
    .select({ id: visitors.id })
    .from(visitors)
    .where(and(eq(visitors.workspaceId, workspaceId), eq(visitors.contactId, contactId)));
  return rows.map((r) => r.id);
}

export async function moveVisitors(
  q: Queryable,
  workspaceId: string,
  fromContactId: string,
  toContactId: string,
) {
  await q
    .update(visitors)
    .set({ contactId: toContactId, updatedAt: new Date() })
    .where(and(eq(visitors.workspaceId, workspaceId), eq(visitors.contactId, fromContactId)));
  await q
    .update(pageViews)
    .set({ contactId: toContactId })
    .where(and(eq(pageViews.workspaceId, workspaceId), eq(pageViews.contactId, fromContactId)));
}

export async function insertPageView(
  q: Queryable,
  input: {
    workspaceId: string;
    contactId: string;
    visitorId: string;
    url: string;
    title: string | null;
    referrer: string | null;
  },
) {
  const [row] = await q
    .insert(pageViews)
    .values({ id: newId('pv'), ...input })
    .returning({ id: pageViews.id });
  return row!;
}

/** Durations only grow: a late or replayed beacon cannot shorten a visit. */
export async function setPageViewDuration(
  q: Queryable,
  workspaceId: string,
  visitorId: string,
  id: string,
  durationMs: number,
) {
  const rows = await q
    .update(pageViews)
    .set({ durationMs: sql`greatest(${pageViews.durationMs}, ${durationMs})`, updatedAt: new Date() })
    .where(
      and(eq(pageViews.workspaceId, workspaceId), eq(pageViews.visitorId, visitorId), eq(pageViews.id, id)),
    )
    .returning({ id: pageViews.id });
  return rows.length > 0;
}

export async function listPageViews(q: Queryable, workspaceId: string, contactId: string, limit: number) {
  return q
    .select()
    .from(pageViews)
    .where(and(eq(pageViews.workspaceId, workspaceId), eq(pageViews.contactId, contactId)))
    .orderBy(desc(pageViews.startedAt))
    .limit(limit);
}

export async function setFirstSeen(q: Queryable, workspaceId: string, id: string, firstSeenAt: Date) {
  await q
    .update(contacts)
    .set({ firstSeenAt })
    .where(and(eq(contacts.workspaceId, workspaceId), eq(contacts.id, id)));
}

export async function findContactsByKeys(
  q: Queryable,
  workspaceId: string,
  emails: string[],
  externalIds: string[],
) {
  const found: TContact[] = [];
  const chunk = <T>(list: T[]) =>
    Array.from({ length: Math.ceil(list.length / 1000) }, (_, i) => list.slice(i * 1000, i * 1000 + 1000));
  for (const part of chunk([...new Set(emails)])) {
    found.push(
      ...(await q
        .select()
        .from(contacts)
        .where(and(eq(contacts.workspaceId, workspaceId), inArray(contacts.email, part)))),
    );
  }
  for (const part of chunk([...new Set(externalIds)])) {
    found.push(
      ...(await q
        .select()
        .from(contacts)
        .where(and(eq(contacts.workspaceId, workspaceId), inArray(contacts.externalId, part)))),
    );
  }
  return found;
}

export async function insertContacts(
  q: Queryable,
  workspaceId: string,
  rows: Pick<TContact, 'name' | 'email' | 'phone' | 'externalId' | 'attributes'>[],
) {
  for (let i = 0; i < rows.length; i += 500) {
    const part = rows.slice(i, i + 500);
    if (part.length > 0) {
      await q.insert(contacts).values(part.map((r) => ({ id: newId('ct'), workspaceId, ...r })));
    }
  }
}

/** Every custom attribute name used in the workspace, for export columns. */
export async function attributeKeys(q: Queryable, workspaceId: string): Promise<string[]> {
  const rows = await q
    .select({ key: sql<string>`distinct jsonb_object_keys(${contacts.attributes})` })
    .from(contacts)
    .where(eq(contacts.workspaceId, workspaceId));
  return rows.map((r) => r.key).sort();
}

export async function moveNotes(
  q: Queryable,
  workspaceId: string,
  fromContactId: string,
  toContactId: string,
) {
  await q
    .update(contactNotes)
    .set({ contactId: toContactId, updatedAt: new Date() })
    .where(and(eq(contactNotes.workspaceId, workspaceId), eq(contactNotes.contactId, fromContactId)));
}
