import { bigint, boolean, index, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { workspaceRef, workspaces } from '../workspaces/tables.ts';

/** The last event sequence number of each workspace; advanced by the insert of events (migration 0018). */
export const workspaceSequences = pgTable('workspace_sequences', {
  workspaceId: text('workspace_id')
    .primaryKey()
    .references(() => workspaces.id, { onDelete: 'cascade' }),
  lastSeq: bigint('last_seq', { mode: 'number' }).notNull(),
});

/**
 * The durable event log behind realtime delivery. The insert that appends a transaction's events, its
 * last statement, numbers them from the workspace's counter row, which stays locked until the
 * transaction ends, so sequence order is commit order:
 * readers deliver the log in order, and a client that reconnects with its last number misses nothing.
 * Payloads are sealed; old events are pruned.
 */
export const events = pgTable(
  'events',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    workspaceId: workspaceRef(),
    /** Given by the insert (store.insertEvents); null only in rows written before migration 0018. */
    seq: bigint('seq', { mode: 'number' }),
    type: text('type').notNull(),
    conversationId: text('conversation_id'),
    /** Set when the contact may see the event (visitor sockets of that contact receive it). */
    contactId: text('contact_id'),
    /** False for what only the contact's visitors need (the status of their own messages). */
    forAgents: boolean('for_agents').notNull().default(true),
    payloadSealed: text('payload_sealed').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('events_workspace_seq_key').on(t.workspaceId, t.seq),
    index('events_created_idx').on(t.createdAt),
  ],
);
