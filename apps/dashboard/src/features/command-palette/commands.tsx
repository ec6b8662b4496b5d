import type { LucideIcon } from 'lucide-react';
import {
  createContext,
  type ReactNode,
  useContext,
  useLayoutEffect,
  useRef,
  useState,
  useSyncExternalStore,
} from 'react';

// What the command palette can run besides going places: screens add the actions that make sense
// while they are on screen (the open conversation: assign to me, resolve, snooze…), and take them
// away when they leave. The palette follows them live: a screen still on view while the next one
// loads keeps its actions until it is gone.

export type Command = {
  id: string;
  label: string;
  /** Other words that find it ("close" finds Resolve). */
  keywords?: string;
  icon?: LucideIcon;
  /** The single-key shortcut that does the same, shown beside it. */
  shortcut?: string;
  run: () => void;
};

type Registry = {
  entries: Map<symbol, { current: Command[] }>;
  version: number;
  listeners: Set<() => void>;
};

const CommandsContext = createContext<Registry | null>(null);

function changed(registry: Registry) {
  registry.version += 1;
  for (const listener of registry.listeners) {
    listener();
  }
}

export function CommandsProvider({ children }: { children: ReactNode }) {
  const [registry] = useState<Registry>(() => ({ entries: new Map(), version: 0, listeners: new Set() }));
  return <CommandsContext.Provider value={registry}>{children}</CommandsContext.Provider>;
}

/** Offers `commands` in the palette while the calling component is on screen. */
export function useCommands(commands: Command[]): void {
  const registry = useContext(CommandsContext);
  const latest = useRef(commands);
  latest.current = commands;
  const [owner] = useState(() => Symbol('commands owner'));
  // A layout effect: React also undoes it when it hides a screen (a page that suspends).
  useLayoutEffect(() => {
    if (!registry) {
      return;
    }
    registry.entries.set(owner, latest);
    changed(registry);
    return () => {
      registry.entries.delete(owner);
      changed(registry);
    };
  }, [registry, owner]);
}

const noRegistry = () => () => {};

/** The commands on offer right now, in the order their screens registered them. */
export function useContextCommands(): Command[] {
  const registry = useContext(CommandsContext);
  useSyncExternalStore(
    registry
      ? (listener: () => void) => {
          registry.listeners.add(listener);
          return () => {
            registry.listeners.delete(listener);
          };
        }
      : noRegistry,
    () => registry?.version ?? 0,
  );
  return registry ? [...registry.entries.values()].flatMap((entry) => entry.current) : [];
}
