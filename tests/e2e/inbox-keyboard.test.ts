import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  axeViolations,
  createInbox,
  launchBrowser,
  pageErrors,
  screenshot,
  startProduct,
  type TInbox,
  type TProduct,
} from './support.ts';

// The agent inbox worked from the keyboard alone: j/k move through the queue, Enter opens, r replies,
// l labels, s snoozes, e resolves, x selects for a bulk action and ? lists the shortcuts. Then axe-core
// checks the main screens (light and dark) for serious or critical accessibility problems.
const LIVE = { timeout: 15_000 };

type TConversation = {
  id: string;
  status: string;
  snoozedUntil: string | null;
  labels: { id: string; name: string }[];
  assignee: { id: string } | null;
};

let browser: Browser;
let product: TProduct;
let inbox: TInbox;
let billing: { id: string };

beforeAll(async () => {
  product = await startProduct({ needsDashboard: true });
  inbox = await createInbox(product, 'Acme Support', { settings: { color: '#4f46e5' } });
  billing = await product.agentApi<{ id: string }>('POST', '/api/v1/labels', {
    name: 'billing',
    color: '#0090ff',
    description: 'Invoices and refunds',
  });
  await product.agentApi('POST', '/api/v1/labels', { name: 'bug', color: '#e5484d' });
  await product.agentApi('POST', '/api/v1/teams', { name: 'Billing team', description: 'Refunds' });
  await product.agentApi('POST', '/api/v1/canned-responses', {
    shortcut: 'refund',
    content: 'Refunds take up to 5 business days.',
  });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await product?.stop();
});

type TVisitor = { conversationId: string; token: string };

/** A visitor on the customer's website starts a conversation through the widget's API. */
async function visitorStarts(name: string, text: string): Promise<TVisitor> {
  const base = product.server.baseUrl;
  const boot = await fetch(`${base}/api/widget/v1/boot`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ widgetKey: inbox.widgetKey, page: { url: 'https://shop.example/cart' } }),
  });
  expect(boot.status).toBe(200);
  const { visitorToken } = (await boot.json()) as { visitorToken: string };
  const started = await fetch(`${base}/api/widget/v1/conversations`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-parley-visitor': visitorToken },
    body: JSON.stringify({ text, preChat: { name } }),
  });
  expect(started.status).toBe(201);
  const body = (await started.json()) as { id?: string; conversation?: { id: string } };
  return { conversationId: (body.conversation?.id ?? body.id)!, token: visitorToken };
}

async function visitorWrites(name: string, text: string): Promise<string> {
  return (await visitorStarts(name, text)).conversationId;
}

/** The visitor writes again in their conversation. */
async function visitorAdds(visitor: TVisitor, text: string) {
  const sent = await fetch(
    `${product.server.baseUrl}/api/widget/v1/conversations/${visitor.conversationId}/messages`,
    {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-parley-visitor': visitor.token },
      body: JSON.stringify({ text }),
    },
  );
  expect(sent.status).toBe(201);
}

const conversation = (id: string) => product.agentApi<TConversation>('GET', `/api/v1/conversations/${id}`);

async function signIn(options: Parameters<Browser['newContext']>[0] = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, ...options });
  const page = await context.newPage();
  const errors = pageErrors(page);
  await page.goto(`${product.server.baseUrl}/app/sign-in`);
  await page.getByLabel('Email', { exact: true }).fill(product.ownerEmail);
  await page.getByLabel('Password', { exact: true }).fill(product.ownerPassword);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(/\/app\/?(conversations)?$/);
  return { context, page, errors };
}

const shot = (page: Page, name: string) => screenshot(page, `inbox-${name}`, { animations: 'disabled' });
/** The text of whatever has focus (a row link reads its contact's name and last message). */
const focusedText = (page: Page) => page.evaluate(() => document.activeElement?.textContent ?? '');
/** The open conversation's heading (the docked contact panel has one with the same name). */
const conversationHeading = (page: Page, name: RegExp) =>
  page.getByRole('region', { name: 'Conversation' }).getByRole('heading', { name });
