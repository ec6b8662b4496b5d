import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { connectSocket } from '../../apps/server/test/ws-client.ts';
import {
  addAgent,
  axeViolations,
  markDocument,
  productForTests,
  screenshot,
  signInAs,
  signInAsOwner,
  type TAgent,
  visitorStarts,
} from './support.ts';

// Two agents on the same conversation, each in a browser of their own: what one does, the other sees
// without reloading. Olivia assigns the conversation to Bob and takes it back; when she types, Bob sees
// "Olivia Owner is typing…" (a reply, then a note, which the visitor is never told about); Bob sees her
// presence by her name (online, away when she says so or after ten quiet minutes, offline when she
// leaves).
const LIVE = { timeout: 15_000 };

const env = productForTests();
let bob: TAgent;

beforeAll(async () => {
  bob = await addAgent(env.product, 'Bob Baker', 'bob@example.com');
});

const shot = (page: Page, name: string) => screenshot(page, `teamwork-${name}`, { animations: 'disabled' });
const assigneeButton = (page: Page) => page.getByRole('button', { name: /^Assignee: / });
const typingLine = (page: Page) => page.getByTestId('typing-line');

async function openConversation(page: Page, conversationId: string) {
  await page.goto(`${env.product.server.baseUrl}/app/conversations/${conversationId}`);
  await page.getByRole('status').filter({ hasText: 'Live' }).waitFor(LIVE);
  await page.getByRole('log', { name: 'Messages' }).getByText('My order never arrived').waitFor(LIVE);
}

