import { bigint, index, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { workspaceRef, workspaces } from '../workspaces/tables.ts';

/** The last event sequence number of each workspace; incremented inside the writing transaction. */
export const workspaceSequences = pgTable('workspace_sequences', {
  workspaceId: text('workspace_id')
    .primaryKey()
    .references(() => workspaces.id, { onDelete: 'cascade' }),
  lastSeq: bigint('last_seq', { mode: 'number' }).notNull(),
});

/**
 * The durable event log behind realtime delivery: a client that reconnects sends its last sequence
 * number and receives what it missed from here. Payloads are sealed; old events are pruned.
 */
export const events = pgTable(
  'events',
  {
    workspaceId: workspaceRef(),
    seq: bigint('seq', { mode: 'number' }).notNull(),
    type: text('type').notNull(),
    conversationId: text('conversation_id'),
    /** Set when the contact may see the event (visitor sockets of that contact receive it). */
    contactId: text('contact_id'),
    payloadSealed: text('payload_sealed').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.seq] }), index('events_created_idx').on(t.createdAt)],
);
