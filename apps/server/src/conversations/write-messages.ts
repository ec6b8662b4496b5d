// The one way a message is written, whatever its source: a visitor in the widget, an agent, the system,
// a channel or the API. One set of rules (unread counts, waiting time, re-opening, first reply,
// assignment on reply, attachments, mentions, search words) in one statement, and one view builder.
// The group commit (group-commit.ts) is how many of these are written together; a transaction that
// already holds a conversation (a new conversation's first message, activity lines) calls
// `writeMessages` directly. See docs/decisions/0013-one-message-path.md.

import type { Emit } from '../events/service.ts';
import { notifyMentions } from '../notifications/service.ts';
import { channelDisconnected, DELIVER_MESSAGE_JOB } from '../platform/channels.ts';
import type { TenantScope } from '../platform/context.ts';
import type { Queryable, Tx } from '../platform/db.ts';
import { AppError, forbidden, notFound } from '../platform/errors.ts';
import { newId } from '../platform/ids.ts';
import { runStatement } from '../platform/tenant-transaction.ts';
import { fileNameWords } from '../search/text.ts';
import { isSearchIndexAllowed } from '../workspaces/service.ts';
import { detectLanguage } from './language.ts';
import {
  conversationView as buildConversationView,
  messageView as buildMessageView,
  type TConversationView,
  type TMessageView,
} from './presenter.ts';
import * as store from './store.ts';
import type { DELIVERY_STATUSES, MESSAGE_KINDS } from './tables.ts';
import { loadConversationViews } from './views.ts';

const MAX_TEXT = 20_000;

/**
 * Who wrote a message. A visitor is named by the widget's token, which must still name a visitor whose
 * contact owns the conversation when the message is written; a contact is one a channel identified.
 */
export type TSender =
  | { type: 'visitor'; visitorId: string; tokenHash: string | null }
  | { type: 'contact'; id: string }
  | { type: 'user'; id: string }
  | { type: 'system' };

export type TNewMessage = {
  conversationId: string;
  kind: (typeof MESSAGE_KINDS)[number];
  text: string;
  sender: TSender;
  attachmentIds?: string[] | undefined;
  /** Teammates to notify; private notes only. */
  mentions?: string[] | undefined;
  /** The channel's own id for the message (stored once per id). */
  externalId?: string | null | undefined;
  /** Where delivery starts: `pending` for a message a channel still has to send. */
  status?: (typeof DELIVERY_STATUSES)[number] | undefined;
};

export type TWritten = {
  message: TMessageView;
  conversationView: TConversationView;
  conversation: store.TConversation;
};

/**
 * A visitor's reply to their resolved conversation, in an inbox that starts a new conversation
 * instead of reopening it: the caller starts that conversation with the message.
 */
export class ResolvedConversationClosed extends AppError {
  constructor() {
    super('conflict', 'This conversation is resolved; a reply starts a new conversation', 409);
  }
}

/** The rules a message must meet before it is written; returns it with its text trimmed. */
export function checkedMessage(input: TNewMessage): TNewMessage {
  const attachmentIds = input.attachmentIds ?? [];
  if (attachmentIds.length > 0 && input.sender.type === 'system') {
    // An API token uploads nothing, so it has no files of its own to send; never drop them silently.
    throw forbidden('Attachments are sent by a signed-in agent; an API token cannot attach files');
  }
  const text = input.text.trim();
  if (!text && attachmentIds.length === 0) {
    throw new AppError('validation_failed', 'Write a message or attach a file');
  }
  if (text.length > MAX_TEXT) {
    throw new AppError('validation_failed', `Messages are limited to ${MAX_TEXT} characters`);
  }
  if (input.mentions?.length && input.kind !== 'note') {
    throw new AppError(
      'validation_failed',
      'Mention teammates in private notes, not in replies to the contact',
    );
  }
  return { ...input, text, attachmentIds };
}

/** A checked message on its way to the statement: id, language and sealed text. */
export type TPrepared = TNewMessage & {
  id: string;
  language: string | null;
  sealed: string;
};

/** Language detection runs while a message waits for its batch; sealing when the batch is prepared. */
export function detecting(message: TNewMessage): Promise<string | null> {
  return message.kind === 'activity' ? Promise.resolve(null) : detectLanguage(message.text);
}

/** `q`: the open transaction when there is one (PGlite has one connection: outside it would wait). */
export async function prepared(
  scope: TenantScope,
  message: TNewMessage,
  language: string | null,
  id: string = newId('msg'),
  q: Queryable = scope.platform.db,
): Promise<TPrepared> {
  const sealed = await scope.platform.sealer.seal(q, scope.workspaceId, message.text);
  return { ...message, id, language, sealed };
}

