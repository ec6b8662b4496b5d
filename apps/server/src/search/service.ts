import { type Ctx, inWorkspace, requireAgent } from '../platform/context.ts';
import * as store from './store.ts';
import { highlight, searchQuery, searchTerms } from './text.ts';

/**
 * Search across messages (full text and attachment names, newest first, with highlighted snippets
 * opened from the sealed text) and contacts (name, email, phone); conversations are those the hits belong to.
 */
export async function search(ctx: Ctx, input: { q: string; limit: number }) {
  requireAgent(ctx);
  const terms = searchTerms(input.q);
  const text = input.q.trim();
  return inWorkspace(ctx, async (tx) => {
    const messageHits =
      terms.length > 0 ? await store.findMessages(tx, ctx.workspaceId, searchQuery(terms), input.limit) : [];
    const contacts = text.length >= 2 ? await store.findContacts(tx, ctx.workspaceId, text, input.limit) : [];
    const names = await store.findAttachmentNames(
      tx,
      ctx.workspaceId,
      messageHits.map((h) => h.id),
    );
    const messages = [];
    for (const hit of messageHits) {
      if (hit.kind === 'activity') {
        continue;
      }
      const body = await ctx.platform.sealer.openText(tx, ctx.workspaceId, hit.body_sealed);
      messages.push({
        id: hit.id,
        conversationId: hit.conversation_id,
        kind: hit.kind,
        contact: { id: hit.contact_id, name: hit.contact_name, email: hit.contact_email },
        createdAt: new Date(hit.created_at).toISOString(),
        snippet: highlight(body, terms),
        // The attachments whose names match, with the matching words marked.
        attachments: names
          .filter((a) => a.message_id === hit.id)
          .map((a) => ({ id: a.id, filename: a.filename, snippet: highlight(a.filename, terms) }))
          .filter((a) => a.snippet.some((part) => part.isMatch)),
      });
    }
    return { query: text, terms, messages, contacts };
  });
}
