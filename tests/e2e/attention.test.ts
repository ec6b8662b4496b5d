import type { Page } from 'playwright-core';
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
  visitorWrites,
} from './support.ts';

// Getting an agent's attention: Olivia @mentions Bob in a private note, and Bob's bell counts it live.
// With Bob's tab in the background, the mention and a visitor's new message in an unassigned
// conversation show browser notifications and a count in the tab's title; showing the tab clears the
// count, and clicking a notification opens its conversation. Bob's notification settings live on his
// profile page.
const LIVE = { timeout: 15_000 };

const env = productForTests();
let bob: TAgent;

beforeAll(async () => {
  bob = await addAgent(env.product, 'Bob Baker', 'bob@example.com');
});

const shot = (page: Page, name: string) => screenshot(page, `attention-${name}`, { animations: 'disabled' });

type TShown = { title: string; body: string; tag: string };

/** Records every browser notification the page creates (the real Notification, wrapped). */
function recordNotifications() {
  const Real = window.Notification;
  const shown: Notification[] = [];
  class Recorded extends Real {
    constructor(title: string, options?: NotificationOptions) {
      super(title, options);
      shown.push(this);
    }
  }
  Object.defineProperty(window, 'Notification', { value: Recorded, configurable: true, writable: true });
  (window as unknown as { shownNotifications: Notification[] }).shownNotifications = shown;
}

const shownNotifications = (page: Page) =>
  page.evaluate(() =>
    (window as unknown as { shownNotifications: Notification[] }).shownNotifications.map(
      (n): TShown => ({ title: n.title, body: n.body, tag: n.tag }),
    ),
  );

/** What the browser does when the tab goes to the background or comes back. */
async function setTabVisible(page: Page, isVisible: boolean) {
  await page.evaluate((visible) => {
    Object.defineProperty(document, 'visibilityState', {
      configurable: true,
      get: () => (visible ? 'visible' : 'hidden'),
    });
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => !visible });
    document.dispatchEvent(new Event('visibilitychange'));
  }, isVisible);
}

