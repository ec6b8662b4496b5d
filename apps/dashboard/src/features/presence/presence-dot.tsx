import { PRESENCE_LABEL, type Presence } from '../../api/presence';
import type { Member } from '../../api/types';
import { Avatar } from '../../components/avatar';
import type { PickerOption } from '../../components/picker';

const DOT: Record<Presence, string> = {
  online: 'bg-presence-online',
  away: 'bg-presence-away',
  // Hollow as well as grey, so offline does not rest on colour alone.
  offline: 'border-[1.5px] border-presence-offline bg-surface',
};

/**
 * Green online, amber away, a grey ring offline. Decorative: where it stands alone, the status is
 * also said in words (`PRESENCE_LABEL`), visibly or to screen readers.
 */
export function PresenceDot({ status, className = 'size-2' }: { status: Presence; className?: string }) {
  return <span aria-hidden className={`inline-block shrink-0 rounded-full ${DOT[status]} ${className}`} />;
}

/** An avatar with the person's presence on its corner (decorative, like the avatar itself). */
export function AvatarWithPresence({
  name,
  url,
  status,
  size = 'md',
  ringClassName = 'ring-surface',
}: {
  name: string;
  url?: string | null;
  status: Presence;
  size?: 'xs' | 'sm' | 'md';
  /** The colour behind the avatar, so the dot stands out from it. */
  ringClassName?: string;
}) {
  const dotSize = size === 'xs' ? 'size-[0.4375rem] ring-[1.5px]' : 'size-2.5 ring-2';
  return (
    <span aria-hidden className="relative inline-flex shrink-0">
      <Avatar name={name} url={url} size={size} />
      <PresenceDot
        status={status}
        className={`absolute -right-0.5 -bottom-0.5 ${dotSize} ${ringClassName}`}
      />
    </span>
  );
}

/** The status in words for screen readers, after a name drawn with a dot ("(away)"). */
export function PresenceText({ status }: { status: Presence }) {
  return <span className="sr-only">({PRESENCE_LABEL[status].toLowerCase()})</span>;
}

/**
 * A teammate as a choice in a picker (assign, bulk assign): name, email to search by, avatar with
 * presence, and the status in words.
 */
export function memberOption(
  member: Member,
  status: Presence,
  option: { id: string; label?: string; isSelected?: boolean },
): PickerOption {
  const name = member.name || member.email;
  return {
    label: name,
    keywords: member.email,
    group: 'People',
    icon: <AvatarWithPresence name={name} url={member.avatarUrl} status={status} size="xs" />,
    detail: <PresenceText status={status} />,
    ...option,
  };
}
