import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { linkIn, startSmtpServer } from '../../apps/server/test/smtp.ts';
import { spawnServer, type TServerProcess, tempDataDir, waitFor } from '../../apps/server/test/spawn.ts';
import { freePort, launchBrowser, pageErrors, screenshot } from './support.ts';

// First run in a real browser: the owner sets up Parley, invites an agent by email, the agent accepts
// through the emailed link and signs in, and the members page is refused to the agent.
let browser: Browser;
let server: TServerProcess;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
const data = tempDataDir();

beforeAll(async () => {
  smtp = await startSmtpServer();
  server = spawnServer({
    dataDir: data.dir,
    port: await freePort(),
    env: { SMTP_URL: smtp.url },
  });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await smtp?.close();
  data.remove();
});

const shot = (page: Page, name: string) => screenshot(page, name, { fullPage: true });

describe('onboarding in Chromium', () => {
  it('sets up the owner, invites an agent who accepts by email, and keeps the agent out of members', async () => {
    const setupLink = await server.setupLink();
    const owner = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
    const errors = pageErrors(owner);

    await owner.goto(setupLink);
    await owner.getByLabel('Name', { exact: true }).fill('Olivia Owner');
    await owner.getByLabel('Email', { exact: true }).fill('olivia@example.com');
    await owner.getByLabel('Password', { exact: true }).fill('a long password');
    await owner.getByLabel('Workspace name', { exact: true }).fill('Acme Support');
    await shot(owner, '01-setup');
    await owner.getByRole('button', { name: 'Create account' }).click();
    await owner.waitForURL(/\/app\/?(conversations)?$/);
    await expect.poll(() => owner.getByText('Acme Support').first().isVisible()).toBe(true);

    await owner.goto(`${server.baseUrl}/app/settings/members`);
    await owner.getByLabel('Email', { exact: true }).fill('agent@example.com');
    await owner.getByLabel('Role', { exact: true }).selectOption('agent');
    await owner.getByRole('button', { name: 'Invite' }).click();
    await expect.poll(() => owner.getByText('agent@example.com').first().isVisible()).toBe(true);
    await shot(owner, '02-members');

    await waitFor(() => smtp.inbox.some((m) => m.to.includes('agent@example.com')));
    const invitation = smtp.inbox.find((m) => m.to.includes('agent@example.com'))!;
    expect(invitation.subject).toMatch(/Acme Support/);

    const agentContext = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const agent = await agentContext.newPage();
    agent.on('pageerror', (e) => errors.push(e.message));
    await agent.goto(linkIn(invitation));
    await expect.poll(() => agent.getByText('Acme Support').first().isVisible()).toBe(true);
    await agent.getByLabel('Name', { exact: true }).fill('Andy Agent');
    await agent.getByLabel('Password', { exact: true }).fill('agent password 1');
    await shot(agent, '03-accept');
    await agent.getByRole('button', { name: 'Accept invitation' }).click();
    await agent.waitForURL(/\/app\/?(conversations)?$/);

    // Sign out and back in with the new password.
    await agent
      .getByRole('button', { name: /Andy Agent|account|user menu/i })
      .first()
      .click();
    await agent
      .getByRole('menuitem', { name: 'Sign out' })
      .or(agent.getByRole('button', { name: 'Sign out' }))
      .first()
      .click();
    await agent.waitForURL(/\/app\/sign-in/);
    await agent.getByLabel('Email', { exact: true }).fill('agent@example.com');
    await agent.getByLabel('Password', { exact: true }).fill('agent password 1');
    await agent.getByRole('button', { name: 'Sign in' }).click();
    await agent.waitForURL(/\/app\/?(conversations)?$/);
    await expect.poll(() => agent.getByRole('link', { name: 'Members' }).count()).toBe(0);

    await agent.goto(`${server.baseUrl}/app/settings/members`);
    await expect
      .poll(() =>
        agent
          .getByText(/don.t have access/i)
          .first()
          .isVisible(),
      )
      .toBe(true);
    await shot(agent, '04-agent-refused');
    expect(errors).toEqual([]);
  });
});
