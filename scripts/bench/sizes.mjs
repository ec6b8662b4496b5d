// Gzipped sizes of what browsers download: the widget loader and chat bundle, the dashboard's first JS.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { root } from './lib.mjs';

const gz = (file) => gzipSync(readFileSync(file), { level: 9 }).length;

export function widgetSizes() {
  const dist = path.join(root, 'apps/widget/dist');
  const files = ['widget.js', 'chat.js'].map((f) => path.join(dist, f));
  if (!files.every((f) => existsSync(f))) {
    console.log('  building the widget (npm run build -w @parley/widget)…');
    const r = spawnSync('npm', ['run', 'build', '-w', '@parley/widget'], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
      encoding: 'utf8',
      timeout: 120_000,
    });
    if (r.status !== 0) {
      console.log(
        `  widget build exited ${r.status}: ${(r.stderr || r.stdout || '').trim().split('\n').slice(-3).join(' | ')}`,
      );
    }
  }
  if (!files.every((f) => existsSync(f))) {
    console.log('  widget not built');
    return null;
  }
  return { loader: gz(files[0]), chat: gz(files[1]) };
}

/**
 * The JS the dashboard's index.html loads before it can draw: its module script(s) and any
 * modulepreload links (Vite's shared chunks), gzipped.
 */
export function dashboardInitialJs() {
  const dist = path.join(root, 'apps/dashboard/dist');
  const indexHtml = path.join(dist, 'index.html');
  if (!existsSync(indexHtml)) {
    console.log('  dashboard not built (apps/dashboard/dist/index.html missing)');
    return null;
  }
  const html = readFileSync(indexHtml, 'utf8');
  const srcs = [
    ...[...html.matchAll(/<script[^>]*\bsrc="([^"]+\.js)"/g)].map((m) => m[1]),
    ...[...html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+\.js)"/g)].map((m) => m[1]),
  ];
  let total = 0;
  const files = [];
  for (const src of new Set(srcs)) {
    const file = path.join(dist, src.replace(/^\/app\//, '').replace(/^\//, ''));
    if (existsSync(file)) {
      const size = gz(file);
      total += size;
      files.push({ file: path.relative(root, file), size });
    }
  }
  return files.length ? { total, files } : null;
}
