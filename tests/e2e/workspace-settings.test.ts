import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  addAgent,
  axeViolations,
  png,
  productForTests,
  screenshot,
  signInAs,
  signInAsOwner,
  type TAgent,
} from './support.ts';

// Olivia gives the workspace a name, a logo (uploaded to Parley and served by it) and defaults, and
// turns reply assignment off and on again; Bob, an agent, reads the same page without being able to
// change it. Then the theme: chosen in the user menu, remembered on reload and in another browser,
// and "System" following the device as it changes.
const LIVE = { timeout: 15_000 };

const env = productForTests();
let bob: TAgent;

beforeAll(async () => {
  bob = await addAgent(env.product, 'Bob Baker', 'bob@example.com');
});

const shot = (page: Page, name: string) =>
  screenshot(page, `workspace-settings-${name}`, { animations: 'disabled' });

type TSettings = {
  name: string;
  logoUrl: string | null;
  defaultTimeZone: string;
  autoAssignOnReply: boolean;
};
const settings = () => env.product.agentApi<TSettings>('GET', '/api/v1/workspace');

describe('workspace settings page', () => {
  it('lets the owner set the name, logo, defaults and reply assignment', async () => {
    const { page, errors, context } = await signInAsOwner(env, { bypassCSP: true });
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Workspace' }).click();
    await page.getByRole('heading', { name: 'Workspace', level: 1 }).waitFor();

    await page.getByLabel('Logo file').setInputFiles({
      name: 'acme-logo.png',
      mimeType: 'image/png',
      buffer: png(96, 96),
    });
    await expect.poll(async () => (await settings()).logoUrl, LIVE).toMatch(/^\/api\/v1\/workspaces\/ws_/);
    // The logo shows in the workspace switcher, loaded from Parley itself.
    const switcherLogo = page.getByTestId('workspace-switcher').locator('img');
    await switcherLogo.waitFor(LIVE);
    expect(await switcherLogo.getAttribute('src')).toMatch(/^\/api\/v1\/workspaces\/ws_\w+\/logo\?v=/);
    await expect
      .poll(() => switcherLogo.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth), LIVE)
      .toBe(96);

    await page.getByLabel('Workspace name').fill('Acme Help Desk');
    await page.getByLabel('Default time zone').selectOption('Europe/Paris');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('The workspace settings have been saved.').waitFor(LIVE);
    await page.getByTestId('workspace-switcher').getByText('Acme Help Desk').waitFor(LIVE);
    expect(await settings()).toMatchObject({ name: 'Acme Help Desk', defaultTimeZone: 'Europe/Paris' });

    const assign = page.getByLabel('Assign a conversation to the agent who replies');
    expect(await assign.isChecked()).toBe(true);
    await assign.uncheck();
    await expect.poll(async () => (await settings()).autoAssignOnReply, LIVE).toBe(false);
    await shot(page, '1280-owner');
    expect(await axeViolations(page)).toEqual([]);
    await assign.check();
    await expect.poll(async () => (await settings()).autoAssignOnReply, LIVE).toBe(true);

    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByRole('heading', { name: 'Workspace', level: 1 }).waitFor();
    await shot(page, '390-owner');
    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('shows an agent the settings without letting them change anything', async () => {
    const { page, errors, context } = await signInAs(env.browser, env.product, bob, { bypassCSP: true });
    await page.goto(`${env.product.server.baseUrl}/app/settings/workspace`);
    await page.getByText('Only admins and owners can change these settings.').waitFor(LIVE);
    expect(await page.getByLabel('Workspace name').isDisabled()).toBe(true);
    expect(await page.getByLabel('Assign a conversation to the agent who replies').isDisabled()).toBe(true);
    expect(await page.getByRole('button', { name: 'Save' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: /logo/i }).count()).toBe(0);
    await shot(page, '1280-agent');
    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });
});

const themeOf = (page: Page) => page.evaluate(() => document.documentElement.dataset.theme);

describe('theme', () => {
  it('is chosen in the user menu, remembered per person, and follows the device on System', async () => {
    const first = await signInAsOwner(env, { colorScheme: 'light', bypassCSP: true });
    const { page } = first;
    expect(await themeOf(page)).toBe('light');
    await page.getByTestId('user-menu').click();
    await page.getByRole('button', { name: 'Dark', pressed: false }).click();
    expect(await themeOf(page)).toBe('dark');
    await page.getByRole('button', { name: 'Dark', pressed: true }).waitFor();
    const canvas = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(await canvas()).toBe('rgb(17, 17, 20)');
    await shot(page, '1280-dark-menu');
    await page.keyboard.press('Escape');
    await page.getByText('No conversations yet').first().waitFor(LIVE);
    await shot(page, '1280-dark');
    expect(await axeViolations(page)).toEqual([]);

    // Saved to the profile: another browser (nothing in its storage) opens dark too.
    await expect
      .poll(
        async () =>
          (await env.product.agentApi<{ preferences: { theme: string } }>('GET', '/api/v1/me')).preferences
            .theme,
        LIVE,
      )
      .toBe('dark');
    const second = await signInAsOwner(env, { colorScheme: 'light', viewport: { width: 390, height: 844 } });
    await expect.poll(() => themeOf(second.page), LIVE).toBe('dark');
    await shot(second.page, '390-dark');
    await second.context.close();

    // System follows the device, live.
    await page.reload();
    expect(await themeOf(page)).toBe('dark');
    await page.getByTestId('user-menu').click();
    await page.getByRole('button', { name: 'System' }).click();
    expect(await themeOf(page)).toBe('light');
    await page.emulateMedia({ colorScheme: 'dark' });
    await expect.poll(() => themeOf(page)).toBe('dark');
    await page.emulateMedia({ colorScheme: 'light' });
    await expect.poll(() => themeOf(page)).toBe('light');
    await page.getByRole('button', { name: 'Light' }).click();
    await page.emulateMedia({ colorScheme: 'dark' });
    expect(await themeOf(page)).toBe('light');
    expect(first.errors).toEqual([]);
    await first.context.close();
  });
});
