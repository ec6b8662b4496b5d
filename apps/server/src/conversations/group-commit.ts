// Group commit for the message hot path: visitor messages and agent replies that arrive within the
// same moment are written together, in one tenant transaction of a few multi-row statements, and each
// request is answered when its batch commits. See docs/decisions/0008-group-commit.md.
import type { Platform, TenantScope } from '../platform/context.ts';
import type { TFirstStatement } from '../platform/db.ts';
import { AppError, notFound } from '../platform/errors.ts';
import { newId } from '../platform/ids.ts';
import { type Emit, inWorkspaceWithEvents } from '../realtime/service.ts';
import { searchConfig } from '../search/text.ts';
import { isSearchIndexAllowed } from '../workspaces/service.ts';
import { detectLanguage } from './language.ts';
import {
  conversationView as buildConversationView,
  messageView as buildMessageView,
  type TConversationView,
  type TMessageView,
} from './presenter.ts';
import type { TConversation, TMessage } from './store.ts';

/**
 * A visitor's reply to their resolved conversation, in an inbox that starts a new conversation
 * instead of reopening it: the caller starts that conversation with the message.
 */
export class ResolvedConversationClosed extends AppError {
  constructor() {
    super('conflict', 'This conversation is resolved; a reply starts a new conversation', 409);
  }
}

/** One message waiting for its batch: text already trimmed and checked. */
export type TQueuedMessage = {
  conversationId: string;
  kind: 'incoming' | 'outgoing';
  text: string;
  /** A visitor's message: the token must still name this visitor, whose contact owns the conversation. */
  visitor?: { visitorId: string; tokenHash: string | null };
  /** An agent's reply. */
  userId?: string;
};

export type TWritten = { message: TMessageView; conversationView: TConversationView };

type TItem = TQueuedMessage & {
  /** Given when the batch is taken, in order. */
  id?: string;
  /** Detected while the message waits; sealed while the batch is prepared. */
  detecting: Promise<string | null>;
  language?: string | null;
  sealed?: string;
  resolve: (written: TWritten) => void;
  reject: (err: unknown) => void;
};

/**
 * `gates`: for each conversation of a batch in flight, settled when the last batch taken with that
 * conversation has run its statement (and so holds the conversation's row until it commits).
 */
type TQueue = { items: TItem[]; running: number; isScheduled: boolean; gates: Map<string, Promise<void>> };

/**
 * Most messages in one transaction, and batches of one workspace in flight at once. A batch is
 * prepared (ids, language detection, sealing) while others are in the database. Batches that share a
 * conversation run their statement one after another, in the order they were taken, so a
 * conversation's row is locked by batches in order: ids, counters and each conversation's last
 * message agree with the order in which its messages arrived. Batches with no conversation in common
 * run side by side (their events may commit in either order).
 */
const MAX_BATCH = 128;
const MAX_RUNNING = 6;

const queuesByPlatform = new WeakMap<Platform, Map<string, TQueue>>();

/** Queues a message for its workspace's next batch; resolves once that batch has committed. */
export function writeMessageInBatch(scope: TenantScope, message: TQueuedMessage): Promise<TWritten> {
  let queues = queuesByPlatform.get(scope.platform);
  if (!queues) {
    queues = new Map();
    queuesByPlatform.set(scope.platform, queues);
  }
  let queue = queues.get(scope.workspaceId);
  if (!queue) {
    queue = { items: [], running: 0, isScheduled: false, gates: new Map() };
    queues.set(scope.workspaceId, queue);
  }
  const q = queue;
  const detecting = detectLanguage(message.text);
  return new Promise<TWritten>((resolve, reject) => {
    q.items.push({ ...message, detecting, resolve, reject });
    schedule(scope, q);
  });
}

function schedule(scope: TenantScope, queue: TQueue) {
  if (queue.isScheduled || queue.running >= MAX_RUNNING || queue.items.length === 0) {
    return;
  }
  queue.isScheduled = true;
  // Whatever else arrives in this turn of the event loop joins the batch.
  setImmediate(() => {
    queue.isScheduled = false;
    if (queue.running >= MAX_RUNNING || queue.items.length === 0) {
      return;
    }
    const batch = takeBatch(queue);
    for (const item of batch) {
      item.id ??= newId('msg');
    }
    const { turn, pass } = takeTurn(queue, batch);
    queue.running += 1;
    void runBatch(scope, batch, turn, pass).finally(() => {
      queue.running -= 1;
      if (queue.items.length === 0 && queue.running === 0) {
        queuesByPlatform.get(scope.platform)?.delete(scope.workspaceId);
      } else {
        schedule(scope, queue);
      }
    });
    schedule(scope, queue);
  });
}

