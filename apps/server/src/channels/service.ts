import type { z } from 'zod';
import { insertContact } from '../contacts/store.ts';
import { presentAttachment } from '../conversations/presenter.ts';
import { recordDelivery } from '../conversations/service.ts';
import { attachmentsOfMessages, insertConversation } from '../conversations/store.ts';
import { loadConversationViews } from '../conversations/views.ts';
import { type TWritten, writeMessages } from '../conversations/write-messages.ts';
import { inWorkspaceWithEvents } from '../events/service.ts';
import { findInbox } from '../inboxes/service.ts';
import {
  channelDisconnected,
  DELIVER_MESSAGE_JOB,
  DeliveryError,
  type TChannel,
  type TDeliveryStatus,
} from '../platform/channels.ts';
import { type Ctx, inWorkspace, type Platform, type TenantScope } from '../platform/context.ts';
import type { Tx } from '../platform/db.ts';
import { AppError, notFound } from '../platform/errors.ts';
import { storableText } from '../platform/text.ts';
import { requireManageChannels } from './policy.ts';
import * as store from './store.ts';

/** How many times the outbox job tries a reply before it fails with the last error as its reason. */
export const DELIVERY_ATTEMPTS = 6;

/** A message a channel received. `externalId`: the provider's id for it (stored once per id). */
export type TInbound = {
  externalId: string;
  from: { address: string; name?: string | null | undefined };
  text: string;
};

/** The inbox-scoped key under which a channel's message id is stored. */
export const externalKey = (inboxId: string, providerId: string) => `${inboxId}:${providerId}`;

async function connectedInbox(scope: TenantScope, tx: Tx, inboxId: string) {
  const inbox = await findInbox(tx, scope.workspaceId, inboxId);
  if (!inbox) {
    throw notFound('Inbox');
  }
  if (inbox.channelState !== 'connected') {
    throw channelDisconnected();
  }
  return { inbox, channel: scope.platform.channels.get(inbox.channel) };
}

/**
 * An inbound message, normalised: the contact found (or created) by the channel's address, the
 * conversation found by the threading rule (or opened), the message written through the one message
 * path, once per external id (a provider's retry returns the message stored the first time). Refused
 * with 409 `channel_disconnected` when the inbox is disconnected.
 */
export async function receiveInbound(
  scope: TenantScope,
  inboxId: string,
  inbound: TInbound,
): Promise<{ messageId: string; conversationId: string; isDuplicate: boolean }> {
  const key = externalKey(inboxId, inbound.externalId);
  try {
    return await inWorkspaceWithEvents(scope, async (tx, emit) => {
      const { inbox, channel } = await connectedInbox(scope, tx, inboxId);
      const stored = await store.findMessageByExternalId(tx, scope.workspaceId, key);
      if (stored) {
        return { messageId: stored.id, conversationId: stored.conversationId, isDuplicate: true };
      }
      const contactId = await contactFor(scope, tx, channel, inbound.from);
      let conversationId = await store.latestConversation(
        tx,
        scope.workspaceId,
        inbox.id,
        contactId,
        inbox.settings.replyToResolved !== 'new_conversation',
      );
      if (!conversationId) {
        const conversation = await insertConversation(tx, {
          workspaceId: scope.workspaceId,
          inboxId: inbox.id,
          contactId,
        });
        conversationId = conversation.id;
        const [view] = await loadConversationViews(scope.platform, tx, scope.workspaceId, [conversation]);
        emit({ type: 'conversation.created', conversationId, contactId, data: view! });
      }
      const [written] = (await writeMessages(scope, tx, emit, [
        {
          conversationId,
          kind: 'incoming',
          text: storableText(inbound.text),
          sender: { type: 'contact', id: contactId },
          externalId: key,
        },
      ])) as [TWritten];
      return { messageId: written.message.id, conversationId, isDuplicate: false };
    });
  } catch (err) {
    // Two deliveries of one message at once: the second finds the first's row once it has committed.
    if (isUniqueViolation(err)) {
      const stored = await inWorkspace(scope, (tx) =>
        store.findMessageByExternalId(tx, scope.workspaceId, key),
      );
      if (stored) {
        return { messageId: stored.id, conversationId: stored.conversationId, isDuplicate: true };
      }
    }
    throw err;
  }
}

function isUniqueViolation(err: unknown): boolean {
  for (let e = err as { code?: string; cause?: unknown } | undefined; e; e = e.cause as typeof e) {
    if (e.code === '23505') {
      return true;
    }
  }
  return false;
}

async function contactFor(
  scope: TenantScope,
  tx: Tx,
  channel: TChannel,
  from: TInbound['from'],
): Promise<string> {
  if (!channel.address) {
    throw new Error(`The ${channel.type} channel names no contact address`);
  }
  const found = await store.findContactByAddress(tx, scope.workspaceId, channel.address, from.address);
  if (found) {
    return found.id;
  }
  const created = await insertContact(tx, scope.workspaceId, {
    name: from.name ? storableText(from.name).trim() || null : null,
    email: channel.address === 'email' ? from.address : null,
    phone: channel.address === 'phone' ? from.address : null,
  });
  return created.id;
}

/**
 * The outbox job: sends one pending reply through its inbox's channel. A reply of a disconnected
 * inbox stays pending (reconnecting sends it); a permanent refusal, or the last attempt's error, fails
 * it with the reason; other errors are retried with backoff. The inbox keeps the last error.
 */
