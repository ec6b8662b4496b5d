import { type SQL, sql } from 'drizzle-orm';
import { type Queryable, rowsOf } from '../platform/db.ts';

export type TMessageHit = {
  id: string;
  conversation_id: string;
  kind: 'incoming' | 'outgoing' | 'note' | 'activity';
  body_sealed: string;
  created_at: Date | string;
  contact_id: string;
  contact_name: string | null;
  contact_email: string | null;
};

/**
 * Newest messages whose words match. The matching runs in a database function that can use the
 * words index, which row-level security would otherwise keep out of reach (migration 0014 says how).
 */
export async function findMessages(q: Queryable, workspaceId: string, query: SQL, limit: number) {
  return rowsOf<TMessageHit>(
    q,
    sql`select m.id, m.conversation_id, m.kind, m.body_sealed, m.created_at,
               c.contact_id, ct.name as contact_name, ct.email as contact_email
          from messages m
          join conversations c on c.id = m.conversation_id
          join contacts ct on ct.id = c.contact_id
         where m.workspace_id = ${workspaceId}
           and m.id in (select parley_search_message_ids(${query}, ${limit}))
         order by m.id desc`,
  );
}

export type TContactHit = { id: string; name: string | null; email: string | null; phone: string | null };

/** Contacts whose name, email or phone contains the text (trigram indexes, through a database function). */
export async function findContacts(q: Queryable, workspaceId: string, text: string, limit: number) {
  const like = `%${text.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
  return rowsOf<TContactHit>(
    q,
    sql`select id, name, email, phone
          from contacts
         where workspace_id = ${workspaceId}
           and id in (select parley_search_contact_ids(${like}, ${limit}))
         order by id desc`,
  );
}

export type TAttachmentName = { id: string; message_id: string; filename: string };

/** The file names of these messages' attachments (names are not sealed). */
export async function findAttachmentNames(q: Queryable, workspaceId: string, messageIds: string[]) {
  if (messageIds.length === 0) {
    return [];
  }
  return rowsOf<TAttachmentName>(
    q,
    sql`select id, message_id, filename from attachments
         where workspace_id = ${workspaceId} and message_id in (${sql.join(
           messageIds.map((id) => sql`${id}`),
           sql`, `,
         )})
         order by id`,
  );
}
