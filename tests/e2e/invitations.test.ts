import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  addAgent,
  axeViolations,
  png,
  productForTests,
  screenshot,
  signInAs,
  signInAsOwner,
} from './support.ts';

// The members screen's pending invitations (copy link, resend, revoke with a confirmation), the only
// owner who cannot leave, a malformed invitation link, and a profile picture served by Parley.
const env = productForTests();
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Screenshots at desktop and phone width, then back to desktop. */
async function shots(page: Page, name: string) {
  await screenshot(page, `invitations-${name}-1280`, { fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await screenshot(page, `invitations-${name}-390`, { fullPage: true });
  await page.setViewportSize({ width: 1280, height: 800 });
}

const rowOf = (page: Page, email: string) => page.getByRole('row').filter({ hasText: email });

describe('pending invitations in Chromium', () => {
  it('copies the inviter’s link, resends, and revokes only after a confirmation', async () => {
    const { page, errors } = await signInAsOwner(env, { bypassCSP: true });
    await page.goto(`${env.product.server.baseUrl}/app/settings/members`);
    await page.getByLabel('Email', { exact: true }).fill('nina@example.com');
    await page.getByLabel('Role', { exact: true }).selectOption('admin');
    await page.getByRole('button', { name: 'Invite' }).click();
    const row = rowOf(page, 'nina@example.com');
    await expect.poll(() => row.isVisible()).toBe(true);
    await expect.poll(() => row.getByText('You').isVisible()).toBe(true);

    await row.getByRole('button', { name: 'Copy link for nina@example.com' }).click();
    const dialog = page.getByRole('dialog', { name: 'Invitation link for nina@example.com' });
    const field = dialog.getByLabel('Invitation link');
    await expect.poll(() => field.inputValue()).toMatch(/\/app\/invite\?token=[\w-]{20,}$/);
    const copied = await field.inputValue();
    expect(await axeViolations(page)).toEqual([]);
    await shots(page, 'copy-link');
    await dialog.getByRole('button', { name: 'Close' }).click();

    // The copied link is a working invitation.
    const invitee = await (
      await env.browser.newContext({ viewport: { width: 1280, height: 800 } })
    ).newPage();
    await invitee.goto(copied);
    await expect.poll(() => invitee.getByRole('heading', { name: 'Join Acme' }).isVisible()).toBe(true);
    await invitee.context().close();

    await row.getByRole('button', { name: 'Resend invitation to nina@example.com' }).click();
    await expect.poll(() => row.getByRole('status').textContent()).toBe('Sent again');
    // Resending replaced the link: the copied one no longer works.
    const stale = await fetch(
      `${env.product.server.baseUrl}/api/v1/invitations/lookup?token=${new URL(copied).searchParams.get('token')}`,
    );
    expect(stale.status).toBe(422);

    await row.getByRole('button', { name: 'Revoke invitation for nina@example.com' }).click();
    const confirm = page.getByRole('dialog', { name: 'Revoke the invitation for nina@example.com?' });
    await expect.poll(() => confirm.isVisible()).toBe(true);
    // Focus is inside the dialog, never on the destructive choice.
    await expect
      .poll(() => page.evaluate(() => Boolean(document.activeElement?.closest('dialog'))))
      .toBe(true);
    expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).not.toBe(
      'Revoke invitation',
    );
    expect(await axeViolations(page)).toEqual([]);
    await shots(page, 'revoke-confirm');
    await page.keyboard.press('Escape');
    await expect.poll(() => confirm.isVisible()).toBe(false);
    expect(await row.isVisible()).toBe(true);

    await row.getByRole('button', { name: 'Revoke invitation for nina@example.com' }).click();
    await confirm.getByRole('button', { name: 'Revoke invitation' }).click();
    await expect.poll(() => row.count()).toBe(0);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('shows Copy link only to the person who sent the invitation', async () => {
    const ben = await addAgent(env.product, 'Ben Admin', 'ben@example.com');
    const members = await env.product.agentApi<{ items: { id: string; email: string }[] }>(
      'GET',
      '/api/v1/members',
    );
    const benMembership = members.items.find((m) => m.email === 'ben@example.com')!;
    await env.product.agentApi('PATCH', `/api/v1/members/${benMembership.id}`, { role: 'admin' });
    await env.product.agentApi('POST', '/api/v1/invitations', {
      email: 'olivias-pick@example.com',
      role: 'agent',
    });

    const { page, errors } = await signInAs(env.browser, env.product, ben, { bypassCSP: true });
    await page.goto(`${env.product.server.baseUrl}/app/settings/members`);
    // An admin is not offered the owner role.
    const roles = await page.getByLabel('Role', { exact: true }).locator('option').allTextContents();
    expect(roles).not.toContain('Owner');
    await page.getByLabel('Email', { exact: true }).fill('bens-pick@example.com');
    await page.getByRole('button', { name: 'Invite' }).click();
    const mine = rowOf(page, 'bens-pick@example.com');
    const theirs = rowOf(page, 'olivias-pick@example.com');
    await expect.poll(() => mine.isVisible()).toBe(true);
    expect(await mine.getByRole('button', { name: /Copy link for/ }).count()).toBe(1);
    expect(await theirs.getByRole('button', { name: /Copy link for/ }).count()).toBe(0);
    expect(await theirs.getByRole('button', { name: /Resend invitation/ }).count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);
    await shots(page, 'admin-view');
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('tells the only owner why they cannot leave', async () => {
    const { page, errors } = await signInAsOwner(env, { bypassCSP: true });
    await page.goto(`${env.product.server.baseUrl}/app/settings/members`);
    const self = rowOf(page, env.product.ownerEmail);
    await expect.poll(() => self.getByText(/You're the only owner of Acme/).isVisible()).toBe(true);
    const leave = self.getByRole('button', { name: 'Leave workspace' });
    expect(await leave.isDisabled()).toBe(true);
    expect(await leave.getAttribute('aria-describedby')).toBeTruthy();
    await shots(page, 'only-owner');

    await page.goto(`${env.product.server.baseUrl}/app/settings/profile`);
    const membership = page.getByRole('region', { name: 'Workspace', exact: true });
    await expect.poll(() => membership.getByText(/You're the only owner/).isVisible()).toBe(true);
    expect(await membership.getByRole('button', { name: 'Leave workspace' }).isDisabled()).toBe(true);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('answers a malformed invitation link with a friendly page and a way forward', async () => {
    const context = await env.browser.newContext({ viewport: { width: 1280, height: 800 }, bypassCSP: true });
    const page = await context.newPage();
    for (const search of ['?token=abc', '?token=', '?token=not%20a%20token%20at%20all%20%3Cb%3E']) {
      await page.goto(`${env.product.server.baseUrl}/app/invite${search}`);
      await expect
        .poll(() => page.getByRole('heading', { name: 'This invitation link is not valid' }).isVisible())
        .toBe(true);
      const text = (await page.locator('body').textContent()) ?? '';
      expect(text).not.toMatch(/querystring|validation|too small|>=/i);
      expect(await page.getByRole('link', { name: 'Go to sign in' }).isVisible()).toBe(true);
    }
    expect(await axeViolations(page)).toEqual([]);
    await shots(page, 'malformed-link');

    // A well-formed link that is unknown, used or revoked says so in words.
    await page.goto(`${env.product.server.baseUrl}/app/invite?token=${'a'.repeat(43)}`);
    await expect
      .poll(() => page.getByRole('heading', { name: "This invitation can't be used" }).isVisible())
      .toBe(true);
    await context.close();
  });
});

describe('profile picture in Chromium', () => {
  it('is uploaded to Parley and shown from its own origin', async () => {
    const { page, errors } = await signInAsOwner(env, { bypassCSP: false });
    const blocked: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) {
        blocked.push(message.text());
      }
    });
    await page.goto(`${env.product.server.baseUrl}/app/settings/profile`);
    await expect.poll(() => page.getByRole('button', { name: 'Upload picture' }).isVisible()).toBe(true);
    expect(await page.getByLabel('Avatar URL').count()).toBe(0);
    await page
      .locator('input[type=file]')
      .setInputFiles({ name: 'me.png', mimeType: 'image/png', buffer: png(96, 96) });
    const avatar = page.locator('img[src^="/api/avatars/"]').first();
    await expect.poll(() => avatar.count()).toBeGreaterThan(0);
    await expect
      .poll(() => avatar.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth))
      .toBe(96);
    await shots(page, 'profile-picture');
    expect(blocked).toEqual([]);
    expect(errors).toEqual([]);
    await page.context().close();
  });
});

describe('production builds', () => {
  it('contain no source maps', () => {
    const files = (dir: string): string[] =>
      readdirSync(dir).flatMap((name) => {
        const full = path.join(dir, name);
        return statSync(full).isDirectory() ? files(full) : [full];
      });
    const built = [
      ...files(path.join(root, 'apps/dashboard/dist')),
      ...files(path.join(root, 'apps/widget/dist')),
    ];
    expect(built.some((f) => f.endsWith('index.html'))).toBe(true);
    expect(built.filter((f) => f.endsWith('.map'))).toEqual([]);
    for (const file of built.filter((f) => f.endsWith('.js'))) {
      expect(readFileSync(file, 'utf8')).not.toContain('sourceMappingURL');
    }
  });
});
