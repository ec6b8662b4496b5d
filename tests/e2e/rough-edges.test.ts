import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { axeViolations, productForTests, screenshot, signInAsOwner, visitorStarts } from './support.ts';

// Rough edges a new user met: a missing conversation says so (no pointless "Try again"), a label
// cannot exist twice in different case, canned responses fill in their variables, and an anonymous
// visitor has one reference on every screen.
const LIVE = { timeout: 15_000 };
const LAPTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };

const env = productForTests();

const shot = (page: Page, name: string) =>
  screenshot(page, `rough-edges-${name}`, { animations: 'disabled' });

describe('a conversation that does not exist', () => {
  for (const [label, viewport] of [
    ['1280', LAPTOP],
    ['390', PHONE],
  ] as const) {
    it(`says it was not found and leads back to the inbox, without "Try again", at ${label} px`, async () => {
      // bypassCSP: axe is the test's script, not the page's.
      const { context, page, errors } = await signInAsOwner(env, { viewport, bypassCSP: true });
      await page.goto(`${env.product.server.baseUrl}/app/conversations/conv_doesnotexist00000000000`);
      const state = page.getByRole('alert').filter({ hasText: 'Conversation not found' });
      await state.getByRole('heading', { name: 'Conversation not found' }).waitFor(LIVE);
      expect(await page.getByRole('button', { name: 'Try again' }).count()).toBe(0);
      await expect.poll(() => page.title()).toBe('Conversation not found · Parley');
      await shot(page, `01-conversation-not-found-${label}`);
      expect(await axeViolations(page)).toEqual([]);

      await state.getByRole('link', { name: 'Back to conversations' }).click();
      await page.waitForURL(/\/app\/conversations$/);
      expect(errors).toEqual([]);
      await context.close();
    });
  }

  it('offers "Try again" when the network failed, and the retry loads it', async () => {
    const { conversationId } = await visitorStarts(env.product, env.inbox, 'Nora Network', 'Are you there?');
    const { context, page } = await signInAsOwner(env, { viewport: LAPTOP });
    // The browser loses the connection for the conversation's messages (the server is fine).
    let isOffline = true;
    await page.route(`**/api/v1/conversations/${conversationId}/messages**`, (route) =>
      isOffline ? route.abort('internetdisconnected') : route.continue(),
    );
    await page.goto(`${env.product.server.baseUrl}/app/conversations/${conversationId}`);
    const retry = page.getByRole('button', { name: 'Try again' });
    // After the query's own two retries.
    await retry.waitFor({ timeout: 30_000 });
    await page.getByText('Could not reach Parley. Check your connection and try again.').waitFor();
    expect(await page.getByText('Conversation not found').count()).toBe(0);
    await shot(page, '02-conversation-network-error');
    isOffline = false;
    await retry.click();
    await page.getByRole('log', { name: 'Messages' }).getByText('Are you there?').waitFor(LIVE);
    await context.close();
  });
});

