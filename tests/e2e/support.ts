// Shared by the browser tests: Chromium, the real server set up through its API, a customer's website on
// another origin that embeds the widget, and a generated PNG.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import http from 'node:http';
import { createRequire } from 'node:module';
import net, { type AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { crc32, deflateSync } from 'node:zlib';
import {
  type Browser,
  type BrowserContextOptions,
  chromium,
  type Page,
  type PageScreenshotOptions,
} from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { spawnServer, type TServerProcess, tempDataDir } from '../../apps/server/test/spawn.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Where every browser test leaves its screenshots. */
export const shotsDir = path.join(root, 'test-results/e2e');
mkdirSync(shotsDir, { recursive: true });

export function screenshot(page: Page, name: string, opts: Omit<PageScreenshotOptions, 'path'> = {}) {
  return page.screenshot({ path: path.join(shotsDir, `${name}.png`), ...opts });
}

/** A page's uncaught errors, to assert there were none. */
export function pageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return errors;
}

/** CSS a customer's website might have that would break a widget living in the page's own DOM. */
export const HOSTILE_CSS = `* { all: unset !important; font-size: 40px !important; display: block !important; }
button { display: none !important; } div { transform: rotate(1deg) !important; }
[data-parley], parley-widget { display: none !important; opacity: 0 !important; }`;

