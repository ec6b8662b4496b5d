import { describe, expect, it } from 'vitest';
import { DEFAULT_INBOX_SETTINGS } from '../inboxes/schema.ts';
import type { TInboxSettings } from '../inboxes/tables.ts';
import { isRuledByInbox, requireInboxRules, type TVisitorWrite } from './policy.ts';

function inbox(settings: Partial<TInboxSettings> = {}, requireIdentityVerification = false) {
  return { settings: { ...DEFAULT_INBOX_SETTINGS, ...settings }, requireIdentityVerification };
}

const form = (preChatForm: Partial<TInboxSettings['preChatForm']>) =>
  inbox({ preChatForm: { ...DEFAULT_INBOX_SETTINGS.preChatForm, enabled: true, ...preChatForm } });

type TContact = { name: string | null; email: string | null };
const anonymous: TContact = { name: null, email: null };

function refusal(fn: () => void) {
  try {
    fn();
  } catch (error) {
    return error as { code: string; status: number; details?: unknown };
  }
  return null;
}

const start = (preChat?: { name?: string; email?: string; consent?: boolean }): TVisitorWrite => ({
  kind: 'conversation',
  attachmentIds: [],
  preChat,
});

describe('inbox rules for visitor writes', () => {
  it('refuses every way of sending a file when attachments are off, and nothing else', () => {
    const off = inbox({ attachments: { enabled: false } });
    for (const write of [
      { kind: 'upload' },
      { kind: 'message', attachmentIds: ['att_1'] },
      { kind: 'conversation', attachmentIds: ['att_1'], preChat: undefined },
    ] as TVisitorWrite[]) {
      expect(refusal(() => requireInboxRules(off, anonymous, write))).toMatchObject({
        code: 'attachments_disabled',
        status: 403,
      });
      expect(refusal(() => requireInboxRules(inbox(), anonymous, write))).toBeNull();
    }
    expect(
      refusal(() => requireInboxRules(off, anonymous, { kind: 'message', attachmentIds: [] })),
    ).toBeNull();
  });

  it('asks the pre-chat form only while the contact has no email, for exactly what it requires', () => {
    const strict = form({ requireName: true, requireEmail: true, consentText: 'I agree' });
    const cases: [TContact, TVisitorWrite, string[] | null][] = [
      [anonymous, start(), ['name', 'email', 'consent']],
      [anonymous, start({ name: 'Ada' }), ['email', 'consent']],
      [anonymous, start({ name: 'Ada', email: 'a@example.com', consent: false }), ['consent']],
      [anonymous, start({ name: 'Ada', email: 'a@example.com', consent: true }), null],
      [{ name: 'Ada', email: null }, start({ email: 'a@example.com', consent: true }), null],
      [{ name: null, email: 'a@example.com' }, start(), null],
    ];
    for (const [contact, write, fields] of cases) {
      const found = refusal(() => requireInboxRules(strict, contact, write));
      expect(found ? (found.details as { fields: string[] }).fields : null).toEqual(fields);
    }
    expect(refusal(() => requireInboxRules(form({ requireEmail: false }), anonymous, start()))).toBeNull();
    expect(
      refusal(() => requireInboxRules(form({ requireEmail: true }), anonymous, start({ name: 'Ada' }))),
    ).toMatchObject({ code: 'pre_chat_required', status: 400 });
    expect(refusal(() => requireInboxRules(inbox(), anonymous, start()))).toBeNull();
    expect(
      refusal(() => requireInboxRules(strict, anonymous, { kind: 'message', attachmentIds: [] })),
    ).toBeNull();
  });

  it('refuses identify without a valid hash only where the inbox requires verification', () => {
    const identify = (isHashValid: boolean, hasHash: boolean): TVisitorWrite => ({
      kind: 'identify',
      hasHash,
      isHashValid,
    });
    const required = inbox({}, true);
    expect(refusal(() => requireInboxRules(required, anonymous, identify(false, false)))).toMatchObject({
      code: 'identity_verification_failed',
      status: 401,
    });
    expect(refusal(() => requireInboxRules(required, anonymous, identify(false, true)))).toMatchObject({
      code: 'identity_verification_failed',
    });
    expect(refusal(() => requireInboxRules(required, anonymous, identify(true, true)))).toBeNull();
    expect(refusal(() => requireInboxRules(inbox(), anonymous, identify(false, false)))).toBeNull();
  });

  it('needs no look at the inbox for a plain text reply', () => {
    expect(isRuledByInbox({ kind: 'message', attachmentIds: [] })).toBe(false);
    expect(isRuledByInbox({ kind: 'message', attachmentIds: ['att_1'] })).toBe(true);
    expect(isRuledByInbox({ kind: 'upload' })).toBe(true);
    expect(isRuledByInbox(start())).toBe(true);
  });
});
