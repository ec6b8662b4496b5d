import type { BrowserContextOptions, Locator, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  addAgent,
  axeViolations,
  productForTests,
  screenshot,
  signInAs,
  signInAsOwner,
  type TAgent,
  visitorStarts,
} from './support.ts';

// The composer suggests teammates for an @mention while writing a private note (never in a reply), and
// the contact's details open in a drawer on a small laptop, with a header toggle or `i`. Both
// are checked with axe-core, light and dark.
const LIVE = { timeout: 15_000 };

type TNotification = { kind: string; conversationId: string; actor: { name: string } | null };

const env = productForTests();
let bob: TAgent;

beforeAll(async () => {
  // Abbie's last name starts with "Bo" too, so "@Bo" offers two teammates: Bob's name first.
  await addAgent(env.product, 'Abbie Bond', 'abbie@example.com');
  bob = await addAgent(env.product, 'Bob Baker', 'bob@example.com');
});

const shot = (page: Page, name: string) =>
  screenshot(page, `composer-contact-${name}`, { animations: 'disabled' });
const isFocused = (locator: Locator) => locator.evaluate((element) => element === document.activeElement);
const asOwner = (options: BrowserContextOptions = {}) => signInAsOwner(env, options);

async function openConversation(page: Page, conversationId: string, firstMessage: string) {
  await page.goto(`${env.product.server.baseUrl}/app/conversations/${conversationId}`);
  await page.getByRole('status').filter({ hasText: 'Live' }).waitFor(LIVE);
  await page.getByRole('log', { name: 'Messages' }).getByText(firstMessage).waitFor(LIVE);
}

/** A visitor starts a conversation, which the owner opens in a browser of their own. */
async function ownerOpensNew(visitorName: string, firstMessage: string, options: BrowserContextOptions = {}) {
  const { conversationId } = await visitorStarts(env.product, env.inbox, visitorName, firstMessage);
  const session = await asOwner(options);
  await openConversation(session.page, conversationId, firstMessage);
  return { conversationId, ...session };
}

