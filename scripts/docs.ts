// Regenerates the inputs/outputs tables of every action README from its
// action.yml (`pnpm run docs`); `--check` fails when one is stale.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readActionMeta, repoRoot, updateReadme } from '@switchyard/testkit';

const check = process.argv.includes('--check');
let stale = 0;
for (const name of readdirSync(join(repoRoot, 'actions')).sort()) {
  const dir = join(repoRoot, 'actions', name);
  if (!existsSync(join(dir, 'action.yml'))) continue;
  const path = join(dir, 'README.md');
  const current = readFileSync(path, 'utf8');
  const next = updateReadme(current, readActionMeta(dir));
  if (next === current) continue;
  if (check) {
    stale++;
    console.error(`✗ actions/${name}/README.md is out of date with action.yml: run \`pnpm docs\``);
  } else {
    writeFileSync(path, next);
    console.log(`updated actions/${name}/README.md`);
  }
}
process.exit(stale ? 1 : 0);
