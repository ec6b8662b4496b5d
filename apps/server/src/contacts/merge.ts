import { moveContactConversations } from '../conversations/service.ts';
import { type Ctx, inWorkspace, requireAgent } from '../platform/context.ts';
import { AppError, conflict, notFound } from '../platform/errors.ts';
import { presentContact } from './presenter.ts';
import { moveVisitors, revokeVisitorTokensOf } from './service.ts';
import type { TContact } from './store.ts';
import * as store from './store.ts';

/**
 * Which side's browsers may go on reading the merged contact: only those of the side that carries the
 * merged contact's proven identity (a valid identity hash), or, when neither side is proven, those of
 * the kept contact. Any other browser would read history its own proof never reached, so its tokens
 * are revoked and it starts fresh; a proven user's browser identifies again and joins.
 */
function browsersKeptByMerge(keep: TContact, duplicate: TContact) {
  const provenSide = keep.isVerified ? 'keep' : duplicate.isVerified ? 'duplicate' : null;
  return { keep: provenSide !== 'duplicate', duplicate: provenSide === 'duplicate' };
}

/**
 * Merges a duplicate into the contact to keep: conversations, browsers and visits move over, empty
 * fields are filled from the duplicate, attributes combine (the kept contact's win), and the
 * duplicate is deleted. Browsers keep their tokens only as `browsersKeptByMerge` allows. Two contacts
 * identified as different users are never merged.
 */
export async function mergeContacts(ctx: Ctx, keepId: string, duplicateId: string) {
  requireAgent(ctx);
  if (keepId === duplicateId) {
    throw new AppError('validation_failed', 'Choose two different contacts to merge');
  }
  return inWorkspace(ctx, async (tx) => {
    const keep = await store.findContact(tx, ctx.workspaceId, keepId);
    const duplicate = await store.findContact(tx, ctx.workspaceId, duplicateId);
    if (!keep || !duplicate) {
      throw notFound('Contact');
    }
    if (keep.externalId && duplicate.externalId && keep.externalId !== duplicate.externalId) {
      throw conflict(
        'These contacts are identified as two different users of your product; they cannot be merged',
      );
    }
    const kept = browsersKeptByMerge(keep, duplicate);
    if (!kept.keep) {
      await revokeVisitorTokensOf(tx, ctx.workspaceId, keep.id);
    }
    if (!kept.duplicate) {
      await revokeVisitorTokensOf(tx, ctx.workspaceId, duplicate.id);
    }
    await moveContactConversations(tx, ctx.workspaceId, duplicate.id, keep.id);
    await moveVisitors(tx, ctx.workspaceId, duplicate.id, keep.id);
    await store.moveNotes(tx, ctx.workspaceId, duplicate.id, keep.id);
    await store.deleteContact(tx, ctx.workspaceId, duplicate.id);
    const merged = await store.updateContact(tx, ctx.workspaceId, keep.id, {
      name: keep.name ?? duplicate.name,
      email: keep.email ?? duplicate.email,
      phone: keep.phone ?? duplicate.phone,
      avatarUrl: keep.avatarUrl ?? duplicate.avatarUrl,
      externalId: keep.externalId ?? duplicate.externalId,
      isVerified: keep.isVerified || duplicate.isVerified,
      attributes: { ...duplicate.attributes, ...keep.attributes },
      lastSeenAt: new Date(Math.max(keep.lastSeenAt.getTime(), duplicate.lastSeenAt.getTime())),
      browser: keep.browser ?? duplicate.browser,
      os: keep.os ?? duplicate.os,
      country: keep.country ?? duplicate.country,
      timeZone: keep.timeZone ?? duplicate.timeZone,
      language: keep.language ?? duplicate.language,
      currentPage: keep.currentPage ?? duplicate.currentPage,
    });
    const firstSeenAt = new Date(Math.min(keep.firstSeenAt.getTime(), duplicate.firstSeenAt.getTime()));
    await store.setFirstSeen(tx, ctx.workspaceId, keep.id, firstSeenAt);
    return presentContact({ ...merged!, firstSeenAt });
  });
}
