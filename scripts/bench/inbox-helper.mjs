// Child process of the inbox bench (scripts/bench/inbox.mjs), run with `node --import tsx` so that it can
// use the server's own TypeScript: its sealing (message bodies are encrypted with the workspace key, so
// the server must be able to open what is written here) and its service functions (to list the exact
// SQL an endpoint runs, for EXPLAIN). Two commands, input as JSON in the PARLEY_BENCH_INBOX variable:
//
//   seed      contacts, conversations and messages straight into PostgreSQL (batched INSERT … unnest)
//   explain   runs endpoints' service functions in process, records their SQL and EXPLAINs each query
//
// Prints progress to stderr and one JSON line (the result) to stdout. Talks to 127.0.0.1 only.
import { drizzle } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import { loadMasterKey } from '../../apps/server/src/platform/crypto.ts';
import { openDatabase } from '../../apps/server/src/platform/db.ts';
import { createSealer } from '../../apps/server/src/platform/sealing.ts';

const input = JSON.parse(process.env.PARLEY_BENCH_INBOX ?? '{}');
const progress = (s) => process.stderr.write(`${s}\n`);

// ── Deterministic randomness ────────────────────────────────────────────────────────────────────────

function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = mulberry32(input.seed ?? 20260);
const int = (lo, hi) => lo + Math.floor(rand() * (hi - lo + 1));
const pick = (list) => list[Math.floor(rand() * list.length)];
/** Picks from [[weight, value], …]. */
function weighted(table) {
  const total = table.reduce((s, [w]) => s + w, 0);
  let r = rand() * total;
  for (const [w, v] of table) {
    r -= w;
    if (r < 0) {
      return v;
    }
  }
  return table[table.length - 1][1];
}

const ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyz';
/** The server's id shape (platform/ids.ts): prefix, 9 base36 chars of ms time, 16 random chars. */
function idAt(prefix, ms) {
  let r = '';
  for (let i = 0; i < 16; i++) {
    r += ALPHABET[Math.floor(rand() * 36)];
  }
  return `${prefix}_${Math.floor(ms).toString(36).padStart(9, '0')}${r}`;
}

// ── Vocabulary: what support conversations say ──────────────────────────────────────────────────────

const FIRST = [
  'Olivia',
  'Liam',
  'Emma',
  'Noah',
  'Amelia',
  'Oliver',
  'Sophia',
  'Elijah',
  'Mia',
  'James',
  'Ava',
  'Lucas',
  'Isabella',
  'Mateo',
  'Lena',
  'Jonas',
  'Chloe',
  'Hugo',
  'Ines',
  'Leo',
  'Aisha',
  'Omar',
  'Yuki',
  'Hiro',
  'Priya',
  'Arjun',
  'Sofia',
  'Diego',
  'Fatima',
  'Ali',
  'Nora',
  'Erik',
  'Freja',
  'Lars',
  'Anna',
  'Jan',
  'Marta',
  'Pawel',
  'Chen',
  'Wei',
  'Grace',
  'Daniel',
  'Zoe',
  'Samuel',
  'Maya',
  'Ethan',
  'Lucia',
  'Marco',
];
const LAST = [
  'Smith',
  'Johnson',
  'Williams',
  'Brown',
  'Jones',
  'Garcia',
  'Miller',
  'Davis',
  'Martinez',
  'Lopez',
  'Wilson',
  'Anderson',
  'Taylor',
  'Thomas',
  'Moore',
  'Martin',
  'Lee',
  'Thompson',
  'White',
  'Harris',
  'Clark',
  'Lewis',
  'Walker',
  'Young',
  'Allen',
  'King',
  'Wright',
  'Scott',
  'Green',
  'Baker',
  'Adams',
  'Nelson',
  'Hill',
  'Campbell',
  'Mitchell',
  'Roberts',
  'Carter',
  'Phillips',
  'Evans',
  'Turner',
  'Muller',
  'Schmidt',
  'Schneider',
  'Fischer',
  'Weber',
  'Dubois',
  'Laurent',
  'Rossi',
  'Russo',
  'Nowak',
  'Kowalski',
  'Tanaka',
  'Suzuki',
  'Sato',
  'Kim',
  'Park',
  'Nguyen',
  'Tran',
  'Singh',
  'Patel',
];
const DOMAINS = [
  'gmail.com',
  'outlook.com',
  'yahoo.com',
  'proton.me',
  'icloud.com',
  'example.org',
  'acme.io',
];
const PRODUCTS = [
  'blue jacket',
  'rain coat',
  'running shoes',
  'wool sweater',
  'leather wallet',
  'travel backpack',
  'espresso machine',
  'coffee grinder',
  'desk lamp',
  'standing desk',
  'office chair',
  'wireless headphones',
  'bluetooth speaker',
  'smart watch',
  'phone case',
  'laptop sleeve',
  'yoga mat',
  'water bottle',
  'kitchen knife set',
  'cast iron pan',
  'air fryer',
  'blender',
  'duvet cover',
  'bath towels',
  'gift card',
  'winter boots',
  'sunglasses',
  'baby stroller',
  'car seat',
  'camping tent',
  'sleeping bag',
  'e-reader',
];
const COLORS = ['black', 'white', 'navy', 'olive', 'red', 'grey', 'beige', 'green'];
const COUNTRIES = [
  'Canada',
  'Germany',
  'France',
  'Spain',
  'Japan',
  'Australia',
  'Brazil',
  'Norway',
  'Poland',
];
const DEVICES = ['iPhone 15', 'Pixel 8', 'Galaxy S24', 'MacBook Air', 'Windows laptop', 'iPad'];
const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const PAGES = [
  '/pricing',
  '/checkout',
  '/account',
  '/orders',
  '/help/shipping',
  '/products',
  '/returns',
  '/',
];