/**
 * A batch's turn to run its statement: when every earlier batch that has one of its conversations has
 * run its own. Batches without a conversation in common run side by side.
 */
function takeTurn(queue: TQueue, batch: TItem[]): { turn: Promise<void>; pass: () => void } {
  const conversations = new Set(batch.map((item) => item.conversationId));
  const earlier: Promise<void>[] = [];
  for (const id of conversations) {
    const gate = queue.gates.get(id);
    if (gate) {
      earlier.push(gate);
    }
  }
  let open = () => {};
  const passed = new Promise<void>((resolve) => {
    open = resolve;
  });
  for (const id of conversations) {
    queue.gates.set(id, passed);
  }
  let isPassed = false;
  const pass = () => {
    if (isPassed) {
      return;
    }
    isPassed = true;
    open();
    for (const id of conversations) {
      if (queue.gates.get(id) === passed) {
        queue.gates.delete(id);
      }
    }
  };
  const turn = earlier.length === 0 ? Promise.resolve() : Promise.all(earlier).then(() => undefined);
  return { turn, pass };
}

/**
 * The oldest messages, up to MAX_BATCH. Messages of one conversation in one batch are all of one kind
 * (a reply after a visitor's message waits for the next batch), which keeps the counter updates one
 * statement.
 */
function takeBatch(queue: TQueue): TItem[] {
  const batch: TItem[] = [];
  const rest: TItem[] = [];
  const kinds = new Map<string, string>();
  for (const item of queue.items) {
    const kind = kinds.get(item.conversationId);
    if (batch.length < MAX_BATCH && (kind === undefined || kind === item.kind)) {
      kinds.set(item.conversationId, item.kind);
      batch.push(item);
    } else {
      rest.push(item);
    }
  }
  queue.items = rest;
  return batch;
}

/**
 * Prepares and writes a batch; runs its statement when `turn` comes and then lets the next batch
 * `pass`. If the batch fails as a whole, each message is tried alone, so one bad message fails alone.
 */
async function runBatch(scope: TenantScope, items: TItem[], turn: Promise<void>, pass: () => void) {
  let outcomes: (TWritten | Error)[];
  try {
    for (const item of items) {
      item.language ??= await item.detecting;
    }
    for (const item of items) {
      item.sealed ??= await scope.platform.sealer.seal(scope.platform.db, scope.workspaceId, item.text);
    }
    // The transaction opens only on the batch's turn: waiting inside one could hold the only
    // connection (PGlite) that the batch before needs.
    await turn;
    const statement = batchStatement(
      scope.workspaceId,
      items,
      await isSearchIndexAllowed(scope.platform.db, scope.workspaceId),
    );
    outcomes = await inWorkspaceWithEvents(
      scope,
      (_tx, emit) => {
        // The statement ran with BEGIN: its conversations are locked, the next batch may run its own.
        pass();
        return Promise.resolve(writeBatch(scope, emit, items, statement.rows as TResult[]));
      },
      statement,
    );
  } catch (err) {
    pass();
    if (items.length === 1) {
      items[0]!.reject(err);
      return;
    }
    for (const item of items) {
      await runBatch(scope, [item], Promise.resolve(), () => {});
    }
    return;
  }
  pass();
  items.forEach((item, i) => {
    const outcome = outcomes[i]!;
    if (outcome instanceof Error) {
      item.reject(outcome);
    } else {
      item.resolve(outcome);
    }
  });
}

type TCheck = {
  ord: number;
  isOk: boolean;
  isConversationFound: boolean;
  /** A visitor's reply to their resolved conversation where the inbox starts a new one instead. */
  isResolvedClosed: boolean;
  visitorContactId: string | null;
  userName: string | null;
  userAvatar: string | null;
};

type TConversationRow = Omit<
  TConversation,
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

