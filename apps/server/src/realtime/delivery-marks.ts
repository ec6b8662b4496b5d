// A message counts as delivered once a socket on the other side of its conversation received it. A
// reply reaches many sockets at once, and many replies come close together, so the marks are
// collected for a moment and written in one transaction per workspace.
import type { TMessageView } from '../conversations/presenter.ts';
import { markDelivered } from '../conversations/service.ts';
import type { Platform, TenantScope } from '../platform/context.ts';

export const DELIVERY_BATCH_MS = 100;
/** Ids remembered as marked already; past that the memory starts over (a repeat mark changes nothing). */
const SEEN_LIMIT = 10_000;

type TWriteMarks = (scope: TenantScope, sent: TMessageView[]) => Promise<void>;

/**
 * Collects "a socket received message X" and writes the marks with `markDelivered`, at most
 * `batchMs` after the first of a batch. One per app (per platform); `close` writes what is left.
 */
export class DeliveryMarks {
  /** Each message is marked once, however many sockets received it. */
  private readonly seen = new Set<string>();
  /** Marks waiting for the batch to be written: by workspace, by message id. */
  private pending = new Map<string, Map<string, TMessageView>>();
  private timer: NodeJS.Timeout | null = null;
  private readonly writing = new Set<Promise<void>>();
  private isClosed = false;
  private readonly batchMs: number;
  private readonly write: TWriteMarks;

  constructor(
    private readonly platform: Platform,
    opts: { batchMs?: number; write?: TWriteMarks } = {},
  ) {
    this.batchMs = opts.batchMs ?? DELIVERY_BATCH_MS;
    this.write = opts.write ?? markDelivered;
  }

  /** A socket received `message` (of `workspaceId`), which was sent from the other side. */
  add(workspaceId: string, message: TMessageView): void {
    if (this.isClosed || this.seen.has(message.id)) {
      return;
    }
    this.seen.add(message.id);
    if (this.seen.size > SEEN_LIMIT) {
      this.seen.clear();
    }
    let views = this.pending.get(workspaceId);
    if (!views) {
      views = new Map();
      this.pending.set(workspaceId, views);
    }
    views.set(message.id, message);
    this.timer ??= setTimeout(() => void this.flush(), this.batchMs);
  }

  /** Writes every mark collected so far, one transaction per workspace; resolves once they are written. */
  flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    const batches = this.pending;
    this.pending = new Map();
    const writes: Promise<void>[] = [];
    for (const [workspaceId, views] of batches) {
      const write = this.write({ platform: this.platform, workspaceId }, [...views.values()])
        .catch((err) => this.platform.log.warn({ err, workspaceId }, 'could not mark messages delivered'))
        .finally(() => this.writing.delete(write));
      this.writing.add(write);
      writes.push(write);
    }
    return Promise.all(writes).then(() => undefined);
  }

  /** Writes what is pending and waits for every write under way; marks after this are dropped. */
  async close(): Promise<void> {
    this.isClosed = true;
    await this.flush();
    await Promise.all(this.writing);
  }
}