const fill = (template, who) =>
  template.replace(/\{(\w+)\}/g, (_m, k) => {
    switch (k) {
      case 'n':
        return String(int(100000, 999999));
      case 'product':
        return pick(PRODUCTS);
      case 'color':
        return pick(COLORS);
      case 'country':
        return pick(COUNTRIES);
      case 'device':
        return pick(DEVICES);
      case 'day':
        return pick(DAYS);
      case 'k':
        return String(int(2, 9));
      case 'amount':
        return `$${int(5, 400)}.${int(10, 99)}`;
      case 'first':
        return who;
      default:
        return k;
    }
  });

// Weights are per sentence; a message has one to three sentences. Rare terms ("chargeback", "gdpr",
// "webhook", "kubernetes") come from low-weight sentences only, so searches hit realistic row counts.
const INCOMING = [
  [14, 'I placed order #{n} on {day} and it still has not arrived.'],
  [10, 'Can you check the status of my order #{n}?'],
  [6, 'My order arrived damaged, the {product} box was crushed.'],
  [5, 'I ordered the wrong size of the {product}, can I exchange it?'],
  [6, 'The tracking number says delivered but I have nothing at my door.'],
  [5, 'Can I change the delivery address before it ships?'],
  [4, 'How long does shipping to {country} usually take?'],
  [3, 'I was charged twice for the same purchase, please look into it.'],
  [3, 'Could you send me an invoice for my last payment?'],
  [4, 'I would like a refund for the {product}, it stopped working after a week.'],
  [4, 'I cannot log in, the password reset email never arrives.'],
  [2, 'How do I change the email address on my account?'],
  [2, 'My account is locked after too many attempts.'],
  [2, 'Please cancel my subscription at the end of this month.'],
  [1, 'Can I switch my subscription to the annual plan?'],
  [5, 'Does the {product} come in {color}?'],
  [4, 'Is the {product} compatible with my {device}?'],
  [3, 'Do you have the {product} back in stock soon?'],
  [2, 'The discount code from your newsletter is not accepted at checkout.'],
  [0.12, 'I filed a chargeback with my bank because nobody answered my emails.'],
  [0.03, 'Please delete all my personal data as required by GDPR.'],
  [0.06, 'Your webhook integration keeps returning a 500 error for our store.'],
  [0.003, 'We run our shop on kubernetes and the single sign-on login fails since the update.'],
];
const OUTGOING = [
  [8, 'Thanks for reaching out, {first}!'],
  [8, 'I have checked order #{n}: it left our warehouse on {day} and should arrive within {k} days.'],
  [4, 'I have issued a refund of {amount}; it will show on your statement in 5 to 7 business days.'],
  [3, 'I have sent a new password reset link to your email address.'],
  [2, 'Your subscription is cancelled and you will not be charged again.'],
  [6, 'Is there anything else I can help you with?'],
  [4, 'Sorry for the trouble with the {product}, we will send a replacement today.'],
  [3, 'The {product} is available in {color} and ships from our warehouse in {country}.'],
  [3, 'I have updated the delivery address on your order.'],
  [2, 'Here is the invoice you asked for, it is also available in your account.'],
];
const NOTES = [
  [3, 'Customer is a VIP, handle with care.'],
  [3, 'Checked with the warehouse: the parcel is lost, refund approved.'],
  [2, 'Escalated to the billing team.'],
  [1, 'Possible fraud, verify identity before any refund.'],
  [2, 'Second time this customer reports a damaged {product}.'],
];
const GREETINGS = [
  [6, ''],
  [3, 'Hi there, '],
  [2, 'Hello, '],
  [1, 'Good morning, '],
  [1, 'Hey team, '],
];
const CLOSINGS = [
  [6, ''],
  [3, ' Thanks!'],
  [2, ' Thank you for your help.'],
  [1, ' Best regards, {first}'],
];

