import type { Browser, WebSocket } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createInbox,
  launchBrowser,
  screenshot,
  startHostSite,
  startProduct,
  type TProduct,
  visitHostPage,
} from './support.ts';

// A visitor's browser signs out of the widget (`Parley.reset()`) in one tab: the socket of the same
// visitor in another tab is closed by the server at once, and that tab does not keep reconnecting with
// a token that no longer works.
let browser: Browser;
let product: TProduct;
let site: Awaited<ReturnType<typeof startHostSite>>;
let widgetKey = '';

beforeAll(async () => {
  product = await startProduct();
  widgetKey = (await createInbox(product, 'Acme Support')).widgetKey;
  site = await startHostSite(product.server, { css: '' });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await site?.close();
  await product?.stop();
});

async function eventually(check: () => boolean, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) {
      throw new Error('condition not met in time');
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('widget reset', () => {
  it("closes the visitor's socket in the browser's other tab, which does not reconnect with the old token", async () => {
    const url = `${site.url}/?key=${widgetKey}`;
    const { context, page: first, errors } = await visitHostPage(browser, url);
    await first.getByRole('button', { name: 'Open chat' }).click();
    await first.getByRole('textbox', { name: 'Message' }).waitFor();

    // The same browser (same storage), another tab: the same visitor, with a socket of its own.
    const second = await context.newPage();
    const sockets: WebSocket[] = [];
    second.on('websocket', (socket) => {
      if (socket.url().includes('/api/widget/v1/ws')) {
        sockets.push(socket);
      }
    });
    await second.goto(url);
    await second.getByRole('button', { name: 'Open chat' }).click();
    await eventually(() => sockets.length === 1);
    const token = new URL(sockets[0]!.url()).searchParams.get('token');
    expect(token).toBeTruthy();

    await first.evaluate(() => (window as unknown as { Parley: { reset: () => void } }).Parley.reset());
    await eventually(() => sockets[0]!.isClosed());
    // Several backoff periods later, no socket was opened again with the revoked token.
    await new Promise((r) => setTimeout(r, 4_000));
    expect(
      sockets.filter((socket) => new URL(socket.url()).searchParams.get('token') === token),
    ).toHaveLength(1);
    // The tab says so, instead of promising to reconnect.
    await second.getByRole('status').filter({ hasText: 'This chat has ended here' }).waitFor();
    await screenshot(second, 'widget-reset-other-tab-1280', { animations: 'disabled' });
    await second.setViewportSize({ width: 390, height: 800 });
    await screenshot(second, 'widget-reset-other-tab-390', { animations: 'disabled' });
    expect(errors).toEqual([]);
    await context.close();
  });
});
