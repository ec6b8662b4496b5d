import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './harness.ts';

// Every API route that takes an id must be proven to refuse other workspaces' ids. Each prefix below
// is covered by an `expectCrossTenantRefusal` test in the named file, which in turn fails when a route
// under its prefix has no case. A new feature adds its prefix here and its own cross-tenant test.
const COVERED: Record<string, string> = {
  '/api/v1/members/': 'workspaces/members.test.ts',
  '/api/v1/invitations/': 'workspaces/members.test.ts',
  '/api/v1/api-tokens/': 'workspaces/members.test.ts',
  '/api/v1/conversations/': 'conversations/conversations.test.ts',
  '/api/v1/contacts/': 'conversations/conversations.test.ts',
  '/api/v1/inboxes/': 'conversations/conversations.test.ts',
  '/api/v1/labels/': 'labels/labels.test.ts',
  '/api/v1/teams/': 'teams/teams.test.ts',
  '/api/v1/canned-responses/': 'canned-responses/canned-responses.test.ts',
  '/api/v1/notifications/': 'notifications/notifications.test.ts',
  '/api/v1/workspaces/': 'workspaces/workspace-settings.test.ts',
  // The user's own sessions: another person's session id is not found (accounts/sessions.test.ts).
  '/api/v1/me/': 'accounts/sessions.test.ts',
  // Not tenant ids: a visitor token or a signed link is the permission (widget/visitor.test.ts).
  '/api/widget/v1/': 'widget/visitor.test.ts',
  '/api/files/': 'widget/visitor.test.ts',
  // Not tenant ids: profile pictures are public files named by their hash (accounts/avatar.test.ts).
  '/api/avatars/': 'accounts/avatar.test.ts',
};

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t?.close();
});

describe('cross-tenant coverage', () => {
  it('every API route with an id belongs to a feature whose cross-tenant test covers it', () => {
    const uncovered = t.app.parleyRoutes
      .filter((r) => r.url.startsWith('/api/') && r.url.includes('/:'))
      .filter((r) => !Object.keys(COVERED).some((prefix) => r.url.startsWith(prefix)))
      .map((r) => `${r.method} ${r.url}`);
    expect(uncovered).toEqual([]);
  });
});
