// The one way a message is written, whatever its source: a visitor in the widget, an agent, the system,
// a channel or the API. One set of rules (unread counts, waiting time, re-opening, first reply,
// assignment on reply, attachments, mentions, search words) in one statement, and one view builder.
// The group commit (group-commit.ts) is how many of these are written together; a transaction that
// already holds a conversation (a new conversation's first message, activity lines) calls
// `writeMessages` directly. See docs/decisions/0013-one-message-path.md.

import { notifyMentions } from '../notifications/service.ts';
import type { TenantScope } from '../platform/context.ts';
import type { Queryable, Tx } from '../platform/db.ts';
import { AppError, forbidden, notFound } from '../platform/errors.ts';
import { newId } from '../platform/ids.ts';
import { runStatement, type TStatement } from '../platform/tenant-transaction.ts';
import type { Emit } from '../realtime/service.ts';
import { fileNameWords, searchConfig } from '../search/text.ts';
import { isSearchIndexAllowed } from '../workspaces/service.ts';
import { detectLanguage } from './language.ts';
import {
  conversationView as buildConversationView,
  messageView as buildMessageView,
  presentConversations,
  type TConversationView,
  type TMessageView,
} from './presenter.ts';
import * as store from './store.ts';
import type { DELIVERY_STATUSES, MESSAGE_KINDS } from './tables.ts';

