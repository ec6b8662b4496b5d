import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createInbox,
  HOSTILE_CSS,
  launchBrowser,
  png,
  screenshot,
  startHostSite,
  startProduct,
  type TAgentApi,
  type TProduct,
  visitHostPage,
  widgetOf,
} from './support.ts';

// The website widget in a real browser, embedded in a page on another origin whose CSS tries to break
// everything: the visitor chats, an agent (through the API) replies with an image, the badge counts
// unread replies, the pre-chat form and the offline notice collect details, and phones get a full screen.
let browser: Browser;
let product: TProduct;
let site: Awaited<ReturnType<typeof startHostSite>>;
let siteUrl = '';
const keys = { main: '', preChat: '', offline: '' };
let agentApi: TAgentApi;

beforeAll(async () => {
  product = await startProduct();
  agentApi = product.agentApi;
  const inbox = async (name: string, settings: Record<string, unknown>) =>
    (await createInbox(product, name, { settings })).widgetKey;
  const awayDay = (new Date().getUTCDay() + 3) % 7;
  keys.main = await inbox('Acme Support', { color: '#4f46e5' });
  keys.preChat = await inbox('Acme Sales', {
    color: '#facc15',
    position: 'left',
    preChatForm: {
      enabled: true,
      requireName: true,
      requireEmail: true,
      consentText: 'I agree to be contacted.',
    },
  });
  keys.offline = await inbox('Acme Billing', {
    color: '#0f766e',
    businessHours: { timeZone: 'UTC', days: [{ day: awayDay, open: '09:00', close: '10:00' }] },
  });

  // The customer's website: another origin, hostile CSS, the snippet from the docs, and a record of
  // the SDK's events.
  site = await startHostSite(product.server, {
    css: HOSTILE_CSS,
    head: () => `window.events = [];
['message', 'unread', 'open', 'close'].forEach((e) => Parley.push(['on', e, (p) => events.push(e + ':' + (p && p.text !== undefined ? p.text : p))]));`,
  });
  siteUrl = site.url;
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await site?.close();
  await product?.stop();
});

function visit(key: string, opts: { mobile?: boolean; plain?: boolean } = {}) {
  return visitHostPage(browser, `${siteUrl}/?key=${key}${opts.plain ? '&plain' : ''}`, {
    context: opts.mobile
      ? { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true }
      : { viewport: { width: 1280, height: 800 } },
  });
}

const widget = widgetOf;
const shot = (page: Page, name: string) => screenshot(page, `widget-${name}`);

