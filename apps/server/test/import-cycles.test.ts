import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

// Features depend on lower features, never in a circle; a reaction that would point upward goes
// through a hook (platform/hooks.ts) registered in app.ts. Type-only imports count: a feature that
// needs another's types depends on it all the same. Another feature's `tables.ts` does not: the
// tables are one database schema (src/schema.ts), and a foreign key or a join follows the
// database's references, which run the other way from the code's (decision 0014).
const SRC = resolve(dirname(fileURLToPath(import.meta.url)), '../src');

type TGraph = Map<string, Set<string>>;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      return sourceFiles(path);
    }
    return path.endsWith('.ts') && !path.endsWith('.test.ts') && !path.endsWith('.d.ts') ? [path] : [];
  });
}

/** Each source file (relative to src) → the source files it imports. */
function fileGraph(): TGraph {
  const graph: TGraph = new Map();
  for (const file of sourceFiles(SRC)) {
    const imports = ts.preProcessFile(readFileSync(file, 'utf8'), true, true).importedFiles;
    const targets = imports
      .filter((imported) => imported.fileName.startsWith('.'))
      .map((imported) => relative(SRC, resolve(dirname(file), imported.fileName)))
      .filter((target) => !target.startsWith('..'));
    graph.set(relative(SRC, file), new Set(targets));
  }
  return graph;
}

/** The feature of a file: its first folder under src (a file at the top is its own). */
function featureOf(file: string) {
  return file.split('/')[0] ?? file;
}

const isTables = (file: string) => file.endsWith('/tables.ts');

function featureGraph(files: TGraph): TGraph {
  const graph: TGraph = new Map();
  for (const [file, targets] of files) {
    const from = featureOf(file);
    const edges = graph.get(from) ?? new Set();
    for (const target of targets) {
      if (featureOf(target) !== from && !isTables(target)) {
        edges.add(featureOf(target));
      }
    }
    graph.set(from, edges);
  }
  return graph;
}

/** The strongly connected parts of more than one node (Tarjan): each holds at least one cycle. */
function cycles(graph: TGraph): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const found: string[][] = [];
  const visit = (node: string) => {
    index.set(node, index.size);
    low.set(node, index.get(node) ?? 0);
    stack.push(node);
    for (const next of graph.get(node) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node) ?? 0, low.get(next) ?? 0));
      } else if (stack.includes(next)) {
        low.set(node, Math.min(low.get(node) ?? 0, index.get(next) ?? 0));
      }
    }
    if (low.get(node) === index.get(node)) {
      const part: string[] = [];
      let member: string | undefined;
      do {
        member = stack.pop();
        if (member !== undefined) {
          part.push(member);
        }
      } while (member !== undefined && member !== node);
      if (part.length > 1) {
        found.push(part.sort());
      }
    }
  };
  for (const node of [...graph.keys()].sort()) {
    if (!index.has(node)) {
      visit(node);
    }
  }
  return found;
}

/** Each import inside a cycle, `from → to`, so a failure names the lines to change. */
function describeCycle(part: string[], files: TGraph, byFeature: boolean) {
  const members = new Set(part);
  const key = byFeature ? featureOf : (file: string) => file;
  const lines: string[] = [];
  for (const [file, targets] of files) {
    for (const target of targets) {
      const [from, to] = [key(file), key(target)];
      const counts = !byFeature || !isTables(target);
      if (counts && from !== to && members.has(from) && members.has(to)) {
        lines.push(`${file} → ${target}`);
      }
    }
  }
  return `${part.join(' ⇄ ')}:\n  ${lines.sort().join('\n  ')}`;
}

describe('server imports', () => {
  const files = fileGraph();

  it('reads the import graph of the whole server', () => {
    expect(files.size).toBeGreaterThan(100);
    expect(files.get('app.ts')?.has('platform/hooks.ts')).toBe(true);
  });

  it('has no cycle between features', () => {
    const found = cycles(featureGraph(files)).map((part) => describeCycle(part, files, true));
    expect(found, found.join('\n\n')).toEqual([]);
  });

  it('has no cycle between files', () => {
    const found = cycles(files).map((part) => describeCycle(part, files, false));
    expect(found, found.join('\n\n')).toEqual([]);
  });
});
