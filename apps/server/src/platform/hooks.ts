// How a feature reacts to another feature's change without the lower one importing the upper one:
// the lower feature emits a typed event in its transaction, the upper one's handler (registered in
// app.ts) runs in that same transaction, so the change and every reaction commit or roll back
// together. Work that leaves the process is a job instead (the outbox); signals after the commit use
// `afterCommit`. See docs/decisions/0014-feature-layers-and-hooks.md.
import type { Tx } from './queryable.ts';

/** Every event a feature may react to, with what its handlers receive. */
export type THookEvents = {
  /** A member left the workspace or was removed from it; the membership row is already gone. */
  'member.removed': { tx: Tx; workspaceId: string; userId: string };
  /** The first account was created at setup, with the name it gave its first workspace. */
  'setup.completed': { tx: Tx; userId: string; workspaceName: string };
};

export type THookName = keyof THookEvents;
type THandler<N extends THookName> = (event: THookEvents[N]) => Promise<void>;

export type Hooks = {
  /** Adds a reaction; handlers run in the order they were added. Called at start only (app.ts). */
  on<N extends THookName>(name: N, handler: THandler<N>): void;
  /** Runs every reaction to the event, one after another, in the caller's transaction. */
  emit<N extends THookName>(name: N, event: THookEvents[N]): Promise<void>;
};

export function createHooks(): Hooks {
  const handlers = new Map<THookName, THandler<never>[]>();
  return {
    on(name, handler) {
      handlers.set(name, [...(handlers.get(name) ?? []), handler as THandler<never>]);
    },
    async emit(name, event) {
      for (const handler of handlers.get(name) ?? []) {
        await (handler as THandler<typeof name>)(event);
      }
    },
  };
}
