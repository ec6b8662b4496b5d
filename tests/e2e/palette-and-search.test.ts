import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, productForTests, screenshot, signInAsOwner, visitorStarts } from './support.ts';

// Search finds a file by its name and opens the conversation at that message, far back in its
// history (older pages load until it is there), scrolled into view and highlighted for a moment.
// The command palette (Ctrl/Cmd-K) goes to screens and contacts and runs the open conversation's
// actions, from the keyboard alone.
const LIVE = { timeout: 20_000 };

const env = productForTests();
let grace: { conversationId: string; token: string };
let ada: { conversationId: string; token: string };
let reportMessageId: string;
let me: { id: string };

const PDF = Buffer.from('%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n');

beforeAll(async () => {
  me = await env.product.agentApi<{ id: string }>('GET', '/api/v1/me');
  grace = await visitorStarts(env.product, env.inbox, 'Grace Hopper', 'Could you send me the report?');
  const form = new FormData();
  form.append('file', new Blob([PDF], { type: 'application/pdf' }), 'Quarterly-Report-Q3.pdf');
  const attachment = await env.product.agentApi<{ id: string }>('POST', '/api/v1/attachments', form);
  const reply = await env.product.agentApi<{ id: string }>(
    'POST',
    `/api/v1/conversations/${grace.conversationId}/messages`,
    { text: 'Here is the report you asked for.', attachmentIds: [attachment.id] },
  );
  reportMessageId = reply.id;
  // Enough later messages that the reply is two pages back in the history.
  for (let i = 1; i <= 110; i++) {
    await env.product.agentApi('POST', `/api/v1/conversations/${grace.conversationId}/messages`, {
      text: `Follow-up ${i}`,
    });
  }
  ada = await visitorStarts(env.product, env.inbox, 'Ada Lovelace', 'My order has not arrived');
}, 120_000);

const shot = (page: Page, name: string) =>
  screenshot(page, `palette-and-search-${name}`, { animations: 'disabled' });

type TConversation = { status: string; assignee: { id: string } | null };
const conversation = (id: string) =>
  env.product.agentApi<TConversation>('GET', `/api/v1/conversations/${id}`);

/** The message is inside the history's visible area. */
async function isInView(page: Page, messageId: string) {
  return page.evaluate((id) => {
    const item = document.querySelector(`[data-message-id="${id}"]`);
    const log = document.querySelector('[role="log"]');
    if (!item || !log) {
      return false;
    }
    const a = item.getBoundingClientRect();
    const b = log.getBoundingClientRect();
    return a.top >= b.top - 1 && a.bottom <= b.bottom + 1;
  }, messageId);
}

const highlighted = (page: Page, messageId: string) =>
  page.locator(`[data-message-id="${messageId}"]`).evaluate((li) => li.className.includes('bg-warning-soft'));

describe('search by attachment name', () => {
  for (const width of [1280, 390]) {
    it(`opens the result at its message, far back in the history, highlighted (${width} px)`, async () => {
      const { page, errors, context } = await signInAsOwner(env, {
        bypassCSP: true,
        viewport: { width, height: width === 390 ? 844 : 800 },
      });
      await page.goto(`${env.product.server.baseUrl}/app/search`);
      await page.getByRole('combobox', { name: 'Search messages and contacts' }).fill('quarterly report');
      const result = page.getByRole('option', { name: /Quarterly-Report-Q3\.pdf/ });
      await result.waitFor(LIVE);
      await result.locator('mark', { hasText: 'Quarterly' }).waitFor();
      await shot(page, `${width}-results`);
      expect(await axeViolations(page)).toEqual([]);

      await page.keyboard.press('Enter');
      await page.waitForURL(
        new RegExp(`/conversations/${grace.conversationId}\\?message=${reportMessageId}`),
      );
      await page.locator(`[data-message-id="${reportMessageId}"]`).waitFor(LIVE);
      await expect.poll(() => isInView(page, reportMessageId), LIVE).toBe(true);
      expect(await highlighted(page, reportMessageId)).toBe(true);
      // Older pages were loaded to reach it: the first follow-up is on screen's page too.
      expect(await page.getByText('Follow-up 1', { exact: true }).count()).toBe(1);
      await shot(page, `${width}-message`);
      expect(await axeViolations(page)).toEqual([]);
      // The highlight fades after a moment; the message stays where it is.
      await expect.poll(() => highlighted(page, reportMessageId), { timeout: 8000 }).toBe(false);
      expect(await isInView(page, reportMessageId)).toBe(true);
      expect(errors).toEqual([]);
      await context.close();
    });
  }
});

