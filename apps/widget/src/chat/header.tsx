import type { Inbox } from '../shared/types.ts';
import { formatReturn } from './format.ts';
import { Icon } from './icons.tsx';

/** What the header says of the team: its usual reply time while in, when it is back while away. */
export function availabilityOf(inbox: Inbox): string {
  if (inbox.isOnline) {
    return inbox.teamAvailability;
  }
  return inbox.nextOpeningAt
    ? `We’re away — back ${formatReturn(inbox.nextOpeningAt)}`
    : 'We’re away right now';
}

export function Header({
  inbox,
  onClose,
  onBack,
}: {
  inbox: Inbox;
  onClose: () => void;
  /** Shown in a conversation: back to the visitor's conversation list. */
  onBack?: (() => void) | undefined;
}) {
  const availability = availabilityOf(inbox);
  return (
    <div class="hd">
      {onBack && (
        <button type="button" class="icon back" aria-label="Your conversations" onClick={onBack}>
          <Icon name="back" />
        </button>
      )}
      <div class="hd-main">
        <h2 class="hd-name">{inbox.name}</h2>
        {inbox.greeting && <p class="hd-greet">{inbox.greeting}</p>}
        {availability && (
          <p class="hd-avail">
            <span class={inbox.isOnline ? 'dot on' : 'dot'} aria-hidden="true" />
            {availability}
          </p>
        )}
      </div>
      <button type="button" class="icon" aria-label="Close" onClick={onClose}>
        <Icon name="x" />
      </button>
    </div>
  );
}
