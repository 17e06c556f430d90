// Canary analysis benchmarks (issue 14 targets in brackets):
//  (a) time from a regression starting (the new colour begins answering 20 % 5xx,
//      mid-step) to the weights being restored, canary 10→50→100 at step-wait 10 s,
//      analysis interval 2 s, real Prometheus scraping HAProxy every 1 s  [≤ one interval + 2 s = 4 s]
//  (b) the old colour's drain after a switch with 1.5 s requests in flight under
//      wrk keep-alive load: how long until nothing was in flight          [≤ the slowest request]
// Needs the local infrastructure (scripts/infra.sh up): HAProxy, Prometheus, wrk.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { actionDir, runBundledAction } from '@switchyard/testkit';
import { haproxyErrorRatio, startCanaryFront } from '../../test/switch-traffic/support/canary';
import { startWrk } from '../../test/switch-traffic/support/traffic';

const action = actionDir('switch-traffic');
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
delete process.env.NODE_EXTRA_CA_CERTS;

const front = await startCanaryFront('bench-canary');
try {
  const base = { provider: 'haproxy', 'haproxy-admin': front.proxy.admin, 'haproxy-backend': 'app', 'haproxy-state-file': front.proxy.stateFile };
  const file = join(mkdtempSync(join(tmpdir(), 'bench-canary-')), 'analysis.yml');
  writeFileSync(file, `interval: 2s\nmetrics:\n  - name: error-ratio\n    query: ${haproxyErrorRatio('bench-canary', 'new_id')}\n    success: "< 0.01"\n`);

  // ---- (a) ----------------------------------------------------------------
  const times: number[] = [];
  for (let i = 0; i < 3; i++) {
    await front.set('green', {});
    const load = startWrk(front.proxy.url, 22);
    await sleep(2000);
    const run = runBundledAction(action, {
      inputs: { ...base, mode: 'canary', to: 'green', steps: '10,50,100', 'step-wait': '10s', 'prometheus-url': front.prometheus, 'analysis-file': file },
      timeoutMs: 60_000,
    });
    // Wait for the first step, let it run healthy for 3-5 s, then break the new colour.
    while ((await front.proxy.weights()).green !== 10) await sleep(20);
    await sleep(3000 + i * 1000);
    await front.set('green', { error: 0.2 });
    const t0 = Date.now();
    while ((await front.proxy.weights()).green !== 0) await sleep(20);
    times.push(Date.now() - t0);
    const r = await run;
    await load;
    if (r.code !== 1 || !/\[Analysis\] error-ratio/.test(r.annotations.find((a) => a.level === 'error')?.message ?? ''))
      throw new Error(`unexpected run: ${r.stdout}`);
  }
  await front.set('green', {});
  console.log(
    `(a) regression start → weights restored: ${times.map((t) => `${(t / 1000).toFixed(2)}s`).join(', ')}; median ${(median(times) / 1000).toFixed(2)}s [target ≤ 4.00s]`,
  );

  // ---- (b) ----------------------------------------------------------------
  const drains: number[] = [];
  for (let i = 0; i < 3; i++) {
    await runBundledAction(action, { inputs: { ...base, mode: 'switch', to: 'blue', 'drain-wait': '0' } });
    await front.set('blue', { delay: 1500 });
    const load = startWrk(front.proxy.url, 5);
    await sleep(1000);
    const r = await runBundledAction(action, { inputs: { ...base, mode: 'switch', to: 'green' } });
    await load;
    const m = /blue drained: nothing in flight after (\d+)ms|blue drained: nothing in flight after ([\d.]+)s/.exec(r.stdout);
    if (!m) throw new Error(`no drain line: ${r.stdout}`);
    drains.push(m[1] ? Number(m[1]) : Number(m[2]) * 1000);
    await front.set('blue', {});
  }
  console.log(`(b) old colour drained after: ${drains.map((t) => `${t}ms`).join(', ')}; median ${median(drains)}ms [target ≤ 1500ms, the slowest request]`);
} finally {
  front.stop();
}
