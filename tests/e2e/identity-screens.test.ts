import { createHmac } from 'node:crypto';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { axeViolations, productForTests, screenshot, signInAsOwner } from './support.ts';

// Screens about proven identities: the installation screen recommends identity verification next to the
// snippet, and merging contacts says whose browsers start afresh.
const env = productForTests();

/** A browser on the customer's site that booted the widget, optionally identified, and wrote once. */
async function visitor(opts: { name: string; text: string; userId?: string }) {
  const base = `${env.product.server.baseUrl}/api/widget/v1`;
  const boot = await fetch(`${base}/boot`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ widgetKey: env.inbox.widgetKey, page: { url: 'https://shop.example/' } }),
  });
  const { visitorToken: token, contact } = (await boot.json()) as {
    visitorToken: string;
    contact: { id: string };
  };
  const call = (method: string, url: string, body?: unknown) =>
    fetch(`${base}${url}`, {
      method,
      headers: { 'content-type': 'application/json', 'x-parley-visitor': token },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  if (opts.userId) {
    const userHash = createHmac('sha256', env.inbox.identitySecret!).update(opts.userId).digest('hex');
    expect((await call('POST', '/identify', { userId: opts.userId, name: opts.name, userHash })).status).toBe(
      200,
    );
  } else {
    expect((await call('PATCH', '/contact', { name: opts.name })).status).toBe(200);
  }
  expect((await call('POST', '/conversations', { text: opts.text })).status).toBe(201);
  return { contactId: contact.id, call };
}

const shot = (page: Page, name: string) => screenshot(page, name);

describe('inbox installation screen in Chromium', () => {
  it('recommends identity verification beside the snippet until it is required', async () => {
    for (const width of [1280, 390]) {
      const { context, page, errors } = await signInAsOwner(env, {
        viewport: { width, height: 900 },
        bypassCSP: true,
      });
      await page.goto(`${env.product.server.baseUrl}/app/settings/inboxes/${env.inbox.id}`);
      const install = page.getByRole('region', { name: 'Installation' });
      const advice = install
        .getByRole('status')
        .filter({ hasText: 'Recommended: verify your users’ identity' });
      await advice.waitFor();
      await shot(page, `inbox-install-advice-${width}`);
      expect(await axeViolations(page)).toEqual([]);

      // The advice takes the keyboard to the setting itself.
      await advice.getByRole('button', { name: 'Set up identity verification' }).focus();
      await page.keyboard.press('Enter');
      const toggle = page.getByRole('checkbox', { name: 'Require identity verification' });
      await expect.poll(() => toggle.evaluate((el) => el === document.activeElement)).toBe(true);
      await shot(page, `inbox-install-identity-${width}`);
      await page.keyboard.press('Space');
      expect(await toggle.isChecked()).toBe(true);
      await page.getByRole('button', { name: 'Save', exact: true }).click();
      await install.getByText('Identity verification is on').waitFor();
      await install.scrollIntoViewIfNeeded();
      await shot(page, `inbox-install-verified-${width}`);
      // The next width starts from the default again.
      await page.getByRole('checkbox', { name: 'Require identity verification' }).uncheck();
      await page.getByRole('button', { name: 'Save', exact: true }).click();
      await advice.waitFor();
      expect(errors).toEqual([]);
      await context.close();
    }
  });

  it('says, before a merge, that the browsers of the unproven side start afresh', async () => {
    const proven = await visitor({ name: 'Ada Lovelace', text: 'My invoice is wrong', userId: 'ada-1' });
    const anonymous = await visitor({ name: 'Ada (phone)', text: 'It is me, Ada, from my phone' });
    for (const width of [1280, 390]) {
      const { context, page, errors } = await signInAsOwner(env, {
        viewport: { width, height: 900 },
        bypassCSP: true,
      });
      await page.goto(`${env.product.server.baseUrl}/app/contacts/${proven.contactId}`);
      await page.getByRole('button', { name: 'Merge a duplicate' }).click();
      await page.getByLabel('Find the duplicate').fill('phone');
      await page.getByRole('button', { name: /Ada \(phone\)/ }).click();
      const dialog = page.getByRole('dialog', { name: 'Merge these contacts?' });
      await dialog
        .getByText(
          'The chat in Ada (phone)’s browsers starts afresh, so nobody reads Ada Lovelace’s conversations without verifying.',
        )
        .waitFor();
      await shot(page, `contact-merge-confirm-${width}`);
      expect(await axeViolations(page)).toEqual([]);
      if (width === 390) {
        await dialog.getByRole('button', { name: 'Merge contacts' }).click();
        await dialog.waitFor({ state: 'hidden' });
        // The phone's widget is signed out; Ada's own browser reads both conversations.
        expect((await anonymous.call('GET', '/conversations')).status).toBe(401);
        const mine = (await (await proven.call('GET', '/conversations')).json()) as { items: unknown[] };
        expect(mine.items).toHaveLength(2);
      }
      expect(errors).toEqual([]);
      await context.close();
    }
  });
});
