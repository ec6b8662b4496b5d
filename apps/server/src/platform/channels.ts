// The channel interface: what a way of talking to customers (the website widget, email, SMS, an API,
// a social inbox) declares, and the registry that holds the members. The rules every channel shares
// (contact by address, conversation by threading rule, stored once per external id, the outbox job,
// status mapping, connect and disconnect) live in apps/server/src/channels/; each member lives in
// apps/server/src/channels/<type>/ and is registered in app.ts. See docs/architecture.md, "Add a channel".
import { z } from 'zod';
import { AppError } from './errors.ts';
import { jobKind } from './jobs.ts';

/** The outbox job that sends one reply through its inbox's channel. */
export const DELIVER_MESSAGE_JOB = jobKind(
  'channels.deliver_message',
  z.object({ workspaceId: z.string(), messageId: z.string() }),
);

/** Inbound to an inbox whose channel is disconnected: refused, so the sender (or provider) knows. */
export const channelDisconnected = () =>
  new AppError('channel_disconnected', 'This inbox is disconnected and does not take messages');

/** Where a reply stands once a channel has taken it. */
export type TDeliveryStatus = 'sent' | 'delivered' | 'read' | 'failed';

/** A reply on its way out, with everything a channel needs to send it. */
export type TOutbound = {
  workspaceId: string;
  inboxId: string;
  settings: Record<string, unknown>;
  secrets: Record<string, unknown>;
  conversationId: string;
  message: {
    id: string;
    text: string;
    attachments: { filename: string; contentType: string; size: number; url: string }[];
  };
  contact: { id: string; name: string | null; email: string | null; phone: string | null };
};

/**
 * A failure to send. `isPermanent`: sending again cannot help (a refused address, an opted-out number);
 * the message fails at once with `message` as its reason. Any other error is retried with backoff.
 */
export class DeliveryError extends Error {
  constructor(
    message: string,
    readonly isPermanent: boolean,
  ) {
    super(message);
    this.name = 'DeliveryError';
  }
}

export type TChannel = {
  /** The inbox's `channel` value. */
  type: string;
  /** Settings that are not secret (addresses, account ids), checked when the channel connects. */
  settings: z.ZodType<Record<string, unknown>>;
  /** Credentials, checked when the channel connects, sealed at rest and never returned. */
  secrets: z.ZodType<Record<string, unknown>>;
  /** The contact field that holds this channel's address of a person (null: the channel has none). */
  address: 'email' | 'phone' | null;
  /**
   * Sends one reply; returns the provider's id for it (status callbacks name it). Null for a channel
   * whose replies reach the contact another way (the website widget's sockets).
   */
  deliver: ((outbound: TOutbound) => Promise<{ providerId: string | null }>) | null;
  /** The provider's status words, mapped to Parley's; a word not listed is ignored. */
  statuses: Record<string, TDeliveryStatus>;
};

export type Channels = {
  register: (channel: TChannel) => void;
  /** The member for an inbox's channel; throws for a type nobody registered. */
  get: (type: string) => TChannel;
  /** The channels whose replies an outbox job sends. */
  sending: () => string[];
};

export function createChannels(): Channels {
  const members = new Map<string, TChannel>();
  let sending: string[] = [];
  return {
    register(channel) {
      members.set(channel.type, channel);
      sending = [...members.values()].filter((c) => c.deliver !== null).map((c) => c.type);
    },
    get(type) {
      const channel = members.get(type);
      if (!channel) {
        throw new Error(`No channel is registered for "${type}"`);
      }
      return channel;
    },
    sending: () => sending,
  };
}
