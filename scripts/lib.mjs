// Shared by the start and test scripts: install what is missing, rebuild what is stale.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

function sh(cmd, args, cwd, env = process.env) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', cwd, env });
  if (r.status !== 0) {
    console.error(`\n${cmd} ${args.join(' ')} failed`);
    process.exit(r.status ?? 1);
  }
}

/** Installs dependencies when node_modules is missing or older than the lock file. */
export function ensureInstalled(root) {
  const marker = path.join(root, 'node_modules', '.package-lock.json');
  const lock = path.join(root, 'package-lock.json');
  if (!existsSync(marker) || (existsSync(lock) && statSync(lock).mtimeMs > statSync(marker).mtimeMs + 1000)) {
    console.log('Installing dependencies…');
    sh('npm', [existsSync(lock) ? 'ci' : 'install', '--no-audit', '--no-fund'], root);
  }
}

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist') {
      continue;
    }
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

function buildIfStale(root, workspace, folder, output) {
  const app = path.join(root, 'apps', folder);
  const built = path.join(app, 'dist', output);
  const sources = Math.max(newestMtime(app), newestMtime(path.join(root, 'packages', 'shared')));
  if (!existsSync(built) || statSync(built).mtimeMs < sources) {
    console.log(`Building ${folder}…`);
    // Always the production build, also when called from a test runner (which sets NODE_ENV=test and
    // would otherwise get React's development build, unminified).
    sh('npm', ['run', 'build', '-w', workspace], root, { ...process.env, NODE_ENV: 'production' });
  }
}

export const SERVER_BUNDLE = path.join('apps', 'server', 'dist', 'bundle', 'server.mjs');

/**
 * Node's options for the server process. With the embedded database (no DATABASE_URL) PostgreSQL runs
 * inside the process, so the JavaScript heap's young generation is kept small (4 MB semi-spaces instead
 * of 16): short-lived garbage is collected sooner and the process stays under 600 MB while it ingests
 * a thousand visitors' messages, at the same throughput.
 */
export function serverNodeArgs(env) {
  return env.DATABASE_URL ? [] : ['--max-semi-space-size=4'];
}

/**
 * The server as one ES module (dependencies stay in node_modules): it starts faster and uses less
 * memory than compiling TypeScript at run time. It sits two folders below apps/server, like the
 * sources, so paths to migrations and built apps resolve the same way.
 */
function bundleServerIfStale(root) {
  const out = path.join(root, SERVER_BUNDLE);
  const sources = Math.max(
    newestMtime(path.join(root, 'apps', 'server', 'src')),
    newestMtime(path.join(root, 'packages', 'shared')),
  );
  if (!existsSync(out) || statSync(out).mtimeMs < sources) {
    console.log('Building the server…');
    // Loaded here, not at the top: on a fresh clone this module runs before dependencies are installed.
    const esbuild = createRequire(import.meta.url)('esbuild');
    esbuild.buildSync({
      absWorkingDir: root,
      entryPoints: ['apps/server/src/index.ts'],
      bundle: true,
      platform: 'node',
      format: 'esm',
      packages: 'external',
      target: 'node20',
      outfile: SERVER_BUNDLE,
      logLevel: 'warning',
    });
  }
}

/** Builds the server, the dashboard and the widget when their output is missing or older than their sources. */
export function ensureBuilt(root) {
  bundleServerIfStale(root);
  buildIfStale(root, '@parley/dashboard', 'dashboard', 'index.html');
  buildIfStale(root, '@parley/widget', 'widget', 'widget.js');
}