/**
 * Messages of one statement: at most one kind per conversation (a reply after a visitor's message
 * waits for the next statement), which keeps each conversation's update one row.
 */
export function splitByKind<T>(
  items: T[],
  messageOf: (item: T) => Pick<TNewMessage, 'conversationId' | 'kind'>,
  max = Number.POSITIVE_INFINITY,
): { taken: T[]; rest: T[] } {
  const taken: T[] = [];
  const rest: T[] = [];
  const kinds = new Map<string, string>();
  for (const item of items) {
    const { conversationId, kind: itemKind } = messageOf(item);
    const kind = kinds.get(conversationId);
    if (taken.length < max && (kind === undefined || kind === itemKind)) {
      kinds.set(conversationId, itemKind);
      taken.push(item);
    } else {
      rest.push(item);
    }
  }
  return { taken, rest };
}

const senderId = (s: TSender) => (s.type === 'user' || s.type === 'contact' ? s.id : null);

/**
 * The statement for these messages (at most one kind per conversation). Search words are kept only
 * when the workspace allows a search index.
 */
export function messagesStatement(
  workspaceId: string,
  items: TPrepared[],
  isIndexed: boolean,
  sendingChannels: string[],
) {
  return store.messagesStatement(
    workspaceId,
    items.map((m) => ({
      id: m.id,
      conversationId: m.conversationId,
      kind: m.kind,
      senderType: m.sender.type,
      senderId: senderId(m.sender),
      visitorId: m.sender.type === 'visitor' ? m.sender.visitorId : null,
      tokenHash: m.sender.type === 'visitor' ? m.sender.tokenHash : null,
      bodySealed: m.sealed,
      language: m.language,
      words: isIndexed && m.kind !== 'activity' ? m.text : null,
      externalId: m.externalId ?? null,
      status: m.status ?? 'sent',
    })),
    sendingChannels,
  );
}

const toDate = (v: string | null) => (v === null ? null : new Date(v));

function conversationOf(row: store.TWrittenConversationRow): store.TConversation {
  const { contact: _c, assignee: _a, labels: _l, ...c } = row;
  return {
    ...c,
    snoozedUntil: toDate(c.snoozedUntil),
    firstReplyAt: toDate(c.firstReplyAt),
    lastActivityAt: new Date(c.lastActivityAt),
    waitingSince: toDate(c.waitingSince),
    createdAt: new Date(c.createdAt),
    updatedAt: new Date(c.updatedAt),
  };
}

/**
 * After the statement, in its transaction: attachments claimed, mentions notified, views built and
 * events emitted. Returns each message's result, or the error that refused it, in input order. A
 * refusal found here (an attachment that is not the sender's, a mention of a stranger) throws: the
 * transaction rolls back, and a batch is then written one message at a time.
 */
