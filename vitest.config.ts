import { existsSync } from 'node:fs';
import { defineConfig } from 'vitest/config';

// Every project loads it: a connection to anything but loopback fails the test that made it.
const setupFiles = ['tests/outbound-guard.mjs'];

const serverProject = (engine: 'pglite' | 'postgres') => ({
  test: {
    name: `server-${engine}`,
    include: ['apps/server/**/*.test.ts'],
    env: { PARLEY_TEST_ENGINE: engine },
    setupFiles,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});

// Pure rules shared by the apps (text, templates), tested without a server or a browser.
const unit = { test: { name: 'unit', include: ['packages/shared/**/*.test.ts'], setupFiles } };

const projects = [unit, serverProject('pglite')];
if (process.env.TEST_DATABASE_URL) {
  projects.push(serverProject('postgres'));
}
const e2e = {
  test: {
    name: 'e2e',
    include: ['tests/e2e/**/*.test.ts'],
    setupFiles,
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // A browser on a busy machine can take more than the default second to show a change.
    expect: { poll: { timeout: 10_000 } },
  },
};

export default defineConfig({
  test: {
    projects: existsSync('/usr/bin/chromium') || process.env.CI ? [...projects, e2e] : projects,
    pool: 'forks',
    maxWorkers: 2,
  },
});
