import { createHmac } from 'node:crypto';
import type { Browser, Locator, Page, Response } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createInbox,
  HOSTILE_CSS,
  launchBrowser,
  markDocument,
  pageErrors,
  png,
  screenshot,
  startHostSite,
  startProduct,
  type TInbox,
  type TProduct,
  visitHostPage,
  widgetOf,
} from './support.ts';

// A live conversation with a real browser on both sides: a visitor on a customer's website (another
// origin, hostile CSS) writes and sends a picture through the widget, an agent who already has the
// dashboard open sees it arrive without reloading and answers, the visitor sees the answer arrive and
// finds the whole history after a reload. Then identity verification: a signed-in user's conversation
// follows them to another device, and a wrong hash is refused.
const LIVE = { timeout: 15_000 };
const USER = { userId: 'user-42', name: 'Ada', email: 'ada@example.com' };

let browser: Browser;
let product: TProduct;
let site: Awaited<ReturnType<typeof startHostSite>>;
let support: TInbox;
let verified: TInbox;

beforeAll(async () => {
  product = await startProduct({ needsDashboard: true });
  support = await createInbox(product, 'Acme Support', { settings: { color: '#4f46e5' } });
  verified = await createInbox(product, 'Acme Accounts', {
    settings: { color: '#0f766e' },
    requireIdentityVerification: true,
  });
  // `?hash=` makes the page identify its signed-in user, queued before the loader as the docs show.
  site = await startHostSite(product.server, {
    css: HOSTILE_CSS,
    head: (params) => {
      const userHash = params.get('hash') ?? '';
      return /^[0-9a-f]+$/.test(userHash)
        ? `Parley.push(['identify', ${JSON.stringify({ ...USER, userHash })}]);`
        : '';
    },
  });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await site?.close();
  await product?.stop();
});

const widget = widgetOf;
// Animations finished, so a window that just opened is not caught half faded in.
const shot = (page: Page, name: string) => screenshot(page, `live-${name}`, { animations: 'disabled' });
/** Matches the answer to a visitor API call; `path` may be a pattern like `/conversations/[^/]+/messages`. */
const isWidgetApi = (path: string, method = 'POST') => {
  const pattern = new RegExp(`/api/widget/v1${path}$`);
  return (response: Response) =>
    pattern.test(response.url().split('?')[0]!) && response.request().method() === method;
};

async function openChat(page: Page, inboxName: string) {
  await page.getByRole('button', { name: 'Open chat' }).click();
  await page.getByRole('dialog', { name: `Chat with ${inboxName}` }).waitFor();
}

/** The image really loaded: the browser decoded it, so it has a width. */
const naturalWidth = (img: Locator) => img.evaluate((el) => (el as HTMLImageElement).naturalWidth);

