import { describe, expect, it } from 'vitest';
import { type TInboxForm, ZInboxForm, ZInboxName, ZOpeningHours } from './inbox.ts';

const form: TInboxForm = {
  name: 'Support',
  settings: {
    color: '#4f46e5',
    position: 'right',
    greeting: 'Hi',
    teamAvailability: '',
    offlineMessage: '',
    preChatForm: { enabled: false, requireName: false, requireEmail: true, consentText: null },
    businessHours: { timeZone: 'Europe/Paris', days: [{ day: 1, open: '09:00', close: '17:00' }] },
    attachments: { enabled: true },
    replyToResolved: 'reopen',
  },
  requireIdentityVerification: false,
};

const messagesOf = (value: unknown) =>
  ZInboxForm.safeParse(value).error?.issues.map((issue) => [issue.path.join('.'), issue.message]) ?? [];

describe('inbox form rules', () => {
  it('accepts a complete inbox and trims its name', () => {
    expect(ZInboxForm.parse({ ...form, name: '  Sales  ' }).name).toBe('Sales');
    expect(
      ZInboxForm.safeParse({ ...form, settings: { ...form.settings, businessHours: null } }).success,
    ).toBe(true);
  });

  it('asks for a name, a hex colour and hours that open before they close, beside each field', () => {
    expect(
      messagesOf({
        ...form,
        name: '   ',
        settings: {
          ...form.settings,
          color: 'blue',
          businessHours: {
            timeZone: 'UTC',
            days: [
              { day: 1, open: '09:00', close: '17:00' },
              { day: 2, open: '18:00', close: '08:00' },
            ],
          },
        },
      }),
    ).toEqual([
      ['name', 'Give the inbox a name.'],
      ['settings.color', 'Use a colour like #4f46e5.'],
      ['settings.businessHours.days.1', 'Opening time must be before closing time.'],
    ]);
  });

  it('reads times as HH:MM on a 24-hour clock', () => {
    for (const time of ['9:00', '24:00', '12:60', '', '09:00:00']) {
      expect(ZOpeningHours.safeParse({ day: 1, open: time, close: '23:00' }).error?.issues[0]?.message).toBe(
        'Enter a time like 09:00.',
      );
    }
    expect(ZOpeningHours.safeParse({ day: 0, open: '00:00', close: '23:59' }).success).toBe(true);
    expect(ZOpeningHours.safeParse({ day: 7, open: '09:00', close: '10:00' }).success).toBe(false);
  });

  it('knows the time zones and refuses fields it does not know', () => {
    const hours = { timeZone: 'Mars/Olympus', days: [] };
    expect(messagesOf({ ...form, settings: { ...form.settings, businessHours: hours } })).toEqual([
      ['settings.businessHours.timeZone', 'Unknown time zone'],
    ]);
    expect(ZInboxForm.safeParse({ ...form, settings: { ...form.settings, theme: 'dark' } }).success).toBe(
      false,
    );
    expect(ZInboxName.safeParse('x'.repeat(121)).success).toBe(false);
  });
});
