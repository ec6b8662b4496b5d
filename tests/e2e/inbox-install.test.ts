import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { axeViolations, productForTests, screenshot, signInAsOwner } from './support.ts';

// The installation screen recommends identity verification next to the snippet, and says when it is on.
const env = productForTests();

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
});
