import { z } from 'zod';
import { type Emit, inWorkspaceWithEvents } from '../events/service.ts';
import { labelName } from '../labels/lookup.ts';
import { findUserById, membershipRole } from '../members/lookup.ts';
import {
  type Ctx,
  inWorkspace,
  type Platform,
  requireAgent,
  type TenantScope,
  type VisitorCtx,
  type WorkspaceCtx,
} from '../platform/context.ts';
import { decodeCursor, encodeCursor, type TCursorPart } from '../platform/cursor.ts';
import type { Tx } from '../platform/db.ts';
import { AppError, notFound } from '../platform/errors.ts';
import { jobKind } from '../platform/jobs.ts';
import { teamExists } from '../teams/lookup.ts';
import { postMessage } from './group-commit.ts';
import {
  type TConversationView,
  type TMessageView,
  toVisitorConversation,
  toVisitorMessage,
} from './presenter.ts';
import * as store from './store.ts';
import { loadConversationViews, loadMessageViews } from './views.ts';
import { ResolvedConversationClosed, type TSender, type TWritten, writeMessages } from './write-messages.ts';

async function conversationView(
  scope: TenantScope,
  tx: Tx,
  conversation: store.TConversation,
): Promise<TConversationView> {
  const [view] = await loadConversationViews(scope.platform, tx, scope.workspaceId, [conversation]);
  return view!;
}

function emitConversation(
  emit: Emit,
  view: TConversationView,
  type: 'conversation.created' | 'conversation.updated',
) {
  emit({ type, conversationId: view.id, contactId: view.contact.id, data: view });
}

// ── Visitors ─────────────────────────────────────────────────────────────────────────────────────

async function visitorConversation(ctx: VisitorCtx, tx: Tx, id: string) {
  const conversation = await store.findConversation(tx, ctx.workspaceId, id);
  // Another contact's conversation is reported exactly like a missing one.
  if (!conversation || conversation.contactId !== ctx.actor.contactId) {
    throw notFound('Conversation');
  }
  return conversation;
}

/** The visitor's own conversations, most recent activity first, a page at a time. */
export async function listConversationsForVisitor(
  ctx: VisitorCtx,
  page: { limit: number; cursor?: string | undefined } = { limit: 20 },
) {
  const sort = 'last_activity';
  return inWorkspace(ctx, async (tx) => {
    const rows = await store.listConversations(
      tx,
      ctx.workspaceId,
      { contactId: ctx.actor.contactId },
      { limit: page.limit + 1, sort, after: decodeCursor(page.cursor, CURSOR_SHAPES[sort]) },
    );
    const shown = rows.slice(0, page.limit);
    const views = await loadConversationViews(
      ctx.platform,
      tx,
      ctx.workspaceId,
      shown.map((r) => r.conversation),
    );
    const last = shown.at(-1);
    return {
      items: views.map(toVisitorConversation),
      nextCursor: rows.length > page.limit && last ? encodeCursor(last.cursorKey) : null,
    };
  });
}

export async function startConversationFromVisitor(
  ctx: VisitorCtx,
  input: { text: string; attachmentIds?: string[] | undefined; sourcePage?: string | null },
) {
  return inWorkspaceWithEvents(ctx, async (tx, emit) => {
    const conversation = await store.insertConversation(tx, {
      workspaceId: ctx.workspaceId,
      inboxId: ctx.actor.inboxId,
      contactId: ctx.actor.contactId,
      sourcePage: input.sourcePage ?? null,
    });
    emitConversation(emit, await conversationView(ctx, tx, conversation), 'conversation.created');
    const [{ message, conversationView: view }] = (await writeMessages(ctx, tx, emit, [
      {
        conversationId: conversation.id,
        kind: 'incoming',
        text: input.text,
        sender: { type: 'contact', id: ctx.actor.contactId },
        attachmentIds: input.attachmentIds,
      },
    ])) as [TWritten];
    return { conversation: toVisitorConversation(view), message: toVisitorMessage(message) };
  });
}

