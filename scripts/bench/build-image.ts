// build-image benchmark (issue 3 target in brackets): warm-cache build + push
// through the bundled action vs plain `docker build` + `docker push` of the
// same Dockerfile, in the same run, interleaved, legacy builder (no buildx here).
//
// A service image as CI builds it after a commit: the 134 MB node runtime
// base and a 5 MB dependency layer stay cached; the sources change on every
// build. Two shapes:
//  (a) sources copied in (COPY only): the smallest possible build, where the
//      action's fixed cost shows most;
//  (b) sources copied and built (`RUN node build.js` bundling them), the
//      usual shape of a service Dockerfile.                        [overhead ≤ 10%]
// On top of the plain pair, the action runs `docker buildx version`, probes the
// registry (/v2/), adds the OCI labels (one LABEL step), verifies the digest
// (HEAD + GET) and writes outputs and the summary. A third contender, plain
// build + push with the same four OCI labels as `--label` flags (what a script
// doing the same job runs), shows what the labels alone cost the legacy builder.
import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { actionDir, infra, runBundledAction } from '@switchyard/testkit';

const env = infra();
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const min = (xs: number[]) => Math.min(...xs);
const pct = (n: number) => `${n >= 0 ? '+' : ''}${n.toFixed(1)}%`;
const list = (xs: number[]) => xs.map((t) => t.toFixed(0)).join(', ');

const ctx = mkdtempSync(join(tmpdir(), 'build-test-bench-'));
mkdirSync(join(ctx, 'deps'));
mkdirSync(join(ctx, 'src'));
writeFileSync(join(ctx, 'deps/vendor.bin'), randomBytes(5 * 1024 * 1024));
writeFileSync(
  join(ctx, 'build.js'),
  "const fs = require('fs'); const out = fs.readdirSync('src').sort().map((f) => fs.readFileSync('src/' + f, 'utf8')).join('\\n'); fs.mkdirSync('dist', { recursive: true }); fs.writeFileSync('dist/bundle.js', out);\n",
);
const head = ['ARG BASE=node:24-slim', 'FROM $BASE', 'WORKDIR /app', 'COPY deps/ ./deps/', 'COPY build.js ./'];
writeFileSync(join(ctx, 'Copy.Dockerfile'), [...head, 'COPY src/ ./src/', 'CMD ["src/module0.js"]', ''].join('\n'));
writeFileSync(join(ctx, 'Build.Dockerfile'), [...head, 'COPY src/ ./src/', 'RUN ["node", "build.js"]', 'CMD ["dist/bundle.js"]', ''].join('\n'));

const plainRepo = `${env.registry}/build-test/bench-plain`;
const actionRepo = `${env.registry}/build-test/bench-action`;

function plain(dockerfile: string, tag: string, labels = false): number {
  const t0 = performance.now();
  const oci = labels
    ? [
        'source=https://github.com/switchyard/example',
        'revision=0123456789abcdef0123456789abcdef01234567',
        `created=${new Date().toISOString()}`,
        `version=${tag}`,
      ].flatMap((l) => ['--label', `org.opencontainers.image.${l}`])
    : [];
  const b = spawnSync(
    'docker',
    ['build', '--quiet', '--file', join(ctx, dockerfile), '--build-arg', `BASE=${env.images.node}`, ...oci, '--tag', `${plainRepo}:${tag}`, ctx],
    { env: { ...process.env, DOCKER_BUILDKIT: '0' } },
  );
  if (b.status !== 0) throw new Error(`docker build failed: ${b.stderr}`);
  const p = spawnSync('docker', ['push', `${plainRepo}:${tag}`]);
  if (p.status !== 0) throw new Error(`docker push failed: ${p.stderr}`);
  return performance.now() - t0;
}

async function action(dockerfile: string, tag: string): Promise<number> {
  const t0 = performance.now();
  const r = await runBundledAction(actionDir('build-image'), {
    cwd: ctx,
    inputs: { image: actionRepo, dockerfile, tags: tag, 'build-args': `BASE=${env.images.node}` },
  });
  if (r.code !== 0) throw new Error(`build-image failed:\n${r.stdout}\n${r.stderr}`);
  return performance.now() - t0;
}

/** A new commit: 40 source files (~1.6 MB) regenerated, everything before them stays cached. */
function commit(who: string, i: number): void {
  for (let f = 0; f < 40; f++)
    writeFileSync(join(ctx, `src/module${f}.js`), `// ${who} ${i} ${Date.now()}\nexport const data${f} = '${randomBytes(20_000).toString('base64')}';\n`);
}

interface Result {
  /** Overhead over plain build + push, by medians and by best runs (%). */
  median: number;
  min: number;
  extraMs: number;
  /** Overhead over plain build + push with the same labels as --label flags, by medians (%). */
  vsLabelled: number;
}

async function scenario(name: string, dockerfile: string): Promise<Result> {
  commit('plain', -1);
  plain(dockerfile, 'warm');
  commit('action', -1);
  await action(dockerfile, 'warm');
  const times: Record<'plain' | 'labelled' | 'action', number[]> = { plain: [], labelled: [], action: [] };
  const orders = [
    ['plain', 'labelled', 'action'],
    ['action', 'plain', 'labelled'],
    ['labelled', 'action', 'plain'],
  ] as const;
  for (let i = 0; i < ROUNDS; i++) {
    for (const who of orders[i % 3]!) {
      commit(who, i);
      const tag = `${name}${who[0]}${i}`;
      times[who].push(who === 'action' ? await action(dockerfile, tag) : plain(dockerfile, tag, who === 'labelled'));
    }
  }
  console.log(`(${name}) ms — plain [${list(times.plain)}]; plain + --label ×4 [${list(times.labelled)}]; action [${list(times.action)}]`);
  const [p, l, a] = [median(times.plain), median(times.labelled), median(times.action)];
  return { median: (a / p - 1) * 100, min: (min(times.action) / min(times.plain) - 1) * 100, extraMs: a - p, vsLabelled: (a / l - 1) * 100 };
}

try {
  console.log(
    `load average before: ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')} on ${cpus().length} cores (other jobs on the engine make these numbers noisy)`,
  );
  const a = await scenario('a', 'Copy.Dockerfile');
  const b = await scenario('b', 'Build.Dockerfile');
  const line = (r: Result) =>
    `overhead over plain ${pct(r.median)} by medians (${r.extraMs >= 0 ? '+' : ''}${r.extraMs.toFixed(0)} ms), ${pct(r.min)} by best runs; over plain with the same labels ${pct(r.vsLabelled)}; ${ROUNDS} interleaved rounds`;
  console.log(`(a) sources copied only: ${line(a)}   [informative: the action's fixed cost on the smallest build]`);
  console.log(`(b) sources copied and built: ${line(b)}   [target ≤ 10%]`);
} finally {
  // By id: pushed images keep a `<none>` entry (their repo digest) once untagged.
  const lines = execFileSync('docker', ['image', 'ls', '--format', '{{.ID}} {{.Repository}}']).toString().split('\n');
  const ids = [...new Set(lines.filter((l) => l.endsWith(` ${plainRepo}`) || l.endsWith(` ${actionRepo}`)).map((l) => l.split(' ')[0]!))];
  if (ids.length) spawnSync('docker', ['rmi', '--force', ...ids]);
  rmSync(ctx, { recursive: true, force: true });
}