/**
 * The whole batch in one statement: check each message (its conversation exists; a visitor's token
 * still names the visitor whose contact owns it), insert the messages that pass, update their
 * conversations' counters once each, and return what the views need. Lookups go by key for each
 * message (lateral; `limit 1` keeps the planner from turning them into joins that scan a whole
 * workspace when a table's statistics are not there yet). Every SET expression sees the row
 * as it was: a reopened conversation loses its snooze time. An unassigned conversation's first
 * replier of the batch becomes its assignee unless the workspace turned that off.
 */
const BATCH_SQL = `
  with chk as (
    select i.*, c.contact_id, v.contact_id as visitor_contact_id, u.name as user_name, u.avatar_url as user_avatar,
           c.id is not null as is_found,
           (c.id is not null and (i.visitor_id is null or v.contact_id = c.contact_id)
             and (i.visitor_id is not null or i.user_id is not null)
             and not (i.visitor_id is not null and c.starts_new)) as is_ok,
           (i.visitor_id is not null and v.contact_id = c.contact_id and c.starts_new) as is_resolved_closed
      from unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[],
                  $9::text[], $10::text[], $11::text[])
           with ordinality as i(id, conversation_id, kind, visitor_id, token_hash, user_id, body_sealed,
                                language, words, config, ord)
      left join lateral (select c.id, c.contact_id,
                                case when c.status = 'resolved' then exists (
                                  select 1 from inboxes ib where ib.workspace_id = $1 and ib.id = c.inbox_id
                                     and ib.settings->>'replyToResolved' = 'new_conversation') else false end
                                  as starts_new
                           from conversations c
                          where c.workspace_id = $1 and c.id = i.conversation_id limit 1) c on true
      left join lateral (select v.contact_id from visitors v
                          where v.id = i.visitor_id and v.workspace_id = $1
                            and (i.token_hash is null or v.token_hash = i.token_hash) limit 1) v on true
      left join lateral (select u.name, u.avatar_url from users u where u.id = i.user_id limit 1) u on true
  ),
  ins as (
    insert into messages (id, workspace_id, conversation_id, kind, body_sealed, sender_type, sender_id,
                          language, search_vector)
    select id, $1, conversation_id, kind, body_sealed,
           case when visitor_id is null then 'user' else 'contact' end,
           coalesce(visitor_contact_id, user_id),
           case when kind = 'incoming' then language end,
           case when words is null then null
                else setweight(to_tsvector('simple', words), 'A') || to_tsvector(config::regconfig, words) end
      from chk where is_ok order by ord
    returning id, created_at as "createdAt"
  ),
  grp as (
    select conversation_id, min(kind) as kind, count(*)::int as n,
           (array_agg(id order by ord desc))[1] as last_id,
           (array_agg(user_id order by ord) filter (where kind = 'outgoing'))[1] as first_replier
      from chk where is_ok group by conversation_id
  ),
  ws as (select auto_assign_on_reply from workspaces where id = $1),
  upd as (
    update conversations c set
      unread_by_agents = case when u.kind = 'incoming' then c.unread_by_agents + u.n else 0 end,
      unread_by_contact = case when u.kind = 'outgoing' then c.unread_by_contact + u.n else c.unread_by_contact end,
      waiting_since = case when u.kind = 'incoming' then coalesce(c.waiting_since, now()) else null end,
      status = case when u.kind = 'incoming' and c.status in ('resolved', 'snoozed') then 'open' else c.status end,
      snoozed_until = case when u.kind = 'incoming' and c.status in ('resolved', 'snoozed') then null
                           else c.snoozed_until end,
      first_reply_at = case when u.kind = 'outgoing' then coalesce(c.first_reply_at, $12) else c.first_reply_at end,
      assignee_id = case when u.kind = 'outgoing' and (select auto_assign_on_reply from ws)
                         then coalesce(c.assignee_id, u.first_replier) else c.assignee_id end,
      last_activity_at = $12, last_message_id = u.last_id, updated_at = $12
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
  select (select json_agg(json_build_object('ord', ord, 'isOk', is_ok, 'isConversationFound', is_found,
                                            'isResolvedClosed', coalesce(is_resolved_closed, false),
                                            'visitorContactId', visitor_contact_id,
                                            'userName', user_name, 'userAvatar', user_avatar) order by ord)
            from chk) as checks,
         (select coalesce(json_agg(ins), '[]'::json) from ins) as inserted,
         (select coalesce(json_agg(upd), '[]'::json) from upd) as updated`;

