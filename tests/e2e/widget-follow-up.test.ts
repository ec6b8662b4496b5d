import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  axeViolations,
  createInbox,
  launchBrowser,
  screenshot,
  signInAsOwner,
  startHostSite,
  startProduct,
  type TInbox,
  type TProduct,
  visitHostPage,
  widgetOf,
} from './support.ts';

// The widget keeps a visitor in touch between visits: a reply shows beside the closed launcher, every
// earlier conversation stays reachable (and a resolved one can be continued), an away team says when
// it is back, and only the loader's own script decides which server the widget talks to.
let browser: Browser;
let product: TProduct;
let site: Awaited<ReturnType<typeof startHostSite>>;
let decoy: http.Server;
const decoyRequests: string[] = [];
const keys = { main: '', lists: '', away: '' };
const awayDay = (new Date().getUTCDay() + 3) % 7;

const DESKTOP: BrowserContextOptions = { viewport: { width: 1280, height: 800 } };
const PHONE: BrowserContextOptions = {
  viewport: { width: 390, height: 844 },
  isMobile: true,
  hasTouch: true,
};

beforeAll(async () => {
  product = await startProduct({ needsDashboard: true });
  keys.main = (await createInbox(product, 'Acme Support', { settings: { color: '#4f46e5' } })).widgetKey;
  keys.lists = (await createInbox(product, 'Acme Returns', { settings: { color: '#0f766e' } })).widgetKey;
  keys.away = (
    await createInbox(product, 'Acme Billing', {
      settings: {
        color: '#9333ea',
        businessHours: { timeZone: 'UTC', days: [{ day: awayDay, open: '09:00', close: '10:00' }] },
      },
    })
  ).widgetKey;
  // Another server a hostile page element points at: it must never hear from the widget.
  decoy = http.createServer((req, res) => {
    decoyRequests.push(`${req.method} ${req.url}`);
    res.setHeader('access-control-allow-origin', '*');
    res.end('{}');
  });
  await new Promise<void>((resolve) => decoy.listen(0, '127.0.0.1', resolve));
  const decoyUrl = `http://127.0.0.1:${(decoy.address() as AddressInfo).port}`;
  site = await startHostSite(product.server, {
    css: 'body { font-family: Georgia, serif; margin: 40px; }',
    body: (params) =>
      params.has('decoy')
        ? `<div class="comment" data-parley-host="${decoyUrl}" data-parley="wk_decoy">Nice shoes!</div>`
        : '',
  });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await site?.close();
  await new Promise((resolve) => decoy?.close(resolve));
  await product?.stop();
});

const widget = widgetOf;

function visit(key: string, opts: { context?: BrowserContextOptions; query?: string } = {}) {
  return visitHostPage(browser, `${site.url}/?key=${key}${opts.query ?? ''}`, {
    context: opts.context ?? DESKTOP,
  });
}

/** Requests the page makes to the Parley server, and whether it opened a socket. */
function recordTraffic(page: Page) {
  const traffic = { requests: [] as string[], sockets: [] as string[] };
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.origin === product.server.baseUrl) {
      traffic.requests.push(`${request.method()} ${url.pathname}`);
    }
  });
  page.on('websocket', (socket) => traffic.sockets.push(socket.url()));
  return traffic;
}

/** Resolves when the visitor socket has said `ready` (connected and caught up), within 10 s. */
function socketReady(page: Page) {
  return new Promise<void>((resolve, reject) => {
    setTimeout(() => reject(new Error('the widget opened no visitor socket')), 10_000);
    page.on('websocket', (socket) =>
      socket.on('framereceived', (frame) => {
        if (String(frame.payload).includes('"type":"ready"')) {
          resolve();
        }
      }),
    );
  });
}

async function sendFromWidget(page: Page, text: string) {
  const message = page.getByRole('textbox', { name: 'Message' });
  await message.fill(text);
  await page.keyboard.press('Enter');
  await widget(page).locator('.msgs').getByText(text).waitFor();
  await expect
    .poll(() => widget(page).locator('.meta').allTextContents(), { timeout: 10_000 })
    .not.toContainEqual(expect.stringMatching(/Sending/));
}

