import { randomBytes } from 'node:crypto';
import { endSocketsOnCommit } from '../events/service.ts';
import { type Ctx, inWorkspace, type Platform, requireAgent } from '../platform/context.ts';
import type { Queryable } from '../platform/db.ts';
import { notFound } from '../platform/errors.ts';
import { canManageInboxes, seesIdentitySecret } from './policy.ts';
import { presentInbox } from './presenter.ts';
import { DEFAULT_INBOX_SETTINGS } from './schema.ts';
import * as store from './store.ts';
import type { TInboxSettings } from './tables.ts';

type TSettingsPatch = Omit<Partial<TInboxSettings>, 'preChatForm' | 'attachments'> & {
  preChatForm?: Partial<TInboxSettings['preChatForm']> | undefined;
  attachments?: Partial<TInboxSettings['attachments']> | undefined;
};

/** Applies a settings change; the nested groups merge field by field. */
function mergeSettings(current: TInboxSettings, patch: TSettingsPatch = {}): TInboxSettings {
  const { preChatForm, attachments, ...rest } = patch;
  return {
    ...current,
    ...(Object.fromEntries(
      Object.entries(rest).filter(([, v]) => v !== undefined),
    ) as Partial<TInboxSettings>),
    preChatForm: { ...current.preChatForm, ...preChatForm },
    attachments: { ...current.attachments, ...attachments },
  };
}

/** The inbox as the API returns it: only admins and owners receive the identity secret. */
async function inboxView(platform: Platform, q: Queryable, inbox: store.TInbox, withSecret: boolean) {
  const identitySecret = withSecret ? await identitySecretOf(platform, q, inbox) : null;
  return presentInbox(platform.config.publicUrl, inbox, identitySecret);
}

export async function createInbox(
  ctx: Ctx,
  input: {
    name: string;
    settings?: TSettingsPatch | undefined;
    requireIdentityVerification?: boolean | undefined;
  },
) {
  canManageInboxes(ctx);
  return inWorkspace(ctx, async (tx) => {
    const inbox = await store.insertInbox(tx, {
      workspaceId: ctx.workspaceId,
      name: input.name,
      channel: 'website',
      widgetKey: `wk_${randomBytes(18).toString('base64url')}`,
      settings: mergeSettings(DEFAULT_INBOX_SETTINGS, input.settings),
      requireIdentityVerification: input.requireIdentityVerification ?? false,
      identitySecretSealed: await ctx.platform.sealer.seal(
        tx,
        ctx.workspaceId,
        randomBytes(32).toString('hex'),
      ),
    });
    return inboxView(ctx.platform, tx, inbox, true);
  });
}

export async function listInboxes(ctx: Ctx) {
  requireAgent(ctx);
  const withSecret = seesIdentitySecret(ctx);
  return inWorkspace(ctx, async (tx) => {
    const rows = await store.listInboxes(tx, ctx.workspaceId);
    const items = [];
    for (const r of rows) {
      items.push(await inboxView(ctx.platform, tx, r, withSecret));
    }
    return { items };
  });
}

export async function getInbox(ctx: Ctx, id: string) {
  requireAgent(ctx);
  const withSecret = seesIdentitySecret(ctx);
  return inWorkspace(ctx, async (tx) => {
    const inbox = await store.findInbox(tx, ctx.workspaceId, id);
    if (!inbox) {
      throw notFound('Inbox');
    }
    return inboxView(ctx.platform, tx, inbox, withSecret);
  });
}

export async function updateInbox(
  ctx: Ctx,
  id: string,
  input: {
    name?: string | undefined;
    settings?: TSettingsPatch | undefined;
    requireIdentityVerification?: boolean | undefined;
    rotateIdentitySecret?: true | undefined;
  },
) {
  canManageInboxes(ctx);
  return inWorkspace(ctx, async (tx) => {
    const inbox = await store.findInbox(tx, ctx.workspaceId, id);
    if (!inbox) {
      throw notFound('Inbox');
    }
    const updated = await store.updateInbox(tx, ctx.workspaceId, id, {
      ...(input.name ? { name: input.name } : {}),
      ...(input.settings ? { settings: mergeSettings(inbox.settings, input.settings) } : {}),
      ...(input.requireIdentityVerification === undefined
        ? {}
        : { requireIdentityVerification: input.requireIdentityVerification }),
      ...(input.rotateIdentitySecret
        ? {
            identitySecretSealed: await ctx.platform.sealer.seal(
              tx,
              ctx.workspaceId,
              randomBytes(32).toString('hex'),
            ),
          }
        : {}),
    });
    return inboxView(ctx.platform, tx, updated!, true);
  });
}

export async function deleteInbox(ctx: Ctx, id: string) {
  canManageInboxes(ctx);
  const isDeleted = await inWorkspace(ctx, async (tx) => {
    const deleted = await store.deleteInbox(tx, ctx.workspaceId, id);
    if (deleted) {
      // Its visitors and their tokens go with it.
      endSocketsOnCommit(tx, {
        holders: [{ kind: 'inbox', workspaceId: ctx.workspaceId, inboxId: id }],
        reason: 'access_ended',
      });
    }
    return deleted;
  });
  if (!isDeleted) {
    throw notFound('Inbox');
  }
}

export function findInboxByWidgetKey(platform: Platform, widgetKey: string) {
  return store.findInboxByWidgetKey(platform.db, widgetKey);
}

export function findInbox(q: Queryable, workspaceId: string, id: string) {
  return store.findInbox(q, workspaceId, id);
}

export async function identitySecretOf(platform: Platform, q: Queryable, inbox: store.TInbox) {
  return platform.sealer.openText(q, inbox.workspaceId, inbox.identitySecretSealed);
}

export type { TInbox } from './store.ts';