function text(kind, contactFirst) {
  const pool = kind === 'incoming' ? INCOMING : kind === 'outgoing' ? OUTGOING : NOTES;
  const sentences = kind === 'note' ? 1 : int(1, 3);
  const parts = [];
  for (let i = 0; i < sentences; i++) {
    parts.push(fill(weighted(pool), contactFirst));
  }
  const body = parts.join(' ');
  return kind === 'incoming'
    ? fill(`${weighted(GREETINGS)}${body}${weighted(CLOSINGS)}`, contactFirst)
    : kind === 'outgoing' && rand() < 0.3
      ? `Hi ${contactFirst}, ${body}`
      : body;
}

// ── seed ────────────────────────────────────────────────────────────────────────────────────────────

const DAY = 86_400_000;

/** How many messages each conversation gets: `big` for the first, the rest around the mean, summing to `total`. */
function messageCounts(n, total, big) {
  const mean = (total - big) / (n - 1);
  const counts = [big];
  let sum = big;
  for (let i = 1; i < n; i++) {
    // A spread from 1 to about 2× the mean (sum of uniforms: most conversations near the mean).
    const c = Math.max(1, Math.round(mean + (rand() + rand() + rand() - 1.5) * mean * 0.6));
    counts.push(c);
    sum += c;
  }
  for (let i = 1; sum !== total; i = (i % (n - 1)) + 1) {
    if (sum < total) {
      counts[i]++;
      sum++;
    } else if (counts[i] > 1) {
      counts[i]--;
      sum--;
    }
  }
  return counts;
}

/** One conversation and its messages, consistent with each other (times, last message, waiting, unread). */
function conversation(i, count, ctx) {
  const { now, workspaceId, inboxId, ownerId, contact } = ctx;
  const isBig = i === 0;
  const status = isBig
    ? 'open'
    : weighted([
        [30, 'open'],
        [10, 'pending'],
        [5, 'snoozed'],
        [55, 'resolved'],
      ]);
  const lastAt = isBig ? now - 5 * 60_000 : now - rand() * 90 * DAY;
  const span = isBig ? 60 * DAY : Math.min(count * 3_600_000 * rand() * 6, 20 * DAY) + 60_000;
  const createdAt = lastAt - span;
  const msgs = [];
  // Evenly spaced with jitter, strictly increasing (ids sort by time), the last one at lastAt.
  const step = span / Math.max(1, count - 1);
  let lastVisible = null;
  let firstReplyAt = null;
  let waitingSince = null;
  let unreadByAgents = 0;
  let unreadByContact = 0;
  for (let k = 0; k < count; k++) {
    const at = k === count - 1 ? lastAt : createdAt + step * k - (k > 0 ? rand() * step * 0.4 : 0);
    const kind =
      k === 0
        ? 'incoming'
        : weighted([
            [50, 'incoming'],
            [42, 'outgoing'],
            [8, 'note'],
          ]);
    const isContact = kind === 'incoming';
    const m = {
      id: idAt('msg', at),
      kind,
      text: text(kind, contact.first),
      senderType: isContact ? 'contact' : 'user',
      senderId: isContact ? contact.id : ownerId,
      status:
        kind === 'note'
          ? 'sent'
          : weighted([
              [1, 'sent'],
              [2, 'delivered'],
              [5, 'read'],
            ]),
      language: isContact ? 'en' : null,
      createdAt: new Date(at).toISOString(),
    };
    msgs.push(m);
    if (kind === 'incoming') {
      lastVisible = m;
      waitingSince ??= m.createdAt;
      unreadByAgents++;
    } else if (kind === 'outgoing') {
      lastVisible = m;
      firstReplyAt ??= m.createdAt;
      waitingSince = null;
      unreadByAgents = 0;
      unreadByContact = rand() < 0.2 ? unreadByContact + 1 : 0;
    }
  }
  const active = status === 'open' || status === 'pending';
  const assigned = isBig || rand() < (status === 'resolved' ? 0.6 : 0.3);
  return {
    conv: {
      id: idAt('conv', createdAt),
      workspaceId,
      inboxId,
      contactId: contact.id,
      status,
      snoozedUntil: status === 'snoozed' ? new Date(now + (1 + rand() * 13) * DAY).toISOString() : null,
      priority: isBig
        ? 'high'
        : weighted([
            [70, 'none'],
            [8, 'low'],
            [10, 'medium'],
            [8, 'high'],
            [4, 'urgent'],
          ]),
      assigneeId: assigned ? ownerId : null,
      unreadByAgents: active ? unreadByAgents : 0,
      unreadByContact,
      firstReplyAt,
      lastActivityAt: new Date(lastAt).toISOString(),
      lastMessageId: lastVisible?.id ?? null,
      waitingSince: active ? waitingSince : null,
      sourcePage: `https://shop.example.com${pick(PAGES)}`,
      createdAt: new Date(createdAt).toISOString(),
    },
    msgs,
  };
}

