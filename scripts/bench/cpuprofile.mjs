// Summarises a V8 .cpuprofile (node --cpu-prof): self time by function, and by package or file with
// native frames (writev, GC is left alone) charged to the nearest JavaScript caller.
import { readFileSync } from 'node:fs';

function where(url) {
  if (!url) {
    return null;
  }
  const nm = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (nm) {
    return nm[1];
  }
  const src = /apps\/server\/src\/(.+)$/.exec(url);
  if (src) {
    return `server:${src[1]}`;
  }
  return url.replace(/^file:\/\//, '');
}

/** Busy time (µs) of a profile, to tell the main thread from the module loader's worker. */
export function profileBusy(file) {
  const profile = JSON.parse(readFileSync(file, 'utf8'));
  const idle = new Set(profile.nodes.filter((n) => n.callFrame.functionName === '(idle)').map((n) => n.id));
  let busy = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    if (!idle.has(profile.samples[i])) {
      busy += profile.timeDeltas[i] ?? 0;
    }
  }
  return busy;
}

export function summariseProfile(file, top = 15) {
  const profile = JSON.parse(readFileSync(file, 'utf8'));
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) {
    for (const c of n.children ?? []) {
      parent.set(c, n.id);
    }
  }
  const self = new Map();
  for (let i = 0; i < profile.samples.length; i++) {
    self.set(profile.samples[i], (self.get(profile.samples[i]) ?? 0) + (profile.timeDeltas[i] ?? 0));
  }
  const fns = new Map();
  const pkgs = new Map();
  let busy = 0;
  let total = 0;
  const add = (m, k, v) => m.set(k, (m.get(k) ?? 0) + v);
  for (const [id, us] of self) {
    total += us;
    const cf = byId.get(id).callFrame;
    if (cf.functionName === '(idle)') {
      continue;
    }
    busy += us;
    const w = where(cf.url);
    add(
      fns,
      `${cf.functionName || '(anonymous)'}  ${w ?? '(native)'}${cf.url ? `:${cf.lineNumber + 1}` : ''}`,
      us,
    );
    let owner = w && !w.startsWith('node:') ? w : null;
    if (!owner && !cf.functionName.startsWith('(')) {
      // Native code and Node's internals (writev, crypto): charge them to the nearest caller that is
      // a package or a server file.
      for (let p = parent.get(id); p !== undefined && !owner; p = parent.get(p)) {
        const up = where(byId.get(p).callFrame.url);
        owner = up && !up.startsWith('node:') ? up : null;
      }
    }
    owner ??= w;
    add(pkgs, owner ?? cf.functionName ?? '(native)', us);
  }
  const rows = (m) =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([k, us]) => `    ${((100 * us) / Math.max(1, busy)).toFixed(1).padStart(5)}%  ${k}`);
  return [
    `  busy ${(busy / 1e6).toFixed(1)} s of ${(total / 1e6).toFixed(1)} s sampled; self time as % of busy:`,
    '  by function:',
    ...rows(fns),
    '  by package / file (native code and node: internals charged to their caller):',
    ...rows(pkgs),
  ].join('\n');
}
