import { createHmac, timingSafeEqual } from 'node:crypto';
import type { TBootResponse, TIdentifyResponse } from '../../../../packages/shared/src/api/widget.ts';
import { presentContactForVisitor } from '../contacts/presenter.ts';
import {
  bindVisitor,
  createAnonymousVisitor,
  createContactForVisitor,
  deleteContactRow,
  describeBrowser,
  findContact,
  findContactByExternalId,
  findVisitorByToken,
  insertPageView,
  mergeAttributes,
  moveVisitors,
  revokeVisitorToken,
  setPageViewDuration,
  type TBrowserFacts,
  touchVisitor,
  updateContactRow,
  VISITOR_TOKEN_PREFIX,
} from '../contacts/service.ts';
import type { TAttributeValue } from '../contacts/tables.ts';
import { uploadAttachment } from '../conversations/attachments.ts';
import {
  listConversationsForVisitor,
  moveContactConversations,
  postVisitorMessage,
  startConversationFromVisitor,
} from '../conversations/service.ts';
import { presentInboxForWidget } from '../inboxes/presenter.ts';
import { findInbox, findInboxByWidgetKey, identitySecretOf } from '../inboxes/service.ts';
import { channelDisconnected } from '../platform/channels.ts';
import { inWorkspace, type Platform, type VisitorCtx } from '../platform/context.ts';
import { hashSecret } from '../platform/crypto.ts';
import type { Tx } from '../platform/db.ts';
import { AppError, notFound } from '../platform/errors.ts';
import { isRuledByInbox, requireInboxRules, type TPreChat, type TVisitorWrite } from './policy.ts';

/** Resolves the widget's visitor token to a visitor context, or null. */
export async function resolveVisitor(platform: Platform, token: string): Promise<VisitorCtx | null> {
  const visitor = await findVisitorByToken(platform.db, token);
  if (!visitor) {
    return null;
  }
  return visitorCtx(platform, visitor.id, visitor.contactId, visitor.inboxId, visitor.workspaceId);
}

type TKnownVisitor = { ctx: VisitorCtx; at: number };
const knownVisitors = new WeakMap<Platform, Map<string, TKnownVisitor>>();
const KNOWN_VISITOR_MS = 5 * 60_000;
const KNOWN_VISITOR_MAX = 20_000;

/**
 * Like resolveVisitor, from memory when the token was seen lately: for writes that check the token
 * again inside their own transaction (a message in a group commit compares the token's hash with the
 * visitor row and takes the contact from there), so a revoked token or a moved visitor is still
 * refused or followed exactly. A token's visitor, inbox and workspace never change.
 */
export async function resolveVisitorForWrite(platform: Platform, token: string): Promise<VisitorCtx | null> {
  if (!token.startsWith(VISITOR_TOKEN_PREFIX) || token.length > 200) {
    return null;
  }
  const tokenHash = hashSecret(token);
  let known = knownVisitors.get(platform);
  if (!known) {
    known = new Map();
    knownVisitors.set(platform, known);
  }
  const hit = known.get(tokenHash);
  if (hit && Date.now() - hit.at < KNOWN_VISITOR_MS) {
    return hit.ctx;
  }
  const ctx = await resolveVisitor(platform, token);
  if (!ctx) {
    known.delete(tokenHash);
    return null;
  }
  ctx.actor.tokenHash = tokenHash;
  known.delete(tokenHash);
  if (known.size >= KNOWN_VISITOR_MAX) {
    // The oldest entry goes (a Map iterates in insertion order).
    const oldest = known.keys().next().value;
    if (oldest !== undefined) {
      known.delete(oldest);
    }
  }
  known.set(tokenHash, { ctx, at: Date.now() });
  return ctx;
}

async function recordPageView(
  tx: Tx,
  ctx: VisitorCtx,
  page: { url: string; title?: string | undefined; referrer?: string | undefined },
) {
  const view = await insertPageView(tx, {
    workspaceId: ctx.workspaceId,
    contactId: ctx.actor.contactId,
    visitorId: ctx.actor.visitorId,
    url: page.url,
    title: page.title ?? null,
    referrer: page.referrer ?? null,
  });
  await updateContactRow(tx, ctx.workspaceId, ctx.actor.contactId, {
    currentPage: page.url,
    lastSeenAt: new Date(),
  });
  return view.id;
}

/**
 * The widget's first call on every page: finds or creates the visitor behind the token (a token from
 * another inbox or an unknown one starts a new anonymous visitor), notes the page and the browser.
 */
