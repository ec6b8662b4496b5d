import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// Parley supports Node 20.19 and later (package.json "engines"): a fresh `npm ci` on it must not
// warn that a package wants a newer Node. Checked against the lockfile, so a dependency bump that
// pulls in a Node 22-only package fails here instead of on a new user's machine.

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const semver = createRequire(import.meta.url)('semver') as {
  satisfies: (version: string, range: string) => boolean;
  minVersion: (range: string) => { version: string } | null;
};

type TLockfile = { packages: Record<string, { version?: string; engines?: { node?: string } | string[] }> };

describe('installation', () => {
  it('installs on the oldest supported Node without an engine warning', () => {
    const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
    const oldest = semver.minVersion(manifest.engines.node)?.version;
    expect(oldest).toBe('20.19.0');
    const lock = JSON.parse(readFileSync(path.join(root, 'package-lock.json'), 'utf8')) as TLockfile;
    const refusing = Object.entries(lock.packages)
      .map(([where, pkg]) => ({
        where,
        pkg,
        node: Array.isArray(pkg.engines) ? undefined : pkg.engines?.node,
      }))
      .filter(({ node }) => node !== undefined && !semver.satisfies(oldest!, node))
      .map(
        ({ where, pkg, node }) =>
          `${where.replace(/^.*node_modules\//, '')}@${pkg.version} wants node ${node}`,
      );
    expect(refusing).toEqual([]);
  });
});
