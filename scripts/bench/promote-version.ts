// promote-version benchmarks (issue targets in brackets). A release of 3
// services, each ~134 MB (FROM switchyard/node-runtime:24 plus a small unique
// layer), built and pushed to the local no-auth registry first.
//  (a) promote qa → uat (same registry: tags by digest), the bundled action's
//      whole process, without and with the GitHub record (local fake API)      [≤ 1 s]
//      vs docker pull + tag + push of the same images in the same run          [≤ 0.1×]
//  (b) promote uat → prod into the other (htpasswd) registry: every blob
//      streamed across, vs docker pull + tag + push to that registry          (no target; for scale)
// A runner's engine starts cold, but this machine's engine already holds the
// base image's layers. So that `docker pull` really downloads them, the base
// layers are re-compressed once per run (same content and diff IDs, new blob
// digests, as if built elsewhere) and the services' manifests point at those
// blobs; the three services share them, as real services share a base image.
// The best case for docker (all layers local) is printed too.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { actionDir, infra, runBundledAction, type RunResult } from '@switchyard/testkit';
import { MediaType, RegistryClient, sha256 } from '@switchyard/registry';
import { startGitHubFake } from '../../test/support/github-fake';

const env = infra();
const id = randomBytes(3).toString('hex');
const services = ['catalog', 'cart', 'orders'];
const repo = (s: string) => `promote-bench/${id}/${s}`;
const dir = mkdtempSync(join(tmpdir(), 'promote-bench-'));
const dockerConfig = mkdtempSync(join(tmpdir(), 'promote-bench-docker-'));
writeFileSync(
  join(dockerConfig, 'config.json'),
  JSON.stringify({ auths: { [env.authRegistry]: { auth: Buffer.from(`${env.authUser}:${env.authPassword}`).toString('base64') } } }),
);
const docker = (args: string[], input?: string) =>
  execFileSync('docker', args, {
    input,
    encoding: 'utf8',
    env: { ...process.env, DOCKER_BUILDKIT: '0', DOCKER_CONFIG: dockerConfig },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const timed = (fn: () => void) => {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
};

// Setup: build and push the three images, then drop them from the engine so a pull has work to do.
const registry = new RegistryClient({ registry: env.registry, credentials: null });
const built: Record<string, string> = {};
for (const s of services) {
  const ref = `${env.registry}/${repo(s)}:build`;
  docker(['build', '-q', '-t', ref, '-'], `FROM ${env.images.node}\nRUN head -c 1048576 /dev/urandom > /promote-bench-${s} && echo ${s}-${id} > /id\n`);
  built[s] = /digest: (sha256:[a-f0-9]{64})/.exec(docker(['push', ref]))![1]!;
  docker(['rmi', '-f', ref]);
}
// Re-compress the base layers (all but the top one) once, with a per-run gzip header.
const first = await registry.getManifest(repo(services[0]!), built[services[0]!]!);
const baseLayers = first.parsed.layers!.slice(0, -1);
const recompressed = new Map<string, { digest: string; size: number }>();
const stamp = randomBytes(4);
for (const l of baseLayers) {
  const raw = gunzipSync(await registry.getBlobBytes(repo(services[0]!), l.digest, 1024 * 1024 * 1024));
  const gz = gzipSync(raw, { level: 1 });
  stamp.copy(gz, 4); // gzip MTIME: outside the CRC, changes the blob digest only
  const digest = sha256(gz);
  await registry.uploadBlob(repo(services[0]!), digest, gz.length, gz);
  recompressed.set(l.digest, { digest, size: gz.length });
}
const digests: Record<string, string> = {};
for (const s of services) {
  const m = await registry.getManifest(repo(s), built[s]!);
  for (const r of recompressed.values()) if (s !== services[0]) await registry.mountBlob(repo(s), r.digest, repo(services[0]!));
  const doc = JSON.parse(m.body.toString('utf8')) as { layers: { digest: string; size: number }[] };
  doc.layers = doc.layers.map((l) => ({ ...l, ...(recompressed.get(l.digest) ?? {}) }));
  digests[s] = (await registry.putManifest(repo(s), 'build', JSON.stringify(doc, null, 3), MediaType.dockerManifest)).digest;
}
const size = execFileSync('docker', ['image', 'inspect', '-f', '{{.Size}}', env.images.node], { encoding: 'utf8' }).trim();
console.log(`release: ${services.length} services, each ${(Number(size) / 1e6).toFixed(0)} MB + 1 MB (FROM ${env.images.node})`);
const releaseFile = join(dir, 'release.json');
writeFileSync(
  releaseFile,
  JSON.stringify({
    schemaVersion: 1,
    version: `bench-${id}`,
    commit: randomBytes(20).toString('hex'),
    created: new Date().toISOString(),
    services: Object.fromEntries(services.map((s) => [s, { image: `${env.registry}/${repo(s)}`, digest: digests[s] }])),
  }),
);
const check = (r: RunResult, what: string) => {
  if (r.code !== 0) throw new Error(`${what} failed:\n${r.stdout}\n${r.stderr}`);
  return r.durationMs;
};
const pullTagPush = (target: (s: string) => string) =>
  timed(() => {
    for (const s of services) {
      const src = `${env.registry}/${repo(s)}:build`;
      docker(['pull', '-q', src]);
      docker(['tag', src, target(s)]);
      docker(['push', target(s)]);
    }
  });
const cleanLocal = (refs: string[]) => {
  for (const r of refs) docker(['rmi', '-f', r]);
};

// (a) same registry.
const gh = await startGitHubFake();
const plain: number[] = [];
const recorded: number[] = [];
for (let i = 0; i < 3; i++) {
  const tags = `{env}-{version}-r${i}`;
  plain.push(
    check(
      await runBundledAction(actionDir('promote-version'), {
        inputs: { 'release-file': releaseFile, from: 'qa', to: 'uat', tags, 'require-verified': false, 'github-token': '' },
      }),
      'promote',
    ),
  );
  gh.seed({ environment: 'qa', ref: 'x', payload: { version: `bench-${id}` }, states: ['success'] });
  recorded.push(
    check(
      await runBundledAction(actionDir('promote-version'), {
        inputs: { 'release-file': releaseFile, from: 'qa', to: 'uat', tags: `${tags}-gh`, 'github-token': 'bench-token' },
        env: { GITHUB_API_URL: gh.url, GITHUB_REPOSITORY: gh.repository },
      }),
      'promote with GitHub record',
    ),
  );
}
await gh.close();
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const baselineA = pullTagPush((s) => `${env.registry}/${repo(s)}:uat-docker`);
// Docker's best case: every layer already in the engine.
const warmA = pullTagPush((s) => `${env.registry}/${repo(s)}:uat-docker2`);
cleanLocal(services.flatMap((s) => [`${env.registry}/${repo(s)}:build`, `${env.registry}/${repo(s)}:uat-docker`, `${env.registry}/${repo(s)}:uat-docker2`]));
console.log(
  `(a) qa → uat, same registry: promote-version ${seconds(median(plain))} (median of 3; ${seconds(median(recorded))} with the GitHub deployment record)   [target ≤ 1 s]`,
);
console.log(
  `    docker pull + tag + push of the same 3 images: ${seconds(baselineA)} → ratio ${(median(plain) / baselineA).toFixed(3)}× (${(median(recorded) / baselineA).toFixed(3)}× with the record)   [target ≤ 0.1×]`,
);
console.log(`    (docker's best case, all layers already in the engine: ${seconds(warmA)} → ratio ${(median(plain) / warmA).toFixed(2)}×)`);

// (b) across registries (baseline first, into its own repositories, so both upload everything).
const baselineB = pullTagPush((s) => `${env.authRegistry}/${repo(s)}-docker:prod`);
cleanLocal(services.flatMap((s) => [`${env.registry}/${repo(s)}:build`, `${env.authRegistry}/${repo(s)}-docker:prod`]));
const cross = check(
  await runBundledAction(actionDir('promote-version'), {
    inputs: {
      'release-file': releaseFile,
      from: 'uat',
      to: 'prod',
      'target-registry': env.authRegistry,
      username: env.authUser,
      password: env.authPassword,
      'require-verified': false,
      'github-token': '',
    },
  }),
  'cross-registry promote',
);
console.log(
  `(b) uat → prod into ${env.authRegistry} (every blob copied): promote-version ${seconds(cross)}; docker pull + tag + push ${seconds(baselineB)} → ratio ${(cross / baselineB).toFixed(2)}×`,
);

// Clean up the registries (deleting manifests removes their tags).
registry.close();
const clients = [
  new RegistryClient({ registry: env.registry, credentials: null }),
  new RegistryClient({ registry: env.authRegistry, username: env.authUser, password: env.authPassword }),
];
for (const c of clients) {
  for (const s of services) {
    for (const r of [repo(s), `${repo(s)}-docker`]) for (const d of [digests[s]!, built[s]!]) await c.deleteManifest(r, d).catch(() => false);
  }
  c.close();
}
