// switch-traffic benchmarks (issue targets in brackets):
//  (a) route53 switch wall time, whole bundled action process, when the provider
//      reports INSYNC at once (local Route53 wire-format endpoint)               [≤ 2 s incl. start-up]
//  (b) requests and errors through each self-hosted (HAProxy) switch under
//      wrk -t2 -c20 keep-alive load; nginx reload measured the same way for contrast [0 errors]
//  (c) canary 10→50→100 total time minus the configured waits (haproxy and route53) [overhead ≤ 1 s]
// Needs the local infrastructure (scripts/infra.sh up): HAProxy, nginx, wrk, busybox.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { actionDir, runBundledAction } from '@switchyard/testkit';
import { recordXml, startFakeRoute53 } from '../../test/switch-traffic/support/fake-route53';
import { freePort, startBackends, startProxy, startWrk } from '../../test/switch-traffic/support/traffic';

const action = actionDir('switch-traffic');
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const env: Record<string, string> = {
  AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
  AWS_SECRET_ACCESS_KEY: 'x',
  AWS_REGION: 'eu-west-1',
  AWS_EC2_METADATA_DISABLED: 'true',
};
// A runner does not set NODE_EXTRA_CA_CERTS; this machine does (+85 ms per node start).
delete process.env.NODE_EXTRA_CA_CERTS;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// ---- (a) ------------------------------------------------------------------
{
  const walls: number[] = [];
  for (let i = 0; i < 7; i++) {
    const fake = await startFakeRoute53({
      zoneId: 'ZBENCH',
      zoneName: 'example.com.',
      records: [
        recordXml({ name: 'shop.example.com.', type: 'A', id: 'blue', weight: 100, ttl: 60, values: ['10.0.0.1'] }),
        recordXml({ name: 'shop.example.com.', type: 'A', id: 'green', weight: 0, ttl: 60, values: ['10.0.0.2'] }),
      ],
    });
    const r = await runBundledAction(action, {
      env,
      inputs: {
        provider: 'route53',
        mode: 'switch',
        to: 'idle',
        'hosted-zone-id': 'ZBENCH',
        'record-name': 'shop.example.com',
        'endpoint-url': fake.url,
        'drain-wait': '0s',
      },
    });
    await fake.close();
    if (r.code !== 0) throw new Error(`switch failed: ${r.stdout}`);
    walls.push(r.durationMs);
  }
  console.log(
    `(a) route53 switch, INSYNC at once, whole action process: median ${median(walls).toFixed(0)} ms over ${walls.length} runs (min ${Math.min(...walls).toFixed(0)}, max ${Math.max(...walls).toFixed(0)})   [target ≤ 2000 ms]`,
  );
}

