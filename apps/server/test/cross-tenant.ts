import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { buildWorkspace, type TWorkspaceFixture } from './factories.ts';
import type { TestApp } from './harness.ts';

type TSeeded = Record<string, string>;
type TPick = (seeded: TSeeded) => string;

export type TCrossTenantCase = {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  /** The route pattern as registered, e.g. `/api/v1/members/:id`. */
  route: string;
  /** The id to put in the URL, for a route with one parameter (a second one would have none). */
  id?: TPick;
  /** The id of each path parameter, by name, for a route with several (`{ id: …, noteId: … }`). */
  ids?: Record<string, TPick>;
  body?: unknown;
};

const paramsOf = (route: string) => [...route.matchAll(/:([a-zA-Z]+)/g)].map((m) => m[1]!);

/** The id of each parameter of the case's route; fails when one has none. */
function picksOf(c: TCrossTenantCase): [string, TPick][] {
  const params = paramsOf(c.route);
  const ids = c.ids ?? (c.id && params[0] ? { [params[0]]: c.id } : {});
  const missing = params.filter((name) => !ids[name]);
  expect(missing, `${c.method} ${c.route}: parameters without an id`).toEqual([]);
  return params.map((name) => [name, ids[name]!]);
}

function urlOf(route: string, picks: [string, TPick][], seeded: TSeeded, only?: [string, string]) {
  const values = Object.fromEntries(picks.map(([name, pick]) => [name, pick(seeded)]));
  if (only) {
    values[only[0]] = only[1];
  }
  return route.replace(/:([a-zA-Z]+)/g, (_, name: string) => encodeURIComponent(values[name]!));
}

/** An id that exists nowhere, shaped like `id` (same prefix and length), to compare answers with. */
const ghostOf = (id: string) => id.replace(/[^_]+$/, (rest) => '0'.repeat(rest.length));

function expectNothingOf(seeded: TSeeded, route: string, body: string) {
  for (const value of Object.values(seeded)) {
    expect(body, `${route} reveals ${value}`).not.toContain(value);
  }
}

const answerOf = (res: LightMyRequestResponse) => ({
  status: res.statusCode,
  code: res.body ? ((res.json() as { error?: { code: string } }).error?.code ?? null) : null,
});

/**
 * Calls the route once per parameter with B's id there and A's own ids in the others: the answer must be
 * the one for an id that exists nowhere, and reveal nothing of B.
 */
async function expectEachParameterRefused(
  a: TWorkspaceFixture,
  c: TCrossTenantCase,
  picks: [string, TPick][],
  ids: { own: TSeeded; seeded: TSeeded },
) {
  for (const [name, pick] of picks) {
    const idOfB = pick(ids.seeded);
    const probe = await a.api(c.method, urlOf(c.route, picks, ids.own, [name, idOfB]), c.body);
    const ghost = await a.api(c.method, urlOf(c.route, picks, ids.own, [name, ghostOf(idOfB)]), c.body);
    const route = `${c.method} ${c.route} with B's ${name}`;
    expect({ route, ...answerOf(probe) }).toEqual({ route, ...answerOf(ghost) });
    expectNothingOf(ids.seeded, route, probe.body);
  }
}

/**
 * Builds workspaces A and B, lets `seed` create resources in B, then calls every case as A's owner with
 * B's ids: each must answer 404 and reveal nothing, and afterwards B's resources must be unchanged
 * (checked by `verify`). A route with several parameters is also called once per parameter with B's id
 * there and A's own ids (from `seed` run for A) everywhere else, so each parameter is checked on its own:
 * that answer must be exactly the one for an id that exists nowhere (same status and error code) and
 * reveal nothing of B. Also fails when an API route with a path parameter has no case, or a case leaves
 * a parameter without an id, so a new route cannot skip this proof.
 */
export async function expectCrossTenantRefusal(
  t: TestApp,
  opts: {
    seed: (workspace: TWorkspaceFixture) => Promise<TSeeded>;
    cases: TCrossTenantCase[];
    verify: (b: TWorkspaceFixture, seeded: TSeeded) => Promise<void>;
    /** Routes with parameters that are not tenant ids (documented why at the call site). */
    exempt?: string[];
    /** Only routes under these path prefixes must have a case (other features prove their own). */
    covers?: string[];
  },
) {
  const a = await buildWorkspace(t, 'Tenant A');
  const b = await buildWorkspace(t, 'Tenant B');
  const seeded = await opts.seed(b);
  const hasSeveralParams = opts.cases.some((c) => paramsOf(c.route).length > 1);
  const own = hasSeveralParams ? await opts.seed(a) : {};
  for (const c of opts.cases) {
    const picks = picksOf(c);
    const route = `${c.method} ${c.route}`;
    const res = await a.api(c.method, urlOf(c.route, picks, seeded), c.body);
    expect({ route, status: res.statusCode }).toEqual({ route, status: 404 });
    expect(res.json().error.code).toBe('not_found');
    expectNothingOf(seeded, route, res.body);
    if (picks.length > 1) {
      await expectEachParameterRefused(a, c, picks, { own, seeded });
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
