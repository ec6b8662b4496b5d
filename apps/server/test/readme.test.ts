import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The README is the first thing a new user reads: it starts with the two commands, names what must be
// installed, and describes only what the code does; what is planned sits in one labelled roadmap line.

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
const ROADMAP = /^\*\*Roadmap \(not built yet\):\*\*.*(?:\n(?!\n).*)*/m;

describe('README', () => {
  it('starts with the two commands and lists the prerequisites', () => {
    const firstBlock = readme.match(/```sh\n([\s\S]*?)```/)?.[1] ?? '';
    expect(readme.indexOf('```sh')).toBeLessThan(20);
    expect(firstBlock.split('\n')[0]).toMatch(/^npm start\b/);
    expect(firstBlock.split('\n')[1]).toMatch(/^npm test\b/);
    expect(readme).toMatch(/Prerequisites:\*\* Node\.js 20\.19 or later/);
  });

  it('keeps features that do not exist yet in the one roadmap list', () => {
    const roadmap = readme.match(ROADMAP)?.[0] ?? '';
    expect(roadmap).not.toBe('');
    const rest = readme.replace(roadmap, '');
    const planned: [RegExp, string][] = [
      [/help[- ]cent(er|re)/i, 'apps/help-center'],
      [/webhook/i, 'apps/server/src/webhooks'],
      [/\bAI\b|knowledge/i, 'apps/server/src/ai'],
      [/\b(email|SMS|voice)\b[^.\n]*channel|other channels/i, 'apps/server/src/channels'],
    ];
    for (const [claim, folder] of planned) {
      expect(roadmap, `the roadmap names ${claim}`).toMatch(claim);
      if (!existsSync(path.join(root, folder))) {
        expect(rest, `README describes ${claim} outside the roadmap`).not.toMatch(claim);
      }
    }
  });
});
