// What features above labels read of them inside their own transaction, once their own access check
// has passed (labelling a conversation).
import type { Queryable } from '../platform/db.ts';
import * as store from './store.ts';

/** The label's name when it exists in the workspace. */
export async function labelName(q: Queryable, workspaceId: string, id: string): Promise<string | null> {
  return (await store.findLabel(q, workspaceId, id))?.name ?? null;
}