export const MAX_TEXT = 20_000;

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
    throw new AppError('validation_failed', 'Write a message or attach a file', 400);
  }
  if (text.length > MAX_TEXT) {
    throw new AppError('validation_failed', `Messages are limited to ${MAX_TEXT} characters`, 400);
  }
  if (input.mentions?.length && input.kind !== 'note') {
    throw new AppError(
      'validation_failed',
      'Mention teammates in private notes, not in replies to the contact',
      400,
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
export function splitByKind<T extends { conversationId: string; kind: string }>(
  items: T[],
  max = Number.POSITIVE_INFINITY,
): { taken: T[]; rest: T[] } {
  const taken: T[] = [];
  const rest: T[] = [];
  const kinds = new Map<string, string>();
  for (const item of items) {
    const kind = kinds.get(item.conversationId);
    if (taken.length < max && (kind === undefined || kind === item.kind)) {
      kinds.set(item.conversationId, item.kind);
      taken.push(item);
    } else {
      rest.push(item);
    }
  }
  return { taken, rest };
}

/**
 * The whole set in one statement: check each message (its conversation exists; a visitor's token still
 * names the visitor whose contact owns it; a contact writes only in its own conversations), insert the
 * messages that pass, update their conversations once each, and return what the views need. Lookups go
 * by key for each message (lateral; `limit 1` keeps the planner from turning them into joins that scan
 * a whole workspace when a table's statistics are not there yet). Every SET expression sees the row as
 * it was: a reopened conversation loses its snooze time. Notes and activity lines only move the
 * activity time. An unassigned conversation's first replier becomes its assignee unless the workspace
 * turned that off.
 */
const MESSAGES_SQL = `
  with chk as (
    select i.*, c.contact_id, u.name as user_name, u.avatar_url as user_avatar,
           case i.sender_type when 'visitor' then v.contact_id when 'contact' then i.sender_id end as contact_sender,
           c.id is not null as is_found,
           coalesce(c.id is not null and case i.sender_type
                      when 'visitor' then v.contact_id = c.contact_id and not c.starts_new
                      when 'contact' then i.sender_id = c.contact_id
                      when 'user' then i.sender_id is not null
                      else true end, false) as is_ok,
           coalesce(i.sender_type = 'visitor' and v.contact_id = c.contact_id and c.starts_new, false)
             as is_resolved_closed
      from unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[],
                  $9::text[], $10::text[], $11::text[], $12::text[], $13::text[], $14::text[])
           with ordinality as i(id, conversation_id, kind, sender_type, sender_id, visitor_id, token_hash,
                                body_sealed, language, words, config, external_id, status, ord)
      left join lateral (select c.id, c.contact_id,
                                case when c.status = 'resolved' and i.sender_type = 'visitor' then exists (
                                  select 1 from inboxes ib where ib.workspace_id = $1 and ib.id = c.inbox_id
                                     and ib.settings->>'replyToResolved' = 'new_conversation') else false end
                                  as starts_new
                           from conversations c
                          where c.workspace_id = $1 and c.id = i.conversation_id limit 1) c on true
      left join lateral (select v.contact_id from visitors v
                          where i.sender_type = 'visitor' and v.id = i.visitor_id and v.workspace_id = $1
                            and (i.token_hash is null or v.token_hash = i.token_hash) limit 1) v on true
      left join lateral (select u.name, u.avatar_url from users u
                          where i.sender_type = 'user' and u.id = i.sender_id limit 1) u on true
  ),
  ins as (
    insert into messages (id, workspace_id, conversation_id, kind, body_sealed, sender_type, sender_id,
                          status, external_id, language, search_vector)
    select id, $1, conversation_id, kind, body_sealed,
           case sender_type when 'visitor' then 'contact' else sender_type end,
           case sender_type when 'user' then sender_id when 'system' then null else contact_sender end,
           status, external_id,
           case when kind = 'incoming' then language end,
           case when words is null then null
                else setweight(to_tsvector('simple', words), 'A') || to_tsvector(config::regconfig, words) end
      from chk where is_ok order by ord
    returning id, created_at as "createdAt"
  ),
  grp as (
    select conversation_id, min(kind) as kind, count(*)::int as n,
           (array_agg(id order by ord desc))[1] as last_id,
           (array_agg(sender_id order by ord) filter (where kind = 'outgoing' and sender_type = 'user'))[1]
             as first_replier
      from chk where is_ok group by conversation_id
  ),
  ws as (select auto_assign_on_reply from workspaces where id = $1),
  upd as (
    update conversations c set
      unread_by_agents = case u.kind when 'incoming' then c.unread_by_agents + u.n when 'outgoing' then 0
                                     else c.unread_by_agents end,
      unread_by_contact = case when u.kind = 'outgoing' then c.unread_by_contact + u.n else c.unread_by_contact end,
      waiting_since = case u.kind when 'incoming' then coalesce(c.waiting_since, now()) when 'outgoing' then null
                                  else c.waiting_since end,
      status = case when u.kind = 'incoming' and c.status in ('resolved', 'snoozed') then 'open' else c.status end,
      snoozed_until = case when u.kind = 'incoming' and c.status in ('resolved', 'snoozed') then null
                           else c.snoozed_until end,
      first_reply_at = case when u.kind = 'outgoing' then coalesce(c.first_reply_at, $15) else c.first_reply_at end,
      assignee_id = case when u.kind = 'outgoing' and (select auto_assign_on_reply from ws)
                         then coalesce(c.assignee_id, u.first_replier) else c.assignee_id end,
      last_activity_at = $15,
      last_message_id = case when u.kind in ('incoming', 'outgoing') then u.last_id else c.last_message_id end,
      updated_at = $15
      from grp u
     where c.workspace_id = $1 and c.id = u.conversation_id
    returning c.id, c.workspace_id as "workspaceId", c.inbox_id as "inboxId", c.contact_id as "contactId",
      c.status, c.snoozed_until as "snoozedUntil", c.priority, c.assignee_id as "assigneeId",
      c.team_id as "teamId", c.unread_by_agents as "unreadByAgents", c.unread_by_contact as "unreadByContact",
      c.first_reply_at as "firstReplyAt", c.last_activity_at as "lastActivityAt",
      c.last_message_id as "lastMessageId", c.waiting_since as "waitingSince",
      c.priority_rank as "priorityRank", c.source_page as "sourcePage", c.created_at as "createdAt",
      c.updated_at as "updatedAt",
      (select json_build_object('name', ct.name, 'email', ct.email, 'phone', ct.phone, 'avatarUrl', ct.avatar_url)
         from contacts ct where ct.workspace_id = c.workspace_id and ct.id = c.contact_id) as contact,
      (select json_build_object('name', a.name, 'avatarUrl', a.avatar_url)
         from users a where a.id = c.assignee_id) as assignee,
      coalesce((select json_agg(json_build_object('id', l.id, 'name', l.name, 'color', l.color) order by l.name)
                  from conversation_labels cl join labels l on l.id = cl.label_id
                 where cl.workspace_id = c.workspace_id and cl.conversation_id = c.id), '[]'::json) as labels
  )
  select (select json_agg(json_build_object('isOk', is_ok, 'isConversationFound', is_found,
                                            'isResolvedClosed', is_resolved_closed,
                                            'contactSender', contact_sender,
                                            'userName', user_name, 'userAvatar', user_avatar) order by ord)
            from chk) as checks,
         (select coalesce(json_agg(ins), '[]'::json) from ins) as inserted,
         (select coalesce(json_agg(upd), '[]'::json) from upd) as updated`;

type TCheck = {
  isOk: boolean;
  isConversationFound: boolean;
  isResolvedClosed: boolean;
  contactSender: string | null;
  userName: string | null;
  userAvatar: string | null;
};

type TConversationRow = Omit<
  store.TConversation,
  'snoozedUntil' | 'firstReplyAt' | 'lastActivityAt' | 'waitingSince' | 'createdAt' | 'updatedAt'
> & {
  snoozedUntil: string | null;
  firstReplyAt: string | null;
  lastActivityAt: string;
  waitingSince: string | null;
  createdAt: string;
  updatedAt: string;
  contact: {
    name: string | null;
    email: string | null;
    phone: string | null;
    avatarUrl: string | null;
  } | null;
  assignee: { name: string | null; avatarUrl: string | null } | null;
  labels: { id: string; name: string; color: string }[];
};

/** What the statement returns (one row). */
export type TStatementResult = {
  checks: TCheck[];
  inserted: { id: string; createdAt: string }[];
  updated: TConversationRow[];
};

const senderId = (s: TSender) => (s.type === 'user' || s.type === 'contact' ? s.id : null);

/**
 * The statement for these messages (at most one kind per conversation). Search words are kept only
 * when the workspace allows a search index.
 */
export function messagesStatement(workspaceId: string, items: TPrepared[], isIndexed: boolean): TStatement {
  return {
    name: 'parley_messages',
    text: MESSAGES_SQL,
    types: ['text', ...Array.from({ length: 13 }, () => 'text[]'), 'timestamptz'],
    values: [
      workspaceId,
      items.map((m) => m.id),
      items.map((m) => m.conversationId),
      items.map((m) => m.kind),
      items.map((m) => m.sender.type),
      items.map((m) => senderId(m.sender)),
      items.map((m) => (m.sender.type === 'visitor' ? m.sender.visitorId : null)),
      items.map((m) => (m.sender.type === 'visitor' ? m.sender.tokenHash : null)),
      items.map((m) => m.sealed),
      items.map((m) => m.language),
      items.map((m) => (isIndexed && m.kind !== 'activity' ? m.text : null)),
      items.map((m) => searchConfig(m.language)),
      items.map((m) => m.externalId ?? null),
      items.map((m) => m.status ?? 'sent'),
      new Date(),
    ],
  };
}

const toDate = (v: string | null) => (v === null ? null : new Date(v));

function conversationOf(row: TConversationRow): store.TConversation {
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
  result: TStatementResult,
  isIndexed: boolean,
): Promise<(TWritten | Error)[]> {
  const { platform, workspaceId } = scope;
  const { checks, inserted, updated } = result;
  const outcomes: (TWritten | Error | null)[] = items.map(() => null);
  const accepted: { item: TPrepared; index: number; check: TCheck }[] = [];
  items.forEach((item, index) => {
    const check = checks[index]!;
    if (check.isOk) {
      accepted.push({ item, index, check });
    } else if (item.sender.type === 'visitor' && check.isConversationFound && !check.contactSender) {
      outcomes[index] = new AppError(
        'unauthenticated',
        'Unknown or expired visitor token; boot the widget again',
        401,
      );
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
        throw new AppError('validation_failed', 'An attachment is unknown, already sent or not yours', 400, {
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
      status: item.status ?? 'sent',
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
          (await presentConversations(platform, tx, workspaceId, [conversation]))[0]!;
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
    const { taken, rest } = splitByKind(pending);
    pending = rest;
    const items: TPrepared[] = [];
    for (const m of taken) {
      items.push(await prepared(scope, m, await detecting(m), newId('msg'), tx));
    }
    const statement = messagesStatement(scope.workspaceId, items, isIndexed);
    const [result] = await runStatement<TStatementResult>(tx, statement);
    for (const outcome of await finishMessages(scope, tx, emit, items, result!, isIndexed)) {
      if (outcome instanceof Error) {
        throw outcome;
      }
      written.push(outcome);
    }
  }
  return written;
}