type TAgentConversation = {
  id: string;
  status: string;
  lastActivityAt: string;
  lastMessage: { text: string };
};

async function conversationWith(text: string): Promise<TAgentConversation> {
  const { items } = await product.agentApi<{ items: TAgentConversation[] }>('GET', '/api/v1/conversations');
  const found = items.find((c) => c.lastMessage?.text === text);
  if (!found) {
    throw new Error(`no conversation ends with “${text}”`);
  }
  return found;
}

describe('the widget between visits, in Chromium', () => {
  it('talks only to the server of its own script tag, whatever page elements say', async () => {
    const { context, page, errors } = await visit(keys.main, { query: '&decoy' });
    const traffic = recordTraffic(page);
    await page.getByRole('button', { name: 'Open chat' }).click();
    await page.getByRole('dialog', { name: 'Chat with Acme Support' }).waitFor();
    await sendFromWidget(page, 'Is the decoy listening?');
    expect((await conversationWith('Is the decoy listening?')).status).toBe('open');
    expect(traffic.requests).toContain('GET /widget/chat.js');
    expect(traffic.sockets[0]).toMatch(new RegExp(`^${product.server.baseUrl.replace(/^http/, 'ws')}/`));
    expect(decoyRequests).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('a visitor who never chatted loads only the loader: no chat bundle, no socket', async () => {
    const { context, page, errors } = await visit(keys.main);
    const traffic = recordTraffic(page);
    await page.reload();
    await page.getByRole('button', { name: 'Open chat' }).waitFor();
    // Time is what is under test: nothing may follow the boot later either, neither the chat bundle
    // nor a socket.
    await page.waitForTimeout(1500);
    expect(traffic.requests.sort()).toEqual(['GET /widget.js', 'POST /api/widget/v1/boot']);
    expect(traffic.sockets).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  for (const [label, options] of [
    ['1280', DESKTOP],
    ['390', PHONE],
  ] as const) {
    it(`shows a reply that arrives while closed on a later page: badge and preview within a second (${label} px)`, async () => {
      const { context, page, errors } = await visit(keys.main, { context: options });
      await page.getByRole('button', { name: 'Open chat' }).click();
      const text = `Do these come in size 44? (${label})`;
      await sendFromWidget(page, text);
      const conversation = await conversationWith(text);
      await page.getByRole('button', { name: 'Close', exact: true }).click();

      // A later page: the chat is closed and the visitor has a conversation.
      const ready = socketReady(page);
      await page.reload();
      await page.getByRole('button', { name: 'Open chat' }).waitFor();
      await ready;
      await product.agentApi('POST', `/api/v1/conversations/${conversation.id}/messages`, {
        text: 'Yes! Size 44 is in stock in brown and black.',
      });
      const preview = widget(page).getByRole('region', { name: /New message from/ });
      await preview.waitFor({ timeout: 1000 });
      await expect.poll(() => widget(page).locator('.b').textContent(), { timeout: 1000 }).toBe('1');
      expect(await preview.textContent()).toContain('Size 44 is in stock');
      expect(await page.getByRole('dialog').isVisible()).toBe(false);
      await screenshot(page, `widget-closed-badge-preview-${label}`, { animations: 'disabled' });

      // Dismissing hides the preview and leaves the badge; the next reply shows again; clicking opens it.
      await widget(page).getByRole('button', { name: 'Dismiss' }).click();
      await expect.poll(() => preview.isVisible()).toBe(false);
      expect(await widget(page).locator('.b').textContent()).toBe('1');
      await product.agentApi('POST', `/api/v1/conversations/${conversation.id}/messages`, {
        text: 'Shall I put a pair aside?',
      });
      await preview.waitFor({ timeout: 1000 });
      await expect.poll(() => widget(page).locator('.b').textContent()).toBe('2');
      await widget(page)
        .getByRole('button', { name: /Shall I put a pair aside/ })
        .click();
      const dialog = page.getByRole('dialog', { name: 'Chat with Acme Support' });
      await dialog.waitFor();
      await widget(page).locator('.msgs').getByText('Shall I put a pair aside?').waitFor();
      await expect.poll(() => widget(page).locator('.b').isHidden()).toBe(true);
      expect(errors).toEqual([]);
      await context.close();
    });
  }

  it('continues a resolved conversation and lists every conversation, newest first, in the visitor’s time zone', async () => {
    const timeZone = 'Asia/Tokyo';
    for (const [label, options] of [
      ['1280', DESKTOP],
      ['390', PHONE],
    ] as const) {
      const { context, page, errors } = await visit(keys.lists, {
        context: { ...options, timezoneId: timeZone, locale: 'en-US', bypassCSP: true },
      });
      await page.getByRole('button', { name: 'Open chat' }).click();
      const first = `My parcel never came (${label})`;
      await sendFromWidget(page, first);
      const resolved = await conversationWith(first);
      await product.agentApi('PATCH', `/api/v1/conversations/${resolved.id}`, { status: 'resolved' });
      await page.getByRole('button', { name: 'Close', exact: true }).click();

      // Back later: the resolved conversation takes a reply, which reopens it.
      await page.reload();
      await page.getByRole('button', { name: 'Open chat' }).click();
      await widget(page).getByText('This conversation is resolved. Reply to reopen it.').waitFor();
      await sendFromWidget(page, `It still has not arrived (${label})`);
      await expect
        .poll(async () => (await conversationWith(`It still has not arrived (${label})`)).status)
        .toBe('open');
      expect((await conversationWith(`It still has not arrived (${label})`)).id).toBe(resolved.id);
      await product.agentApi('POST', `/api/v1/conversations/${resolved.id}/messages`, {
        text: 'Sorry! A new parcel ships today.',
      });
      await widget(page).locator('.msgs').getByText('A new parcel ships today').waitFor();

      // A second conversation, then the list: both, newest first, with the time in Tokyo.
      await widget(page).getByRole('button', { name: 'Your conversations' }).click();
      await widget(page).getByRole('button', { name: 'New conversation' }).click();
      await sendFromWidget(page, `Can I swap the colour? (${label})`);
      await widget(page).getByRole('button', { name: 'Your conversations' }).click();
      const items = widget(page).locator('.conv');
      await expect.poll(() => items.count()).toBe(2);
      expect(await items.nth(0).textContent()).toContain('You: Can I swap the colour?');
      expect(await items.nth(1).textContent()).toMatch(/^OOlivia Owner.+Sorry! A new parcel ships today\.$/);
      const latest = await conversationWith(`Can I swap the colour? (${label})`);
      const tokyoTime = new Intl.DateTimeFormat('en-US', {
        timeZone,
        hour: 'numeric',
        minute: '2-digit',
      }).format(new Date(latest.lastActivityAt));
      expect(await items.nth(0).locator('time').textContent()).toBe(tokyoTime);
      expect(await axeViolations(page)).toEqual([]);
      await screenshot(page, `widget-conversation-list-${label}`, { animations: 'disabled' });

      // Any conversation opens from the list, by keyboard too: the focus starts on the newest.
      await expect
        .poll(() => widget(page).evaluate((el) => el.shadowRoot?.activeElement?.textContent ?? ''))
        .toContain('Can I swap the colour?');
      await page.keyboard.press('Tab');
      await page.keyboard.press('Enter');
      await widget(page).locator('.msgs').getByText(first).waitFor();
      expect(errors).toEqual([]);
      await context.close();
    }
  });

  it('starts a new conversation for a reply to a resolved one when the inbox is set so', async () => {
    const inbox = await createInbox(product, 'Acme Orders', {
      settings: { replyToResolved: 'new_conversation' },
    });
    const { context, page, errors } = await visit(inbox.widgetKey);
    await page.getByRole('button', { name: 'Open chat' }).click();
    await sendFromWidget(page, 'Where is order 77?');
    const resolved = await conversationWith('Where is order 77?');
    await product.agentApi('PATCH', `/api/v1/conversations/${resolved.id}`, { status: 'resolved' });
    await page.getByRole('button', { name: 'Close', exact: true }).click();
    await page.reload();
    await page.getByRole('button', { name: 'Open chat' }).click();
    await widget(page).getByText('This conversation is resolved. A reply starts a new one.').waitFor();
    await sendFromWidget(page, 'And order 78?');
    const followUp = await conversationWith('And order 78?');
    expect(followUp.id).not.toBe(resolved.id);
    expect((await conversationWith('Where is order 77?')).status).toBe('resolved');
    await expect.poll(() => widget(page).getByText('This conversation is resolved').count()).toBe(0);
    await widget(page).getByRole('button', { name: 'Your conversations' }).click();
    await expect.poll(() => widget(page).locator('.conv').count()).toBe(2);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('lets an admin choose, in the inbox settings, that a reply to a resolved conversation starts a new one', async () => {
    const inbox = await createInbox(product, 'Acme Wholesale');
    for (const [label, options] of [
      ['1280', DESKTOP],
      ['390', PHONE],
    ] as const) {
      const { context, page, errors } = await signInAsOwner(
        { browser, product },
        { ...options, bypassCSP: true },
      );
      await page.goto(`${product.server.baseUrl}/app/settings/inboxes/${inbox.id}`);
      const section = page.getByRole('region', { name: 'Replies to resolved conversations' });
      await section.waitFor();
      expect(await section.getByRole('radio', { name: 'Reopen the conversation' }).isChecked()).toBe(true);
      await section.getByRole('radio', { name: 'Start a new conversation' }).check();
      await page.getByRole('button', { name: 'Save', exact: true }).click();
      await expect
        .poll(
          async () =>
            (
              await product.agentApi<TInbox & { settings: { replyToResolved: string } }>(
                'GET',
                `/api/v1/inboxes/${inbox.id}`,
              )
            ).settings.replyToResolved,
          { timeout: 5000 },
        )
        .toBe('new_conversation');
      await section.scrollIntoViewIfNeeded();
      expect(await axeViolations(page)).toEqual([]);
      await screenshot(page, `inbox-settings-reply-to-resolved-${label}`, { animations: 'disabled' });
      // Back to the default for the next width.
      await section.getByRole('radio', { name: 'Reopen the conversation' }).check();
      await page.getByRole('button', { name: 'Save', exact: true }).click();
      await expect
        .poll(
          async () =>
            (
              await product.agentApi<TInbox & { settings: { replyToResolved: string } }>(
                'GET',
                `/api/v1/inboxes/${inbox.id}`,
              )
            ).settings.replyToResolved,
          { timeout: 5000 },
        )
        .toBe('reopen');
      expect(errors).toEqual([]);
      await context.close();
    }
  });

  it('says when an away team is back, in the visitor’s time zone, without promising a quick reply', async () => {
    const timeZone = 'America/New_York';
    const now = new Date();
    const opening = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 3, 9, 0));
    const inZone = (o: Intl.DateTimeFormatOptions) =>
      new Intl.DateTimeFormat('en-US', { timeZone, ...o }).format(opening);
    const expected = `We’re away — back ${inZone({ weekday: 'long' })} at ${inZone({ hour: 'numeric', minute: '2-digit' })}`;
    for (const [label, options] of [
      ['1280', DESKTOP],
      ['390', PHONE],
    ] as const) {
      const { context, page, errors } = await visit(keys.away, {
        context: { ...options, timezoneId: timeZone, locale: 'en-US', bypassCSP: true },
      });
      await page.getByRole('button', { name: 'Open chat' }).click();
      const dialog = page.getByRole('dialog', { name: 'Chat with Acme Billing' });
      await dialog.waitFor();
      await widget(page).getByText(expected).waitFor();
      expect(await dialog.textContent()).not.toContain('We typically reply');
      await widget(page).getByRole('region', { name: 'The team is away' }).waitFor();
      expect(await axeViolations(page)).toEqual([]);
      await screenshot(page, `widget-offline-notice-${label}`, { animations: 'disabled' });
      expect(errors).toEqual([]);
      await context.close();
    }
  });
});