const col = (rows, key) => rows.map((r) => r[key]);

async function insertContacts(client, workspaceId, rows) {
  await client.query(
    `insert into contacts (id, workspace_id, name, email, phone, first_seen_at, last_seen_at, country,
                           language, created_at, updated_at)
     select u.id, $1, u.name, u.email, u.phone, u.at, u.at, u.country, 'en', u.at, u.at
       from unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::timestamptz[], $7::text[])
            as u(id, name, email, phone, at, country)`,
    [
      workspaceId,
      col(rows, 'id'),
      col(rows, 'name'),
      col(rows, 'email'),
      col(rows, 'phone'),
      col(rows, 'at'),
      col(rows, 'country'),
    ],
  );
}

async function insertConversations(client, rows) {
  await client.query(
    `insert into conversations (id, workspace_id, inbox_id, contact_id, status, snoozed_until, priority,
                                assignee_id, unread_by_agents, unread_by_contact, first_reply_at,
                                last_activity_at, last_message_id, waiting_since, source_page,
                                created_at, updated_at)
     select u.id, $1, $2, u.contact_id, u.status, u.snoozed_until, u.priority, u.assignee_id, u.unread_a,
            u.unread_c, u.first_reply_at, u.last_activity_at, u.last_message_id, u.waiting_since,
            u.source_page, u.created_at, u.last_activity_at
       from unnest($3::text[], $4::text[], $5::text[], $6::timestamptz[], $7::text[], $8::text[], $9::int[],
                   $10::int[], $11::timestamptz[], $12::timestamptz[], $13::text[], $14::timestamptz[],
                   $15::text[], $16::timestamptz[])
            as u(id, contact_id, status, snoozed_until, priority, assignee_id, unread_a, unread_c,
                 first_reply_at, last_activity_at, last_message_id, waiting_since, source_page, created_at)`,
    [
      rows[0].workspaceId,
      rows[0].inboxId,
      col(rows, 'id'),
      col(rows, 'contactId'),
      col(rows, 'status'),
      col(rows, 'snoozedUntil'),
      col(rows, 'priority'),
      col(rows, 'assigneeId'),
      col(rows, 'unreadByAgents'),
      col(rows, 'unreadByContact'),
      col(rows, 'firstReplyAt'),
      col(rows, 'lastActivityAt'),
      col(rows, 'lastMessageId'),
      col(rows, 'waitingSince'),
      col(rows, 'sourcePage'),
      col(rows, 'createdAt'),
    ],
  );
}

