import {
  unknownCannedVariables,
  unknownVariablesMessage,
} from '../../../../packages/shared/src/canned-responses.ts';
import { type Ctx, inWorkspace, requireAgent } from '../platform/context.ts';
import { AppError, conflict, notFound } from '../platform/errors.ts';
import { presentCannedResponse } from './presenter.ts';
import type { TCreateCannedResponse, TUpdateCannedResponse } from './schema.ts';
import * as store from './store.ts';

// Any agent may create, change and delete canned responses: they are a shared notebook of replies
// (as in Chatwoot), not a setting.

export async function listCannedResponses(ctx: Ctx, query: { search?: string | undefined }) {
  requireAgent(ctx);
  const rows = await inWorkspace(ctx, (tx) =>
    store.listCannedResponses(tx, ctx.workspaceId, query.search || null),
  );
  return { items: rows.map(presentCannedResponse) };
}

export async function createCannedResponse(ctx: Ctx, input: TCreateCannedResponse) {
  requireAgent(ctx);
  refuseUnknownVariables(input.content);
  const row = await refuseDuplicateShortcut(input.shortcut, () =>
    inWorkspace(ctx, (tx) =>
      store.insertCannedResponse(tx, {
        workspaceId: ctx.workspaceId,
        shortcut: input.shortcut,
        content: input.content,
      }),
    ),
  );
  return presentCannedResponse(row);
}

export async function updateCannedResponse(ctx: Ctx, id: string, input: TUpdateCannedResponse) {
  requireAgent(ctx);
  refuseUnknownVariables(input.content);
  const row = await refuseDuplicateShortcut(input.shortcut, () =>
    inWorkspace(ctx, (tx) => store.updateCannedResponse(tx, ctx.workspaceId, id, input)),
  );
  if (!row) {
    throw notFound('Canned response');
  }
  return presentCannedResponse(row);
}

export async function deleteCannedResponse(ctx: Ctx, id: string) {
  requireAgent(ctx);
  if (!(await inWorkspace(ctx, (tx) => store.deleteCannedResponse(tx, ctx.workspaceId, id)))) {
    throw notFound('Canned response');
  }
}

/**
 * A `{{variable}}` Parley doesn't know would reach visitors as written (a typo, or a name from another
 * product), so saving it is refused with the list of unknown names, as a validation issue of `content`.
 */
function refuseUnknownVariables(content: string | undefined): void {
  const unknown = content === undefined ? [] : unknownCannedVariables(content);
  if (unknown.length === 0) {
    return;
  }
  const message = unknownVariablesMessage(unknown);
  throw new AppError('validation_failed', `body.content: ${message}`, {
    issues: [{ path: 'body.content', message }],
    unknownVariables: unknown,
  });
}

/** The unique index decides; the failed statement has already rolled its transaction back. */
async function refuseDuplicateShortcut<T>(shortcut: string | undefined, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (store.isDuplicateShortcut(error)) {
      throw conflict(`The shortcut /${shortcut} is already used by another canned response`, {
        field: 'shortcut',
      });
    }
    throw error;
  }
}
