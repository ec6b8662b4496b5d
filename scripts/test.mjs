#!/usr/bin/env node
// `npm test`: lint and format check (Biome), type-check (tsc), build the dashboard if stale (the
// browser tests use it), then the whole Vitest suite; ends with one line `N passed, N failed`.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureBuilt, ensureInstalled } from './lib.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);

function run(label, cmd, args) {
  process.stdout.write(`\n▶ ${label}\n`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: process.env });
  return r.status === 0;
}

ensureInstalled(root);
let failedSteps = 0;
if (!run('lint and format (biome)', 'npx', ['biome', 'check', '.'])) {
  failedSteps++;
}
if (!run('type-check server (tsc)', 'npx', ['tsc', '-p', 'apps/server', '--noEmit'])) {
  failedSteps++;
}
if (!run('type-check dashboard (tsc)', 'npx', ['tsc', '-p', 'apps/dashboard', '--noEmit'])) {
  failedSteps++;
}
if (!run('type-check widget (tsc)', 'npx', ['tsc', '-p', 'apps/widget', '--noEmit'])) {
  failedSteps++;
}
if (!run('type-check browser tests (tsc)', 'npx', ['tsc', '-p', 'tests', '--noEmit'])) {
  failedSteps++;
}
ensureBuilt(root);

const out = path.join(root, '.tmp', 'vitest.json');
mkdirSync(path.dirname(out), { recursive: true });
rmSync(out, { force: true });
const extra = process.argv.slice(2);
run('tests (vitest)', 'npx', [
  'vitest',
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${out}`,
  ...extra,
]);

let passed = 0;
let failed = 0;
let skipped = 0;
try {
  const report = JSON.parse(readFileSync(out, 'utf8'));
  passed = report.numPassedTests;
  failed = report.numFailedTests + (report.numFailedTestSuites ?? 0) - (report.numFailedTests > 0 ? 0 : 0);
  skipped = report.numPendingTests + report.numTodoTests;
  // A file that fails to load has no failed tests but is a failure all the same.
  const brokenFiles = report.testResults.filter(
    (f) => f.status === 'failed' && f.assertionResults.length === 0,
  ).length;
  failed = report.numFailedTests + brokenFiles;
} catch {
  failed += 1;
}
failed += failedSteps;
console.log(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