/** Messages with the search vector built in SQL exactly as search/text.ts does for English text. */
async function insertMessages(client, workspaceId, rows) {
  await client.query(
    `insert into messages (id, workspace_id, conversation_id, kind, body_sealed, sender_type, sender_id,
                           status, language, search_vector, created_at, updated_at)
     select u.id, $1, u.conversation_id, u.kind, u.body_sealed, u.sender_type, u.sender_id, u.status,
            u.language, setweight(to_tsvector('simple', u.text), 'A') || to_tsvector('english', u.text),
            u.created_at, u.created_at
       from unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[],
                   $9::text[], $10::timestamptz[], $11::text[])
            as u(id, conversation_id, kind, body_sealed, sender_type, sender_id, status, language,
                 created_at, text)`,
    [
      workspaceId,
      col(rows, 'id'),
      col(rows, 'conversationId'),
      col(rows, 'kind'),
      col(rows, 'bodySealed'),
      col(rows, 'senderType'),
      col(rows, 'senderId'),
      col(rows, 'status'),
      col(rows, 'language'),
      col(rows, 'createdAt'),
      col(rows, 'text'),
    ],
  );
}

async function seed() {
  const { url, workspaceId, inboxId, ownerId, conversations: n, messages: total, bigMessages } = input;
  const t0 = performance.now();
  const secs = (from) => Number(((performance.now() - from) / 1000).toFixed(1));
  const timings = {};
  // The server's own sealing: the same master key (PARLEY_MASTER_KEY) and the workspace's data key row.
  const master = loadMasterKey(process.env.PARLEY_MASTER_KEY, input.dataDir);
  const sealer = createSealer(master);
  const database = await openDatabase({ url, poolSize: 1 });
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  pool.on('connect', (c) => {
    // Generation only: skip FK triggers (the rows are consistent by construction), no fsync per commit.
    c.query(
      "set session_replication_role = replica; set synchronous_commit = off; set maintenance_work_mem = '256MB'",
    ).catch(() => {});
  });
  const tables = ['contacts', 'conversations', 'messages'];
  try {
    const admin = await pool.connect();
    let indexes;
    try {
      // Indexes are dropped for the bulk load and rebuilt from their own definitions afterwards.
      indexes = (
        await admin.query(
          `select i.indexname as name, i.tablename as table, i.indexdef as def
             from pg_indexes i
            where i.schemaname = 'public' and i.tablename = any($1)
              and not exists (select 1 from pg_constraint c where c.conname = i.indexname)
            order by i.tablename = 'messages' desc, i.indexdef like '%USING gin%' desc`,
          [tables],
        )
      ).rows;
      for (const ix of indexes) {
        await admin.query(`drop index ${ix.name}`);
      }
    } finally {
      admin.release();
    }

    let t = performance.now();
    const contacts = [];
    const now = Date.now();
    for (let i = 0; i < n; i++) {
      const first = pick(FIRST);
      const last = pick(LAST);
      contacts.push({
        id: idAt('ct', now - 95 * DAY + rand() * 90 * DAY),
        first,
        name: rand() < 0.85 ? `${first} ${last}` : null,
        email: rand() < 0.9 ? `${first}.${last}${int(1, 9999)}@${pick(DOMAINS)}`.toLowerCase() : null,
        phone: rand() < 0.3 ? `+1 555 ${int(100, 999)} ${int(1000, 9999)}` : null,
        at: new Date(now - 95 * DAY + rand() * 90 * DAY).toISOString(),
        country: pick(COUNTRIES),
      });
    }
    for (let i = 0; i < n; i += 5000) {
      const c = await pool.connect();
      try {
        await insertContacts(c, workspaceId, contacts.slice(i, i + 5000));
      } finally {
        c.release();
      }
    }
    timings.contacts = secs(t);
    progress(`  ${n.toLocaleString('en')} contacts in ${timings.contacts} s`);

    t = performance.now();
    const counts = messageCounts(n, total, bigMessages);
    const perBatch = 400;
    let bigConversationId = null;
    let inserted = 0;
    let lastReport = performance.now();
    const inFlight = new Set();
    for (let start = 0; start < n; start += perBatch) {
      const convs = [];
      const msgs = [];
      for (let i = start; i < Math.min(n, start + perBatch); i++) {
        const c = conversation(i, counts[i], { now, workspaceId, inboxId, ownerId, contact: contacts[i] });
        if (i === 0) {
          bigConversationId = c.conv.id;
        }
        convs.push(c.conv);
        for (const m of c.msgs) {
          m.conversationId = c.conv.id;
          m.bodySealed = await sealer.seal(database.db, workspaceId, m.text);
          msgs.push(m);
        }
      }
      // Two batches in flight: this process seals the next while PostgreSQL indexes words of this one.
      const job = (async () => {
        const c = await pool.connect();
        try {
          await insertConversations(c, convs);
          for (let k = 0; k < msgs.length; k += 5000) {
            await insertMessages(c, workspaceId, msgs.slice(k, k + 5000));
          }
        } finally {
          c.release();
        }
        inserted += msgs.length;
      })();
      inFlight.add(job);
      job.finally(() => inFlight.delete(job)).catch(() => {});
      if (inFlight.size >= 2) {
        await Promise.race(inFlight);
      }
      if (performance.now() - lastReport > 15_000) {
        lastReport = performance.now();
        progress(`  … ${inserted.toLocaleString('en')} messages after ${secs(t)} s`);
      }
    }
    await Promise.all(inFlight);
    timings.rows = secs(t);
    progress(
      `  ${n.toLocaleString('en')} conversations and ${inserted.toLocaleString('en')} messages in ${timings.rows} s`,
    );

    t = performance.now();
    // Rebuilt two at a time (2 connections); the largest (the messages GIN index) first.
    const queue = [...indexes];
    await Promise.all(
      [0, 1].map(async () => {
        const c = await pool.connect();
        try {
          for (let ix = queue.shift(); ix; ix = queue.shift()) {
            await c.query(ix.def);
          }
        } finally {
          c.release();
        }
      }),
    );
    timings.indexes = secs(t);
    progress(`  ${indexes.length} indexes rebuilt in ${timings.indexes} s`);

    t = performance.now();
    // VACUUM as well as ANALYZE: autovacuum would otherwise start on these tables during the measurements.
    await pool.query(`vacuum (analyze) ${tables.join(', ')}`);
    timings.vacuumAnalyze = secs(t);
    progress(`  vacuum (analyze) in ${timings.vacuumAnalyze} s`);

    const facts = (
      await pool.query(
        `select
           (select count(*)::int from conversations where status = 'open') as open,
           (select count(*)::int from conversations where status = 'open' and assignee_id = $1) as open_mine,
           (select count(*)::int from conversations where status = 'open' and waiting_since is not null) as open_waiting,
           (select count(*)::int from messages) as messages,
           (select count(*)::int from messages where conversation_id = $2) as big_messages,
           pg_size_pretty(pg_total_relation_size('messages')) as messages_size,
           pg_size_pretty(pg_relation_size('messages_search_words_idx')) as search_index_size,
           pg_size_pretty(pg_database_size(current_database())) as database_size`,
        [ownerId, bigConversationId],
      )
    ).rows[0];
    timings.total = secs(t0);
    return { ok: true, timings, bigConversationId, indexes: indexes.map((i) => i.name), facts };
  } finally {
    await pool.end().catch(() => {});
    await database.close().catch(() => {});
  }
}

