// smoke-test benchmarks (issue targets in brackets):
//  (a) 20 checks against endpoints that each take 300 ms, through the bundled action  [≤ 1 s wall]
//  (b) cold start of the bundle failing fast on bad input, as a ratio to `node -e 0`
//      in the same run, NODE_EXTRA_CA_CERTS unset as on a runner                      [≤ 2.5×]
import { spawnSync } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { actionDir, runBundledAction } from '@switchyard/testkit';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const server = http.createServer((_req, res) => setTimeout(() => res.end('{"status":"ok"}'), 300));
await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
const checks = Array.from({ length: 20 }, (_, i) => `- { name: "check ${i}", url: "/item/${i}", json: { status: ok } }`).join('\n');
const walls: number[] = [];
for (let i = 0; i < 5; i++) {
  const r = await runBundledAction(actionDir('smoke-test'), { inputs: { 'base-url': base, checks, concurrency: 20 } });
  if (r.code !== 0) throw new Error(`smoke-test failed: ${r.stdout}`);
  walls.push(r.durationMs);
}
server.close();
console.log(`(a) 20 checks × 300 ms endpoints, whole action process: median ${median(walls).toFixed(0)} ms over ${walls.length} runs   [target ≤ 1000 ms]`);

const env = { ...process.env };
delete env.NODE_EXTRA_CA_CERTS;
const time = (args: string[], extra: Record<string, string> = {}) => {
  const t0 = performance.now();
  spawnSync(process.execPath, args, { env: { ...env, ...extra } });
  return performance.now() - t0;
};
const bundle = `${actionDir('smoke-test')}/dist/index.js`;
const bare: number[] = [];
const action: number[] = [];
for (let i = 0; i < 21; i++) {
  bare.push(time(['-e', '0']));
  action.push(time([bundle], { INPUT_CHECKS: '', INPUT_TIMEOUT: '60s' }));
}
const ratio = median(action) / median(bare);
console.log(
  `(b) cold start on bad input: node -e 0 ${median(bare).toFixed(1)} ms, smoke-test ${median(action).toFixed(1)} ms → ${ratio.toFixed(2)}× (node ${process.version})   [target ≤ 2.5×]`,
);