describe('agents working together', () => {
  it('shows a teammate’s assignment, typing and presence live', async () => {
    const visitor = await visitorStarts(env.product, env.inbox, 'Carla Customer', 'My order never arrived');
    const { conversationId } = visitor;
    // The visitor's own socket: it must hear of Olivia's reply being typed, never of her note.
    const visitorSocket = await connectSocket(
      `${env.product.server.baseUrl.replace('http', 'ws')}/api/widget/v1/ws?token=${visitor.token}`,
    );
    visitorSocket.send({ type: 'resume' });
    await visitorSocket.waitFor((frame) => frame.type === 'ready');

    const olivia = await signInAsOwner(env);
    const bobs = await signInAs(env.browser, env.product, bob, { bypassCSP: true });
    await openConversation(olivia.page, conversationId);
    await openConversation(bobs.page, conversationId);
    const isSameDocument = await markDocument(bobs.page);

    // Olivia assigns the conversation to Bob; Bob's header changes by itself.
    await assigneeButton(olivia.page).click();
    const oliviaPicker = olivia.page.getByRole('listbox', { name: 'Assign' });
    // In her picker, Bob is online (he has the dashboard open).
    await oliviaPicker.getByRole('option', { name: 'Bob Baker (online)', exact: true }).waitFor(LIVE);
    await shot(olivia.page, '01-assign-picker-presence');
    await oliviaPicker.getByRole('option', { name: /^Bob Baker/ }).click();
    await assigneeButton(olivia.page)
      .and(olivia.page.getByRole('button', { name: /Bob Baker \(online\)/ }))
      .waitFor(LIVE);
    await bobs.page.getByRole('button', { name: 'Assignee: You (online)' }).waitFor(LIVE);

    // Olivia takes it back ("Assign to me"); Bob sees her as the assignee, online.
    await assigneeButton(olivia.page).click();
    await oliviaPicker.getByRole('option', { name: 'Assign to me' }).click();
    await bobs.page.getByRole('button', { name: 'Assignee: Olivia Owner (online)' }).waitFor(LIVE);

    // Olivia types a reply: Bob is warned, and so is the visitor.
    const reply = olivia.page.getByRole('combobox', { name: 'Reply' });
    await reply.click();
    await reply.pressSequentially('Let me check with the courier', { delay: 20 });
    await typingLine(bobs.page).getByText('Olivia Owner is typing…').waitFor(LIVE);
    await shot(bobs.page, '02-teammate-typing');
    expect(await axeViolations(bobs.page)).toEqual([]);
    await visitorSocket.waitFor(
      (frame) => frame.type === 'typing' && frame.data?.isTyping === true && frame.data?.isPrivate === false,
    );
    // Clearing the reply: typing stops after a few quiet seconds (or at once, on leaving the field).
    await reply.fill('');
    await olivia.page.getByRole('button', { name: 'Private note' }).click();
    await visitorSocket.waitFor((frame) => frame.type === 'typing' && frame.data?.isTyping === false);
    await typingLine(bobs.page)
      .getByText('Olivia Owner is typing…')
      .waitFor({ state: 'detached', ...LIVE });
    const typingFramesBeforeNote = visitorSocket.frames.filter((frame) => frame.type === 'typing').length;

    // A private note: Bob is told, the visitor is not.
    const note = olivia.page.getByRole('combobox', { name: 'Private note' });
    await note.pressSequentially('Courier says Tuesday', { delay: 20 });
    await typingLine(bobs.page).getByText('Olivia Owner is typing a note…').waitFor(LIVE);
    await olivia.page.keyboard.press('Enter');
    await bobs.page.getByRole('log', { name: 'Messages' }).getByText('Courier says Tuesday').waitFor(LIVE);
    await typingLine(bobs.page)
      .getByText(/Olivia Owner is typing/)
      .waitFor({ state: 'detached', ...LIVE });
    expect(visitorSocket.frames.filter((frame) => frame.type === 'typing').length).toBe(
      typingFramesBeforeNote,
    );
    expect(JSON.stringify(visitorSocket.frames)).not.toContain('Courier says Tuesday');

    // Presence: Olivia says she is away in her user menu; Bob sees it by her name.
    await olivia.page.getByTestId('user-menu').click();
    await olivia.page.getByRole('group', { name: 'Your status' }).waitFor();
    await shot(olivia.page, '03-user-menu-status');
    await olivia.page.getByRole('button', { name: 'Away', exact: true }).click();
    await expect
      .poll(() => olivia.page.getByRole('button', { name: 'Away', exact: true }).getAttribute('aria-pressed'))
      .toBe('true');
    await olivia.page.getByTestId('user-menu').getByText('Away').waitFor();
    await bobs.page.getByRole('button', { name: 'Assignee: Olivia Owner (away)' }).waitFor(LIVE);
    await bobs.page.getByRole('button', { name: /^Assignee: Olivia Owner/ }).click();
    await bobs.page
      .getByRole('listbox', { name: 'Assign' })
      .getByRole('option', { name: 'Olivia Owner (away)', exact: true })
      .waitFor(LIVE);
    await shot(bobs.page, '04-teammate-away');
    expect(await axeViolations(bobs.page)).toEqual([]);
    await bobs.page.keyboard.press('Escape');

    // Back online, then gone: Bob sees both.
    await olivia.page.getByRole('button', { name: 'Online', exact: true }).click();
    await bobs.page.getByRole('button', { name: 'Assignee: Olivia Owner (online)' }).waitFor(LIVE);
    // The choice is kept in the browser: a reload does not make an away agent look online.
    await olivia.page.getByRole('button', { name: 'Away', exact: true }).click();
    await bobs.page.getByRole('button', { name: 'Assignee: Olivia Owner (away)' }).waitFor(LIVE);
    await olivia.page.reload();
    await olivia.page.getByRole('status').filter({ hasText: 'Live' }).waitFor(LIVE);
    await olivia.page.getByTestId('user-menu').getByText('Away').waitFor();
    await expect
      .poll(
        () =>
          env.product.agentApi<{ items: { userId: string; status: string }[] }>('GET', '/api/v1/presence'),
        LIVE,
      )
      .toMatchObject({ items: expect.arrayContaining([expect.objectContaining({ status: 'away' })]) });
    await olivia.context.close();
    await bobs.page.getByRole('button', { name: 'Assignee: Olivia Owner (offline)' }).waitFor(LIVE);

    expect(await isSameDocument()).toBe(true);
    expect(olivia.errors).toEqual([]);
    expect(bobs.errors).toEqual([]);
    visitorSocket.socket.close();
    await bobs.context.close();
  });

  it('shows an agent away after 10 minutes without activity, and online again when they return', async () => {
    const { conversationId } = await visitorStarts(
      env.product,
      env.inbox,
      'Dan Drake',
      'My order never arrived',
    );
    await env.product.agentApi('PATCH', `/api/v1/conversations/${conversationId}`, {
      assigneeId: (await env.product.agentApi<{ id: string }>('GET', '/api/v1/me')).id,
    });
    const bobs = await signInAs(env.browser, env.product, bob);
    await openConversation(bobs.page, conversationId);
    // Olivia's clock is the test's: ten quiet minutes pass in a few seconds.
    const olivia = await signInAsOwner(env);
    await olivia.page.clock.install();
    await openConversation(olivia.page, conversationId);
    await olivia.page.getByTestId('user-menu').getByText('Online').waitFor();
    await bobs.page.getByRole('button', { name: 'Assignee: Olivia Owner (online)' }).waitFor(LIVE);

    // In steps shorter than the socket's silence limit, so its heartbeats keep it open meanwhile.
    for (let minute = 0; minute < 10.5; minute += 1 / 3) {
      await olivia.page.clock.fastForward(20_000);
      await olivia.page.waitForTimeout(50);
    }
    await olivia.page.getByTestId('user-menu').getByText('Away · inactive').waitFor(LIVE);
    await bobs.page.getByRole('button', { name: 'Assignee: Olivia Owner (away)' }).waitFor(LIVE);

    await olivia.page.mouse.move(400, 300);
    await olivia.page.mouse.move(420, 320);
    await olivia.page.getByTestId('user-menu').getByText('Online').waitFor(LIVE);
    await bobs.page.getByRole('button', { name: 'Assignee: Olivia Owner (online)' }).waitFor(LIVE);

    expect(olivia.errors).toEqual([]);
    expect(bobs.errors).toEqual([]);
    await olivia.context.close();
    await bobs.context.close();
  });
});
