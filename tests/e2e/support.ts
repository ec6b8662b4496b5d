// Shared by the browser tests: Chromium, the real server set up through its API, a customer's website on
// another origin that embeds the widget, and a generated PNG.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import http from 'node:http';
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

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
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
 * `head` adds script run before the loader (it may queue `Parley.push([...])` calls).
 */
export async function startHostSite(
  server: TServerProcess,
  opts: { css: string; head?: (params: URLSearchParams) => string },
): Promise<{ url: string; close: () => Promise<void> }> {
  const site = http.createServer((req, res) => {
    const params = new URL(req.url ?? '/', 'http://localhost').searchParams;
    res.setHeader('content-type', 'text/html; charset=utf-8');
    res.end(`<!doctype html><html><head><title>Acme shop</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>${params.has('plain') ? 'body { font-family: serif; margin: 40px }' : opts.css}</style>
<script>window.Parley = window.Parley || [];${opts.head ? ` ${opts.head(params)}` : ''}</script>
</head><body><h1>Acme Shoes</h1><p>Hand-made shoes.</p><button>Buy</button>
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