const toDate = (v: string | null) => (v === null ? null : new Date(v));

/** What the batch statement returns (one row). */
type TResult = {
  checks: TCheck[];
  inserted: { id: string; createdAt: string }[];
  updated: TConversationRow[];
};

/** The batch statement with this batch's values, to run as its transaction's first statement. */
function batchStatement(workspaceId: string, items: TItem[], isIndexed: boolean): TFirstStatement {
  return {
    name: 'parley_message_batch',
    text: BATCH_SQL,
    types: ['text', ...Array.from({ length: 10 }, () => 'text[]'), 'timestamptz'],
    values: [
      workspaceId,
      items.map((m) => m.id!),
      items.map((m) => m.conversationId),
      items.map((m) => m.kind),
      items.map((m) => m.visitor?.visitorId ?? null),
      items.map((m) => m.visitor?.tokenHash ?? null),
      items.map((m) => m.userId ?? null),
      items.map((m) => m.sealed!),
      items.map((m) => m.language ?? null),
      items.map((m) => (isIndexed ? m.text : null)),
      items.map((m) => searchConfig(m.language ?? null)),
      new Date(),
    ],
  };
}

/**
 * Turns what the batch statement returned into each message's result (or the error that refused it),
 * in input order, and emits the events.
 */
function writeBatch(
  scope: TenantScope,
  emit: Emit,
  items: TItem[],
  results: TResult[],
): (TWritten | Error)[] {
  const { platform } = scope;
  const ids = items.map((item) => item.id!);
  const { checks, inserted, updated } = results[0]!;
  const outcomes: (TWritten | Error | null)[] = items.map(() => null);
  const accepted: { item: TItem; index: number; senderId: string; check: TCheck; id: string }[] = [];
  items.forEach((item, index) => {
    const check = checks[index]!;
    if (check.isOk) {
      accepted.push({
        item,
        index,
        senderId: item.visitor ? check.visitorContactId! : item.userId!,
        check,
        id: ids[index]!,
      });
    } else if (item.visitor && !check.visitorContactId) {
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
  const rows = new Map(
    updated.map((r) => [
      r.id,
      {
        ...r,
        snoozedUntil: toDate(r.snoozedUntil),
        firstReplyAt: toDate(r.firstReplyAt),
        lastActivityAt: new Date(r.lastActivityAt),
        waitingSince: toDate(r.waitingSince),
        createdAt: new Date(r.createdAt),
        updatedAt: new Date(r.updatedAt),
      },
    ]),
  );
  // The last message of each conversation in this batch.
  const lastOf = new Map<string, string>();
  for (const a of accepted) {
    lastOf.set(a.item.conversationId, a.id);
  }

  const finalViews = new Map<string, TConversationView>();
  const views: TMessageView[] = [];
  accepted.forEach((a) => {
    const row = rows.get(a.item.conversationId)!;
    const { id } = a;
    const message = {
      id,
      conversationId: a.item.conversationId,
      kind: a.item.kind,
      senderType: a.item.visitor ? 'contact' : 'user',
      senderId: a.senderId,
      status: 'sent',
      language: a.item.kind === 'incoming' ? (a.item.language ?? null) : null,
      createdAt: createdAt.get(id)!,
    } as TMessage;
    const sender = a.item.visitor
      ? { name: row.contact?.name ?? null, avatarUrl: row.contact?.avatarUrl ?? null }
      : { name: a.check.userName, avatarUrl: a.check.userAvatar };
    const view = buildMessageView(platform, message, a.item.text, sender, []);
    views.push(view);
    emit({ type: 'message.created', conversationId: row.id, contactId: row.contactId, data: view });
    if (lastOf.get(row.id) === id) {
      // One conversation.updated per conversation and batch, with its state after the last message.
      const { contact, assignee, labels, ...conversation } = row;
      const conversationView = buildConversationView(
        conversation,
        { contact: contact ?? undefined, assignee: assignee ?? undefined },
        labels,
        view,
      );
      finalViews.set(row.id, conversationView);
      emit({
        type: 'conversation.updated',
        conversationId: row.id,
        contactId: row.contactId,
        data: conversationView,
      });
    }
  });
  accepted.forEach((a, i) => {
    outcomes[a.index] = { message: views[i]!, conversationView: finalViews.get(a.item.conversationId)! };
  });
  return outcomes as (TWritten | Error)[];
}
