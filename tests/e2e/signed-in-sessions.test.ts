import { describe, expect, it } from 'vitest';
import { axeViolations, productForTests, screenshot, signInAsOwner } from './support.ts';

// Someone signed in on two browsers sees both on the Profile page and signs the other one out from
// there: the other browser is sent to sign-in at once, without a reload.
const LIVE = { timeout: 15_000 };

const env = productForTests();

describe('the sessions on the profile page', () => {
  it('lists both browsers and revoking the other one sends it to sign-in', async () => {
    const other = await signInAsOwner(env);
    const mine = await signInAsOwner(env, { bypassCSP: true });
    const { page } = mine;
    await page.goto(`${env.product.server.baseUrl}/app/settings/profile`);
    const table = page.getByRole('table', { name: 'Signed-in sessions' });
    await table.getByText('This device').waitFor(LIVE);
    const revokeButtons = table.getByRole('button', { name: /^Revoke / });
    const before = await revokeButtons.count();
    expect(before).toBeGreaterThanOrEqual(1);

    await page.locator('#sessions').scrollIntoViewIfNeeded();
    await screenshot(page, 'sessions-01-list-1280', { animations: 'disabled' });
    await page.setViewportSize({ width: 390, height: 800 });
    await page.locator('#sessions').scrollIntoViewIfNeeded();
    await screenshot(page, 'sessions-02-list-390', { animations: 'disabled' });
    await page.setViewportSize({ width: 1280, height: 800 });
    expect(await axeViolations(page)).toEqual([]);

    await table
      .getByRole('button', { name: /^Revoke / })
      .first()
      .click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    await screenshot(page, 'sessions-03-confirm-1280', { animations: 'disabled' });
    expect(await axeViolations(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Revoke session' }).click();
    await dialog.waitFor({ state: 'hidden' });

    await other.page.waitForURL(/\/app\/sign-in/, LIVE);
    await expect.poll(() => revokeButtons.count(), LIVE).toBe(before - 1);
    await table.getByText('This device').waitFor();
    expect(mine.errors).toEqual([]);
    await other.context.close();
    await mine.context.close();
  });
});