export async function deliverMessage(
  platform: Platform,
  { workspaceId, messageId }: z.output<typeof DELIVER_MESSAGE_JOB.payload>,
  job: { retryCount: number },
) {
  const scope = { platform, workspaceId };
  const outbound = await inWorkspace(scope, async (tx) => {
    const row = await store.outboundMessage(tx, workspaceId, messageId);
    if (row?.message.status !== 'pending') {
      return null;
    }
    const inbox = await findInbox(tx, workspaceId, row.inboxId);
    if (inbox?.channelState !== 'connected') {
      return null;
    }
    const files = await attachmentsOfMessages(tx, workspaceId, [messageId]);
    return {
      channel: platform.channels.get(inbox.channel),
      input: {
        workspaceId,
        inboxId: inbox.id,
        settings: inbox.channelSettings,
        secrets: inbox.channelSecretsSealed
          ? (JSON.parse(
              await platform.sealer.openText(tx, workspaceId, inbox.channelSecretsSealed),
            ) as Record<string, unknown>)
          : {},
        conversationId: row.message.conversationId,
        message: {
          id: messageId,
          text: await platform.sealer.openText(tx, workspaceId, row.message.bodySealed),
          attachments: files.map((f) => {
            const { filename, contentType, size, url } = presentAttachment(platform, f);
            return { filename, contentType, size, url };
          }),
        },
        contact: row.contact,
      },
    };
  });
  if (!outbound?.channel.deliver) {
    return;
  }
  let providerId: string | null;
  try {
    ({ providerId } = await outbound.channel.deliver(outbound.input));
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    const isLast =
      (err instanceof DeliveryError && err.isPermanent) || job.retryCount + 1 >= DELIVERY_ATTEMPTS;
    await inWorkspaceWithEvents(scope, async (tx, emit) => {
      await store.setChannel(tx, workspaceId, outbound.input.inboxId, {
        channelError: reason,
        channelErrorAt: new Date(),
      });
      if (isLast) {
        await recordDelivery(scope, tx, emit, messageId, { status: 'failed', reason });
      }
    });
    if (isLast) {
      return;
    }
    throw err;
  }
  await inWorkspaceWithEvents(scope, (tx, emit) =>
    recordDelivery(scope, tx, emit, messageId, {
      status: 'sent',
      ...(providerId ? { externalId: externalKey(outbound.input.inboxId, providerId) } : {}),
    }),
  );
}

/**
 * A provider's status callback: the reply it names by its id moves to the mapped status (a word the
 * channel does not map, or an id Parley never sent, changes nothing). Returns the status recorded.
 */
export async function receiveStatus(
  scope: TenantScope,
  inboxId: string,
  report: { providerId: string; status: string; reason?: string | null },
): Promise<TDeliveryStatus | null> {
  return inWorkspaceWithEvents(scope, async (tx, emit) => {
    const inbox = await findInbox(tx, scope.workspaceId, inboxId);
    if (!inbox) {
      throw notFound('Inbox');
    }
    const status = scope.platform.channels.get(inbox.channel).statuses[report.status] ?? null;
    const stored = await store.findMessageByExternalId(
      tx,
      scope.workspaceId,
      externalKey(inboxId, report.providerId),
    );
    if (!status || !stored) {
      return null;
    }
    const isChanged = await recordDelivery(scope, tx, emit, stored.id, {
      status,
      reason: status === 'failed' ? (report.reason ?? 'The provider could not deliver it') : null,
    });
    return isChanged ? status : null;
  });
}

/** Disconnecting stops ingestion at once (inbound refused) and pauses outbound. Admins only. */
export async function disconnectChannel(ctx: Ctx, inboxId: string) {
  requireManageChannels(ctx);
  await inWorkspace(ctx, async (tx) => {
    if (!(await store.lockInbox(tx, ctx.workspaceId, inboxId))) {
      throw notFound('Inbox');
    }
    await store.setChannel(tx, ctx.workspaceId, inboxId, { channelState: 'disconnected' });
  });
}

/**
 * Connects (or reconnects) an inbox's channel with its settings and credentials, checked by the
 * channel's schemas; replies that waited while it was disconnected go out. Admins only.
 */
export async function connectChannel(
  ctx: Ctx,
  inboxId: string,
  input: { settings?: Record<string, unknown> | undefined; secrets?: Record<string, unknown> | undefined },
) {
  requireManageChannels(ctx);
  await inWorkspace(ctx, async (tx) => {
    const inbox = (await store.lockInbox(tx, ctx.workspaceId, inboxId))
      ? await findInbox(tx, ctx.workspaceId, inboxId)
      : undefined;
    if (!inbox) {
      throw notFound('Inbox');
    }
    const channel = ctx.platform.channels.get(inbox.channel);
    const settings = channel.settings.safeParse(input.settings ?? inbox.channelSettings);
    const hasSecrets = input.secrets !== undefined || inbox.channelSecretsSealed === null;
    const secrets = hasSecrets ? channel.secrets.safeParse(input.secrets ?? {}) : null;
    if (!settings.success || (secrets && !secrets.success)) {
      const issues = [...(settings.error?.issues ?? []), ...(secrets?.error?.issues ?? [])];
      throw new AppError('validation_failed', 'The channel settings are not valid', {
        issues: issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
      });
    }
    await store.setChannel(tx, ctx.workspaceId, inboxId, {
      channelState: 'connected',
      channelSettings: settings.data,
      channelError: null,
      channelErrorAt: null,
      ...(secrets?.success
        ? {
            channelSecretsSealed: await ctx.platform.sealer.seal(
              tx,
              ctx.workspaceId,
              JSON.stringify(secrets.data),
            ),
          }
        : {}),
    });
    for (const messageId of await store.pendingMessageIds(tx, ctx.workspaceId, inboxId)) {
      await ctx.platform.jobs.enqueue(tx, DELIVER_MESSAGE_JOB, { workspaceId: ctx.workspaceId, messageId });
    }
  });
}
