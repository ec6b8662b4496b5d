import type { LightMyRequestResponse } from 'fastify';
import { createUser } from '../src/accounts/service.ts';
import type { TRole } from '../src/platform/context.ts';
import { newId } from '../src/platform/ids.ts';
import { createWorkspaceWithOwner } from '../src/workspaces/service.ts';
import { insertMembership } from '../src/workspaces/store.ts';
import { apiAs, sessionFrom, type TestApp, type TSession } from './harness.ts';

export const PASSWORD = 'correct horse battery';

let seq = 0;
export function uniqueEmail(label = 'user') {
  seq += 1;
  return `${label}-${seq}-${newId('e').slice(-6)}@example.com`;
}

export async function signIn(t: TestApp, email: string, password = PASSWORD): Promise<TSession> {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/sign-in',
    payload: { email, password },
  });
  if (res.statusCode !== 200) {
    throw new Error(`sign-in failed ${res.statusCode}: ${res.body}`);
  }
  return sessionFrom(res);
}

export type TWorkspaceFixture = {
  workspaceId: string;
  owner: TSession & { email: string };
  api: ReturnType<typeof apiAs>;
};

/** A workspace with a signed-in owner. */
export async function buildWorkspace(t: TestApp, name = 'Acme'): Promise<TWorkspaceFixture> {
  const email = uniqueEmail('owner');
  const user = await createUser(t.platform.db, { email, name: 'Olivia Owner', password: PASSWORD });
  const workspace = await createWorkspaceWithOwner(t.platform.db, name, user.id);
  const owner = { ...(await signIn(t, email)), email };
  return { workspaceId: workspace.id, owner, api: apiAs(t.app, owner) };
}

/** Adds a user with `role` to the workspace and signs them in. */
export async function buildMember(t: TestApp, workspaceId: string, role: TRole, name = `A ${role}`) {
  const email = uniqueEmail(role);
  const user = await createUser(t.platform.db, { email, name, password: PASSWORD });
  const membership = await insertMembership(t.platform.db, workspaceId, user.id, role);
  const session = { ...(await signIn(t, email)), email, membershipId: membership!.id };
  return { ...session, api: apiAs(t.app, session) };
}

/** Waits until `fn` returns a truthy value (jobs run in the background). */
export async function eventually<T>(
  fn: () => Promise<T | null | undefined | false>,
  timeoutMs = 15_000,
): Promise<T> {
  const start = Date.now();
  for (;;) {
    const v = await fn();
    if (v) {
      return v;
    }
    if (Date.now() - start > timeoutMs) {
      throw new Error('condition not met in time');
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

export type TVisitorFixture = {
  token: string;
  contactId: string;
  api: (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: unknown) => Promise<LightMyRequestResponse>;
};

/** A website inbox in the workspace. */
export async function buildInbox(ws: TWorkspaceFixture, body: Record<string, unknown> = {}) {
  const res = await ws.api('POST', '/api/v1/inboxes', { name: 'Website', ...body });
  if (res.statusCode !== 201) {
    throw new Error(`inbox creation failed ${res.statusCode}: ${res.body}`);
  }
  return res.json() as { id: string; widgetKey: string; identitySecret: string };
}

/** A browser that booted the widget: its visitor token and a client for the visitor API. */
export async function bootVisitor(
  t: TestApp,
  widgetKey: string,
  visitorToken?: string,
): Promise<TVisitorFixture> {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/widget/v1/boot',
    payload: { widgetKey, page: { url: 'https://shop.example/' }, ...(visitorToken ? { visitorToken } : {}) },
  });
  if (res.statusCode !== 200) {
    throw new Error(`boot failed ${res.statusCode}: ${res.body}`);
  }
  const { visitorToken: token, contact } = res.json();
  return {
    token,
    contactId: contact.id,
    api: async (method, url, payload) => {
      const headers: Record<string, string> = { 'x-parley-visitor': token };
      return t.app.inject({
        method,
        url: `/api/widget/v1${url}`,
        headers,
        ...(payload === undefined ? {} : { payload: payload as object }),
      });
    },
  };
}
