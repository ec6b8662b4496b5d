import { type Ctx, inWorkspace, requireAgent, type WorkspaceCtx } from '../platform/context.ts';
import { conflict, notFound } from '../platform/errors.ts';
import { canManageLabels } from './policy.ts';
import { presentLabel } from './presenter.ts';
import type { TCreateLabel, TUpdateLabel } from './schema.ts';
import * as store from './store.ts';

export async function listLabels(ctx: Ctx) {
  requireAgent(ctx);
  const rows = await inWorkspace(ctx, (tx) => store.listLabels(tx, ctx.workspaceId));
  return { items: rows.map(presentLabel) };
}

export async function createLabel(ctx: Ctx, input: TCreateLabel) {
  canManageLabels(ctx);
  const row = await refuseDuplicateName(ctx, input.name, () =>
    inWorkspace(ctx, (tx) =>
      store.insertLabel(tx, {
        workspaceId: ctx.workspaceId,
        name: input.name,
        color: input.color,
        description: input.description ?? null,
      }),
    ),
  );
  return presentLabel(row);
}

export async function updateLabel(ctx: Ctx, id: string, input: TUpdateLabel) {
  canManageLabels(ctx);
  const row = await refuseDuplicateName(ctx, input.name, () =>
    inWorkspace(ctx, (tx) => store.updateLabel(tx, ctx.workspaceId, id, input)),
  );
  if (!row) {
    throw notFound('Label');
  }
  return presentLabel(row);
}

export async function deleteLabel(ctx: Ctx, id: string) {
  canManageLabels(ctx);
  if (!(await inWorkspace(ctx, (tx) => store.deleteLabel(tx, ctx.workspaceId, id)))) {
    throw notFound('Label');
  }
}

/**
 * The unique index on the lower-cased name decides ("billing" and "Billing" are one label), so two
 * admins creating the same name at once cannot both succeed; the failed statement has already rolled
 * its transaction back when we turn it into a 409 that names the label already there.
 */
async function refuseDuplicateName<T>(
  ctx: WorkspaceCtx,
  name: string | undefined,
  write: () => Promise<T>,
): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (name !== undefined && store.isDuplicateLabelName(error)) {
      const existing = await inWorkspace(ctx, (tx) => store.findLabelByName(tx, ctx.workspaceId, name));
      throw conflict(`A label named "${existing?.name ?? name}" already exists in this workspace`, {
        field: 'name',
        labelId: existing?.id ?? null,
      });
    }
    throw error;
  }
}