/** A small gradient PNG, so a screenshot shows a real image. */
export function png(width: number, height: number): Buffer {
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

const refusedByBrowser = new WeakMap<Browser, string[]>();

/** What a browser of `launchBrowser` tried to reach beyond loopback (every such request was refused). */
export function outboundRequestsOf(browser: Browser): string[] {
  return refusedByBrowser.get(browser) ?? [];
}

/**
 * A proxy on loopback that refuses every request it gets and notes its target. Browsers send everything
 * that is not loopback through it, so a page can never reach the outside.
 */
async function startRefusingProxy() {
  const targets: string[] = [];
  const proxy = http.createServer((req, res) => {
    targets.push(req.url ?? '');
    res.writeHead(403, { 'content-type': 'text/plain' }).end('outbound network blocked in tests');
  });
  proxy.on('connect', (req, socket) => {
    targets.push(req.url ?? '');
    socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  return { targets, url: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`, proxy };
}

export async function launchBrowser(): Promise<Browser> {
  const refusing = await startRefusingProxy();
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    // Loopback goes direct (the product, the host sites); everything else to the refusing proxy.
    proxy: { server: refusing.url, bypass: 'localhost,127.0.0.1,[::1]' },
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
    ],
  });
  refusedByBrowser.set(browser, refusing.targets);
  browser.on('disconnected', () => {
    refusing.proxy.close();
  });
  return browser;
}

/** A port nobody listens on right now, so test files running side by side do not collide. */
export async function freePort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

export type TAgentApi = <T>(method: string, url: string, body?: unknown) => Promise<T>;

export type TProduct = {
  server: TServerProcess;
  /** Calls the agent API as the owner (session cookie and CSRF token from the setup). */
  agentApi: TAgentApi;
  agentCookieHeaders: Record<string, string>;
  ownerEmail: string;
  ownerPassword: string;
  stop: () => Promise<void>;
};

/**
 * Builds the widget, starts the real server on a fresh data directory and completes the setup through
 * the API: workspace "Acme", owner Olivia.
 */
export async function startProduct(opts: { needsDashboard?: boolean } = {}): Promise<TProduct> {
  execFileSync(process.execPath, ['apps/widget/build.mjs'], { cwd: root, stdio: 'pipe' });
  if (opts.needsDashboard && !existsSync(path.join(root, 'apps/dashboard/dist/index.html'))) {
    execFileSync('npm', ['run', 'build', '-w', '@parley/dashboard'], { cwd: root, stdio: 'pipe' });
  }
  const data = tempDataDir();
  const server = spawnServer({ dataDir: data.dir, port: await freePort() });
  const stop = async () => {
    await server.stop();
    data.remove();
  };
  try {
    const setupLink = await server.setupLink().catch((err) => {
      throw new Error(`the server did not start: ${err}\n${server.output().slice(-2000)}`);
    });
    await server.ready();
    const ownerEmail = 'olivia@example.com';
    const ownerPassword = 'a long password';
    const res = await fetch(`${server.baseUrl}/api/v1/setup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        token: new URL(setupLink).searchParams.get('token'),
        name: 'Olivia Owner',
        email: ownerEmail,
        password: ownerPassword,
        workspaceName: 'Acme',
      }),
    });
    if (res.status !== 201) {
      throw new Error(`setup: ${res.status} ${await res.text()}`);
    }
    const cookie = res.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const agentCookieHeaders = {
      cookie,
      'x-csrf-token': ((await res.json()) as { csrfToken: string }).csrfToken,
    };
    const agentApi: TAgentApi = async <T>(method: string, url: string, body?: unknown) => {
      const isForm = body instanceof FormData;
      const answer = await fetch(`${server.baseUrl}${url}`, {
        method,
        headers: {
          ...agentCookieHeaders,
          ...(body !== undefined && !isForm ? { 'content-type': 'application/json' } : {}),
        },
        body: isForm ? body : body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await answer.text();
      if (!answer.ok) {
        throw new Error(`${method} ${url}: ${answer.status} ${text}`);
      }
      return (text ? JSON.parse(text) : null) as T;
    };
    return { server, agentApi, agentCookieHeaders, ownerEmail, ownerPassword, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

export type TInbox = { id: string; widgetKey: string; identitySecret: string | null };

export function createInbox(
  product: TProduct,
  name: string,
  opts: { settings?: Record<string, unknown>; requireIdentityVerification?: boolean } = {},
): Promise<TInbox> {
  return product.agentApi<TInbox>('POST', '/api/v1/inboxes', { name, ...opts });
}

/**
 * The customer's website: another origin (localhost, while the server is 127.0.0.1) with the snippet
 * from the docs. `/?key=WIDGET_KEY` embeds that inbox's widget; `&plain` swaps `css` for a tame style.
 * `head` adds script run before the loader (it may queue `Parley.push([...])` calls); `body` adds
 * markup to the page before the snippet.
 */
export async function startHostSite(
  server: TServerProcess,
  opts: {
    css: string;
    head?: (params: URLSearchParams) => string;
    body?: (params: URLSearchParams) => string;
  },
): Promise<{ url: string; close: () => Promise<void> }> {
  const site = http.createServer((req, res) => {
    const params = new URL(req.url ?? '/', 'http://localhost').searchParams;
    res.setHeader('content-type', 'text/html; charset=utf-8');
    res.end(`<!doctype html><html lang="en"><head><title>Acme shop</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>${params.has('plain') ? 'body { font-family: serif; margin: 40px }' : opts.css}</style>
<script>window.Parley = window.Parley || [];${opts.head ? ` ${opts.head(params)}` : ''}</script>
</head><body><h1>Acme Shoes</h1><p>Hand-made shoes.</p><button>Buy</button>${opts.body ? opts.body(params) : ''}
<script src="${server.baseUrl}/widget.js" data-parley="${params.get('key')}" async></script>
</body></html>`);
  });
  await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://localhost:${(site.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => site.close(() => resolve())),
  };
}

/** The widget's host element; Playwright's locators pierce its open shadow root. */
export const widgetOf = (page: Page) => page.locator('parley-widget');

/**
 * A visitor on a host page, in a browser context of its own (own storage: another device), once the
 * widget's launcher is there. `before` runs on the new page before it loads (e.g. to wait for a request).
 */
export async function visitHostPage(
  browser: Browser,
  url: string,
  opts: { context?: BrowserContextOptions; before?: (page: Page) => void } = {},
) {
  const context = await browser.newContext(opts.context ?? { viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const errors = pageErrors(page);
  opts.before?.(page);
  await page.goto(url);
  await page.getByRole('button', { name: 'Open chat' }).waitFor();
  return { context, page, errors };
}

/** Marks the page's document, to prove later that what changed on screen came without a reload. */
export async function markDocument(page: Page) {
  await page.evaluate(() => {
    (window as unknown as { parleyTestMark?: boolean }).parleyTestMark = true;
  });
  return () =>
    page.evaluate(() => (window as unknown as { parleyTestMark?: boolean }).parleyTestMark === true);
}

export type TAgent = { userId: string; name: string; email: string; password: string };

/**
 * A second agent in the workspace: invited by the owner through the API, the invitation's link copied
 * by the owner who sent it (as the Members page's Copy link does) and accepted, which creates the account.
 */
export async function addAgent(
  product: TProduct,
  name: string,
  email: string,
  role: 'agent' | 'admin' = 'agent',
): Promise<TAgent> {
  const password = `${name} has a long password`;
  const invitation = await product.agentApi<{ id: string }>('POST', '/api/v1/invitations', {
    email,
    role,
  });
  const { url } = await product.agentApi<{ url: string }>(
    'POST',
    `/api/v1/invitations/${invitation.id}/link`,
  );
  const token = new URL(url).searchParams.get('token');
  const res = await fetch(`${product.server.baseUrl}/api/v1/invitations/accept`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token, name, password }),
  });
  if (!res.ok) {
    throw new Error(`accepting the invitation: ${res.status} ${await res.text()}`);
  }
  const session = (await res.json()) as { user: { id: string } };
  return { userId: session.user.id, name, email, password };
}

/** Signs in through the dashboard's form in a browser context of its own, and waits for the inbox. */
export async function signInAs(
  browser: Browser,
  product: TProduct,
  who: { email: string; password: string },
  options: BrowserContextOptions = {},
) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, ...options });
  const page = await context.newPage();
  const errors = pageErrors(page);
  await page.goto(`${product.server.baseUrl}/app/sign-in`);
  await page.getByLabel('Email', { exact: true }).fill(who.email);
  await page.getByLabel('Password', { exact: true }).fill(who.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(/\/app\/?(conversations)?$/);
  return { context, page, errors };
}

