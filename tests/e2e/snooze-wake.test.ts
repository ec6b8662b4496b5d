import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  axeViolations,
  markDocument,
  productForTests,
  screenshot,
  signInAsOwner,
  visitorStarts,
} from './support.ts';

// Snoozing through the dashboard's custom time: a few seconds later the server's job wakes the
// conversation, and the open dashboard shows it open again, back in the queue, without a reload.
const LIVE = { timeout: 15_000 };
/** The wake-up job runs when due; its queue is polled every couple of seconds. */
const WAKE = { timeout: 45_000 };

const env = productForTests();

const shot = (page: Page, name: string) => screenshot(page, `snooze-${name}`, { animations: 'disabled' });

/** `date` as an <input type="datetime-local"> value with seconds, on the clocks of `timeZone`. */
function localValue(date: Date, timeZone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    })
      .formatToParts(date)
      .map((part) => [part.type, part.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}`;
}

describe('snoozing', () => {
  it('reopens a snoozed conversation by itself when the time comes, live', async () => {
    const { conversationId } = await visitorStarts(
      env.product,
      env.inbox,
      'Gus Green',
      'Call me back after lunch',
    );
    const me = await env.product.agentApi<{ timeZone: string }>('GET', '/api/v1/me');
    const { context, page, errors } = await signInAsOwner(env, { bypassCSP: true });
    await page.goto(`${env.product.server.baseUrl}/app/conversations/${conversationId}`);
    await page.getByRole('status').filter({ hasText: 'Live' }).waitFor(LIVE);
    await page.getByRole('log', { name: 'Messages' }).getByText('Call me back after lunch').waitFor(LIVE);
    const queue = page.getByRole('navigation', { name: 'Open conversations' });
    await queue.getByRole('link', { name: /Gus Green/ }).waitFor(LIVE);
    const isSameDocument = await markDocument(page);

    // Snooze → "Custom date and time…" → a time a few seconds away, in Olivia's time zone.
    await page.getByRole('button', { name: 'Snooze' }).click();
    await page
      .getByRole('listbox', { name: 'Snooze until' })
      .getByRole('option', { name: /Custom/ })
      .click();
    const until = new Date(Date.now() + 8_000);
    await page.locator('input[type="datetime-local"]').fill(localValue(until, me.timeZone));
    await shot(page, '01-custom-time');
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Snooze', exact: true }).last().click();

    await page.getByRole('button', { name: /^Status: Snoozed until/ }).waitFor(LIVE);
    await queue.getByRole('link', { name: /Gus Green/ }).waitFor({ state: 'detached', ...LIVE });
    const snoozed = await env.product.agentApi<{ status: string; snoozedUntil: string }>(
      'GET',
      `/api/v1/conversations/${conversationId}`,
    );
    expect(snoozed.status).toBe('snoozed');
    expect(Math.abs(Date.parse(snoozed.snoozedUntil) - until.getTime())).toBeLessThan(1_000);
    await shot(page, '02-snoozed');

    // The server wakes it; the page follows without a reload.
    await page.getByRole('button', { name: 'Status: Open' }).waitFor(WAKE);
    await queue.getByRole('link', { name: /Gus Green/ }).waitFor(LIVE);
    await page
      .getByRole('log', { name: 'Messages' })
      .getByText(/The snooze ended/)
      .waitFor(LIVE);
    await shot(page, '03-awake');
    expect(await isSameDocument()).toBe(true);
    expect(errors).toEqual([]);
    await context.close();
  });
});
