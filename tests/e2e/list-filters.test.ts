import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  addAgent,
  axeViolations,
  productForTests,
  screenshot,
  signInAsOwner,
  type TAgent,
  visitorStarts,
} from './support.ts';

// The conversation list narrowed by the Filters menu: Olivia shows what Bob has on his plate (assignee),
// from the website (channel) and started today (created), sees it in the address and after a reload,
// tries a past range that holds nothing, and takes the filters off one chip at a time. Then axe-core
// checks the open menu, light and dark, at 1280 and 1024 pixels. "Today" moves on by itself at
// midnight.
const LIVE = { timeout: 15_000 };

const env = productForTests();
let bob: TAgent;

beforeAll(async () => {
  bob = await addAgent(env.product, 'Bob Baker', 'bob@example.com');
  const forBob = await visitorStarts(env.product, env.inbox, 'Ana Arden', 'Where is my parcel?');
  const forOlivia = await visitorStarts(env.product, env.inbox, 'Ben Brook', 'Can I change my size?');
  await visitorStarts(env.product, env.inbox, 'Cleo Cole', 'Do you ship to Norway?');
  await env.product.agentApi('PATCH', `/api/v1/conversations/${forBob.conversationId}`, {
    assigneeId: bob.userId,
  });
  const me = await env.product.agentApi<{ id: string }>('GET', '/api/v1/me');
  await env.product.agentApi('PATCH', `/api/v1/conversations/${forOlivia.conversationId}`, {
    assigneeId: me.id,
  });
});

const shot = (page: Page, name: string) =>
  screenshot(page, `list-filters-${name}`, { animations: 'disabled' });
const list = (page: Page) => page.getByRole('navigation', { name: 'Open conversations' });
const filtersButton = (page: Page) => page.getByTestId('list-filters');
const filtersMenu = (page: Page) => page.getByRole('listbox', { name: 'Filters' });
const chips = (page: Page) => page.getByRole('list', { name: 'Active filters' });

/** The contact names the list shows, top to bottom. */
async function shownNames(page: Page): Promise<string[]> {
  const names = await list(page)
    .getByRole('link')
    .evaluateAll((links) => links.map((link) => link.textContent ?? ''));
  return names.map((text) => /(Ana Arden|Ben Brook|Cleo Cole)/.exec(text)?.[1] ?? text).sort();
}

async function expectNames(page: Page, names: string[]) {
  await expect.poll(() => shownNames(page), LIVE).toEqual(names);
}

