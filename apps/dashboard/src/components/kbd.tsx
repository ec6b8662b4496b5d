import type { ReactNode } from 'react';

/** A key as printed on a keyboard, for shortcut hints. */
export function Kbd({ children, className = '' }: { children: ReactNode; className?: string }) {
  return (
    <kbd
      className={`inline-flex h-5 min-w-5 items-center justify-center rounded border border-line-strong border-b-2 bg-surface-muted px-1 font-medium font-sans text-[0.6875rem] text-fg-muted leading-none ${className}`}
    >
      {children}
    </kbd>
  );
}
