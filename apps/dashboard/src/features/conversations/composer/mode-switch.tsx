import { Lock, MessageSquare } from 'lucide-react';

export type Mode = 'reply' | 'note';

/** Reply to the visitor or write a private note for the team. */
export function ModeSwitch({ mode, onSwitch }: { mode: Mode; onSwitch: (mode: Mode) => void }) {
  return (
    <fieldset className="mb-2 inline-flex rounded-control bg-surface-muted p-0.5">
      <legend className="sr-only">Message type</legend>
      <ModeButton isActive={mode === 'reply'} icon={MessageSquare} onClick={() => onSwitch('reply')}>
        Reply
      </ModeButton>
      <ModeButton isActive={mode === 'note'} icon={Lock} onClick={() => onSwitch('note')}>
        Private note
      </ModeButton>
    </fieldset>
  );
}

function ModeButton({
  isActive,
  icon: Icon,
  onClick,
  children,
}: {
  isActive: boolean;
  icon: typeof Lock;
  onClick: () => void;
  children: string;
}) {
  return (
    <button
      type="button"
      aria-pressed={isActive}
      onClick={onClick}
      className={`inline-flex h-7 items-center gap-1.5 rounded-[0.3125rem] px-2.5 font-medium text-[0.8125rem] transition-colors ${
        isActive
          ? children === 'Private note'
            ? 'bg-warning-soft text-warning-text shadow-card'
            : 'bg-surface text-fg shadow-card'
          : 'text-fg-muted hover:text-fg'
      }`}
    >
      <Icon aria-hidden className="size-3.5" />
      {children}
    </button>
  );
}
