import type { TInbox } from '../../../../packages/shared/src/api/inboxes.ts';
import type { TWidgetInbox } from '../../../../packages/shared/src/api/widget.ts';
import { isWithinBusinessHours, nextOpening } from './hours.ts';
import type * as store from './store.ts';

/** An inbox as members see it; `identitySecret` is null for those who may not receive it. */
export function presentInbox(publicUrl: string, inbox: store.TInbox, identitySecret: string | null): TInbox {
  return {
    id: inbox.id,
    name: inbox.name,
    channel: inbox.channel,
    widgetKey: inbox.widgetKey,
    settings: inbox.settings,
    requireIdentityVerification: inbox.requireIdentityVerification,
    identitySecret,
    channelState: {
      state: inbox.channelState,
      lastError: inbox.channelError,
      lastErrorAt: inbox.channelErrorAt?.toISOString() ?? null,
    },
    snippet: `<script src="${publicUrl}/widget.js" data-parley="${inbox.widgetKey}" async></script>`,
    createdAt: inbox.createdAt.toISOString(),
  };
}

/** What the widget shows about the inbox. */
export function presentInboxForWidget(inbox: store.TInbox, now = new Date()): TWidgetInbox {
  const s = inbox.settings;
  return {
    name: inbox.name,
    color: s.color,
    position: s.position,
    greeting: s.greeting,
    teamAvailability: s.teamAvailability,
    isOnline: isWithinBusinessHours(s.businessHours, now),
    /** While the team is away: when it is next in (the widget shows it in the visitor's time zone). */
    nextOpeningAt: nextOpening(s.businessHours, now)?.toISOString() ?? null,
    offlineMessage: s.offlineMessage,
    attachmentsEnabled: s.attachments.enabled,
    preChatForm: s.preChatForm,
    requiresIdentityVerification: inbox.requireIdentityVerification,
    replyToResolved: s.replyToResolved,
  };
}
