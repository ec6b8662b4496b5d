import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  addAgent,
  axeViolations,
  productForTests,
  screenshot,
  signInAs,
  type TAgent,
  visitorStarts,
} from './support.ts';

// Alice, an admin, on the Members page: she may change agents and admins but not the owner, and never
// offer a role above her own. The settings pages fit a phone's width; the user menu reads well in both
// themes; a phone-only contact has one name everywhere; and the theme can be chosen on the Profile page.
const LIVE = { timeout: 15_000 };

const env = productForTests();
let alice: TAgent;
let bob: TAgent;

beforeAll(async () => {
  alice = await addAgent(env.product, 'Alice Admin', 'alice@example.com', 'admin');
  bob = await addAgent(env.product, 'Bob Baker', 'bob@example.com');
});

const shot = (page: Page, name: string) =>
  screenshot(page, `settings-polish-${name}`, { animations: 'disabled' });

const signInAlice = () => signInAs(env.browser, env.product, alice, { bypassCSP: true });

describe('members page', () => {
  it('offers an admin controls only for the members she may change, never above her own role', async () => {
    const { page, errors, context } = await signInAlice();
    await page.goto(`${env.product.server.baseUrl}/app/settings/members`);
    await page.getByRole('heading', { name: 'Members', level: 1 }).waitFor(LIVE);
    const table = page.getByRole('table', { name: 'Members' });
    await table.getByText('Bob Baker').waitFor(LIVE);

    // The owner's role is plain text, with nothing to change or remove.
    const ownerRow = table.getByRole('row').filter({ hasText: env.product.ownerEmail });
    expect(await ownerRow.getByRole('combobox').count()).toBe(0);
    expect(await ownerRow.getByRole('button', { name: /Remove/ }).count()).toBe(0);
    expect(await ownerRow.getByText('Owner', { exact: true }).isVisible()).toBe(true);

    // Bob's role can be changed, to Admin or Agent only.
    const bobRole = page.getByLabel('Role for Bob Baker');
    const options = await bobRole.locator('option').allTextContents();
    expect(options).toEqual(['Admin', 'Agent']);
    expect(await table.getByRole('button', { name: 'Remove Bob Baker' }).isVisible()).toBe(true);
    await shot(page, 'members-1280');
    expect(await axeViolations(page)).toEqual([]);

    await page.setViewportSize({ width: 390, height: 844 });
    await shot(page, 'members-390');
    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('settings pages at 390 px', () => {
  it('fit the screen without scrolling sideways', async () => {
    const { page, errors, context } = await signInAs(env.browser, env.product, {
      email: env.product.ownerEmail,
      password: env.product.ownerPassword,
    });
    await env.product.agentApi('POST', '/api/v1/invitations', {
      email: 'christopher.longname-whitfield@customer-support.example.com',
      role: 'agent',
    });
    await page.setViewportSize({ width: 390, height: 844 });
    const pages = [
      ['members', 'Members'],
      ['profile', 'Profile'],
      ['inboxes', 'Inboxes'],
      ['labels', 'Labels'],
      ['canned-responses', 'Canned responses'],
      ['teams', 'Teams'],
      ['api-tokens', 'API tokens'],
      ['workspace', 'Workspace'],
    ] as const;
    const overflowing: string[] = [];
    for (const [path, heading] of pages) {
      await page.goto(`${env.product.server.baseUrl}/app/settings/${path}`);
      await page.getByRole('heading', { name: heading, level: 1 }).waitFor(LIVE);
      await page.waitForLoadState('networkidle');
      const { scrollWidth, clientWidth, widest } = await page.evaluate(() => {
        const root = document.scrollingElement!;
        // What reaches past the screen's right edge, to name the cause when the page scrolls sideways.
        const widest = [...document.querySelectorAll('body *')]
          .filter((el) => el.getBoundingClientRect().right > root.clientWidth + 1)
          .slice(-3)
          .map((el) => `${el.tagName.toLowerCase()}.${String(el.className).slice(0, 60)}`);
        return { scrollWidth: root.scrollWidth, clientWidth: root.clientWidth, widest };
      });
      if (scrollWidth > clientWidth) {
        overflowing.push(`${path}: ${scrollWidth} > ${clientWidth} (${widest.join(' | ')})`);
      }
      await shot(page, `390-${path}`);
    }
    expect(overflowing).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('user menu', () => {
  it('passes axe, colour contrast included, when open in the light and the dark theme', async () => {
    const { page, errors, context } = await signInAs(env.browser, env.product, bob, { bypassCSP: true });
    for (const theme of ['Light', 'Dark'] as const) {
      const trigger = page.getByTestId('user-menu');
      await trigger.click();
      await page.getByRole('button', { name: theme, exact: true }).click();
      await expect
        .poll(() => page.evaluate(() => document.documentElement.dataset.theme))
        .toBe(theme.toLowerCase());
      if ((await trigger.getAttribute('aria-expanded')) !== 'true') {
        await trigger.click();
      }
      await page.getByRole('button', { name: 'Sign out' }).waitFor();
      await page.mouse.move(900, 400);
      await shot(page, `user-menu-${theme.toLowerCase()}`);
      expect(await axeViolations(page)).toEqual([]);
      await page.keyboard.press('Escape');
    }
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('a contact with only a phone number', () => {
  it('has the same name in the conversation list, the conversation and Contacts', async () => {
    const base = env.product.server.baseUrl;
    const { conversationId } = await visitorStarts(env.product, env.inbox, null, 'Can you call me back?');
    const view = await env.product.agentApi<{ contact: { id: string } }>(
      'GET',
      `/api/v1/conversations/${conversationId}`,
    );
    await env.product.agentApi('PATCH', `/api/v1/contacts/${view.contact.id}`, { phone: '+44 20 7946 0958' });

    const { page, errors, context } = await signInAs(env.browser, env.product, bob, { bypassCSP: true });
    await page.getByText('Can you call me back?').first().waitFor(LIVE);
    await page.getByText('+44 20 7946 0958').first().waitFor(LIVE);
    expect(await page.getByText(/^Visitor \w{5}$/).count()).toBe(0);
    await page.getByText('Can you call me back?').first().click();
    await page.getByRole('heading', { name: '+44 20 7946 0958' }).first().waitFor(LIVE);
    await shot(page, 'phone-contact-inbox-1280');

    await page.goto(`${base}/app/contacts`);
    await page.getByRole('heading', { name: 'Contacts', level: 1 }).waitFor(LIVE);
    await page.getByText('+44 20 7946 0958').first().waitFor(LIVE);
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${base}/app/conversations`);
    await page.getByText('+44 20 7946 0958').first().waitFor(LIVE);
    await shot(page, 'phone-contact-inbox-390');
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('profile page', () => {
  it('chooses the theme with the same choice as the user menu', async () => {
    const { page, errors, context } = await signInAs(env.browser, env.product, bob, { bypassCSP: true });
    await page.goto(`${env.product.server.baseUrl}/app/settings/profile`);
    await page.getByRole('heading', { name: 'Appearance' }).waitFor(LIVE);
    await page.getByRole('radio', { name: 'Dark' }).check();
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    await expect
      .poll(
        async () =>
          (
            await (
              await fetch(`${env.product.server.baseUrl}/api/v1/me`, {
                headers: { cookie: (await context.cookies()).map((c) => `${c.name}=${c.value}`).join('; ') },
              })
            ).json()
          ).preferences?.theme,
        LIVE,
      )
      .toBe('dark');
    await shot(page, 'profile-dark-1280');
    expect(await axeViolations(page)).toEqual([]);
    // The user menu shows the same choice.
    await page.getByTestId('user-menu').click();
    expect(await page.getByRole('button', { name: 'Dark', exact: true }).getAttribute('aria-pressed')).toBe(
      'true',
    );
    await page.keyboard.press('Escape');
    await page.getByRole('radio', { name: 'Light' }).check();
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset.theme)).toBe('light');
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByRole('heading', { name: 'Appearance' }).scrollIntoViewIfNeeded();
    await shot(page, 'profile-390');
    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });
});
