// Cold start of every action on its fail-fast path (no inputs at all, so each fails on its
// first required input), as a ratio to `node -e 0` measured interleaved in the same run.
// NODE_EXTRA_CA_CERTS is unset, as on a GitHub runner.                         [each ≤ 2.0×]
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '@switchyard/testkit';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const env: Record<string, string | undefined> = {};
for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('INPUT_') && !k.startsWith('GITHUB_') && k !== 'NODE_EXTRA_CA_CERTS') env[k] = v;

const actions = readdirSync(join(repoRoot, 'actions'))
  .filter((a) => existsSync(join(repoRoot, 'actions', a, 'dist/index.js')))
  .sort();
const runs = 21;
const time = (args: string[]) => {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, { env, encoding: 'utf8' });
  return { ms: performance.now() - t0, code: r.status, out: r.stdout };
};

const bare: number[] = [];
const per = new Map<string, number[]>(actions.map((a) => [a, []]));
for (let i = 0; i < runs; i++) {
  bare.push(time(['-e', '0']).ms);
  for (const a of actions) {
    const r = time([join(repoRoot, 'actions', a, 'dist/index.js')]);
    // The path measured must be the fail-fast one: exit 1 with an error annotation.
    if (r.code !== 1 || !r.out.includes('::error')) throw new Error(`${a}: expected a fail-fast exit 1 with ::error, got ${r.code}: ${r.out.slice(0, 300)}`);
    per.get(a)!.push(r.ms);
  }
}
const base = median(bare);
console.log(`node -e 0: ${base.toFixed(1)} ms (median of ${runs}, node ${process.version})`);
let over = 0;
for (const a of actions) {
  const m = median(per.get(a)!);
  const ratio = m / base;
  if (ratio > 2) over++;
  console.log(`${a.padEnd(20)} ${m.toFixed(1).padStart(7)} ms  ${ratio.toFixed(2)}×   [target ≤ 2.0×]${ratio > 2 ? '  OVER' : ''}`);
}
console.log(`${actions.length - over}/${actions.length} actions within the target`);
