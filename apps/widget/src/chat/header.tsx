import type { Inbox } from '../shared/types.ts';
import { Icon } from './icons.tsx';

export function Header({ inbox, onClose }: { inbox: Inbox; onClose: () => void }) {
  return (
    <div class="hd">
      <div class="hd-main">
        <h2 class="hd-name">{inbox.name}</h2>
        {inbox.greeting && <p class="hd-greet">{inbox.greeting}</p>}
        {inbox.teamAvailability && (
          <p class="hd-avail">
            <span class={inbox.isOnline ? 'dot on' : 'dot'} aria-hidden="true" />
            {inbox.teamAvailability}
          </p>
        )}
      </div>
      <button type="button" class="icon" aria-label="Close" onClick={onClose}>
        <Icon name="x" />
      </button>
    </div>
  );
}