const isFocused = (locator: Locator) => locator.evaluate((element) => element === document.activeElement);
const count = (locator: Locator, n: number) => expect.poll(() => locator.count(), LIVE).toBe(n);
const rowLink = (page: Page, name: string) =>
  page.getByRole('navigation', { name: 'Open conversations' }).getByRole('link', { name: new RegExp(name) });

describe('the agent inbox, keyboard first', () => {
  it('works a queue with the keyboard only', async () => {
    // Oldest first, so the list (most recent activity first) reads Carol, Bob, Alice.
    const alice = await visitorWrites('Alice Archer', 'I was charged twice for order 1001');
    const bobVisitor = await visitorStarts('Bob Baker', 'Where is my parcel?');
    const bob = bobVisitor.conversationId;
    const carol = await visitorWrites('Carol Cooper', 'Do you ship to Canada?');

    const { context, page, errors } = await signIn();
    await page.getByRole('status').filter({ hasText: 'Live' }).waitFor(LIVE);
    await rowLink(page, 'Alice Archer').waitFor(LIVE);
    await shot(page, '01-queue');

    // j/k move a cursor through the list (focus follows it); Enter opens the focused row.
    await page.keyboard.press('j');
    await expect.poll(() => focusedText(page)).toMatch(/Carol Cooper/);
    await page.keyboard.press('j');
    await page.keyboard.press('j');
    await expect.poll(() => focusedText(page)).toMatch(/Alice Archer/);
    await page.keyboard.press('k');
    await page.keyboard.press('k');
    await expect.poll(() => focusedText(page)).toMatch(/Carol Cooper/);
    await page.keyboard.press('j');
    await page.keyboard.press('Enter');
    await page.waitForURL(new RegExp(`/app/conversations/${bob}`));
    const history = page.getByRole('log', { name: 'Messages' });
    await history.getByText('Where is my parcel?').waitFor(LIVE);
    await conversationHeading(page, /Bob Baker/).waitFor();

    // r: the composer in reply mode; Enter sends; Escape hands the keyboard back to the list.
    await page.keyboard.press('r');
    await expect.poll(() => isFocused(page.getByRole('combobox', { name: 'Reply' }))).toBe(true);
    await page.keyboard.type('It left our warehouse this morning.');
    await page.keyboard.press('Enter');
    await history.getByText('It left our warehouse this morning.').waitFor(LIVE);
    await expect.poll(() => page.getByRole('combobox', { name: 'Reply' }).inputValue()).toBe('');
    // "/" at the start of a word searches the canned responses; Enter inserts the chosen one.
    await page.keyboard.type('/ref');
    const canned = page.getByRole('listbox', { name: 'Canned responses' });
    await canned.getByRole('option', { name: /refund/ }).waitFor(LIVE);
    await shot(page, '02-canned-responses');
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.getByRole('combobox', { name: 'Reply' }).inputValue())
      .toBe('Refunds take up to 5 business days.');
    await count(canned, 0);
    await page.keyboard.press('Enter');
    await history.getByText('Refunds take up to 5 business days.').waitFor(LIVE);
    await page.keyboard.press('Escape');
    await expect.poll(() => focusedText(page)).toMatch(/Bob Baker/);

    // A new message from the visitor is announced politely while the conversation is open.
    await visitorAdds(bobVisitor, 'Thanks! And the tracking number?');
    await history.getByText('And the tracking number?').waitFor(LIVE);
    await page
      .locator('[aria-live="polite"]')
      .filter({ hasText: 'New message from Bob Baker: Thanks! And the tracking number?' })
      .waitFor({ state: 'attached', ...LIVE });

    // n: the same composer as a private note.
    await page.keyboard.press('n');
    await expect.poll(() => isFocused(page.getByRole('combobox', { name: 'Private note' }))).toBe(true);
    await page.keyboard.press('Escape');

    // l: the label picker (a combobox); typing filters, Enter toggles, Escape closes.
    await page.keyboard.press('l');
    const labelSearch = page.getByRole('combobox', { name: 'Labels' });
    await expect.poll(() => isFocused(labelSearch)).toBe(true);
    await page.keyboard.type('bill');
    await count(page.getByRole('listbox', { name: 'Labels' }).getByRole('option'), 1);
    await shot(page, '03-label-picker');
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.getByRole('option', { name: 'billing' }).getAttribute('aria-selected'))
      .toBe('true');
    await page.keyboard.press('Escape');
    await count(labelSearch, 0);
    await page.getByRole('list', { name: 'Labels' }).getByText('billing').waitFor();
    await expect
      .poll(async () => (await conversation(bob)).labels.map((label) => label.id), LIVE)
      .toEqual([billing.id]);

    // s: the snooze picker (a listbox); the first choice is "1 hour".
    await page.keyboard.press('s');
    const snooze = page.getByRole('listbox', { name: 'Snooze until' });
    await expect.poll(() => isFocused(snooze)).toBe(true);
    expect(await snooze.getByRole('option').first().textContent()).toMatch(/^1 hour/);
    await shot(page, '04-snooze-picker');
    const before = Date.now();
    await page.keyboard.press('Enter');
    await count(snooze, 0);
    await expect.poll(async () => (await conversation(bob)).status, LIVE).toBe('snoozed');
    const until = Date.parse((await conversation(bob)).snoozedUntil!);
    expect(until - before).toBeGreaterThan(55 * 60_000);
    expect(until - before).toBeLessThan(65 * 60_000);
    // Snoozed, it leaves the open queue. Bob had moved to the top with the reply; the cursor keeps its
    // place, which is now Carol's row.
    await count(rowLink(page, 'Bob Baker'), 0);
    await page.getByRole('button', { name: /Status: Snoozed/ }).waitFor();

    // Enter opens the row under the cursor; e resolves it.
    await page.keyboard.press('Enter');
    await page.waitForURL(new RegExp(`/app/conversations/${carol}`));
    await conversationHeading(page, /Carol Cooper/).waitFor();
    await page.keyboard.press('e');
    await expect.poll(async () => (await conversation(carol)).status, LIVE).toBe('resolved');
    await page.getByRole('button', { name: 'Status: Resolved' }).waitFor();
    await count(rowLink(page, 'Carol Cooper'), 0);

    // The cursor is on Alice now. a: the assign picker, "Assign to me" first.
    await page.keyboard.press('Enter');
    await page.waitForURL(new RegExp(`/app/conversations/${alice}`));
    await conversationHeading(page, /Alice Archer/).waitFor();
    await page.keyboard.press('a');
    await expect.poll(() => isFocused(page.getByRole('combobox', { name: 'Assign' }))).toBe(true);
    await shot(page, '05-assign-picker');
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await conversation(alice)).assignee?.id ?? null, LIVE).not.toBeNull();
    await page.getByRole('button', { name: /Assignee: You/ }).waitFor();

    // ?: every shortcut in a dialog; Escape closes it.
    await page.keyboard.press('?');
    const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await dialog.waitFor();
    await dialog.getByText('Snooze', { exact: true }).waitFor();
    await shot(page, '06-shortcuts');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });

    expect(errors).toEqual([]);
    await context.close();
  });

  it('selects rows with x and resolves them in bulk, telling the progress', async () => {
    const dan = await visitorWrites('Dan Drake', 'My coupon does not work');
    const eve = await visitorWrites('Eve Evans', 'Can I change my address?');
    const { context, page, errors } = await signIn();
    await page.getByRole('status').filter({ hasText: 'Live' }).waitFor(LIVE);
    await rowLink(page, 'Eve Evans').waitFor(LIVE);

    await page.keyboard.press('j');
    await page.keyboard.press('x');
    await page.keyboard.press('j');
    await page.keyboard.press('x');
    await page.getByText('2 selected').waitFor();
    await shot(page, '07-bulk-selection');
    await page.getByTestId('bulk-bar').getByRole('button', { name: 'Resolve' }).click();
    await page.getByText('2 conversations resolved.').waitFor(LIVE);
    expect((await conversation(dan)).status).toBe('resolved');
    expect((await conversation(eve)).status).toBe('resolved');
    await count(rowLink(page, 'Dan Drake'), 0);

    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('accessibility of the main screens (axe-core)', () => {
  for (const colorScheme of ['light', 'dark'] as const) {
    it(`has no serious or critical violations (${colorScheme})`, async () => {
      const id = await visitorWrites(`Fay ${colorScheme}`, 'Is the blue one back in stock?');
      await product.agentApi('PUT', `/api/v1/conversations/${id}/labels/${billing.id}`);
      await product.agentApi('PATCH', `/api/v1/conversations/${id}`, { priority: 'high' });
      const contactId = (
        await product.agentApi<{ contact: { id: string } }>('GET', `/api/v1/conversations/${id}`)
      ).contact.id;
      // The strict CSP of the dashboard forbids injected scripts; axe is the test's, not the page's.
      const { context, page, errors } = await signIn({ colorScheme, bypassCSP: true });
      const base = `${product.server.baseUrl}/app`;
      const found: Record<string, string[]> = {};
      const check = async (name: string, ready: () => Promise<unknown>) => {
        await ready();
        await page.waitForTimeout(250);
        await shot(page, `axe-${colorScheme}-${name}`);
        found[name] = await axeViolations(page);
      };
      // Opens a screen by its address. Another test file starting at the same time rebuilds the
      // dashboard when its sources are newer than the build; a page requested in that moment finds
      // no files, so the address is opened again.
      const open = async (path: string, ready: Locator) => {
        for (let attempt = 1; ; attempt++) {
          await page.goto(`${base}${path}`);
          try {
            await ready.waitFor({ timeout: 10_000 });
            return;
          } catch (error) {
            if (attempt === 3) {
              throw error;
            }
          }
        }
      };

      await open(`/conversations/${id}`, page.getByRole('log', { name: 'Messages' }).getByText('blue one'));
      await check('conversation', () => Promise.resolve());
      await page.getByRole('button', { name: /Assignee: / }).click();
      await check('assign-picker', () => page.getByRole('combobox', { name: 'Assign' }).waitFor());
      await page.keyboard.press('Escape');
      await page
        .getByRole('checkbox', { name: new RegExp(`Select conversation with Fay ${colorScheme}`) })
        .check();
      await check('bulk-bar', () => page.getByText('1 selected').waitFor());
      const screens: [string, string, Locator][] = [
        ['labels', '/settings/labels', page.getByText('Invoices and refunds')],
        ['teams', '/settings/teams', page.getByRole('heading', { name: 'Billing team' })],
        ['canned-responses', '/settings/canned-responses', page.getByText('/refund')],
        ['inbox-settings', `/settings/inboxes/${inbox.id}`, page.getByText('Installation snippet')],
        ['members', '/settings/members', page.getByRole('table', { name: 'Members' })],
        ['profile', '/settings/profile', page.getByRole('heading', { name: 'Your details' })],
        ['contacts', '/contacts', page.getByRole('link', { name: `Fay ${colorScheme}` }).first()],
        [
          'contact',
          `/contacts/${contactId}`,
          page.getByRole('heading', { name: `Fay ${colorScheme}` }).first(),
        ],
        ['search', '/search?q=blue', page.getByRole('main').getByText(`Fay ${colorScheme}`).first()],
      ];
      for (const [name, path, ready] of screens) {
        await open(path, ready);
        await check(name, () => Promise.resolve());
      }

      expect(found).toEqual(Object.fromEntries(Object.keys(found).map((name) => [name, []])));
      expect(errors).toEqual([]);
      await context.close();
    });
  }
});
