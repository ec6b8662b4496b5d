import type { BrowserContextOptions, Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { productForTests, screenshot, signInAsOwner, visitorStarts } from './support.ts';

// The screens fit the window: the contact panel docks beside the conversation on a laptop without
// covering the composer, a settings page scrolls inside the page (never the whole app), long names
// are cut with an ellipsis and kept whole in a tooltip, emoji initials stay whole, and on a phone the
// names get the room while dates shrink. Measured with bounding boxes at 1280 and 390 px.
const LIVE = { timeout: 15_000 };
const LAPTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };
const LONG_NAME =
  'Maximiliane Alexandra Bartholomea von Habsburg-Lothringen-Wittelsbach zu Hohenzollern-Sigmaringen';

const env = productForTests();

const shot = (page: Page, name: string) => screenshot(page, `layout-${name}`, { animations: 'disabled' });
const asOwner = (viewport: { width: number; height: number }, options: BrowserContextOptions = {}) =>
  signInAsOwner(env, { viewport, ...options });

type Box = { x: number; y: number; width: number; height: number };

async function box(locator: Locator): Promise<Box> {
  const found = await locator.boundingBox();
  if (!found) {
    throw new Error(`${locator} is not on screen`);
  }
  return found;
}

const overlaps = (a: Box, b: Box) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/** The element is inside the window's width, and cut with an ellipsis when its text is longer. */
async function expectWithinViewport(page: Page, locator: Locator) {
  const width = page.viewportSize()?.width ?? 0;
  const found = await box(locator);
  expect(found.x).toBeGreaterThanOrEqual(0);
  expect(found.x + found.width).toBeLessThanOrEqual(width);
}

/** The page itself never scrolls sideways (only its own panes scroll). */
function pageScrollsSideways(page: Page) {
  return page.evaluate(() => {
    const root = document.scrollingElement ?? document.documentElement;
    return root.scrollWidth > root.clientWidth;
  });
}

/**
 * The element shows its text cut short with an ellipsis (at the end of its line, or of its second
 * line where a name may wrap), and names it whole in its tooltip.
 */
async function expectCutWithFullTitle(locator: Locator, fullText: string) {
  const state = await locator.evaluate((element) => {
    const style = getComputedStyle(element);
    return {
      isCut: element.scrollWidth > element.clientWidth || element.scrollHeight > element.clientHeight,
      hasEllipsis: style.textOverflow === 'ellipsis' || style.webkitLineClamp !== 'none',
      title: element.closest('[title]')?.getAttribute('title') ?? null,
    };
  });
  expect(state).toEqual({ isCut: true, hasEllipsis: true, title: fullText });
}

/** The element's text shows whole: neither cut at the side nor below. */
const isWhole = (locator: Locator) =>
  locator.evaluate(
    (element) => element.scrollWidth <= element.clientWidth && element.scrollHeight <= element.clientHeight,
  );

async function openConversation(page: Page, conversationId: string, firstMessage: string) {
  await page.goto(`${env.product.server.baseUrl}/app/conversations/${conversationId}`);
  await page.getByRole('log', { name: 'Messages' }).getByText(firstMessage).waitFor(LIVE);
}

