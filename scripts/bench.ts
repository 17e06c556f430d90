// Runs every benchmark in scripts/bench/ (or the ones named) and prints their numbers.
// Benchmarks print measurements and targets; they never fail a build on timing.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '@switchyard/testkit';

const dir = join(repoRoot, 'scripts/bench');
const only = process.argv.slice(2);
const benches = readdirSync(dir)
  .filter((f) => f.endsWith('.ts'))
  .filter((f) => only.length === 0 || only.some((o) => f.startsWith(o)))
  .sort();
let failed = 0;
for (const file of benches) {
  console.log(`\n=== ${file.replace(/\.ts$/, '')} ===`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(dir, file)], { stdio: 'inherit', cwd: repoRoot });
  if (r.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