export async function boot(
  platform: Platform,
  input: {
    widgetKey: string;
    visitorToken?: string | null | undefined;
    page: { url: string; title?: string | undefined; referrer?: string | undefined };
    timeZone?: string | undefined;
    language?: string | undefined;
  },
  userAgent: string | null,
): Promise<TBootResponse> {
  const inbox = await findInboxByWidgetKey(platform, input.widgetKey);
  if (!inbox) {
    throw notFound('Widget');
  }
  if (inbox.channelState !== 'connected') {
    // A disconnected website inbox takes no visitors: the widget stays hidden.
    throw channelDisconnected();
  }
  const facts: TBrowserFacts = {
    userAgent,
    timeZone: input.timeZone ?? null,
    language: input.language ?? null,
    page: input.page.url,
  };
  const known = input.visitorToken ? await resolveVisitor(platform, input.visitorToken) : null;
  const scope = { platform, workspaceId: inbox.workspaceId };
  const { ctx, token } = await inWorkspace(scope, async (tx) => {
    if (known && known.actor.inboxId === inbox.id) {
      await touchVisitor(tx, known.actor.visitorId);
      await updateContactRow(tx, inbox.workspaceId, known.actor.contactId, describeBrowser(facts));
      return { ctx: known, token: input.visitorToken! };
    }
    const created = await createAnonymousVisitor(tx, inbox.workspaceId, inbox.id, facts);
    const ctx = visitorCtx(platform, created.visitor.id, created.contact.id, inbox.id, inbox.workspaceId);
    return { ctx, token: created.token };
  });
  const pageViewId = await inWorkspace(ctx, (tx) => recordPageView(tx, ctx, input.page));
  return {
    visitorToken: token,
    contact: await visitorContact(ctx),
    inbox: presentInboxForWidget(inbox),
    conversations: (await listConversationsForVisitor(ctx)).items,
    pageViewId,
  };
}

function visitorCtx(
  platform: Platform,
  visitorId: string,
  contactId: string,
  inboxId: string,
  workspaceId: string,
): VisitorCtx {
  return {
    platform,
    actor: { kind: 'visitor', visitorId, contactId, inboxId, userId: null },
    workspaceId,
    role: null,
    csrfToken: null,
  };
}

async function visitorContact(ctx: VisitorCtx) {
  const contact = await inWorkspace(ctx, (tx) => findContact(tx, ctx.workspaceId, ctx.actor.contactId));
  if (!contact) {
    throw notFound('Contact');
  }
  return presentContactForVisitor(contact);
}

export function userHashOf(secret: string, userId: string) {
  return createHmac('sha256', secret).update(userId).digest('hex');
}

function isHashValid(secret: string, userId: string, userHash: string | undefined) {
  if (!userHash) {
    return false;
  }
  const expected = Buffer.from(userHashOf(secret, userId), 'utf8');
  const given = Buffer.from(userHash.toLowerCase(), 'utf8');
  return expected.length === given.length && timingSafeEqual(expected, given);
}

export type TIdentify = {
  userId: string;
  email?: string | undefined;
  name?: string | undefined;
  phone?: string | undefined;
  attributes?: Record<string, TAttributeValue> | undefined;
  userHash?: string | undefined;
};

/**
 * Tells Parley who the visitor is. With a valid hash (HMAC-SHA256 of the user id with the inbox's
 * secret) the browser joins that user's contact and sees their conversations from any device. Without
 * one, the visitor keeps its own contact. A contact proven by a hash is never joined to, nor visible
 * from, a contact or token that claimed the user id without proof: once a hash was seen for a user id,
 * claims without one are refused, and a claim made earlier without proof loses the user id to the
 * proven user instead of receiving them.
 */
export async function identify(ctx: VisitorCtx, input: TIdentify): Promise<TIdentifyResponse> {
  const next = await inWorkspace(ctx, async (tx) => {
    const inbox = await findInbox(tx, ctx.workspaceId, ctx.actor.inboxId);
    if (!inbox) {
      throw notFound('Widget');
    }
    const secret = await identitySecretOf(ctx.platform, tx, inbox);
    const isVerified = isHashValid(secret, input.userId, input.userHash);
    let current = await findContact(tx, ctx.workspaceId, ctx.actor.contactId);
    if (!current) {
      throw notFound('Contact');
    }
    requireInboxRules(inbox, current, {
      kind: 'identify',
      hasHash: Boolean(input.userHash),
      isHashValid: isVerified,
    });
    let existing = await findContactByExternalId(tx, ctx.workspaceId, input.userId);
    if (!isVerified && existing && (existing.isVerified || existing.id !== current.id)) {
      throw new AppError(
        'identity_verification_required',
        'This user id was already identified; identify with a valid userHash to continue as this user',
      );
    }
    if (isVerified && existing && !existing.isVerified && existing.id !== current.id) {
      // Claimed earlier without proof (perhaps by someone else): that contact keeps what it wrote but
      // loses the user id, and the proven user continues on a contact of their own.
      await updateContactRow(tx, ctx.workspaceId, existing.id, { externalId: null });
      existing = undefined;
    }
    const fields = {
      ...(input.name === undefined ? {} : { name: input.name }),
      ...(input.email === undefined ? {} : { email: input.email }),
      ...(input.phone === undefined ? {} : { phone: input.phone }),
    };
    let target: string;
    if (existing && existing.id !== current.id) {
      // Verified (checked above): this browser joins the known user; an anonymous contact's history
      // moves along.
      if (current.externalId === null) {
        await moveContactConversations(tx, ctx.workspaceId, current.id, existing.id);
        await moveVisitors(tx, ctx.workspaceId, current.id, existing.id);
        await deleteContactRow(tx, ctx.workspaceId, current.id);
      } else {
        await bindVisitor(tx, ctx.workspaceId, ctx.actor.visitorId, existing.id);
      }
      current = existing;
      target = existing.id;
    } else if (current.externalId !== null && current.externalId !== input.userId) {
      // Another user signed in on this browser without a reset: give them a contact of their own.
      const fresh = await createAnonymousVisitorContact(tx, ctx);
      current = fresh;
      target = fresh.id;
    } else {
      target = current.id;
    }
    await updateContactRow(tx, ctx.workspaceId, target, {
      ...fields,
      externalId: input.userId,
      isVerified: isVerified || current.isVerified,
      ...(input.attributes ? { attributes: mergeAttributes(current.attributes, input.attributes) } : {}),
      lastSeenAt: new Date(),
    });
    return target;
  });
  const nextCtx: VisitorCtx = { ...ctx, actor: { ...ctx.actor, contactId: next } };
  return {
    contact: await visitorContact(nextCtx),
    conversations: (await listConversationsForVisitor(nextCtx)).items,
  };
}

