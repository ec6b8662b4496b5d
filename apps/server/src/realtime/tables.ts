import { bigint, index, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { workspaceRef, workspaces } from '../workspaces/tables.ts';

/** The last event sequence number of each workspace; advanced at commit (see migration 0004). */
export const workspaceSequences = pgTable('workspace_sequences', {
  workspaceId: text('workspace_id')
    .primaryKey()
    .references(() => workspaces.id, { onDelete: 'cascade' }),
  lastSeq: bigint('last_seq', { mode: 'number' }).notNull(),
});

/**
 * The durable event log behind realtime delivery. A deferred trigger gives each event the next
 * sequence number of its workspace while the transaction commits, so sequence order is commit order:
 * readers deliver the log in order, and a client that reconnects with its last number misses nothing.
 * Payloads are sealed; old events are pruned.
 */
export const events = pgTable(
  'events',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    workspaceId: workspaceRef(),
    /** Null only inside the writing transaction, until it commits. */
    seq: bigint('seq', { mode: 'number' }),
    type: text('type').notNull(),
    conversationId: text('conversation_id'),
    /** Set when the contact may see the event (visitor sockets of that contact receive it). */
    contactId: text('contact_id'),
    payloadSealed: text('payload_sealed').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('events_workspace_seq_key').on(t.workspaceId, t.seq),
    // Also `events_unnumbered_idx` (workspace_id, id) WHERE seq IS NULL, for the numbering at commit
    // (migration 0016; a partial index the schema builder does not describe).
    index('events_created_idx').on(t.createdAt),
  ],
);