/** Signs the product's owner in, in a new browser context. */
export function signInAsOwner(
  env: { browser: Browser; product: TProduct },
  options: BrowserContextOptions = {},
) {
  const { ownerEmail: email, ownerPassword: password } = env.product;
  return signInAs(env.browser, env.product, { email, password }, options);
}

/** A visitor starts a conversation through the widget's API; returns its id and the visitor's token. */
/** A visitor boots the widget and starts a conversation; `name` null stays an anonymous visitor. */
export async function visitorStarts(product: TProduct, inbox: TInbox, name: string | null, text: string) {
  const base = product.server.baseUrl;
  const boot = await fetch(`${base}/api/widget/v1/boot`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ widgetKey: inbox.widgetKey, page: { url: 'https://shop.example/cart' } }),
  });
  const { visitorToken } = (await boot.json()) as { visitorToken: string };
  const started = await fetch(`${base}/api/widget/v1/conversations`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-parley-visitor': visitorToken },
    body: JSON.stringify(name === null ? { text } : { text, preChat: { name } }),
  });
  if (started.status !== 201) {
    throw new Error(`starting a conversation: ${started.status} ${await started.text()}`);
  }
  const body = (await started.json()) as { conversation: { id: string } };
  return { conversationId: body.conversation.id, token: visitorToken };
}

/** The visitor writes again in their conversation. */
export async function visitorWrites(
  product: TProduct,
  visitor: { conversationId: string; token: string },
  text: string,
) {
  const sent = await fetch(
    `${product.server.baseUrl}/api/widget/v1/conversations/${visitor.conversationId}/messages`,
    {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-parley-visitor': visitor.token },
      body: JSON.stringify({ text }),
    },
  );
  if (sent.status !== 201) {
    throw new Error(`writing: ${sent.status} ${await sent.text()}`);
  }
}

/** Serious and critical axe-core violations on the page as it is now (the context needs bypassCSP). */
export async function axeViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: createRequire(import.meta.url).resolve('axe-core/axe.min.js') });
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as { axe: { run: (context: Document, options: object) => Promise<unknown> } }
    ).axe;
    const result = (await axe.run(document, { resultTypes: ['violations'] })) as {
      violations: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[];
    };
    return result.violations;
  });
  return violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map(
      (violation) =>
        `${violation.impact} ${violation.id}: ${violation.help} (${violation.nodes
          .slice(0, 3)
          .map((node) => node.target.join(' '))
          .join(', ')})`,
    );
}

export type TTestProduct = { product: TProduct; inbox: TInbox; browser: Browser };

/**
 * A test file's own product: started before its tests (with the dashboard built, an inbox "Acme
 * Support" and Chromium) and stopped after them. Its fields are there once the tests run.
 */
export function productForTests(): TTestProduct {
  const env = {} as TTestProduct;
  beforeAll(async () => {
    env.product = await startProduct({ needsDashboard: true });
    env.inbox = await createInbox(env.product, 'Acme Support');
    env.browser = await launchBrowser();
  });
  afterAll(async () => {
    await env.browser?.close();
    await env.product?.stop();
  });
  return env;
}