function createAnonymousVisitorContact(tx: Tx, ctx: VisitorCtx) {
  return createContactForVisitor(tx, ctx.workspaceId, ctx.actor.visitorId);
}

export async function resetVisitor(ctx: VisitorCtx) {
  await inWorkspace(ctx, (tx) => revokeVisitorToken(tx, ctx.workspaceId, ctx.actor.visitorId));
}

export async function updateVisitorContact(
  ctx: VisitorCtx,
  patch: { name?: string | undefined; email?: string | undefined },
) {
  await inWorkspace(ctx, (tx) => updateContactRow(tx, ctx.workspaceId, ctx.actor.contactId, patch));
  return visitorContact(ctx);
}

/** Every visitor write that an inbox setting may forbid passes here, whatever the widget showed. */
async function checkInboxRules(ctx: VisitorCtx, write: TVisitorWrite) {
  if (!isRuledByInbox(write)) {
    return;
  }
  const { inbox, contact } = await inWorkspace(ctx, async (tx) => ({
    inbox: await findInbox(tx, ctx.workspaceId, ctx.actor.inboxId),
    contact: await findContact(tx, ctx.workspaceId, ctx.actor.contactId),
  }));
  if (!inbox || !contact) {
    throw notFound('Widget');
  }
  requireInboxRules(inbox, contact, write);
}

export async function startConversation(
  ctx: VisitorCtx,
  input: { text: string; attachmentIds?: string[] | undefined; preChat?: TPreChat | undefined },
) {
  const { preChat, ...message } = input;
  await checkInboxRules(ctx, {
    kind: 'conversation',
    attachmentIds: message.attachmentIds ?? [],
    preChat,
  });
  if (preChat && (preChat.name || preChat.email)) {
    await updateVisitorContact(ctx, { name: preChat.name, email: preChat.email });
  }
  // The page the visitor is on, as the widget reported it (a Referer may be cut to the origin).
  const sourcePage = await currentPageOf(ctx);
  return startConversationFromVisitor(ctx, { ...message, sourcePage });
}

export async function sendMessage(
  ctx: VisitorCtx,
  conversationId: string,
  input: { text?: string | undefined; attachmentIds?: string[] | undefined },
) {
  await checkInboxRules(ctx, { kind: 'message', attachmentIds: input.attachmentIds ?? [] });
  return postVisitorMessage(ctx, conversationId, input);
}

export async function uploadVisitorAttachment(
  ctx: VisitorCtx,
  readFile: () => Promise<{ filename: string; bytes: Buffer }>,
) {
  await checkInboxRules(ctx, { kind: 'upload' });
  return uploadAttachment(ctx, { type: 'contact', id: ctx.actor.contactId }, await readFile());
}

export async function addPageView(
  ctx: VisitorCtx,
  page: { url: string; title?: string | undefined; referrer?: string | undefined },
) {
  return { id: await inWorkspace(ctx, (tx) => recordPageView(tx, ctx, page)) };
}

export async function recordDuration(ctx: VisitorCtx, pageViewId: string, durationMs: number) {
  const isKnown = await inWorkspace(ctx, (tx) =>
    setPageViewDuration(tx, ctx.workspaceId, ctx.actor.visitorId, pageViewId, durationMs),
  );
  if (!isKnown) {
    throw notFound('Page view');
  }
}

export async function currentPageOf(ctx: VisitorCtx): Promise<string | null> {
  const contact = await inWorkspace(ctx, (tx) => findContact(tx, ctx.workspaceId, ctx.actor.contactId));
  return contact?.currentPage ?? null;
}
