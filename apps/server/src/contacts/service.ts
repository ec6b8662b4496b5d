import ct from 'countries-and-timezones';
import { UAParser } from 'ua-parser-js';
import { endSocketsOnCommit } from '../events/service.ts';
import { type Ctx, inWorkspace, requireAgent } from '../platform/context.ts';
import { hashSecret } from '../platform/crypto.ts';
import { decodeIdCursor, nextIdCursor } from '../platform/cursor.ts';
import type { Queryable, Tx } from '../platform/db.ts';
import { notFound } from '../platform/errors.ts';
import { newSecret } from '../platform/ids.ts';
import { presentContact } from './presenter.ts';
import * as store from './store.ts';
import type { TAttributeValue } from './tables.ts';

export const VISITOR_TOKEN_PREFIX = 'pvt_';

export type TBrowserFacts = {
  userAgent: string | null;
  timeZone: string | null;
  language: string | null;
  page: string | null;
};

/** Browser, OS and country, derived on the server without any outside service. */
export function describeBrowser(facts: TBrowserFacts) {
  const ua = facts.userAgent ? UAParser(facts.userAgent) : null;
  const country = facts.timeZone ? (ct.getCountryForTimezone(facts.timeZone)?.id ?? null) : null;
  return {
    browser: ua?.browser.name ? `${ua.browser.name}${ua.browser.major ? ` ${ua.browser.major}` : ''}` : null,
    os: ua?.os.name ? `${ua.os.name}${ua.os.version ? ` ${ua.os.version}` : ''}` : null,
    country,
    timeZone: facts.timeZone,
    language: facts.language,
    ...(facts.page ? { currentPage: facts.page } : {}),
    lastSeenAt: new Date(),
  };
}

/** A new anonymous contact with a fresh visitor token for this browser. */
export async function createAnonymousVisitor(
  q: Queryable,
  workspaceId: string,
  inboxId: string,
  facts: TBrowserFacts,
) {
  const contact = await store.insertContact(q, workspaceId, describeBrowser(facts));
  const token = `${VISITOR_TOKEN_PREFIX}${newSecret()}`;
  const visitor = await store.insertVisitor(q, {
    workspaceId,
    inboxId,
    contactId: contact.id,
    tokenHash: hashSecret(token),
  });
  return { token, visitor, contact };
}

export async function findVisitorByToken(q: Queryable, token: string) {
  if (!token.startsWith(VISITOR_TOKEN_PREFIX) || token.length > 200) {
    return undefined;
  }
  return store.findVisitorByTokenHash(q, hashSecret(token));
}

export const findContact = store.findContact;
export const findContactByExternalId = store.findContactByExternalId;
export const updateContactRow = store.updateContact;
/** The visitor's browser speaks for another contact now: its open sockets reconnect, scoped to it. */
export async function bindVisitor(tx: Tx, workspaceId: string, visitorId: string, contactId: string) {
  await store.bindVisitor(tx, workspaceId, visitorId, contactId);
  endSocketsOnCommit(tx, { holders: [{ kind: 'visitor', visitorId }], reason: 'rights_changed' });
}
/** Every browser of `fromContactId` speaks for `toContactId` now: their open sockets reconnect. */
export async function moveVisitors(tx: Tx, workspaceId: string, fromContactId: string, toContactId: string) {
  await store.moveVisitors(tx, workspaceId, fromContactId, toContactId);
  endSocketsOnCommit(tx, {
    holders: [{ kind: 'contact', workspaceId, contactId: fromContactId }],
    reason: 'rights_changed',
  });
}
export const deleteContactRow = store.deleteContact;
/**
 * The token stops working, a hash of a secret nobody holds taking its place, and the sockets opened
 * with it close on every server once this commits.
 */
export async function revokeVisitorToken(tx: Tx, workspaceId: string, visitorId: string) {
  await store.revokeVisitorToken(tx, workspaceId, visitorId, hashSecret(`revoked:${newSecret()}`));
  endSocketsOnCommit(tx, { holders: [{ kind: 'visitor', visitorId }], reason: 'access_ended' });
}
/** Every browser of the contact starts fresh: their tokens stop working, their visits stay. */
export async function revokeVisitorTokensOf(q: Tx, workspaceId: string, contactId: string) {
  const visitorIds = await store.visitorIdsOf(q, workspaceId, contactId);
  for (const visitorId of visitorIds) {
    await revokeVisitorToken(q, workspaceId, visitorId);
  }
  return visitorIds;
}
export const touchVisitor = store.touchVisitor;
export const insertPageView = store.insertPageView;
export const setPageViewDuration = store.setPageViewDuration;

export async function listContacts(
  ctx: Ctx,
  opts: {
    limit: number;
    cursor?: string | undefined;
    search?: string | undefined;
    identified?: 'true' | 'false' | undefined;
    country?: string | undefined;
  },
) {
  requireAgent(ctx);
  const rows = await inWorkspace(ctx, (tx) =>
    store.listContacts(tx, ctx.workspaceId, {
      limit: opts.limit + 1,
      before: decodeIdCursor(opts.cursor),
      search: opts.search ?? null,
      isIdentified: opts.identified === undefined ? undefined : opts.identified === 'true',
      country: opts.country,
    }),
  );
  const items = rows.slice(0, opts.limit).map(presentContact);
  return { items, nextCursor: nextIdCursor(rows.length > opts.limit, items) };
}

export async function getContact(ctx: Ctx, id: string) {
  requireAgent(ctx);
  return inWorkspace(ctx, async (tx) => {
    const contact = await store.findContact(tx, ctx.workspaceId, id);
    if (!contact) {
      throw notFound('Contact');
    }
    const pageViews = await store.listPageViews(tx, ctx.workspaceId, id, 20);
    return {
      ...presentContact(contact),
      recentPageViews: pageViews.map((p) => ({
        id: p.id,
        url: p.url,
        title: p.title,
        startedAt: p.startedAt.toISOString(),
        durationMs: p.durationMs,
      })),
    };
  });
}

export async function updateContact(
  ctx: Ctx,
  id: string,
  patch: {
    name?: string | null | undefined;
    email?: string | null | undefined;
    phone?: string | null | undefined;
    attributes?: Record<string, TAttributeValue> | undefined;
  },
) {
  requireAgent(ctx);
  return inWorkspace(ctx, async (tx) => {
    const contact = await store.findContact(tx, ctx.workspaceId, id);
    if (!contact) {
      throw notFound('Contact');
    }
    const { attributes, ...rest } = patch;
    const updated = await store.updateContact(tx, ctx.workspaceId, id, {
      ...Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined)),
      ...(attributes ? { attributes: mergeAttributes(contact.attributes, attributes) } : {}),
    });
    return presentContact(updated!);
  });
}

/** Null removes an attribute; other values replace it. */
export function mergeAttributes(
  current: Record<string, NonNullable<TAttributeValue>>,
  patch: Record<string, TAttributeValue>,
) {
  const next = { ...current };
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) {
      delete next[k];
    } else {
      next[k] = v;
    }
  }
  return next;
}

/** A fresh contact for an existing visitor (another user signed in on the same browser). */
export async function createContactForVisitor(tx: Tx, workspaceId: string, visitorId: string) {
  const contact = await store.insertContact(tx, workspaceId, {});
  await bindVisitor(tx, workspaceId, visitorId, contact.id);
  return contact;
}
