// Runs every benchmark in scripts/bench/ (or the ones named) and prints their numbers.
// Flags (--x) are passed to each benchmark: `pnpm bench pipeline --no-warmup`.
// Benchmarks print measurements and targets; they never fail a build on timing.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '@switchyard/testkit';

const dir = join(repoRoot, 'scripts/bench');
const only = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const flags = process.argv.slice(2).filter((a) => a.startsWith('--'));
const benches = readdirSync(dir)
  .filter((f) => f.endsWith('.ts'))
  .filter((f) => only.length === 0 || only.some((o) => f.startsWith(o)))
  .sort();
let failed = 0;
for (const file of benches) {
  console.log(`\n=== ${file.replace(/\.ts$/, '')} ===`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(dir, file), ...flags], { stdio: 'inherit', cwd: repoRoot });
  if (r.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