const palette = (page: Page) => page.getByRole('dialog', { name: 'Command palette' });
const paletteInput = (page: Page) => palette(page).getByRole('combobox');

async function openPalette(page: Page) {
  await page.keyboard.press('Control+k');
  await paletteInput(page).waitFor();
  await expect
    .poll(() => paletteInput(page).evaluate((input) => input === document.activeElement))
    .toBe(true);
}

async function runCommand(page: Page, text: string, option: string | RegExp) {
  await openPalette(page);
  await paletteInput(page).fill(text);
  const chosen = palette(page).getByRole('option', { name: option }).first();
  await chosen.waitFor(LIVE);
  await expect.poll(() => chosen.getAttribute('aria-selected'), LIVE).toBe('true');
  await page.keyboard.press('Enter');
  await expect.poll(() => palette(page).isVisible()).toBe(false);
}

describe('command palette', () => {
  it("runs the open conversation's actions, goes to screens and contacts, and switches the theme", async () => {
    const { page, errors, context } = await signInAsOwner(env, { bypassCSP: true, colorScheme: 'light' });
    await page.goto(`${env.product.server.baseUrl}/app/conversations/${ada.conversationId}`);
    await page
      .getByRole('region', { name: 'Conversation' })
      .getByRole('heading', { name: /Ada Lovelace/ })
      .waitFor(LIVE);

    // Opens on Ctrl-K, lists actions first, Escape closes it and gives focus back.
    const history = page.getByRole('log', { name: 'Messages' });
    await history.focus();
    await openPalette(page);
    await palette(page).getByRole('option', { name: 'Assign to me' }).waitFor();
    await shot(page, '1280-palette');
    expect(await axeViolations(page)).toEqual([]);
    await page.keyboard.press('Escape');
    await expect.poll(() => palette(page).isVisible()).toBe(false);
    await expect.poll(() => history.evaluate((log) => log === document.activeElement)).toBe(true);

    await runCommand(page, 'assign to me', 'Assign to me');
    await expect
      .poll(async () => (await conversation(ada.conversationId)).assignee?.id ?? null, LIVE)
      .toBe(me.id);
    await runCommand(page, 'snooze hour', 'Snooze for an hour');
    await expect.poll(async () => (await conversation(ada.conversationId)).status, LIVE).toBe('snoozed');
    await runCommand(page, 'resolve', 'Resolve');
    await expect.poll(async () => (await conversation(ada.conversationId)).status, LIVE).toBe('resolved');
    await runCommand(page, 'reopen', 'Reopen');
    await expect.poll(async () => (await conversation(ada.conversationId)).status, LIVE).toBe('open');

    // Arrow keys move the highlight; Enter runs the highlighted one.
    await openPalette(page);
    await paletteInput(page).fill('theme');
    await palette(page).getByRole('option', { name: 'Theme: System' }).waitFor();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    expect(
      await palette(page).getByRole('option', { name: 'Theme: Dark' }).getAttribute('aria-selected'),
    ).toBe('true');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');

    // A contact found by search, then a screen.
    await runCommand(page, 'grace', 'Grace Hopper');
    await expect.poll(() => page.url(), LIVE).toMatch(/\/app\/contacts\/ct_/);
    await runCommand(page, 'labels', 'Labels');
    await expect.poll(() => page.url(), LIVE).toMatch(/\/app\/settings\/labels$/);

    // A conversation found by the words of its messages opens at the matching message.
    await runCommand(page, 'quarterly', /Grace Hopper/);
    await expect
      .poll(() => page.url(), LIVE)
      .toMatch(new RegExp(`/conversations/${grace.conversationId}\\?message=${reportMessageId}`));
    await expect.poll(() => isInView(page, reportMessageId), LIVE).toBe(true);

    await page.setViewportSize({ width: 390, height: 844 });
    await openPalette(page);
    await paletteInput(page).fill('go');
    await shot(page, '390-palette');
    expect(await axeViolations(page)).toEqual([]);
    await page.keyboard.press('Escape');
    expect(errors).toEqual([]);
    await context.close();
  });
});
