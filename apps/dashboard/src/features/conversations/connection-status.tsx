import { useRealtimeStatus } from '../../api/realtime';

const LABEL = { live: 'Live', connecting: 'Connecting…', reconnecting: 'Reconnecting…' } as const;
const DOT = {
  live: 'bg-success-text',
  connecting: 'bg-fg-subtle',
  reconnecting: 'bg-warning-text animate-pulse',
} as const;

/** A discreet dot saying whether updates arrive live. */
export function ConnectionStatus() {
  const status = useRealtimeStatus();
  return (
    <span
      role="status"
      title={
        status === 'live' ? 'New messages appear as they arrive' : 'Trying to reach Parley for live updates'
      }
      className="inline-flex items-center gap-1.5 text-fg-subtle text-xs"
    >
      <span aria-hidden className={`size-1.5 rounded-full ${DOT[status]}`} />
      {LABEL[status]}
    </span>
  );
}