describe('getting an agent’s attention', () => {
  it('notifies a mentioned agent live, in the title and with a browser notification', async () => {
    const mentioned = await visitorStarts(env.product, env.inbox, 'Dora Dunn', 'The zip on my bag broke');
    await env.product.agentApi('PATCH', `/api/v1/conversations/${mentioned.conversationId}`, {
      assigneeId: (await env.product.agentApi<{ id: string }>('GET', '/api/v1/me')).id,
    });
    const olivia = await signInAsOwner(env);
    const bobs = await signInAs(env.browser, env.product, bob, { bypassCSP: true });
    await bobs.context.grantPermissions(['notifications'], { origin: env.product.server.baseUrl });
    await bobs.page.addInitScript(recordNotifications);
    await bobs.page.reload();
    await bobs.page.getByRole('status').filter({ hasText: 'Live' }).waitFor(LIVE);
    await bobs.page.getByRole('button', { name: 'Notifications', exact: true }).waitFor();

    // Bob's profile: notification settings, with the browser's permission already given.
    await bobs.page.goto(`${env.product.server.baseUrl}/app/settings/profile`);
    const settings = bobs.page.getByRole('region', { name: 'Notifications' });
    await settings.getByRole('checkbox', { name: 'Browser notifications' }).waitFor();
    expect(await settings.getByRole('checkbox', { name: 'Browser notifications' }).isChecked()).toBe(true);
    expect(await settings.getByRole('checkbox', { name: 'Count in the tab’s title' }).isChecked()).toBe(true);
    await settings.getByText('This browser may show them.').waitFor();
    await settings.scrollIntoViewIfNeeded();
    await shot(bobs.page, '01-profile-notifications');
    expect(await axeViolations(bobs.page)).toEqual([]);
    await bobs.page.goto(`${env.product.server.baseUrl}/app/conversations`);
    await bobs.page.getByRole('status').filter({ hasText: 'Live' }).waitFor(LIVE);
    const baseTitle = await bobs.page.title();
    expect(baseTitle).not.toMatch(/^\(\d+\)/);

    // Bob's tab goes to the background; Olivia @mentions him in a private note.
    // Her teammates load slowly: a note sent before they arrive still mentions Bob.
    await setTabVisible(bobs.page, false);
    await olivia.page.route('**/api/v1/members?*', async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 1500));
      await route.continue();
    });
    await olivia.page.goto(`${env.product.server.baseUrl}/app/conversations/${mentioned.conversationId}`);
    await olivia.page
      .getByRole('log', { name: 'Messages' })
      .getByText('The zip on my bag broke')
      .waitFor(LIVE);
    await olivia.page.getByRole('button', { name: 'Private note' }).click();
    await olivia.page
      .getByRole('combobox', { name: 'Private note' })
      .fill('@Bob can you send Dora a new bag?');
    await olivia.page.keyboard.press('Enter');
    await olivia.page
      .getByRole('log', { name: 'Messages' })
      .getByText('can you send Dora a new bag?')
      .waitFor(LIVE);

    // The bell counts it live, the title carries the count, the browser shows a notification.
    await bobs.page.getByRole('button', { name: 'Notifications, 1 unread' }).waitFor(LIVE);
    await expect.poll(() => bobs.page.title(), LIVE).toBe(`(1) ${baseTitle}`);
    await expect
      .poll(() => shownNotifications(bobs.page), LIVE)
      .toEqual([
        {
          title: 'Olivia Owner mentioned you',
          body: 'In a note on the conversation with Dora Dunn',
          tag: expect.stringMatching(/^mention:/),
        },
      ]);

    // A visitor writes in an unassigned conversation: a second notification, the count goes to 2.
    // Olivia's own conversations (assigned to her) do not call Bob.
    await visitorWrites(env.product, mentioned, 'Thanks, it is the blue one');
    const fresh = await visitorStarts(env.product, env.inbox, 'Eli Evans', 'Do you ship to Norway?');
    await expect.poll(() => bobs.page.title(), LIVE).toBe(`(2) ${baseTitle}`);
    await expect
      .poll(async () => (await shownNotifications(bobs.page)).at(-1), LIVE)
      .toEqual({
        title: 'New message from Eli Evans',
        body: 'Do you ship to Norway?',
        tag: `conversation:${fresh.conversationId}`,
      });
    expect(await shownNotifications(bobs.page)).toHaveLength(2);

    // Clicking that notification brings the tab forward on its conversation.
    await bobs.page.evaluate(() =>
      (window as unknown as { shownNotifications: Notification[] }).shownNotifications
        .at(-1)
        ?.dispatchEvent(new Event('click')),
    );
    await bobs.page.waitForURL(new RegExp(`/app/conversations/${fresh.conversationId}$`));
    await bobs.page.getByRole('log', { name: 'Messages' }).getByText('Do you ship to Norway?').waitFor(LIVE);

    // Back in the foreground, the count goes away.
    await setTabVisible(bobs.page, true);
    await expect.poll(() => bobs.page.title(), LIVE).not.toMatch(/^\(\d+\)/);

    // The bell lists the mention; opening it leads to the conversation.
    await bobs.page.getByRole('button', { name: 'Notifications, 1 unread' }).click();
    await bobs.page.getByRole('link', { name: /Olivia Owner mentioned you/ }).waitFor();
    await shot(bobs.page, '02-bell');

    // Without the title count (Bob's choice), the background tab keeps its title.
    await bobs.page.getByRole('link', { name: /Olivia Owner mentioned you/ }).click();
    await bobs.page.goto(`${env.product.server.baseUrl}/app/settings/profile`);
    const titleBox = bobs.page.getByRole('checkbox', { name: 'Count in the tab’s title' });
    const saved = bobs.page.waitForResponse(
      (response) => response.url().endsWith('/api/v1/me') && response.request().method() === 'PATCH',
    );
    await titleBox.uncheck();
    expect((await saved).status()).toBe(200);
    await setTabVisible(bobs.page, false);
    const profileTitle = await bobs.page.title();
    await visitorStarts(env.product, env.inbox, 'Finn Fox', 'Is the shop open on Sunday?');
    await expect
      .poll(async () => (await shownNotifications(bobs.page)).at(-1)?.title, LIVE)
      .toBe('New message from Finn Fox');
    expect(await bobs.page.title()).toBe(profileTitle);

    expect(olivia.errors).toEqual([]);
    expect(bobs.errors).toEqual([]);
    await olivia.context.close();
    await bobs.context.close();
  });
});