describe('labels', () => {
  it('refuses a name that only differs in case, beside the name field', async () => {
    await env.product.agentApi('POST', '/api/v1/labels', { name: 'Billing', color: '#10b981' });
    const { context, page, errors } = await signInAsOwner(env, { viewport: LAPTOP });
    await page.goto(`${env.product.server.baseUrl}/app/settings/labels`);
    await page.getByRole('button', { name: 'New label' }).click();
    const dialog = page.getByRole('dialog', { name: 'New label' });
    await dialog.getByLabel('Name').fill('billing');
    await dialog.getByRole('button', { name: 'Create label' }).click();
    const name = dialog.getByLabel('Name');
    await expect.poll(() => name.getAttribute('aria-invalid'), LIVE).toBe('true');
    await dialog.getByText('A label named "Billing" already exists in this workspace').waitFor();
    await shot(page, '03-label-name-taken');
    await page.setViewportSize(PHONE);
    await shot(page, '03-label-name-taken-390');
    const labels = await env.product.agentApi<{ items: { name: string }[] }>('GET', '/api/v1/labels');
    expect(labels.items.map((item) => item.name)).toEqual(['Billing']);
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('canned response variables', () => {
  it('are previewed and flagged in the editor, and filled in when an agent inserts the response', async () => {
    const { conversationId } = await visitorStarts(env.product, env.inbox, 'Greta Garbo', 'Hello?');
    const { contact } = await env.product.agentApi<{ contact: { id: string } }>(
      'GET',
      `/api/v1/conversations/${conversationId}`,
    );
    await env.product.agentApi('PATCH', `/api/v1/contacts/${contact.id}`, { email: 'greta@example.com' });
    const { context, page, errors } = await signInAsOwner(env, { viewport: LAPTOP, bypassCSP: true });
    await page.goto(`${env.product.server.baseUrl}/app/settings/canned-responses`);
    await page.getByRole('button', { name: 'New response' }).click();
    const dialog = page.getByRole('dialog', { name: 'New canned response' });
    await dialog.getByLabel('Shortcut').fill('hello');
    const response = dialog.getByLabel('Response');
    await response.fill(
      'Hi {{contact.first_name}}, {{agent.name}} of {{workspace.name}} here. {{contact.phone}}',
    );
    // The unknown variable is flagged as it is typed, and the preview marks it.
    await dialog.getByText(/Unknown variable \{\{contact\.phone\}\}: use \{\{contact\.name\}\}/).waitFor();
    expect(await response.getAttribute('aria-invalid')).toBe('true');
    const preview = dialog.getByRole('region', { name: 'Preview' });
    await preview.getByText('Hi Alex, Olivia Owner of Acme here.', { exact: false }).waitFor();
    await shot(page, '04-canned-editor-unknown-variable');
    await dialog.getByRole('button', { name: 'Save response' }).click();
    expect(
      (await env.product.agentApi<{ items: unknown[] }>('GET', '/api/v1/canned-responses')).items,
    ).toEqual([]);

    // Fixed with the variable buttons: the preview fills it in.
    await response.fill('Hi {{contact.first_name}}, {{agent.name}} of {{workspace.name}} here.');
    await response.press('End');
    await response.press('Space');
    await dialog.getByRole('button', { name: '{{contact.email}}' }).click();
    await expect
      .poll(() => response.inputValue())
      .toBe('Hi {{contact.first_name}}, {{agent.name}} of {{workspace.name}} here. {{contact.email}}');
    expect(await response.getAttribute('aria-invalid')).toBe(null);
    await expect
      .poll(() => preview.locator('p').last().textContent())
      .toBe('Hi Alex, Olivia Owner of Acme here. alex@example.com');
    await shot(page, '05-canned-editor-preview');
    expect(await axeViolations(page)).toEqual([]);
    await page.setViewportSize(PHONE);
    await shot(page, '05-canned-editor-preview-390');
    await page.setViewportSize(LAPTOP);
    await dialog.getByRole('button', { name: 'Save response' }).click();
    await dialog.waitFor({ state: 'detached' });

    // In a conversation, the suggestion shows the filled-in text and inserts it.
    await page.goto(`${env.product.server.baseUrl}/app/conversations/${conversationId}`);
    await page.getByRole('log', { name: 'Messages' }).getByText('Hello?').waitFor(LIVE);
    const reply = page.getByRole('combobox', { name: 'Reply' });
    await reply.click();
    await page.keyboard.type('/hel');
    const suggestions = page.getByRole('listbox', { name: 'Canned responses' });
    await suggestions.getByText('greta@example.com').waitFor(LIVE);
    expect(await suggestions.getByRole('option').first().textContent()).toBe(
      '/helloHi Greta, Olivia Owner of Acme here. greta@example.com',
    );
    await shot(page, '06-canned-suggestion-preview');
    await page.keyboard.press('Enter');
    await expect
      .poll(() => reply.inputValue())
      .toBe('Hi Greta, Olivia Owner of Acme here. greta@example.com');
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('an anonymous visitor', () => {
  it('has the same name and reference in the conversation list and in Contacts', async () => {
    const base = env.product.server.baseUrl;
    const { conversationId } = await visitorStarts(env.product, env.inbox, null, 'Anonymous question');
    const { contact } = await env.product.agentApi<{ contact: { id: string } }>(
      'GET',
      `/api/v1/conversations/${conversationId}`,
    );
    const visitorName = `Visitor ${contact.id.slice(-5)}`;

    const { context, page, errors } = await signInAsOwner(env, { viewport: LAPTOP });
    await page.goto(`${base}/app/conversations`);
    const row = page.getByRole('link', { name: /Anonymous question/ });
    await row.getByText(visitorName, { exact: true }).waitFor(LIVE);
    await row.click();
    await page
      .getByRole('region', { name: 'Conversation' })
      .getByRole('heading', { level: 2 })
      .getByText(visitorName, { exact: true })
      .waitFor(LIVE);
    await page
      .getByRole('complementary', { name: 'Contact' })
      .getByRole('heading', { name: visitorName })
      .waitFor();
    await page.getByRole('log', { name: 'Messages' }).getByText(visitorName, { exact: true }).waitFor();
    await shot(page, '07-anonymous-visitor-conversation');

    await page.goto(`${base}/app/contacts`);
    await page.getByRole('link', { name: visitorName, exact: true }).waitFor(LIVE);
    await shot(page, '08-anonymous-visitor-contacts');
    expect(errors).toEqual([]);
    await context.close();
  });
});