type TVisitorReply = { text?: string | undefined; attachmentIds?: string[] | undefined };

/**
 * A visitor's message in one of their conversations. A reply to a resolved conversation reopens it,
 * unless the inbox starts a new conversation for it instead: the answer is then the message as the
 * first of that new conversation (its `conversationId` tells the widget to follow).
 */
export async function postVisitorMessage(ctx: VisitorCtx, conversationId: string, input: TVisitorReply) {
  try {
    return await writeVisitorMessage(ctx, conversationId, input);
  } catch (err) {
    if (err instanceof ResolvedConversationClosed) {
      return startFollowUpConversation(ctx, input);
    }
    throw err;
  }
}

async function startFollowUpConversation(ctx: VisitorCtx, input: TVisitorReply) {
  const { message } = await startConversationFromVisitor(ctx, {
    text: input.text ?? '',
    attachmentIds: input.attachmentIds,
  });
  return message;
}

async function writeVisitorMessage(ctx: VisitorCtx, conversationId: string, input: TVisitorReply) {
  const { visitorId, tokenHash } = ctx.actor;
  const { message } = await postMessage(ctx, {
    conversationId,
    kind: 'incoming',
    text: input.text ?? '',
    sender: { type: 'visitor', visitorId, tokenHash: tokenHash ?? null },
    attachmentIds: input.attachmentIds,
  });
  return toVisitorMessage(message);
}

export async function listMessagesForVisitor(
  ctx: VisitorCtx,
  conversationId: string,
  page: { before?: string | undefined; limit: number },
) {
  return inWorkspace(ctx, async (tx) => {
    await visitorConversation(ctx, tx, conversationId);
    const rows = await store.listMessages(tx, ctx.workspaceId, conversationId, {
      before: page.before ?? null,
      limit: page.limit + 1,
      includeNotes: false,
    });
    const views = await loadMessageViews(
      ctx.platform,
      tx,
      ctx.workspaceId,
      rows.slice(0, page.limit).reverse(),
    );
    return {
      items: views.filter((m) => m.kind !== 'activity').map(toVisitorMessage),
      hasMore: rows.length > page.limit,
    };
  });
}

/** The visitor saw the team's replies: they become read, and the widget's badge clears. */
export async function markReadByVisitor(ctx: VisitorCtx, conversationId: string) {
  await inWorkspaceWithEvents(ctx, async (tx, emit) => {
    const conversation = await visitorConversation(ctx, tx, conversationId);
    const changed = await store.advanceMessageStatus(
      tx,
      ctx.workspaceId,
      { conversationId, kind: 'outgoing' },
      ['sent', 'delivered'],
      'read',
    );
    await emitStatusChanges(ctx, tx, emit, conversation, changed);
    if (conversation.unreadByContact > 0) {
      const updated = await store.updateConversation(tx, ctx.workspaceId, conversationId, {
        unreadByContact: 0,
      });
      emitConversation(emit, await conversationView(ctx, tx, updated), 'conversation.updated');
    }
  });
}

/** Only the newest few status changes are announced; clients treat earlier messages as read too. */
async function emitStatusChanges(
  scope: TenantScope,
  tx: Tx,
  emit: Emit,
  conversation: store.TConversation,
  ids: string[],
) {
  const recent = ids.slice(-20);
  if (recent.length === 0) {
    return;
  }
  const views = await loadMessageViews(
    scope.platform,
    tx,
    scope.workspaceId,
    await store.findMessagesByIds(tx, scope.workspaceId, recent),
  );
  for (const view of views.sort((a, b) => a.id.localeCompare(b.id))) {
    emit({
      type: 'message.updated',
      conversationId: conversation.id,
      contactId: conversation.contactId,
      // Agents show the status of replies only; a visitor's message being read is for the visitor.
      forAgents: view.kind !== 'incoming',
      data: view,
    });
  }
}

