import type { LucideIcon } from 'lucide-react';
import { createContext, type ReactNode, useContext, useEffect, useRef, useState } from 'react';

// What the command palette can run besides going places: screens add the actions that make sense
// while they are on screen (the open conversation: assign to me, resolve, snooze…), and take them
// away when they leave. The palette reads them when it opens.

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

type Registry = Map<symbol, { current: Command[] }>;

const CommandsContext = createContext<Registry | null>(null);

export function CommandsProvider({ children }: { children: ReactNode }) {
  const [registry] = useState<Registry>(() => new Map());
  return <CommandsContext.Provider value={registry}>{children}</CommandsContext.Provider>;
}

/** Offers `commands` in the palette while the calling component is on screen. */
export function useCommands(commands: Command[]): void {
  const registry = useContext(CommandsContext);
  const latest = useRef(commands);
  latest.current = commands;
  const [owner] = useState(() => Symbol('commands owner'));
  useEffect(() => {
    if (!registry) {
      return;
    }
    registry.set(owner, latest);
    return () => {
      registry.delete(owner);
    };
  }, [registry, owner]);
}

/** The commands on offer right now, in the order their screens registered them. */
export function useContextCommands(): () => Command[] {
  const registry = useContext(CommandsContext);
  return () => (registry ? [...registry.values()].flatMap((entry) => entry.current) : []);
}