// ── explain ─────────────────────────────────────────────────────────────────────────────────────────

/** EXPLAIN (ANALYZE, BUFFERS) of one recorded query: as the server runs it (tenant role, workspace set) or as the owner. */
async function explainOne(pool, q, workspaceId, { noIndexScan = false } = {}) {
  const client = await pool.connect();
  try {
    await client.query('begin');
    if (noIndexScan) {
      await client.query('set local enable_indexscan = off');
    }
    if (workspaceId) {
      await client.query(
        "select set_config('parley.workspace_id', $1, true), set_config('role', 'parley_tenant', true)",
        [workspaceId],
      );
    }
    const plan = (await client.query(`explain (analyze, buffers) ${q.query}`, q.params)).rows
      .map((r) => r['QUERY PLAN'])
      .join('\n');
    const ms = (label) => Number(new RegExp(`${label} Time: ([\\d.]+) ms`).exec(plan)?.[1] ?? Number.NaN);
    return { executionMs: ms('Execution'), planningMs: ms('Planning'), plan };
  } finally {
    await client.query('rollback').catch(() => {});
    client.release();
  }
}

/**
 * Calls the endpoints' service functions in this process (no HTTP, no auth) against a drizzle instance
 * that records every query, then EXPLAIN (ANALYZE, BUFFERS)es each recorded query under the same role and
 * workspace setting as the server's tenant transactions.
 */
