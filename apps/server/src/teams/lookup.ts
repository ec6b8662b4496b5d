// What features above teams read of them inside their own transaction, once their own access check
// has passed (assigning a conversation to a team).
import type { Queryable } from '../platform/db.ts';
import * as store from './store.ts';

export async function teamExists(q: Queryable, workspaceId: string, id: string): Promise<boolean> {
  return Boolean(await store.findTeam(q, workspaceId, id));
}
