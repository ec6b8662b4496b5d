import type { TInbox } from '../inboxes/service.ts';
import { AppError } from '../platform/errors.ts';

export type TPreChat = {
  name?: string | undefined;
  email?: string | undefined;
  consent?: boolean | undefined;
};

/** A visitor's write that an inbox setting may forbid. */
export type TVisitorWrite =
  | { kind: 'identify'; hasHash: boolean; isHashValid: boolean }
  | { kind: 'upload' }
  | { kind: 'message'; attachmentIds: string[] }
  | { kind: 'conversation'; attachmentIds: string[]; preChat: TPreChat | undefined };

/** Whether any inbox rule applies to the write: a plain text reply needs no look at the inbox. */
export function isRuledByInbox(write: TVisitorWrite) {
  return write.kind !== 'message' || write.attachmentIds.length > 0;
}

/**
 * The inbox's rules for what a visitor may send, the same ones the widget shows, held here so that a
 * visitor calling the API directly meets them too. Throws the refusal.
 *
 * - Identity verification required: identify only with a valid hash.
 * - Attachments turned off: no upload, and no message carrying one (even an earlier upload).
 * - Pre-chat form: due when a conversation starts while the contact has no email address (the widget
 *   shows the form then; a visitor who gave an email is not asked again). It must then carry the
 *   email if required, a name if required (unless the contact has one) and consent when the inbox
 *   asks for it.
 */
export function requireInboxRules(
  inbox: Pick<TInbox, 'settings' | 'requireIdentityVerification'>,
  contact: { name: string | null; email: string | null },
  write: TVisitorWrite,
) {
  if (write.kind === 'identify') {
    if (inbox.requireIdentityVerification && !write.isHashValid) {
      throw new AppError(
        'identity_verification_failed',
        write.hasHash
          ? 'The user hash does not match this user id'
          : 'This widget requires a userHash with identify',
      );
    }
    return;
  }
  const { settings } = inbox;
  const isAttaching = write.kind === 'upload' || write.attachmentIds.length > 0;
  if (isAttaching && !settings.attachments.enabled) {
    throw new AppError('attachments_disabled', 'This inbox does not accept attachments');
  }
  if (write.kind !== 'conversation') {
    return;
  }
  const form = settings.preChatForm;
  if (!form.enabled || contact.email) {
    return;
  }
  const preChat = write.preChat ?? {};
  const missing: ('name' | 'email' | 'consent')[] = [];
  if (form.requireName && !preChat.name && !contact.name) {
    missing.push('name');
  }
  if (form.requireEmail && !preChat.email) {
    missing.push('email');
  }
  if (form.consentText && preChat.consent !== true) {
    missing.push('consent');
  }
  if (missing.length > 0) {
    throw new AppError(
      'pre_chat_required',
      `Fill in the form before the conversation starts: ${missing.join(', ')}`,
      { fields: missing },
    );
  }
}
