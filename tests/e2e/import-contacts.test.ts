import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { axeViolations, productForTests, screenshot, signInAsOwner } from './support.ts';

// The owner imports contacts from a CSV file: the wizard checks the file, shows how its columns map and
// which rows will be skipped, checks again when a column's mapping changes, then imports and sums up.
const LIVE = { timeout: 15_000 };

const env = productForTests();

const shot = (page: Page, name: string) =>
  screenshot(page, `import-contacts-${name}`, { animations: 'disabled' });

const CSV =
  'Full Name,E-mail,Plan\nAda Lovelace,ada@example.com,pro\nBob,not-an-email,free\nCara Diaz,,trial\n';

describe('the contact import wizard', () => {
  it('previews the file, checks it again after a mapping change, imports it and sums up', async () => {
    const { page, errors, context } = await signInAsOwner(env, { bypassCSP: true });
    await page.goto(`${env.product.server.baseUrl}/app/contacts`);
    await page.getByRole('button', { name: 'Import CSV' }).click();
    const dialog = page.getByRole('dialog', { name: 'Import contacts' });
    await dialog.getByText('Upload a CSV file with a header row.', { exact: false }).waitFor(LIVE);

    await dialog
      .locator('input[type="file"]')
      .setInputFiles({ name: 'customers.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV) });
    await dialog.getByText('3 rows: 2 ready to import, 1 row with problems', { exact: false }).waitFor(LIVE);
    expect(await dialog.getByText('Upload a CSV file with a header row.', { exact: false }).count()).toBe(0);
    expect(await dialog.getByText('"not-an-email" is not a valid email address').isVisible()).toBe(true);
    const plan = dialog.getByLabel('Import the column “Plan” as');
    expect(await plan.inputValue()).toBe('attribute');
    await shot(page, 'preview');
    expect(await axeViolations(page)).toEqual([]);

    // Not importing the plan: the server checks the file again with the new mapping.
    await plan.selectOption('ignore');
    await dialog
      .getByRole('status')
      .filter({ hasText: 'Checking again…' })
      .waitFor({ state: 'hidden', ...LIVE });
    expect(await dialog.getByRole('cell', { name: 'plan: pro' }).count()).toBe(0);

    await dialog.getByRole('button', { name: 'Import 2 contacts' }).click();
    const done = page.getByRole('dialog', { name: 'Import finished' });
    await done.waitFor(LIVE);
    const created = done.getByRole('status');
    expect(await created.textContent()).toMatch(/Created\s*2\s*Updated\s*0\s*Skipped\s*1/);
    expect(await done.getByText('Line 3').isVisible()).toBe(true);
    await shot(page, 'done');
    expect(await axeViolations(page)).toEqual([]);
    await done.getByRole('button', { name: 'Done' }).click();
    await page
      .getByRole('link', { name: /Ada Lovelace/ })
      .first()
      .waitFor(LIVE);

    const contacts = await env.product.agentApi<{ items: { name: string; attributes: object }[] }>(
      'GET',
      '/api/v1/contacts',
    );
    expect(contacts.items.map((contact) => contact.name).sort()).toEqual(['Ada Lovelace', 'Cara Diaz']);
    expect(contacts.items.every((contact) => Object.keys(contact.attributes).length === 0)).toBe(true);
    expect(errors).toEqual([]);
    await context.close();
  });
});