async function explain() {
  const { url, workspaceId, ownerId, cases, repeat = 20 } = input;
  // Imported here: the seed command does not need the server's services.
  const conversationsService = await import('../../apps/server/src/conversations/service.ts');
  const searchService = await import('../../apps/server/src/search/service.ts');
  const master = loadMasterKey(process.env.PARLEY_MASTER_KEY, input.dataDir);
  const sealer = createSealer(master);
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  let recording = null;
  const db = drizzle(pool, {
    logger: { logQuery: (query, params) => recording?.push({ query, params }) },
  });
  const platform = { db, sealer, config: { publicUrl: 'http://127.0.0.1' } };
  const ctx = {
    platform,
    actor: { kind: 'user', userId: ownerId, sessionId: 'bench' },
    workspaceId,
    role: 'owner',
    csrfToken: null,
  };
  const calls = {
    list: (a) => conversationsService.listConversationsForAgent(ctx, a.filter, a.page),
    conversation: (a) => conversationsService.getConversationForAgent(ctx, a.id),
    messages: (a) => conversationsService.listMessagesForAgent(ctx, a.id, { limit: a.limit }),
    search: (a) => searchService.search(ctx, { q: a.q, limit: a.limit ?? 20 }),
    counts: () => conversationsService.countConversationViews(ctx),
  };
  const out = [];
  try {
    for (const c of cases) {
      const call = () => calls[c.call](c);
      // Bounded in count and time: a slow query is not repeated for minutes.
      const warmUntil = performance.now() + 3000;
      for (let i = 0; i < 10 && (i < 2 || performance.now() < warmUntil); i++) {
        await call();
      }
      const times = [];
      const until = performance.now() + 5000;
      for (let i = 0; i < repeat && (i < 3 || performance.now() < until); i++) {
        const t = performance.now();
        await call();
        times.push(performance.now() - t);
      }
      times.sort((a, b) => a - b);
      recording = [];
      await call();
      // Reads only: not begin/commit, not the transaction's own set_config.
      const queries = recording.filter(
        (r) => /^\s*(select|with)\b/i.test(r.query) && !/set_config\('parley\.workspace_id'/.test(r.query),
      );
      recording = null;
      const explained = [];
      for (const q of queries) {
        const tenant = await explainOne(pool, q, workspaceId);
        // A slow query again as the table owner, whom the tenant_isolation policies do not apply to:
        // tells a plan that row-level security forces from one PostgreSQL would choose anyway.
        const owner = tenant.executionMs >= 5 ? await explainOne(pool, q, null) : null;
        // Slow for both: with ordered index scans off (the LIMIT trap of ORDER BY id), which other path
        // each one has: tells a misestimate the statistics cause from an index the policy rules out.
        let withoutIndexScan = null;
        if (owner && tenant.executionMs >= 20 && owner.executionMs * 5 >= tenant.executionMs) {
          withoutIndexScan = {
            tenant: await explainOne(pool, q, workspaceId, { noIndexScan: true }),
            owner: await explainOne(pool, q, null, { noIndexScan: true }),
          };
        }
        explained.push({
          query: q.query,
          params: q.params.map((p) => (typeof p === 'string' && p.length > 80 ? `${p.slice(0, 77)}…` : p)),
          ...tenant,
          owner,
          withoutIndexScan,
        });
      }
      out.push({
        name: c.name,
        inProcessP50: times[Math.floor(times.length / 2)],
        inProcessMin: times[0],
        queries: explained,
      });
    }
    // Operators in the search queries' filters: row-level security lets PostgreSQL use an index for a
    // condition only if its function is LEAKPROOF (or the condition is the policy's own).
    const leakproof = (
      await pool.query(
        `select o.oprname as op, o.oprcode::text as fn, p.proleakproof as leakproof
           from pg_operator o join pg_proc p on p.oid = o.oprcode
          where (o.oprname, o.oprleft::regtype::text, o.oprright::regtype::text)
                in (('~~*', 'text', 'text'), ('@@', 'tsvector', 'tsquery'), ('=', 'text', 'text'))`,
      )
    ).rows;
    return { ok: true, cases: out, leakproof };
  } finally {
    await pool.end().catch(() => {});
  }
}

// ── main ────────────────────────────────────────────────────────────────────────────────────────────

const commands = { seed, explain };
const command = commands[process.argv[2]];
if (!command) {
  progress(`usage: node --import tsx scripts/bench/inbox-helper.mjs seed|explain`);
  process.exit(2);
}
command().then(
  (result) => {
    process.stdout.write(`${JSON.stringify(result)}\n`);
    process.exit(0);
  },
  (err) => {
    process.stdout.write(`${JSON.stringify({ ok: false, error: String(err.stack ?? err) })}\n`);
    process.exit(1);
  },
);