describe('filtering the conversation list', () => {
  it('narrows by assignee, channel and creation date, keeps it in the address, and clears by chip', async () => {
    const { page, errors, context } = await signInAsOwner(env);
    await expectNames(page, ['Ana Arden', 'Ben Brook', 'Cleo Cole']);

    // Everything from the keyboard: the menu opens on its search field, typing finds Bob.
    await filtersButton(page).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => filtersMenu(page).isVisible()).toBe(true);
    await page.keyboard.type('bob');
    await expect.poll(() => filtersMenu(page).getByRole('option').count()).toBe(1);
    await page.keyboard.press('Enter');
    await expectNames(page, ['Ana Arden']);
    await page.getByRole('combobox', { name: 'Filters' }).fill('');
    await filtersMenu(page).getByRole('option', { name: 'Website chat' }).click();
    await filtersMenu(page).getByRole('option', { name: 'Today' }).click();
    // Each group holds one choice, and the menu stays open to set several.
    await expect
      .poll(() =>
        filtersMenu(page)
          .locator('[aria-selected="true"]')
          .evaluateAll((options) => options.map((option) => option.textContent?.trim())),
      )
      .toEqual([expect.stringContaining('Bob Baker'), 'Website chat', 'Today']);
    await shot(page, 'menu-with-choices');
    await page.keyboard.press('Escape');
    await expect.poll(() => filtersMenu(page).count()).toBe(0);
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid')))
      .toBe('list-filters');

    const url = new URL(page.url());
    expect(url.searchParams.get('assignee')).toBe(bob.userId);
    expect(url.searchParams.get('channel')).toBe('website');
    expect(url.searchParams.get('created')).toBe('today');
    expect(await filtersButton(page).getAttribute('aria-label')).toBe('Filters: 3 applied');
    const chipTexts = ['Assigned to Bob Baker', 'Channel: Website chat', 'Created today'];
    for (const text of chipTexts) {
      await chips(page).getByText(text).waitFor(LIVE);
    }
    await shot(page, 'chips');

    await page.reload();
    await expectNames(page, ['Ana Arden']);
    for (const text of chipTexts) {
      await chips(page).getByText(text).waitFor(LIVE);
    }

    // A custom range of days in the past holds none of today's conversations.
    await filtersButton(page).click();
    await filtersMenu(page).getByRole('option', { name: 'Custom range…' }).click();
    await page.getByLabel('First day').fill('2020-01-01');
    await page.getByLabel('Last day').fill('2020-01-31');
    await page.getByRole('button', { name: 'Apply range' }).click();
    await page.getByText('No open conversations match these filters').waitFor(LIVE);
    expect(new URL(page.url()).searchParams.get('created')).toBe('2020-01-01..2020-01-31');
    await chips(page)
      .getByText(/^Created Jan 1, 2020 – Jan 31, 2020$/)
      .waitFor(LIVE);

    // Chip by chip, the list widens back.
    await page.getByRole('link', { name: /^Remove “Created Jan 1, 2020/ }).click();
    await expectNames(page, ['Ana Arden']);
    await page.getByRole('link', { name: 'Remove “Assigned to Bob Baker”' }).click();
    await expectNames(page, ['Ana Arden', 'Ben Brook', 'Cleo Cole']);
    await page.getByRole('link', { name: 'Remove “Channel: Website chat”' }).click();
    await expect.poll(() => chips(page).count()).toBe(0);
    expect(new URL(page.url()).search).toBe('');
    expect(await filtersButton(page).getAttribute('aria-label')).toBe('Filters');

    // "Me" and "Unassigned" are filters in the All view.
    await page.goto(`${env.product.server.baseUrl}/app/conversations?assignee=unassigned`);
    await expectNames(page, ['Cleo Cole']);
    await chips(page).getByText('Unassigned').waitFor(LIVE);

    expect(errors).toEqual([]);
    await context.close();
  });

  it('moves "Today" on at midnight in the agent\'s time zone, with nothing else happening', async () => {
    await env.product.agentApi('PATCH', '/api/v1/me', { timeZone: 'UTC' });
    const { page, errors, context } = await signInAsOwner(env);
    // The page's clock starts ten seconds before the coming midnight (UTC): today's conversations
    // are in, and a minute later, on the next day, none of them is.
    const now = new Date();
    const midnight = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1);
    await page.clock.install({ time: midnight - 10_000 });
    await page.goto(`${env.product.server.baseUrl}/app/conversations?created=today`);
    await expectNames(page, ['Ana Arden', 'Ben Brook', 'Cleo Cole']);
    await page.clock.fastForward(60_000);
    await page.getByText('No open conversations match these filters').waitFor(LIVE);
    await chips(page).getByText('Created today').waitFor(LIVE);
    await shot(page, 'after-midnight');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('does not contradict the Mine view with an assignee filter', async () => {
    const { page, errors, context } = await signInAsOwner(env);
    // An address asking for Bob's conversations in Mine: the view wins, the filter is ignored.
    await page.goto(`${env.product.server.baseUrl}/app/conversations?view=mine&assignee=${bob.userId}`);
    await expectNames(page, ['Ben Brook']);
    expect(await chips(page).count()).toBe(0);
    await filtersButton(page).click();
    const locked = filtersMenu(page).getByRole('option', { name: 'Yours: set by the Mine view' });
    expect(await locked.getAttribute('aria-disabled')).toBe('true');
    await shot(page, 'mine-view-menu');
    await locked.click({ force: true });
    await expectNames(page, ['Ben Brook']);
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('accessibility of the filters menu (axe-core)', () => {
  for (const colorScheme of ['light', 'dark'] as const) {
    it(`has no serious or critical violations (${colorScheme})`, async () => {
      const found: Record<string, string[]> = {};
      for (const width of [1280, 1024]) {
        // The strict CSP of the dashboard forbids injected scripts; axe is the test's, not the page's.
        const { page, errors, context } = await signInAsOwner(env, {
          colorScheme,
          bypassCSP: true,
          viewport: { width, height: 800 },
        });
        await page.goto(
          `${env.product.server.baseUrl}/app/conversations?assignee=${bob.userId}&channel=website&created=7d`,
        );
        await expectNames(page, ['Ana Arden']);
        await filtersButton(page).click();
        await filtersMenu(page).getByRole('option', { name: 'Custom range…' }).click();
        await page.getByLabel('First day').waitFor();
        await page.waitForTimeout(200);
        await shot(page, `${colorScheme}-${width}-menu`);
        found[`menu-${width}`] = await axeViolations(page);
        await page.keyboard.press('Escape');
        await expect.poll(() => filtersMenu(page).count()).toBe(0);
        await shot(page, `${colorScheme}-${width}-chips`);
        found[`chips-${width}`] = await axeViolations(page);
        expect(errors).toEqual([]);
        await context.close();
      }
      expect(found).toEqual(Object.fromEntries(Object.keys(found).map((name) => [name, []])));
    });
  }
});