/**
 * Sockets on the other side received these messages (their views as the sockets got them): sent →
 * delivered in one transaction per batch, and a `message.updated` with the new status for each.
 */
export async function markDelivered(scope: TenantScope, sent: TMessageView[]) {
  await inWorkspaceWithEvents(scope, async (tx, emit) => {
    const changed = await store.markSentDelivered(
      tx,
      scope.workspaceId,
      sent.map((m) => m.id),
    );
    for (const view of [...sent].sort((a, b) => a.id.localeCompare(b.id))) {
      const contactId = changed.get(view.id);
      if (contactId !== undefined) {
        emit({
          type: 'message.updated',
          conversationId: view.conversationId,
          contactId,
          // Agents show the status of replies only; a visitor's message reaching them is for the visitor.
          forAgents: view.kind !== 'incoming',
          data: { ...view, status: 'delivered' },
        });
      }
    }
  });
}

/** Which conversation's contact a visitor typing event concerns (null when not theirs). */
export async function conversationContact(scope: TenantScope, conversationId: string) {
  return inWorkspace(scope, async (tx) => {
    const conversation = await store.findConversation(tx, scope.workspaceId, conversationId);
    if (!conversation) {
      return null;
    }
    const people = await store.peopleOf(tx, scope.workspaceId, [conversation.contactId], []);
    return {
      contactId: conversation.contactId,
      contactName: people.contacts.get(conversation.contactId)?.name ?? null,
    };
  });
}

// ── Agents ───────────────────────────────────────────────────────────────────────────────────────

async function agentConversation(ctx: WorkspaceCtx, tx: Tx, id: string) {
  const conversation = await store.findConversation(tx, ctx.workspaceId, id);
  if (!conversation) {
    throw notFound('Conversation');
  }
  return conversation;
}

/** The parts of each sort's key, as `conversations/store.ts` reads and compares them. */
const CURSOR_SHAPES: Record<store.TSort, TCursorPart[]> = {
  last_activity: ['timestamp', 'id'],
  newest: ['timestamp', 'id'],
  waiting_longest: ['timestamp', 'id'],
  priority: ['integer', 'timestamp', 'id'],
};

export type TAgentConversationFilter = Omit<store.TConversationFilter, 'assigneeId' | 'mentionedUserId'> & {
  /** "me", "unassigned" or a user id. */
  assignee?: string | undefined;
  mentioned?: 'me' | undefined;
};

export async function listConversationsForAgent(
  ctx: Ctx,
  filter: TAgentConversationFilter,
  page: { limit: number; cursor?: string | undefined; sort?: store.TSort | undefined },
) {
  requireAgent(ctx);
  const { assignee, mentioned, ...rest } = filter;
  const assigneeId =
    assignee === 'me'
      ? ctx.actor.kind === 'user'
        ? ctx.actor.userId
        : null
      : assignee === 'unassigned'
        ? null
        : assignee;
  const sort = page.sort ?? 'last_activity';
  return inWorkspace(ctx, async (tx) => {
    const rows = await store.listConversations(
      tx,
      ctx.workspaceId,
      {
        ...rest,
        ...(assignee === undefined ? {} : { assigneeId }),
        ...(mentioned === 'me' ? { mentionedUserId: ctx.actor.kind === 'user' ? ctx.actor.userId : '' } : {}),
      },
      { limit: page.limit + 1, sort, after: decodeCursor(page.cursor, CURSOR_SHAPES[sort]) },
    );
    const shown = rows.slice(0, page.limit);
    const items = await loadConversationViews(
      ctx.platform,
      tx,
      ctx.workspaceId,
      shown.map((r) => r.conversation),
    );
    const last = shown.at(-1);
    return { items, nextCursor: rows.length > page.limit && last ? encodeCursor(last.cursorKey) : null };
  });
}

