import { IMAGE_TYPES, sniffAttachmentType } from '../files/sniff.ts';
import { loadFile, storeFile } from '../files/storage.ts';
import { membershipRole } from '../members/lookup.ts';
import { type Ctx, inWorkspace, requireWorkspace } from '../platform/context.ts';
import { AppError, notFound } from '../platform/errors.ts';
import { canManageWorkspace } from './policy.ts';
import { presentWorkspaceSettings } from './presenter.ts';
import type { TUpdateWorkspaceSettings } from './schema.ts';
import * as store from './store.ts';

export const MAX_LOGO_BYTES = 1024 * 1024;

/** Every member may read the settings (the dashboard shows the name and logo to all). */
export async function getWorkspaceSettings(ctx: Ctx) {
  requireWorkspace(ctx);
  const workspace = await inWorkspace(ctx, (tx) => store.findWorkspace(tx, ctx.workspaceId));
  if (!workspace) {
    throw notFound('Workspace');
  }
  return presentWorkspaceSettings(workspace);
}

export async function updateWorkspaceSettings(ctx: Ctx, patch: TUpdateWorkspaceSettings) {
  canManageWorkspace(ctx);
  const changes = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
  const workspace = await inWorkspace(ctx, (tx) => store.updateWorkspace(tx, ctx.workspaceId, changes));
  return presentWorkspaceSettings(workspace);
}

/**
 * The logo is an image stored like an attachment (sealed, content-addressed) and served by Parley
 * itself, so the dashboard never loads images from another host.
 */
/** The logo from an upload, read only once access is granted (an agent is refused before it is read). */
export async function setWorkspaceLogo(
  ctx: Ctx,
  readFile: () => Promise<{ filename: string; bytes: Buffer }>,
) {
  canManageWorkspace(ctx);
  const file = await readFile();
  if (file.bytes.length === 0) {
    throw new AppError('validation_failed', 'The file is empty');
  }
  if (file.bytes.length > MAX_LOGO_BYTES) {
    throw new AppError('payload_too_large', 'Logos are limited to 1 MB');
  }
  const contentType = await sniffAttachmentType(file.bytes, file.filename);
  if (!contentType || !IMAGE_TYPES.has(contentType)) {
    throw new AppError('unsupported_media_type', 'Use a PNG, JPEG, GIF or WebP image for the logo');
  }
  const sha256 = await storeFile(ctx.platform, ctx.workspaceId, file.bytes);
  const workspace = await inWorkspace(ctx, (tx) =>
    store.updateWorkspace(tx, ctx.workspaceId, { logoSha256: sha256, logoContentType: contentType }),
  );
  return presentWorkspaceSettings(workspace);
}

export async function removeWorkspaceLogo(ctx: Ctx) {
  canManageWorkspace(ctx);
  const workspace = await inWorkspace(ctx, (tx) =>
    store.updateWorkspace(tx, ctx.workspaceId, { logoSha256: null, logoContentType: null }),
  );
  return presentWorkspaceSettings(workspace);
}

/**
 * The logo of a workspace the caller belongs to (the workspace switcher shows each one). Any other
 * workspace's logo is reported exactly like a missing one.
 */
export async function openWorkspaceLogo(ctx: Ctx, workspaceId: string) {
  requireWorkspace(ctx);
  const isMember =
    ctx.workspaceId === workspaceId ||
    (ctx.actor.kind === 'user' &&
      (await membershipRole(ctx.platform.db, workspaceId, ctx.actor.userId)) !== null);
  if (!isMember) {
    throw notFound('Logo');
  }
  const scope = { platform: ctx.platform, workspaceId };
  const logo = await inWorkspace(scope, async (tx) => {
    const workspace = await store.findWorkspace(tx, workspaceId);
    if (!workspace?.logoSha256 || !workspace.logoContentType) {
      throw notFound('Logo');
    }
    return { sha256: workspace.logoSha256, contentType: workspace.logoContentType };
  });
  const bytes = await loadFile(ctx.platform, workspaceId, logo.sha256);
  if (!bytes) {
    ctx.platform.log.warn({ workspaceId }, 'workspace logo missing from the file store');
    throw notFound('Logo');
  }
  return { bytes, contentType: logo.contentType };
}