describe('live chat between a website visitor and an agent, both in Chromium', () => {
  it('delivers messages and an image both ways live, and keeps the history across a reload', async () => {
    // The agent signs in through the dashboard and has the conversations open, waiting.
    const agentContext = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const agent = await agentContext.newPage();
    const agentErrors = pageErrors(agent);
    await agent.goto(`${product.server.baseUrl}/app/sign-in`);
    await agent.getByLabel('Email', { exact: true }).fill(product.ownerEmail);
    await agent.getByLabel('Password', { exact: true }).fill(product.ownerPassword);
    await agent.getByRole('button', { name: 'Sign in' }).click();
    await agent.waitForURL(/\/app\/?(conversations)?$/);
    if (!/\/app\/conversations$/.test(agent.url())) {
      await agent.goto(`${product.server.baseUrl}/app/conversations`);
    }
    await agent.getByRole('status').filter({ hasText: 'Live' }).waitFor(LIVE);
    await agent.getByText('No conversations yet').first().waitFor();
    // A mark on the document, which a reload or a full navigation would drop.
    const isSameDocument = await markDocument(agent);
    await shot(agent, '01-agent-waiting');

    // The visitor writes through the widget on the hostile page.
    const { context, page, errors } = await visitHostPage(browser, `${site.url}/?key=${support.widgetKey}`);
    const isVisitorSameDocument = await markDocument(page);
    await openChat(page, 'Acme Support');
    const started = page.waitForResponse(isWidgetApi('/conversations'));
    await widget(page).getByRole('textbox', { name: 'Message' }).fill('Hello from the shop');
    await widget(page).getByRole('button', { name: 'Send', exact: true }).click();
    expect((await started).status()).toBe(201);
    await widget(page).locator('.msgs').getByText('Hello from the shop').waitFor();

    // It appears in the agent's list by itself.
    const row = agent
      .getByRole('navigation', { name: 'Open conversations' })
      .getByRole('link', { name: /Visitor/ });
    await row.filter({ hasText: 'Hello from the shop' }).waitFor(LIVE);
    expect(await isSameDocument()).toBe(true);
    await shot(agent, '02-agent-new-conversation');

    // The visitor attaches a picture through the widget's file input and sends it.
    await widget(page)
      .locator('input[type="file"]')
      .setInputFiles({ name: 'shop-photo.png', mimeType: 'image/png', buffer: png(320, 180) });
    await widget(page).getByRole('button', { name: 'Remove shop-photo.png' }).waitFor(LIVE);
    const sentImage = page.waitForResponse(isWidgetApi('/conversations/[^/]+/messages'));
    await widget(page).getByRole('button', { name: 'Send', exact: true }).click();
    expect((await sentImage).status()).toBe(201);
    const visitorImage = widget(page).locator('.msgs').getByRole('img', { name: 'shop-photo.png' });
    await expect.poll(() => naturalWidth(visitorImage), LIVE).toBe(320);

    // The agent's list shows the picture as the last message, then the agent opens the conversation.
    await row.filter({ hasText: 'shop-photo.png' }).waitFor(LIVE);
    expect(await isSameDocument()).toBe(true);
    await row.click();
    await agent.waitForURL(/\/app\/conversations\/[^/?]+/);
    const history = agent.getByRole('log', { name: 'Messages' });
    await history.getByText('Hello from the shop').waitFor(LIVE);
    const agentImage = history.getByRole('img', { name: 'shop-photo.png' });
    await expect.poll(() => naturalWidth(agentImage), LIVE).toBe(320);
    const src = (await agentImage.getAttribute('src'))!;
    expect(src).toMatch(
      new RegExp(
        `^${product.server.baseUrl.replace(/\./g, '\\.')}/api/files/[\\w-]+\\?exp=\\d+&sig=[\\w-]+$`,
      ),
    );
    // The link works because it is signed: without its signature the file is refused.
    const signed = await fetch(src);
    expect([signed.status, signed.headers.get('content-type')]).toEqual([200, 'image/png']);
    expect((await signed.arrayBuffer()).byteLength).toBeGreaterThan(0);
    const unsigned = await fetch(src.replace(/&sig=[\w-]+$/, ''));
    const refusal = (await unsigned.json()) as { error: { code: string } };
    expect([unsigned.status, refusal.error.code]).toEqual([400, 'validation_failed']);

    // The agent replies; the visitor sees it arrive in the open widget.
    await agent.getByRole('combobox', { name: 'Reply' }).fill('Lovely photo! Your shoes ship today.');
    await agent.getByRole('button', { name: 'Send', exact: true }).click();
    await history.getByText('Lovely photo! Your shoes ship today.').waitFor(LIVE);
    expect(await isSameDocument()).toBe(true);
    await shot(agent, '03-agent-conversation');
    await widget(page).locator('.msgs').getByText('Lovely photo! Your shoes ship today.').waitFor(LIVE);
    expect(await isVisitorSameDocument()).toBe(true);
    await shot(page, '04-visitor-reply');

    // After a reload the visitor finds the whole conversation again.
    await page.reload();
    await page.getByRole('button', { name: 'Open chat' }).waitFor();
    await openChat(page, 'Acme Support');
    const messages = widget(page).locator('.msgs');
    await messages.getByText('Hello from the shop').waitFor(LIVE);
    await messages.getByText('Lovely photo! Your shoes ship today.').waitFor(LIVE);
    await expect
      .poll(() => naturalWidth(messages.getByRole('img', { name: 'shop-photo.png' })), LIVE)
      .toBe(320);
    await shot(page, '05-visitor-after-reload');

    expect(errors).toEqual([]);
    expect(agentErrors).toEqual([]);
    await context.close();
    await agentContext.close();
  });

  it('follows a verified user to another device and refuses a wrong hash', async () => {
    const hashOf = (secret: string) => createHmac('sha256', secret).update(USER.userId).digest('hex');
    const rightHash = hashOf(verified.identitySecret!);
    expect(rightHash).toMatch(/^[0-9a-f]{64}$/);

    /** A browser of its own (fresh storage: another device) on the page that identifies Ada. */
    async function device(userHash: string) {
      let identified!: Promise<Response>;
      const visit = await visitHostPage(browser, `${site.url}/?key=${verified.widgetKey}&hash=${userHash}`, {
        before: (page) => {
          identified = page.waitForResponse(isWidgetApi('/identify'));
        },
      });
      const token = await visit.page.evaluate(
        (key) => localStorage.getItem(`parley:${key}:visitor`),
        verified.widgetKey,
      );
      return { ...visit, identify: await identified, token };
    }

    // Laptop (context X): Ada writes.
    const laptop = await device(rightHash);
    expect(laptop.identify.status()).toBe(200);
    await openChat(laptop.page, 'Acme Accounts');
    const started = laptop.page.waitForResponse(isWidgetApi('/conversations'));
    await widget(laptop.page).getByRole('textbox', { name: 'Message' }).fill('Message from my laptop');
    await laptop.page.keyboard.press('Enter');
    expect((await started).status()).toBe(201);
    await widget(laptop.page).locator('.msgs').getByText('Message from my laptop').waitFor();
    await shot(laptop.page, '06-identity-laptop');

    // Another device (context Y), same user and hash: the conversation is there.
    const phone = await device(rightHash);
    expect(phone.identify.status()).toBe(200);
    expect(phone.token).toMatch(/\S/);
    expect(phone.token).not.toBe(laptop.token);
    await openChat(phone.page, 'Acme Accounts');
    await widget(phone.page).locator('.msgs').getByText('Message from my laptop').waitFor(LIVE);
    await shot(phone.page, '07-identity-other-device');

    // A wrong hash (context Z): identify is refused and the chat shows nothing of Ada's.
    const stranger = await device(hashOf('not-the-secret'));
    expect(stranger.identify.status()).toBe(401);
    expect(((await stranger.identify.json()) as { error: { code: string } }).error.code).toBe(
      'identity_verification_failed',
    );
    const listed = stranger.page.waitForResponse(isWidgetApi('/conversations', 'GET'));
    await openChat(stranger.page, 'Acme Accounts');
    const list = await listed;
    expect(list.status()).toBe(200);
    expect(await list.json()).toEqual({ items: [], nextCursor: null });
    await widget(stranger.page).getByText('Ask us anything', { exact: true }).waitFor();
    expect(await widget(stranger.page).getByText('Message from my laptop').count()).toBe(0);
    await shot(stranger.page, '08-identity-refused');

    expect(laptop.errors).toEqual([]);
    expect(phone.errors).toEqual([]);
    // A refused identify queued with Parley.push is reported as a warning, never thrown at the page.
    expect(stranger.errors).toEqual([]);
    for (const d of [laptop, phone, stranger]) {
      await d.context.close();
    }
  });
});
