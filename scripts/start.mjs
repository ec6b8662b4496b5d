#!/usr/bin/env node
// `npm start`: install what is missing, build what is stale, then run the server (which migrates).
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureBuilt, ensureInstalled, SERVER_BUNDLE, serverNodeArgs } from './lib.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);
ensureInstalled(root);
ensureBuilt(root);

const child = spawn(process.execPath, [...serverNodeArgs(process.env), SERVER_BUNDLE], {
  stdio: 'inherit',
  env: process.env,
});
// Ctrl-C reaches the server through the terminal's process group; forward signals sent to us alone.
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => child.kill(signal));
}
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