// ---- (b) ------------------------------------------------------------------
const backends = await startBackends();
const proxy = await startProxy('switch-traffic-bench', backends.addrs);
try {
  const base = { provider: 'haproxy', 'haproxy-admin': proxy.admin, 'haproxy-backend': 'app', 'haproxy-state-file': proxy.stateFile };
  let total = { requests: 0, errors: 0 };
  for (const [i, to] of (['green', 'blue', 'green', 'blue', 'green', 'blue'] as const).entries()) {
    const load = startWrk(proxy.url, 3);
    await sleep(1000);
    const r = await runBundledAction(action, { inputs: { ...base, mode: 'switch', to } });
    const w = await load;
    if (r.code !== 0) throw new Error(`switch failed: ${r.stdout}`);
    const errors = w.non2xx + w.socketErrors;
    total = { requests: total.requests + w.requests, errors: total.errors + errors };
    console.log(
      `(b) haproxy switch ${i + 1} → ${to}: ${w.requests} requests under wrk -t2 -c20 (keep-alive), ${w.non2xx} non-2xx, ${w.socketErrors} socket errors; effective after ${r.outputs['effective-seconds']} s   [target 0 errors]`,
    );
  }
  console.log(`(b) haproxy total: ${total.requests} requests through 6 switches, ${total.errors} errors   [target 0]`);

  // The same load against nginx with the classic switch (rewrite upstream + reload), for contrast.
  const dir = mkdtempSync(join(tmpdir(), 'switch-traffic-bench-nginx-'));
  const port = await freePort();
  const upstream = (addr: string) => {
    writeFileSync(join(dir, 'upstream.tmp'), `upstream app { server ${addr}; keepalive 16; }\n`);
    renameSync(join(dir, 'upstream.tmp'), join(dir, 'upstream.conf'));
  };
  upstream(backends.addrs.blue);
  writeFileSync(
    join(dir, 'nginx.conf'),
    `worker_processes 1; pid ${dir}/nginx.pid; error_log ${dir}/error.log; events { worker_connections 1024; }
http { access_log off; include ${dir}/upstream.conf; keepalive_timeout 30s;
  server { listen 127.0.0.1:${port}; location / { proxy_pass http://app; proxy_http_version 1.1; proxy_set_header Connection ""; } } }\n`,
  );
  const nginx = (...args: string[]) => spawnSync('nginx', ['-c', join(dir, 'nginx.conf'), '-p', dir, ...args], { encoding: 'utf8' });
  nginx();
  await sleep(300);
  try {
    let reloads = 0;
    const load = startWrk(`http://127.0.0.1:${port}/`, 5);
    await sleep(500);
    for (let i = 0; i < 8; i++) {
      upstream(i % 2 ? backends.addrs.blue : backends.addrs.green);
      nginx('-s', 'reload');
      reloads++;
      await sleep(400);
    }
    const w = await load;
    console.log(
      `(b) contrast: nginx rewrite+reload, ${reloads} reloads in one wrk -t2 -c20 run: ${w.requests} requests, ${w.non2xx} non-2xx, ${w.socketErrors} socket errors (why the self-hosted provider is HAProxy)`,
    );
  } finally {
    nginx('-s', 'stop');
    rmSync(dir, { recursive: true, force: true });
  }

  // ---- (c) ----------------------------------------------------------------
  const stepWait = 1000;
  const overheads: number[] = [];
  for (let i = 0; i < 3; i++) {
    const to = i % 2 ? 'blue' : 'green';
    const r = await runBundledAction(action, { inputs: { ...base, mode: 'canary', to, steps: '10,50,100', 'step-wait': `${stepWait}ms` } });
    if (r.code !== 0) throw new Error(`canary failed: ${r.stdout}`);
    overheads.push(r.durationMs - 2 * stepWait);
  }
  console.log(
    `(c) haproxy canary 10→50→100 (step-wait 1s, 2 waits between steps): overhead median ${median(overheads).toFixed(0)} ms (whole process minus 2000 ms)   [target ≤ 1000 ms]`,
  );
} finally {
  proxy.stop();
  backends.stop();
}

{
  const overheads: number[] = [];
  for (let i = 0; i < 3; i++) {
    const fake = await startFakeRoute53({
      zoneId: 'ZBENCH',
      zoneName: 'example.com.',
      records: [
        recordXml({ name: 'shop.example.com.', type: 'A', id: 'blue', weight: 100, ttl: 60, values: ['10.0.0.1'] }),
        recordXml({ name: 'shop.example.com.', type: 'A', id: 'green', weight: 0, ttl: 60, values: ['10.0.0.2'] }),
      ],
    });
    const r = await runBundledAction(action, {
      env,
      inputs: {
        provider: 'route53',
        mode: 'canary',
        to: 'green',
        steps: '10,50,100',
        'step-wait': '1s',
        'hosted-zone-id': 'ZBENCH',
        'record-name': 'shop.example.com',
        'endpoint-url': fake.url,
        'drain-wait': '0s',
      },
    });
    await fake.close();
    if (r.code !== 0) throw new Error(`canary failed: ${r.stdout}`);
    overheads.push(r.durationMs - 2000);
  }
  console.log(
    `(c) route53 canary 10→50→100 (INSYNC at once, step-wait 1s): overhead median ${median(overheads).toFixed(0)} ms (whole process minus 2000 ms)   [target ≤ 1000 ms]`,
  );
}