export async function finishMessages(
  scope: TenantScope,
  tx: Tx,
  emit: Emit,
  items: TPrepared[],
  result: store.TMessagesResult,
  isIndexed: boolean,
): Promise<(TWritten | Error)[]> {
  const { platform, workspaceId } = scope;
  const { checks, inserted, updated } = result;
  const outcomes: (TWritten | Error | null)[] = items.map(() => null);
  const accepted: { item: TPrepared; index: number; check: store.TMessageCheck }[] = [];
  items.forEach((item, index) => {
    const check = checks[index]!;
    if (check.isOk) {
      accepted.push({ item, index, check });
    } else if (item.sender.type === 'visitor' && check.isConversationFound && !check.contactSender) {
      outcomes[index] = new AppError(
        'unauthenticated',
        'Unknown or expired visitor token; boot the widget again',
      );
    } else if (check.isChannelClosed) {
      outcomes[index] = channelDisconnected();
    } else if (check.isResolvedClosed) {
      outcomes[index] = new ResolvedConversationClosed();
    } else {
      // Another contact's conversation is reported exactly like a missing one.
      outcomes[index] = notFound('Conversation');
    }
  });
  if (accepted.length === 0) {
    return outcomes as (TWritten | Error)[];
  }
  const createdAt = new Map(inserted.map((r) => [r.id, new Date(r.createdAt)]));
  const status = new Map(inserted.map((r) => [r.id, r.status]));
  const rows = new Map(updated.map((r) => [r.id, r]));
  const lastOf = new Map<string, string>();
  for (const a of accepted) {
    lastOf.set(a.item.conversationId, a.item.id);
  }
  const finalViews = new Map<string, TConversationView>();
  const views: TMessageView[] = [];
  for (const a of accepted) {
    const { item, check } = a;
    const row = rows.get(item.conversationId)!;
    let files: store.TAttachment[] = [];
    const attachmentIds = item.attachmentIds ?? [];
    if (attachmentIds.length > 0 && (item.sender.type === 'user' || check.contactSender)) {
      const uploader =
        item.sender.type === 'user'
          ? { type: 'user' as const, id: item.sender.id }
          : { type: 'contact' as const, id: check.contactSender! };
      files = await store.claimAttachments(tx, workspaceId, attachmentIds, uploader, item.id);
      if (files.length !== new Set(attachmentIds).size) {
        throw new AppError('validation_failed', 'An attachment is unknown, already sent or not yours', {
          attachmentIds,
        });
      }
      // Attachment names are searchable too (names are not sealed); their words join the message's.
      if (isIndexed) {
        await store.addSearchWords(tx, workspaceId, item.id, fileNameWords(files.map((f) => f.filename)));
      }
    }
    const isVisible = item.kind === 'incoming' || item.kind === 'outgoing';
    const message = {
      id: item.id,
      conversationId: item.conversationId,
      kind: item.kind,
      senderType: item.sender.type === 'visitor' ? 'contact' : item.sender.type,
      senderId: item.sender.type === 'user' ? item.sender.id : check.contactSender,
      status: status.get(item.id) ?? 'sent',
      statusReason: null,
      language: item.kind === 'incoming' ? item.language : null,
      createdAt: createdAt.get(item.id)!,
    } as store.TMessage;
    const sender =
      item.sender.type === 'user'
        ? { name: check.userName, avatarUrl: check.userAvatar }
        : check.contactSender
          ? { name: row.contact?.name ?? null, avatarUrl: row.contact?.avatarUrl ?? null }
          : { name: null, avatarUrl: null };
    const view = buildMessageView(platform, message, item.text, sender, files);
    views.push(view);
    emit({
      type: 'message.created',
      conversationId: row.id,
      contactId: isVisible ? row.contactId : null,
      data: view,
    });
    if (message.status === 'pending') {
      // The outbox: the reply goes out through its channel once this transaction commits.
      await platform.jobs.enqueue(tx, DELIVER_MESSAGE_JOB, { workspaceId, messageId: item.id });
    }
    if (item.mentions?.length) {
      await notifyMentions(scope, tx, emit, {
        mentionedUserIds: item.mentions,
        authorId: item.sender.type === 'user' ? item.sender.id : null,
        conversationId: item.conversationId,
        messageId: item.id,
        excerpt: item.text,
      });
    }
    if (lastOf.get(row.id) === item.id) {
      // One conversation.updated per conversation and statement, with its state after the last message.
      const conversation = conversationOf(row);
      const conversationView = isVisible
        ? buildConversationView(
            conversation,
            { contact: row.contact ?? undefined, assignee: row.assignee ?? undefined },
            row.labels,
            view,
          )
        : // A note or an activity line is not the conversation's last message: that one is looked up.
          (await loadConversationViews(platform, tx, workspaceId, [conversation]))[0]!;
      finalViews.set(row.id, conversationView);
      emit({
        type: 'conversation.updated',
        conversationId: row.id,
        contactId: row.contactId,
        data: conversationView,
      });
    }
  }
  accepted.forEach((a, i) => {
    const row = rows.get(a.item.conversationId)!;
    outcomes[a.index] = {
      message: views[i]!,
      conversationView: finalViews.get(a.item.conversationId)!,
      conversation: conversationOf(row),
    };
  });
  return outcomes as (TWritten | Error)[];
}

/**
 * Writes messages inside a transaction that is already open (a new conversation's first message, the
 * activity lines of a change): the same statement and rules as a batch. Throws the first refusal.
 */
export async function writeMessages(
  scope: TenantScope,
  tx: Tx,
  emit: Emit,
  messages: TNewMessage[],
): Promise<TWritten[]> {
  const isIndexed = await isSearchIndexAllowed(tx, scope.workspaceId);
  const written: TWritten[] = [];
  let pending = messages.map(checkedMessage);
  while (pending.length > 0) {
    const { taken, rest } = splitByKind(pending, (m) => m);
    pending = rest;
    const items: TPrepared[] = [];
    for (const m of taken) {
      items.push(await prepared(scope, m, await detecting(m), newId('msg'), tx));
    }
    const statement = messagesStatement(
      scope.workspaceId,
      items,
      isIndexed,
      scope.platform.channels.sending(),
    );
    const [result] = await runStatement<store.TMessagesResult>(tx, statement);
    for (const outcome of await finishMessages(scope, tx, emit, items, result!, isIndexed)) {
      if (outcome instanceof Error) {
        throw outcome;
      }
      written.push(outcome);
    }
  }
  return written;
}