/** How many open conversations each main view holds, for the sidebar. */
export async function countConversationViews(ctx: Ctx) {
  requireAgent(ctx);
  const userId = ctx.actor.kind === 'user' ? ctx.actor.userId : null;
  return inWorkspace(ctx, (tx) => store.countOpenViews(tx, ctx.workspaceId, userId));
}

export async function getConversationForAgent(ctx: Ctx, id: string) {
  requireAgent(ctx);
  return inWorkspace(ctx, async (tx) => conversationView(ctx, tx, await agentConversation(ctx, tx, id)));
}

export async function listMessagesForAgent(
  ctx: Ctx,
  conversationId: string,
  page: { before?: string | undefined; limit: number },
) {
  requireAgent(ctx);
  return inWorkspace(ctx, async (tx) => {
    await agentConversation(ctx, tx, conversationId);
    const rows = await store.listMessages(tx, ctx.workspaceId, conversationId, {
      before: page.before ?? null,
      limit: page.limit + 1,
      includeNotes: true,
    });
    const items = await loadMessageViews(
      ctx.platform,
      tx,
      ctx.workspaceId,
      rows.slice(0, page.limit).reverse(),
    );
    return { items, hasMore: rows.length > page.limit };
  });
}

function agentSender(ctx: WorkspaceCtx): TSender {
  return ctx.actor.kind === 'user' ? { type: 'user', id: ctx.actor.userId } : { type: 'system' };
}

export async function postAgentMessage(
  ctx: Ctx,
  conversationId: string,
  input: {
    text?: string | undefined;
    isPrivate?: boolean | undefined;
    attachmentIds?: string[] | undefined;
    mentions?: string[] | undefined;
  },
) {
  requireAgent(ctx);
  const { message } = await postMessage(ctx, {
    conversationId,
    kind: input.isPrivate ? 'note' : 'outgoing',
    text: input.text ?? '',
    sender: agentSender(ctx),
    attachmentIds: input.attachmentIds,
    mentions: input.mentions,
  });
  return message;
}

export async function markReadByAgent(ctx: Ctx, conversationId: string) {
  requireAgent(ctx);
  await inWorkspaceWithEvents(ctx, async (tx, emit) => {
    const conversation = await agentConversation(ctx, tx, conversationId);
    const changed = await store.advanceMessageStatus(
      tx,
      ctx.workspaceId,
      { conversationId, kind: 'incoming' },
      ['sent', 'delivered'],
      'read',
    );
    await emitStatusChanges(ctx, tx, emit, conversation, changed);
    if (conversation.unreadByAgents > 0) {
      const updated = await store.updateConversation(tx, ctx.workspaceId, conversationId, {
        unreadByAgents: 0,
      });
      emitConversation(emit, await conversationView(ctx, tx, updated), 'conversation.updated');
    }
  });
}

export type TConversationPatch = {
  status?: store.TConversationStatus | undefined;
  snoozedUntil?: string | undefined;
  priority?: store.TPriority | undefined;
  assigneeId?: string | null | undefined;
  teamId?: string | null | undefined;
};

