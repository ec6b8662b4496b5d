import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  axeViolations,
  productForTests,
  screenshot,
  signInAsOwner,
  visitorStarts,
  visitorWrites,
} from './support.ts';

// The owner on an inbox's settings: the form checks its fields with the rules the server applies, and
// the Channel section tells whether the widget takes messages in, disconnecting asks first and says
// what it does, and the widget is refused until it is connected again.
const LIVE = { timeout: 15_000 };

const env = productForTests();

const shot = (page: Page, name: string) =>
  screenshot(page, `inbox-settings-${name}`, { animations: 'disabled', fullPage: false });

/** The widget's boot for a new visitor: the HTTP status and error code, if any. */
async function bootAnswer() {
  const answer = await fetch(`${env.product.server.baseUrl}/api/widget/v1/boot`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ widgetKey: env.inbox.widgetKey, page: { url: 'https://shop.example/' } }),
  });
  const body = (await answer.json()) as { error?: { code: string } };
  return `${answer.status} ${body.error?.code ?? ''}`.trim();
}

/** What a visitor who booted earlier is answered when they write again. */
async function writeAnswer(visitor: { conversationId: string; token: string }) {
  try {
    await visitorWrites(env.product, visitor, 'Hello again');
    return 'accepted';
  } catch (err) {
    return String(err);
  }
}

describe('the channel section of inbox settings', () => {
  it('disconnects the channel after a confirmation, then the widget is refused until it is connected again', async () => {
    const { page, errors, context } = await signInAsOwner(env, { bypassCSP: true });
    await page.goto(`${env.product.server.baseUrl}/app/settings/inboxes/${env.inbox.id}`);
    const section = page.getByRole('region', { name: 'Channel' });
    await section.waitFor(LIVE);
    const state = section.getByTestId('channel-state');
    await state.getByText('Connected', { exact: true }).waitFor(LIVE);
    const visitor = await visitorStarts(env.product, env.inbox, 'Vera Visitor', 'Is anyone there?');

    await section.getByRole('button', { name: 'Disconnect' }).click();
    const dialog = page.getByRole('dialog', { name: 'Disconnect the channel?' });
    await dialog.waitFor(LIVE);
    expect(await dialog.textContent()).toContain('The widget stops accepting new messages');
    expect(await dialog.textContent()).toContain('replies wait');
    expect(await axeViolations(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Disconnect' }).click();
    await dialog.waitFor({ state: 'hidden', ...LIVE });

    await state.getByText('Disconnected', { exact: true }).waitFor(LIVE);
    expect(await state.textContent()).toContain('The widget refuses new messages');
    expect(await section.getByRole('button', { name: 'Connect' }).isVisible()).toBe(true);
    expect(await bootAnswer()).toBe('409 channel_disconnected');
    expect(await writeAnswer(visitor)).toMatch(/409 .*channel_disconnected/);
    await section.scrollIntoViewIfNeeded();
    await shot(page, 'disconnected-1280');
    expect(await axeViolations(page)).toEqual([]);

    await page.setViewportSize({ width: 390, height: 844 });
    await section.scrollIntoViewIfNeeded();
    await shot(page, 'disconnected-390');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect(await axeViolations(page)).toEqual([]);

    await section.getByRole('button', { name: 'Connect' }).click();
    await state.getByText('Connected', { exact: true }).waitFor(LIVE);
    await shot(page, 'connected-390');
    expect(await bootAnswer()).toBe('200');
    expect(await writeAnswer(visitor)).toBe('accepted');

    // The page shows what the server holds: a reload reads the same state.
    await page.reload();
    await page.getByRole('region', { name: 'Channel' }).getByText('Connected', { exact: true }).waitFor(LIVE);
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('the inbox form', () => {
  it('shows what the server would refuse beside each field before saving, then saves once fixed', async () => {
    const { page, errors, context } = await signInAsOwner(env, { bypassCSP: true });
    await page.goto(`${env.product.server.baseUrl}/app/settings/inboxes/${env.inbox.id}`);
    const name = page.getByLabel('Name', { exact: true });
    await name.waitFor(LIVE);
    let saves = 0;
    page.on('request', (request) => {
      if (request.method() === 'PATCH' && request.url().includes('/api/v1/inboxes/')) {
        saves += 1;
      }
    });

    await name.fill('  ');
    await page.getByLabel('Colour', { exact: true }).fill('#12345');
    await page.getByLabel('Set business hours').check();
    await page.getByLabel('Opens, row 1').fill('18:00');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Fix the highlighted fields, then save again.').waitFor(LIVE);
    expect(await page.getByText('Give the inbox a name.').isVisible()).toBe(true);
    expect(await page.getByText('Use a colour like #4f46e5.').isVisible()).toBe(true);
    expect(await page.getByText('Opening time must be before closing time.').isVisible()).toBe(true);
    expect(await page.getByLabel('Opens, row 1').getAttribute('aria-invalid')).toBe('true');
    expect(saves).toBe(0);
    expect(await axeViolations(page)).toEqual([]);

    await name.fill('Acme Help');
    await page.getByLabel('Colour', { exact: true }).fill('#123456');
    await page.getByLabel('Opens, row 1').fill('08:00');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Settings saved.', { exact: false }).waitFor(LIVE);
    expect(saves).toBe(1);
    const saved = await env.product.agentApi<{
      name: string;
      settings: { color: string; businessHours: { days: { open: string }[] } | null };
    }>('GET', `/api/v1/inboxes/${env.inbox.id}`);
    expect(saved.name).toBe('Acme Help');
    expect(saved.settings.color).toBe('#123456');
    expect(saved.settings.businessHours?.days[0]?.open).toBe('08:00');
    expect(errors).toEqual([]);
    await context.close();
  });
});
