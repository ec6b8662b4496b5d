// Builds the two widget bundles into dist/ and refuses bundles over their gzipped budgets:
// the loader every page downloads (widget.js, 3 KB) and the chat loaded on demand (chat.js, 45 KB).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import * as esbuild from 'esbuild';

const dir = path.dirname(fileURLToPath(import.meta.url));
const dist = path.join(dir, 'dist');
const budgets = { 'widget.js': 3 * 1024, 'chat.js': 45 * 1024 };

async function minifiedCss(file) {
  const result = await esbuild.build({
    entryPoints: [path.join(dir, file)],
    bundle: true,
    minify: true,
    write: false,
    logLevel: 'silent',
  });
  return result.outputFiles[0].text.trim();
}

const common = {
  bundle: true,
  minify: true,
  format: 'iife',
  target: 'es2019',
  legalComments: 'none',
  logLevel: 'warning',
};

await esbuild.build({
  ...common,
  entryPoints: [path.join(dir, 'src/loader/index.ts')],
  outfile: path.join(dist, 'widget.js'),
  define: { __LOADER_CSS__: JSON.stringify(await minifiedCss('src/loader/launcher.css')) },
});

await esbuild.build({
  ...common,
  entryPoints: [path.join(dir, 'src/chat/index.tsx')],
  outfile: path.join(dist, 'chat.js'),
  jsx: 'automatic',
  jsxImportSource: 'preact',
  alias: { react: 'preact/compat', 'react-dom': 'preact/compat' },
  define: { __CHAT_CSS__: JSON.stringify(await minifiedCss('src/chat/chat.css')) },
});

let isOverBudget = false;
for (const [file, budget] of Object.entries(budgets)) {
  const bytes = readFileSync(path.join(dist, file));
  const gzipped = gzipSync(bytes, { level: 9 }).length;
  const isOver = gzipped > budget;
  isOverBudget ||= isOver;
  console.log(
    `${file.padEnd(10)} ${(bytes.length / 1024).toFixed(1).padStart(6)} KB  ${(gzipped / 1024).toFixed(2).padStart(6)} KB gzipped  (budget ${budget / 1024} KB)${isOver ? '  OVER BUDGET' : ''}`,
  );
}
if (isOverBudget) {
  console.error('widget build failed: a bundle is over its gzipped size budget');
  process.exit(1);
}
