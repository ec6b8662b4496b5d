import type { ConversationStatus, Priority } from '../../api/types';

// Small marks shared by the list, the conversation header and the pickers. All decorative: the
// text next to them (or an sr-only label) says the same.

const FILLED_BARS: Record<Priority, number> = { none: 0, low: 1, medium: 2, high: 3, urgent: 3 };

/** Priority as signal bars (filled up to the level), urgent as a red box with "!". */
export function PriorityIcon({ priority, className = 'size-4' }: { priority: Priority; className?: string }) {
  if (priority === 'urgent') {
    return (
      <svg viewBox="0 0 16 16" aria-hidden className={`${className} shrink-0 text-danger-text`}>
        <rect x="1.5" y="1.5" width="13" height="13" rx="3" fill="currentColor" />
        <path d="M8 4.5v4.5" stroke="var(--color-surface)" strokeWidth="1.8" strokeLinecap="round" />
        <circle cx="8" cy="11.4" r="1" fill="var(--color-surface)" />
      </svg>
    );
  }
  const filled = FILLED_BARS[priority];
  const tone = priority === 'high' ? 'text-fg' : 'text-fg-muted';
  return (
    <svg viewBox="0 0 16 16" aria-hidden className={`${className} shrink-0 ${tone}`}>
      {[0, 1, 2].map((bar) =>
        priority === 'none' ? (
          <rect
            key={bar}
            x={2 + bar * 4.5}
            y="7.25"
            width="3"
            height="1.5"
            rx="0.75"
            fill="currentColor"
            opacity="0.6"
          />
        ) : (
          <rect
            key={bar}
            x={2 + bar * 4.5}
            y={10 - bar * 3.5}
            width="3"
            height={4 + bar * 3.5}
            rx="1"
            fill="currentColor"
            opacity={bar < filled ? 1 : 0.25}
          />
        ),
      )}
    </svg>
  );
}

const STATUS_DOT: Record<ConversationStatus, string> = {
  open: 'bg-info-text',
  pending: 'bg-warning-text',
  snoozed: 'bg-fg-subtle',
  resolved: 'bg-success-text',
};

export function StatusDot({ status }: { status: ConversationStatus }) {
  return <span aria-hidden className={`inline-block size-2 shrink-0 rounded-full ${STATUS_DOT[status]}`} />;
}

/** A label's colour, with a faint ring so pale colours still show on a light background. */
export function ColorDot({ color, className = 'size-2.5' }: { color: string; className?: string }) {
  return (
    <span
      aria-hidden
      className={`inline-block shrink-0 rounded-full ring-1 ring-fg/15 ring-inset ${className}`}
      style={{ backgroundColor: color }}
    />
  );
}
