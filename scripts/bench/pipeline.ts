// The main job's benchmark (issue targets in brackets): wall time of each
// environment's workflow run on this machine with a warm Docker build cache.
//   QA [≤ 60 s]   UAT [≤ 30 s]   Prod [≤ 30 s]   (canary waits excluded, printed apart)
// A first pass warms the build cache (skip it with --no-warmup when it is warm);
// the measured pass ships the same release again (idempotent re-run, colours switch).
//   pnpm bench pipeline [-- --no-warmup] [--release NAME]
import { runPipeline } from '../../packages/local-pipeline/src/pipeline';
import { formatDuration } from '@switchyard/kit';

const targets: Record<string, number> = { qa: 60_000, uat: 30_000, prod: 30_000 };
const quietLog = () => {};
// The newest release by default: shipping an older one after a contract migration is not safe.
const at = process.argv.indexOf('--release');
const release = at > 0 ? process.argv[at + 1]! : 'third';

if (!process.argv.includes('--no-warmup')) {
  const warm = await runPipeline({ release, infraUp: true, quiet: true, log: quietLog });
  if (!warm.ok) throw new Error(`warm-up run failed: ${warm.message} (run \`pnpm pipeline\` to see why)`);
}
const t0 = performance.now();
const r = await runPipeline({ release, infraUp: false, quiet: true, log: quietLog });
const total = performance.now() - t0;
if (!r.ok) throw new Error(`measured run failed: ${r.message}`);
for (const e of r.environments) {
  const net = e.durationMs - e.canaryMs;
  const target = targets[e.environment];
  const switches = e.switches.map((s) => (s.load ? `${s.load.requests} req/${s.load.errors} err` : 'n/a')).join(', ');
  console.log(
    `${e.environment.padEnd(5)} ${formatDuration(net).padStart(7)}${e.canaryMs ? ` + canary waits ${formatDuration(e.canaryMs)}` : ''}` +
      `${target ? `   [target ≤ ${target / 1000} s: ${net <= target ? 'met' : 'MISSED'}]` : ''}${switches ? `   switches under load: ${switches}` : ''}`,
  );
}
console.log(`whole pipeline (release '${release}' ${r.version}): ${formatDuration(total)} wall`);