describe('the contact panel on a laptop', () => {
  it('docks beside the conversation at 1280 px without covering the messages or the Send button', async () => {
    const { conversationId } = await visitorStarts(
      env.product,
      env.inbox,
      'Lara Laptop',
      'Where is my order?',
    );
    const { context, page, errors } = await asOwner(LAPTOP);
    // A fresh browser has made no choice yet: the panel shows where there is room for it.
    await page.evaluate(() => window.localStorage.removeItem('parley.contact-panel'));
    await openConversation(page, conversationId, 'Where is my order?');
    const panel = page.getByRole('complementary', { name: 'Contact' });
    await panel.getByRole('heading', { name: 'Lara Laptop' }).waitFor(LIVE);
    expect(
      await page.getByRole('button', { name: 'Contact details', exact: true }).getAttribute('aria-expanded'),
    ).toBe('true');

    await page.getByRole('combobox', { name: 'Reply' }).fill('It left our warehouse today.');
    const send = await box(page.getByRole('button', { name: 'Send' }));
    const messages = await box(page.getByRole('log', { name: 'Messages' }));
    const docked = await box(panel);
    expect(overlaps(docked, send)).toBe(false);
    expect(overlaps(docked, messages)).toBe(false);
    expect(docked.x).toBeGreaterThanOrEqual(send.x + send.width);
    expect(docked.x + docked.width).toBeLessThanOrEqual(LAPTOP.width);
    // The conversation keeps a comfortable width for reading.
    expect(messages.width).toBeGreaterThanOrEqual(400);
    // And its header still shows the contact's name whole (the actions shrink to icons).
    const headerName = page
      .getByRole('region', { name: 'Conversation' })
      .getByRole('heading', { level: 2 })
      .getByText('Lara Laptop', { exact: true });
    expect(await isWhole(headerName)).toBe(true);
    await page.getByRole('button', { name: 'Resolve' }).waitFor();
    // Docked, the panel is part of the page: Escape inside it does not close it.
    await page.getByRole('button', { name: 'Close contact details' }).focus();
    await page.keyboard.press('Escape');
    expect(await panel.count()).toBe(1);
    expect(await pageScrollsSideways(page)).toBe(false);
    await shot(page, '01-panel-docked-1280');

    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('the inbox settings page', () => {
  for (const [label, viewport] of [
    ['1280', LAPTOP],
    ['390', PHONE],
  ] as const) {
    it(`scrolls inside the page and keeps the app's header in view at ${label} px`, async () => {
      const { context, page, errors } = await asOwner(viewport);
      await page.goto(`${env.product.server.baseUrl}/app/settings/inboxes/${env.inbox.id}`);
      await page.getByRole('heading', { level: 1, name: 'Acme Support' }).waitFor(LIVE);
      await page.getByLabel('Name', { exact: true }).waitFor();

      // The app's frame: the sidebar on a laptop, the top bar on a phone.
      const frame =
        viewport === LAPTOP
          ? page.getByRole('navigation', { name: 'Main' }).first()
          : page.getByRole('button', { name: 'Open menu' });
      const before = await box(frame);
      // Scroll the settings all the way, as a reader would, then walk the keyboard to the last field.
      await page.locator('main').evaluate((main) => main.scrollTo(0, main.scrollHeight));
      await page.mouse.wheel(0, 5000);
      for (let step = 0; step < 60; step++) {
        await page.keyboard.press('Tab');
      }
      const state = await page.evaluate(() => {
        const root = document.scrollingElement ?? document.documentElement;
        return {
          scrollsSideways: root.scrollWidth > root.clientWidth,
          scrollsDown: root.scrollHeight > root.clientHeight,
          scrollY: window.scrollY,
        };
      });
      expect(state).toEqual({ scrollsSideways: false, scrollsDown: false, scrollY: 0 });
      const after = await box(frame);
      expect(after.y).toBe(before.y);
      expect(after.y).toBeGreaterThanOrEqual(0);
      await shot(page, `02-inbox-settings-scrolled-${label}`);

      expect(errors).toEqual([]);
      await context.close();
    });
  }
});

describe('long names', () => {
  for (const [label, viewport] of [
    ['1280', LAPTOP],
    ['390', PHONE],
  ] as const) {
    it(`are cut with an ellipsis, whole in a tooltip, on every screen at ${label} px`, async () => {
      const { conversationId } = await visitorStarts(env.product, env.inbox, LONG_NAME, `Hello at ${label}`);
      const { context, page, errors } = await asOwner(viewport);
      const base = env.product.server.baseUrl;

      // The list.
      await page.goto(`${base}/app/conversations`);
      const row = page.getByRole('link', { name: new RegExp(`Hello at ${label}`) });
      await row.waitFor(LIVE);
      const rowName = row.getByText(LONG_NAME, { exact: true });
      await expectWithinViewport(page, rowName);
      await expectCutWithFullTitle(rowName, LONG_NAME);
      // The date keeps its place inside the row.
      await expectWithinViewport(page, row.locator('time'));
      expect(await pageScrollsSideways(page)).toBe(false);
      await shot(page, `03-long-name-list-${label}`);

      // The conversation's header (and, on a laptop, the docked panel).
      await openConversation(page, conversationId, `Hello at ${label}`);
      const header = page.getByRole('heading', { level: 2 }).filter({ hasText: LONG_NAME }).first();
      const headerName = header.getByText(LONG_NAME, { exact: true });
      await expectWithinViewport(page, headerName);
      await expectCutWithFullTitle(headerName, LONG_NAME);
      if (viewport === LAPTOP) {
        const panelName = page
          .getByRole('complementary', { name: 'Contact' })
          .getByRole('heading', { name: LONG_NAME });
        await expectWithinViewport(page, panelName);
        await expectCutWithFullTitle(panelName, LONG_NAME);
      }
      expect(await pageScrollsSideways(page)).toBe(false);
      await shot(page, `04-long-name-conversation-${label}`);

      // Contacts, and the contact's page.
      await page.goto(`${base}/app/contacts`);
      const contactLink = page.getByRole('link', { name: LONG_NAME }).first();
      await contactLink.waitFor(LIVE);
      await expectWithinViewport(page, contactLink);
      await expectCutWithFullTitle(contactLink, LONG_NAME);
      expect(await pageScrollsSideways(page)).toBe(false);
      await shot(page, `05-long-name-contacts-${label}`);
      await contactLink.click();
      const title = page.getByRole('heading', { level: 1, name: LONG_NAME });
      // Once the whole record is there (the header first shows the list's copy).
      await page.getByRole('heading', { name: 'Attributes' }).waitFor(LIVE);
      await expectWithinViewport(page, title);
      await expectCutWithFullTitle(title, LONG_NAME);
      expect(await pageScrollsSideways(page)).toBe(false);
      await shot(page, `06-long-name-contact-page-${label}`);

      expect(errors).toEqual([]);
      await context.close();
    });
  }
});

describe('a phone-sized list and header', () => {
  it('give the names the room and shorten the dates at 390 px', async () => {
    const name = 'Bernadette Winterbottom';
    const { conversationId } = await visitorStarts(env.product, env.inbox, name, 'Phone check');
    const { context, page, errors } = await asOwner(PHONE);
    await page.goto(`${env.product.server.baseUrl}/app/conversations`);
    const row = page.getByRole('link', { name: /Phone check/ });
    await row.waitFor(LIVE);
    // The name fits whole on a 390 px phone; the date beside it is short ("now", "5m").
    const rowName = row.getByText(name, { exact: true });
    expect(await isWhole(rowName)).toBe(true);
    const date = await box(row.locator('time'));
    expect(date.width).toBeLessThan(48);
    await shot(page, '07-phone-list');

    await openConversation(page, conversationId, 'Phone check');
    const headerName = page
      .getByRole('heading', { level: 2 })
      .filter({ hasText: name })
      .getByText(name, { exact: true });
    await shot(page, '08-phone-header');
    expect(await isWhole(headerName)).toBe(true);
    await expectWithinViewport(page, headerName);

    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('avatar initials', () => {
  it('keep an emoji whole in the list, the header and the panel', async () => {
    const name = '👩🏽‍🚀 Astrid Orbit';
    const { conversationId } = await visitorStarts(env.product, env.inbox, name, 'To the moon');
    const { context, page, errors } = await asOwner(LAPTOP);
    await openConversation(page, conversationId, 'To the moon');
    await page.getByRole('complementary', { name: 'Contact' }).getByRole('heading', { name }).waitFor(LIVE);
    // Every avatar drawn for this contact shows the whole astronaut and the last name's initial.
    const initials = await page.evaluate(() =>
      [...document.querySelectorAll('span[aria-hidden]')]
        .map((element) => element.textContent ?? '')
        .filter((text) => text.startsWith('\u{1F469}')),
    );
    expect(initials.length).toBeGreaterThanOrEqual(3);
    expect(new Set(initials)).toEqual(new Set(['👩🏽‍🚀O']));
    await shot(page, '09-emoji-initials');

    expect(errors).toEqual([]);
    await context.close();
  });
});