/** Status, snooze, priority and assignment; each change leaves an activity line for the team. */
export async function updateConversationByAgent(ctx: Ctx, id: string, patch: TConversationPatch) {
  requireAgent(ctx);
  return inWorkspaceWithEvents(ctx, async (tx, emit) => {
    const conversation = await agentConversation(ctx, tx, id);
    const actorName =
      ctx.actor.kind === 'user'
        ? ((await findUserById(tx, ctx.actor.userId))?.name ?? 'Someone')
        : 'An API client';
    const changes: Partial<store.TConversation> = {};
    const lines: string[] = [];
    if (patch.status === 'snoozed' || patch.snoozedUntil) {
      const until = new Date(patch.snoozedUntil ?? '');
      if (Number.isNaN(until.getTime()) || until.getTime() <= Date.now()) {
        throw new AppError('validation_failed', 'Snoozing needs a snoozedUntil time in the future');
      }
      Object.assign(changes, { status: 'snoozed', snoozedUntil: until });
      lines.push(`${actorName} snoozed the conversation until ${until.toISOString()}`);
    } else if (patch.status && patch.status !== conversation.status) {
      Object.assign(changes, { status: patch.status, snoozedUntil: null });
      lines.push(
        `${actorName} ${patch.status === 'resolved' ? 'resolved' : `marked as ${patch.status}`} the conversation`,
      );
    }
    if (patch.priority && patch.priority !== conversation.priority) {
      changes.priority = patch.priority;
      lines.push(`${actorName} set the priority to ${patch.priority}`);
    }
    if (patch.assigneeId !== undefined && patch.assigneeId !== conversation.assigneeId) {
      if (patch.assigneeId !== null && !(await membershipRole(tx, ctx.workspaceId, patch.assigneeId))) {
        throw new AppError('validation_failed', 'The assignee is not a member of this workspace');
      }
      changes.assigneeId = patch.assigneeId;
      const assignee = patch.assigneeId ? await findUserById(tx, patch.assigneeId) : null;
      const isSelf = ctx.actor.kind === 'user' && assignee?.id === ctx.actor.userId;
      lines.push(
        isSelf
          ? `${actorName} self-assigned the conversation`
          : assignee
            ? `${actorName} assigned the conversation to ${assignee.name}`
            : `${actorName} unassigned the conversation`,
      );
    }
    if (patch.teamId !== undefined && patch.teamId !== conversation.teamId) {
      if (patch.teamId !== null && !(await teamExists(tx, ctx.workspaceId, patch.teamId))) {
        throw new AppError('validation_failed', 'The team does not exist in this workspace');
      }
      changes.teamId = patch.teamId;
      lines.push(
        patch.teamId ? `${actorName} assigned the conversation to a team` : `${actorName} removed the team`,
      );
    }
    let current = conversation;
    if (Object.keys(changes).length > 0) {
      current = await store.updateConversation(tx, ctx.workspaceId, id, changes);
    }
    if (changes.status === 'snoozed' && changes.snoozedUntil) {
      // The wake-up is a job scheduled in the same transaction: it exists exactly when the snooze does.
      await ctx.platform.jobs.enqueue(
        tx,
        WAKE_SNOOZED_JOB,
        {
          workspaceId: ctx.workspaceId,
          conversationId: id,
          snoozedUntil: changes.snoozedUntil.toISOString(),
        },
        { startAfter: changes.snoozedUntil },
      );
    }
    const written = await writeMessages(
      ctx,
      tx,
      emit,
      lines.map((text) => ({ conversationId: id, kind: 'activity', text, sender: { type: 'system' } })),
    );
    return written.at(-1)?.conversationView ?? conversationView(ctx, tx, current);
  });
}

/**
 * One change applied to many conversations, each on its own: a conversation that fails (not found, a
 * bad assignee) is reported with its error and the others are still changed.
 */
export async function updateConversations(
  ctx: Ctx,
  ids: string[],
  change: TConversationPatch & { addLabelId?: string | undefined },
) {
  requireAgent(ctx);
  const { addLabelId, ...patch } = change;
  const updated: string[] = [];
  const conversations: Awaited<ReturnType<typeof getConversationForAgent>>[] = [];
  const failed: { id: string; code: string; message: string }[] = [];
  for (const id of [...new Set(ids)]) {
    try {
      let view = Object.keys(patch).length > 0 ? await updateConversationByAgent(ctx, id, patch) : null;
      if (addLabelId) {
        view = await setLabel(ctx, id, addLabelId, true);
      }
      conversations.push(view ?? (await getConversationForAgent(ctx, id)));
      updated.push(id);
    } catch (err) {
      if (!(err instanceof AppError)) {
        throw err;
      }
      failed.push({ id, code: err.code, message: err.message });
    }
  }
  return { updated, conversations, failed };
}