describe('website widget in Chromium', () => {
  it('chats through a hostile page: sends, receives an image reply, reads, counts unread while closed', async () => {
    const { context, page, errors } = await visit(keys.main);
    await shot(page, '01-closed');
    expect(await context.cookies()).toEqual([]);
    expect(await page.evaluate((k) => localStorage.getItem(`parley:${k}:visitor`), keys.main)).toMatch(/\S/);

    await page.getByRole('button', { name: 'Open chat' }).click();
    const dialog = page.getByRole('dialog', { name: 'Chat with Acme Support' });
    await dialog.waitFor();
    const message = page.getByRole('textbox', { name: 'Message' });
    await expect
      .poll(() => message.evaluate((el) => el === (el.getRootNode() as ShadowRoot).activeElement))
      .toBe(true);
    await message.fill('Where is my order #1042?');
    await page.keyboard.press('Enter');
    await widget(page).getByText('Where is my order #1042?').waitFor();

    // The widget shows the message as it sends it: the team's list has it once the server has stored it.
    const stored = async () => {
      const { items } = await agentApi<{ items: { id: string; lastMessage: { text: string } | null }[] }>(
        'GET',
        '/api/v1/conversations',
      );
      return items.find((c) => c.lastMessage?.text === 'Where is my order #1042?');
    };
    await expect.poll(stored).toBeDefined();
    const conversation = (await stored())!;
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(png(240, 140))], { type: 'image/png' }), 'parcel-map.png');
    const image = await agentApi<{ id: string }>('POST', '/api/v1/attachments', form);
    await agentApi('POST', `/api/v1/conversations/${conversation.id}/messages`, {
      text: 'It is on its way: here is the map.',
      attachmentIds: [image.id],
    });
    await widget(page).locator('.msgs').getByText('It is on its way').waitFor();
    const img = widget(page).getByRole('img', { name: 'parcel-map.png' });
    await expect.poll(() => img.evaluate((el) => (el as HTMLImageElement).naturalWidth)).toBe(240);
    await agentApi('POST', `/api/v1/conversations/${conversation.id}/read`);
    await expect
      .poll(() => widget(page).locator('.meta').allTextContents())
      .toContainEqual(expect.stringMatching(/Read/));
    await shot(page, '02-conversation-with-image');

    // A file the server refuses shows its message inline.
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Attach a file' }).click();
    await (await chooser).setFiles({
      name: 'page.html',
      mimeType: 'text/html',
      buffer: Buffer.from('<!doctype html><html><body><script>alert(1)</script></body></html>'),
    });
    await expect
      .poll(() => widget(page).getByRole('alert').textContent())
      .toMatch(/page\.html.+cannot be attached/);

    // Escape closes and gives focus back to the launcher; a reply while closed shows on the badge.
    await message.focus();
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.isVisible()).toBe(false);
    await expect
      .poll(() => widget(page).evaluate((el) => el.shadowRoot?.activeElement?.getAttribute('aria-label')))
      .toBe('Open chat');
    await agentApi('POST', `/api/v1/conversations/${conversation.id}/messages`, { text: 'Anything else?' });
    await expect.poll(() => widget(page).locator('.b').textContent()).toBe('1');
    await expect
      .poll(() => page.evaluate(() => (window as unknown as { events: string[] }).events))
      .toEqual(expect.arrayContaining(['message:Anything else?', 'unread:1']));
    await shot(page, '03-unread-while-closed');

    // Opening reads it: the badge clears.
    await page.getByRole('button', { name: 'Open chat' }).click();
    await expect.poll(() => widget(page).locator('.b').isHidden()).toBe(true);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('asks for name, email and consent before the first message when the inbox wants them', async () => {
    const { context, page, errors } = await visit(keys.preChat);
    await page.getByRole('button', { name: 'Open chat' }).click();
    await page.getByRole('button', { name: 'Start conversation' }).click();
    await widget(page).getByText('Enter your name.').waitFor();
    await widget(page).getByText('Please agree to continue.').waitFor();
    await shot(page, '04-pre-chat-errors');

    await page.getByLabel('Name', { exact: true }).fill('Sam Visitor');
    await page.getByLabel('Email', { exact: true }).fill('sam@example.com');
    await page.getByLabel('Message', { exact: true }).fill('Do you ship to Canada?');
    await page.getByRole('checkbox', { name: 'I agree to be contacted.' }).check();
    await page.getByRole('button', { name: 'Start conversation' }).click();
    await widget(page).locator('.msgs').getByText('Do you ship to Canada?').waitFor();
    const { items } = await agentApi<{ items: { contact: { name: string; email: string } }[] }>(
      'GET',
      '/api/v1/conversations',
    );
    expect(items.map((c) => c.contact)).toContainEqual(
      expect.objectContaining({ name: 'Sam Visitor', email: 'sam@example.com' }),
    );
    expect(errors).toEqual([]);
    await context.close();
  });

  it('shows the offline message and takes an email to notify while the team is away', async () => {
    const { context, page, errors } = await visit(keys.offline);
    await page.getByRole('button', { name: 'Open chat' }).click();
    await page.getByLabel('Email', { exact: true }).fill('ria@example.com');
    await page.getByRole('button', { name: 'Notify me' }).click();
    await widget(page).getByText('We’ll notify you at').waitFor();
    await shot(page, '05-offline');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('opens full screen on a phone', async () => {
    const { context, page, errors } = await visit(keys.main, { mobile: true, plain: true });
    await page.getByRole('button', { name: 'Open chat' }).click();
    const box = await page.getByRole('dialog').boundingBox();
    expect(box).toEqual({ x: 0, y: 0, width: 390, height: 844 });
    await shot(page, '06-mobile');
    await page.getByRole('button', { name: 'Close', exact: true }).click();
    await expect.poll(() => page.getByRole('button', { name: 'Open chat' }).isVisible()).toBe(true);
    expect(errors).toEqual([]);
    await context.close();
  });
});
