import { expect } from 'vitest';
import { buildWorkspace, type TWorkspaceFixture } from './factories.ts';
import type { TestApp } from './harness.ts';

export type TCrossTenantCase = {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  /** The route pattern as registered, e.g. `/api/v1/members/:id`. */
  route: string;
  /** The id of workspace B's resource to put in the URL. */
  id: (seeded: Record<string, string>) => string;
  body?: unknown;
};

/**
 * Builds workspaces A and B, lets `seed` create resources in B, then calls every case as A's owner with
 * B's ids: each must answer 404 and reveal nothing, and afterwards B's resources must be unchanged
 * (checked by `verify`). Also fails when an API route with a path parameter has no case, so a new route
 * cannot skip this proof.
 */
export async function expectCrossTenantRefusal(
  t: TestApp,
  opts: {
    seed: (b: TWorkspaceFixture) => Promise<Record<string, string>>;
    cases: TCrossTenantCase[];
    verify: (b: TWorkspaceFixture, seeded: Record<string, string>) => Promise<void>;
    /** Routes with parameters that are not tenant ids (documented why at the call site). */
    exempt?: string[];
    /** Only routes under these path prefixes must have a case (other features prove their own). */
    covers?: string[];
  },
) {
  const a = await buildWorkspace(t, 'Tenant A');
  const b = await buildWorkspace(t, 'Tenant B');
  const seeded = await opts.seed(b);
  for (const c of opts.cases) {
    const url = c.route.replace(/:[a-zA-Z]+/, c.id(seeded));
    const res = await a.api(c.method, url, c.body);
    expect({ route: `${c.method} ${c.route}`, status: res.statusCode }).toEqual({
      route: `${c.method} ${c.route}`,
      status: 404,
    });
    expect(res.json().error.code).toBe('not_found');
    for (const value of Object.values(seeded)) {
      expect(res.body).not.toContain(value);
    }
  }
  await opts.verify(b, seeded);

  const covered = new Set(opts.cases.map((c) => `${c.method} ${c.route}`));
  const exempt = new Set(opts.exempt ?? []);
  const uncovered = t.app.parleyRoutes
    .filter((r) => r.url.startsWith('/api/') && r.url.includes('/:'))
    .filter((r) => !opts.covers || opts.covers.some((prefix) => r.url.startsWith(prefix)))
    .map((r) => `${r.method} ${r.url}`)
    .filter((r) => !covered.has(r) && !exempt.has(r));
  expect(uncovered, 'API routes with ids that no cross-tenant case covers').toEqual([]);
}
