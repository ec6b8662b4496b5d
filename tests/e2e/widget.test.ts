import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnServer, type TServerProcess, tempDataDir } from '../../apps/server/test/spawn.ts';

// The website widget in a real browser, embedded in a page on another origin whose CSS tries to break
// everything: the visitor chats, an agent (through the API) replies with an image, the badge counts
// unread replies, the pre-chat form and the offline notice collect details, and phones get a full screen.
const shots = path.resolve('test-results/e2e');
mkdirSync(shots, { recursive: true });

const HOSTILE_CSS = `* { all: unset !important; font-size: 40px !important; display: block !important; }
button { display: none !important; } div { transform: rotate(1deg) !important; }
[data-parley], parley-widget { display: none !important; opacity: 0 !important; }`;

let browser: Browser;
let server: TServerProcess;
let site: http.Server;
let siteUrl = '';
let agent: Record<string, string> = {};
const keys = { main: '', preChat: '', offline: '' };
const data = tempDataDir();

async function agentApi<T>(method: string, url: string, body?: unknown): Promise<T> {
  const isForm = body instanceof FormData;
  const res = await fetch(`${server.baseUrl}${url}`, {
    method,
    headers: { ...agent, ...(body !== undefined && !isForm ? { 'content-type': 'application/json' } : {}) },
    body: isForm ? body : body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) {
    throw new Error(`${method} ${url}: ${res.status} ${text}`);
  }
  return (text ? JSON.parse(text) : null) as T;
}

/** A small gradient PNG, so the screenshot shows a real image. */
function png(width: number, height: number): Buffer {
  const raw = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const o = y * (width * 3 + 1) + 1 + x * 3;
      raw[o] = Math.round((x / width) * 255);
      raw[o + 1] = 120;
      raw[o + 2] = Math.round((y / height) * 255);
    }
  }
  const chunk = (type: string, body: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(body.length);
    const typed = Buffer.concat([Buffer.from(type), body]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(typed));
    return Buffer.concat([length, typed, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8;
  header[9] = 2;
  return Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

beforeAll(async () => {
  execFileSync(process.execPath, ['apps/widget/build.mjs'], { stdio: 'pipe' });
  server = spawnServer({ dataDir: data.dir, port: 4800 + Math.floor(Math.random() * 400) });
  const setupLink = await server.setupLink().catch((err) => {
    throw new Error(`the server did not start: ${err}\n${server.output().slice(-2000)}`);
  });
  await server.ready();
  const token = new URL(setupLink).searchParams.get('token');
  const res = await fetch(`${server.baseUrl}/api/v1/setup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      token,
      name: 'Olivia Owner',
      email: 'olivia@example.com',
      password: 'a long password',
      workspaceName: 'Acme',
    }),
  });
  expect(res.status).toBe(201);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  agent = { cookie, 'x-csrf-token': ((await res.json()) as { csrfToken: string }).csrfToken };

  const createInbox = async (name: string, settings: Record<string, unknown>) =>
    (await agentApi<{ widgetKey: string }>('POST', '/api/v1/inboxes', { name, settings })).widgetKey;
  const awayDay = (new Date().getUTCDay() + 3) % 7;
  keys.main = await createInbox('Acme Support', { color: '#4f46e5' });
  keys.preChat = await createInbox('Acme Sales', {
    color: '#facc15',
    position: 'left',
    preChatForm: {
      enabled: true,
      requireName: true,
      requireEmail: true,
      consentText: 'I agree to be contacted.',
    },
  });
  keys.offline = await createInbox('Acme Billing', {
    color: '#0f766e',
    businessHours: { timeZone: 'UTC', days: [{ day: awayDay, open: '09:00', close: '10:00' }] },
  });

  // The customer's website: another origin, hostile CSS, the snippet from the docs.
  site = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    res.setHeader('content-type', 'text/html; charset=utf-8');
    res.end(`<!doctype html><html><head><title>Acme shop</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>${url.searchParams.has('plain') ? 'body { font-family: serif; margin: 40px }' : HOSTILE_CSS}</style>
<script>window.Parley = window.Parley || []; window.events = [];
['message', 'unread', 'open', 'close'].forEach((e) => Parley.push(['on', e, (p) => events.push(e + ':' + (p && p.text !== undefined ? p.text : p))]));</script>
</head><body><h1>Acme Shoes</h1><p>Hand-made shoes.</p><button>Buy</button>
<script src="${server.baseUrl}/widget.js" data-parley="${url.searchParams.get('key')}" async></script>
</body></html>`);
  });
  await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
  siteUrl = `http://localhost:${(site.address() as AddressInfo).port}`;

  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
    ],
  });
});

afterAll(async () => {
  await browser?.close();
  if (site) {
    await new Promise((resolve) => site.close(resolve));
  }
  await server?.stop();
  data.remove();
});

async function visit(key: string, opts: { mobile?: boolean; plain?: boolean } = {}) {
  const context: BrowserContext = await browser.newContext(
    opts.mobile
      ? { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true }
      : { viewport: { width: 1280, height: 800 } },
  );
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${siteUrl}/?key=${key}${opts.plain ? '&plain' : ''}`);
  await page.getByRole('button', { name: 'Open chat' }).waitFor();
  return { context, page, errors };
}

const widget = (page: Page) => page.locator('parley-widget');
const shot = (page: Page, name: string) => page.screenshot({ path: path.join(shots, `widget-${name}.png`) });

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

    const { items } = await agentApi<{ items: { id: string; lastMessage: { text: string } }[] }>(
      'GET',
      '/api/v1/conversations',
    );
    const conversation = items.find((c) => c.lastMessage.text === 'Where is my order #1042?')!;
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