describe('@mention suggestions in a private note', () => {
  it('suggests teammates as the agent types, inserts the chosen name and notifies them', async () => {
    const { conversationId, context, page, errors } = await ownerOpensNew('Nina North', 'My parcel is lost');
    const mentionList = page.getByRole('listbox', { name: 'Mention a teammate' });

    // In a reply "@" is only a character.
    await page.keyboard.press('r');
    const reply = page.getByRole('combobox', { name: 'Reply' });
    await expect.poll(() => isFocused(reply)).toBe(true);
    await page.keyboard.type('@Bo');
    expect(await reply.getAttribute('aria-expanded')).toBe('false');
    expect(await mentionList.count()).toBe(0);
    await reply.fill('');

    // In a note "@Bo" offers Bob (his name starts so) then Abbie (her last name does); never the author.
    await page.keyboard.press('Escape');
    await page.keyboard.press('n');
    const note = page.getByRole('combobox', { name: 'Private note' });
    await expect.poll(() => isFocused(note)).toBe(true);
    await page.keyboard.type('Hey @Bo');
    await mentionList.waitFor();
    expect(await note.getAttribute('aria-expanded')).toBe('true');
    expect(await mentionList.getByRole('option').allTextContents()).toEqual([
      expect.stringMatching(/Bob Baker.*bob@example\.com$/),
      expect.stringMatching(/Abbie Bond.*abbie@example\.com$/),
    ]);
    await page.getByText('2 teammates').waitFor({ state: 'attached' });
    const active = async () =>
      page.locator(`[id="${await note.getAttribute('aria-activedescendant')}"]`).textContent();
    expect(await active()).toMatch(/Bob Baker/);
    await page.keyboard.press('ArrowDown');
    expect(await active()).toMatch(/Abbie Bond/);
    expect(await mentionList.getByRole('option', { name: /Abbie Bond/ }).getAttribute('aria-selected')).toBe(
      'true',
    );
    await shot(page, '01-mention-suggestions');
    await page.keyboard.press('ArrowUp');
    expect(await active()).toMatch(/Bob Baker/);
    await page.keyboard.press('Enter');
    await expect.poll(() => note.inputValue()).toBe('Hey @Bob Baker ');
    await mentionList.waitFor({ state: 'detached' });
    expect(await note.getAttribute('aria-expanded')).toBe('false');

    // Enter sends once the list is closed; Bob is notified.
    await page.keyboard.type('can you look for the parcel?');
    await page.keyboard.press('Enter');
    await page.getByRole('log', { name: 'Messages' }).getByText('can you look for the parcel?').waitFor(LIVE);
    const bobs = await signInAs(env.browser, env.product, bob);
    const bobsNotifications = async () => {
      const response = await bobs.context.request.get(`${env.product.server.baseUrl}/api/v1/notifications`);
      return ((await response.json()) as { items: TNotification[] }).items;
    };
    await expect
      .poll(bobsNotifications, LIVE)
      .toEqual([expect.objectContaining({ kind: 'mention', conversationId, actor: expect.anything() })]);
    expect((await bobsNotifications())[0]?.actor?.name).toBe('Olivia Owner');
    await bobs.page.getByRole('button', { name: 'Notifications, 1 unread' }).waitFor(LIVE);
    await bobs.context.close();

    // Escape closes the list and keeps the focus; the next Enter sends the text as typed.
    await page.keyboard.type('@Ab');
    await mentionList.waitFor();
    await page.keyboard.press('Escape');
    await mentionList.waitFor({ state: 'detached' });
    expect(await isFocused(note)).toBe(true);
    await page.keyboard.press('Enter');
    await page.getByRole('log', { name: 'Messages' }).getByText('@Ab', { exact: true }).waitFor(LIVE);
    await expect.poll(() => note.inputValue()).toBe('');

    // The email's start finds a teammate too, and a click inserts them.
    await page.keyboard.type('Ask @abbie');
    await mentionList.getByRole('option', { name: /Abbie Bond/ }).click();
    await expect.poll(() => note.inputValue()).toBe('Ask @Abbie Bond ');
    expect(await isFocused(note)).toBe(true);

    // The "/" canned responses keep working beside it.
    await note.fill('');
    await page.keyboard.type('/');
    await page.getByRole('listbox', { name: 'Canned responses' }).waitFor();
    await page.keyboard.press('Escape');

    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('the contact’s details on a small laptop', () => {
  it('opens them in a drawer with i, closes it with Escape and remembers the choice', async () => {
    const { context, page, errors } = await ownerOpensNew('Lena Laptop', 'Can I pay by invoice?', {
      viewport: { width: 1024, height: 768 },
    });
    const toggle = page.getByRole('button', { name: 'Contact details', exact: true });
    const panel = page.getByRole('complementary', { name: 'Contact' });

    // Closed at first below 1200 px: the conversation has the room.
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    expect(await panel.count()).toBe(0);

    await page.keyboard.press('i');
    await panel.getByRole('heading', { name: 'Lena Laptop' }).waitFor();
    await panel.getByRole('heading', { name: 'Visitor' }).waitFor();
    await panel.getByRole('heading', { name: 'Attributes' }).waitFor();
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    const drawerId = await toggle.getAttribute('aria-controls');
    expect(await page.locator(`[id="${drawerId}"]`).getByRole('complementary').count()).toBe(1);
    await expect
      .poll(() => isFocused(page.getByRole('button', { name: 'Close contact details' })))
      .toBe(true);
    await shot(page, '02-contact-drawer');

    await page.keyboard.press('Escape');
    await panel.waitFor({ state: 'detached' });
    expect(await isFocused(toggle)).toBe(true);
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    // With it closed, the composer is all there.
    await page.getByRole('button', { name: 'Send' }).waitFor();

    // The toggle opens it too; the choice outlives a reload.
    await toggle.click();
    await panel.getByRole('heading', { name: 'Lena Laptop' }).waitFor();
    await page.reload();
    await panel.getByRole('heading', { name: 'Lena Laptop' }).waitFor(LIVE);
    await page.getByRole('button', { name: 'Close contact details' }).click();
    await panel.waitFor({ state: 'detached' });
    await page.reload();
    await page.getByRole('log', { name: 'Messages' }).getByText('Can I pay by invoice?').waitFor(LIVE);
    expect(await panel.count()).toBe(0);

    // On a phone the toggle opens the details over the whole conversation.
    await page.setViewportSize({ width: 390, height: 844 });
    await toggle.click();
    await panel.getByRole('heading', { name: 'Lena Laptop' }).waitFor();
    await shot(page, '03-contact-drawer-phone');
    await page.getByRole('button', { name: 'Close contact details' }).click();
    await panel.waitFor({ state: 'detached' });

    expect(errors).toEqual([]);
    await context.close();
  });

  it('stays docked beside the conversation on a wide screen', async () => {
    const { context, page, errors } = await ownerOpensNew('Walt Wide', 'Do you ship to Norway?', {
      viewport: { width: 1680, height: 900 },
    });
    const panel = page.getByRole('complementary', { name: 'Contact' });
    await panel.getByRole('heading', { name: 'Walt Wide' }).waitFor(LIVE);
    const toggle = page.getByRole('button', { name: 'Contact details', exact: true });
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    // Docked: Escape in it does not close it; the toggle does.
    await page.getByRole('button', { name: 'Close contact details' }).focus();
    await page.keyboard.press('Escape');
    expect(await panel.count()).toBe(1);
    await page.keyboard.press('i');
    await panel.waitFor({ state: 'detached' });
    await page.keyboard.press('i');
    await panel.getByRole('heading', { name: 'Walt Wide' }).waitFor();

    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('accessibility of the suggestions and the drawer (axe-core)', () => {
  for (const colorScheme of ['light', 'dark'] as const) {
    it(`has no serious or critical violations (${colorScheme})`, async () => {
      const { conversationId } = await visitorStarts(
        env.product,
        env.inbox,
        `Ada ${colorScheme}`,
        'Where can I find my invoice?',
      );
      const found: Record<string, string[]> = {};
      for (const width of [1280, 1024]) {
        // The strict CSP of the dashboard forbids injected scripts; axe is the test's, not the page's.
        const { context, page, errors } = await asOwner({
          colorScheme,
          bypassCSP: true,
          viewport: { width, height: 800 },
        });
        await openConversation(page, conversationId, 'Where can I find my invoice?');

        await page.getByRole('button', { name: 'Private note' }).click();
        await page.getByRole('combobox', { name: 'Private note' }).fill('');
        await page.keyboard.type('Could @b');
        await page.getByRole('listbox', { name: 'Mention a teammate' }).getByRole('option').first().waitFor();
        await page.waitForTimeout(200);
        await shot(page, `axe-${colorScheme}-${width}-mention-suggestions`);
        found[`mention-suggestions-${width}`] = await axeViolations(page);
        await page.keyboard.press('Escape');
        await page.getByRole('combobox', { name: 'Private note' }).fill('');
        await page.keyboard.press('Escape');

        // Docked and open from 1200 px; a drawer to open below.
        const toggle = page.getByRole('button', { name: 'Contact details', exact: true });
        if ((await toggle.getAttribute('aria-expanded')) === 'false') {
          await toggle.click();
        }
        await page
          .getByRole('complementary', { name: 'Contact' })
          .getByRole('heading', { name: `Ada ${colorScheme}` })
          .waitFor();
        await page.waitForTimeout(200);
        await shot(page, `axe-${colorScheme}-${width}-contact-drawer`);
        found[`contact-drawer-${width}`] = await axeViolations(page);

        expect(errors).toEqual([]);
        await context.close();
      }
      expect(found).toEqual(Object.fromEntries(Object.keys(found).map((name) => [name, []])));
    });
  }
});