export async function setLabel(ctx: Ctx, conversationId: string, labelId: string, isAdded: boolean) {
  requireAgent(ctx);
  return inWorkspaceWithEvents(ctx, async (tx, emit) => {
    const conversation = await agentConversation(ctx, tx, conversationId);
    if (!(await labelName(tx, ctx.workspaceId, labelId))) {
      throw notFound('Label');
    }
    if (isAdded) {
      await store.addLabel(tx, ctx.workspaceId, conversationId, labelId);
    } else if (!(await store.removeLabel(tx, ctx.workspaceId, conversationId, labelId))) {
      throw notFound('Label on this conversation');
    }
    const view = await conversationView(ctx, tx, conversation);
    emitConversation(emit, view, 'conversation.updated');
    return view;
  });
}

/** Identity merge: the anonymous contact's conversations move to the identified contact. */
export async function moveContactConversations(
  tx: Tx,
  workspaceId: string,
  fromContactId: string,
  toContactId: string,
) {
  await store.moveConversations(tx, workspaceId, fromContactId, toContactId);
}

export async function unassignUser(tx: Tx, workspaceId: string, userId: string) {
  await store.unassignUser(tx, workspaceId, userId);
}

export const WAKE_SNOOZED_JOB = jobKind(
  'conversations.wake_snoozed',
  z.object({ workspaceId: z.string(), conversationId: z.string(), snoozedUntil: z.string() }),
);

/**
 * The job behind snoozing: when the time comes, a conversation still snoozed until that time opens
 * again (a later snooze or a reply in between wins) and the team sees it come back.
 */
export async function wakeSnoozedConversation(
  platform: Platform,
  { workspaceId, conversationId, snoozedUntil }: z.output<typeof WAKE_SNOOZED_JOB.payload>,
) {
  const scope = { platform, workspaceId };
  await inWorkspaceWithEvents(scope, async (tx, emit) => {
    const conversation = await store.findConversation(tx, workspaceId, conversationId, { forUpdate: true });
    const isStillSnoozed =
      conversation?.status === 'snoozed' &&
      conversation.snoozedUntil?.toISOString() === new Date(snoozedUntil).toISOString();
    if (!isStillSnoozed) {
      return;
    }
    await store.updateConversation(tx, workspaceId, conversationId, { status: 'open', snoozedUntil: null });
    await writeMessages(scope, tx, emit, [
      {
        conversationId,
        kind: 'activity',
        text: 'The snooze ended; the conversation is open again',
        sender: { type: 'system' },
      },
    ]);
  });
}

const DELIVERY_RANK = { pending: 0, sent: 1, delivered: 2, read: 3, failed: 4 } as const;

/**
 * A channel's word on a reply: its status moves forward only (a late "sent" after "delivered" changes
 * nothing), `failed` only from pending or sent, and the team sees the change live. Returns whether
 * anything changed.
 */
export async function recordDelivery(
  scope: TenantScope,
  tx: Tx,
  emit: Emit,
  messageId: string,
  change: { status: keyof typeof DELIVERY_RANK; reason?: string | null; externalId?: string },
) {
  const [row] = await store.findMessagesByIds(tx, scope.workspaceId, [messageId]);
  if (!row) {
    return false;
  }
  const current = row.message.status;
  const isForward =
    change.status === 'failed'
      ? current === 'pending' || current === 'sent'
      : current !== 'failed' && DELIVERY_RANK[change.status] > DELIVERY_RANK[current];
  if (!isForward && change.externalId === undefined) {
    return false;
  }
  await store.setDelivery(tx, scope.workspaceId, messageId, {
    ...(isForward ? { status: change.status, statusReason: change.reason ?? null } : {}),
    ...(change.externalId === undefined ? {} : { externalId: change.externalId }),
  });
  if (isForward) {
    const conversation = await store.findConversation(tx, scope.workspaceId, row.message.conversationId);
    if (conversation) {
      await emitStatusChanges(scope, tx, emit, conversation, [messageId]);
    }
  }
  return isForward;
}
