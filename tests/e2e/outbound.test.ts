import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, outboundRequestsOf } from './support.ts';

let browser: Browser;
let site: http.Server;
let siteUrl: string;
beforeAll(async () => {
  browser = await launchBrowser();
  site = http.createServer((_req, res) => {
    res.setHeader('content-type', 'text/html; charset=utf-8');
    res.end('<!doctype html><title>Local page</title><p>served from loopback</p>');
  });
  await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
  siteUrl = `http://localhost:${(site.address() as AddressInfo).port}/`;
});
afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => site?.close(resolve));
});

describe('outbound network from the browser', () => {
  it('refuses requests beyond loopback and still loads loopback pages', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(siteUrl);
    await expect(page.locator('p').textContent()).resolves.toBe('served from loopback');
    const answers = await page.evaluate(async () => {
      const tryFetch = (url: string) =>
        fetch(url, { mode: 'no-cors' }).then(
          (res) => `answered ${res.type}`,
          () => 'failed',
        );
      return [await tryFetch('http://93.184.216.34/'), await tryFetch('https://example.com/')];
    });
    // The refusing proxy answers plain HTTP itself (opaque to the page) and never opens a tunnel.
    expect(answers).toEqual(['answered opaque', 'failed']);
    expect(outboundRequestsOf(browser)).toEqual(
      expect.arrayContaining(['http://93.184.216.34/', 'example.com:443']),
    );
    await context.close();
  });
});
