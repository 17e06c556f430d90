// Real parts for the canary analysis tests and benchmark: two colour backends
// whose error ratio and latency can be changed while they run, behind the
// infra script's HAProxy with its Prometheus exporter, scraped by the infra's
// real Prometheus (scripts/infra.sh: 127.0.0.1:9390, 1 s scrapes).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { infra, repoRoot } from '@switchyard/testkit';
import { freePort, startProxy } from './traffic';

/**
 * A backend answering its colour; GET /__set?error=0.2&delay=300 (on the
 * backend itself) sets its 5xx ratio and added latency. GET /metrics: its own
 * latency histogram `canary_fixture_request_duration_seconds` (labels color,
 * code class), in Prometheus's text format.
 */
const BACKEND = `
const http = require('node:http');
const [color, port] = process.argv.slice(1);
const LE = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];
const hist = {};
let error = 0, delay = 0, n = 0;
function observe(code, s) {
  const h = (hist[code] ??= { buckets: LE.map(() => 0), count: 0, sum: 0 });
  LE.forEach((le, i) => { if (s <= le) h.buckets[i]++; });
  h.count++; h.sum += s;
}
function metrics() {
  const out = ['# TYPE canary_fixture_request_duration_seconds histogram'];
  for (const [code, h] of Object.entries(hist)) {
    const l = 'color="' + color + '",code="' + code + '"';
    LE.forEach((le, i) => out.push('canary_fixture_request_duration_seconds_bucket{' + l + ',le="' + le + '"} ' + h.buckets[i]));
    out.push('canary_fixture_request_duration_seconds_bucket{' + l + ',le="+Inf"} ' + h.count);
    out.push('canary_fixture_request_duration_seconds_sum{' + l + '} ' + h.sum);
    out.push('canary_fixture_request_duration_seconds_count{' + l + '} ' + h.count);
  }
  return out.join('\\n') + '\\n';
}
http.createServer((req, res) => {
  if (req.url.startsWith('/__set')) {
    const q = new URL(req.url, 'http://x').searchParams;
    error = Number(q.get('error') ?? 0); delay = Number(q.get('delay') ?? 0);
    res.end('ok'); return;
  }
  if (req.url === '/metrics') { res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' }); res.end(metrics()); return; }
  const t0 = process.hrtime.bigint();
  // Deterministic: exactly every (1/error)-th request fails.
  const fail = error > 0 && (++n % Math.round(1 / error)) === 0;
  setTimeout(() => {
    res.writeHead(fail ? 500 : 200, { 'content-type': 'text/plain' });
    res.end(color);
    observe(fail ? '5xx' : '2xx', Number(process.hrtime.bigint() - t0) / 1e9);
  }, delay);
}).listen(Number(port), '127.0.0.1');
`;

export function prometheusUrl(): string {
  const env = JSON.parse(readFileSync(join(infra().dir, 'prometheus', 'env.json'), 'utf8')) as { url: string };
  return env.url;
}

async function get(url: string): Promise<string> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent: false }, (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () => resolve(body));
      })
      .on('error', reject);
  });
}

/** Two controllable backends behind a fresh HAProxy front with its exporter scraped by the real Prometheus. */
export async function startCanaryFront(name: string) {
  const procs: ChildProcess[] = [];
  const addrs: Record<'blue' | 'green', string> = { blue: '', green: '' };
  for (const color of ['blue', 'green'] as const) {
    const port = await freePort();
    procs.push(spawn(process.execPath, ['-e', BACKEND, color, String(port)], { stdio: 'ignore' }));
    addrs[color] = `127.0.0.1:${port}`;
  }
  for (const a of Object.values(addrs)) await waitForHttp(`http://${a}/__set?error=0&delay=0`);
  const { proxy, prom } = await startScrapedFront(name, addrs);
  return {
    proxy,
    prometheus: prom,
    /** Sets a colour's 5xx ratio (0–1) and added latency (ms), on the backend directly. */
    set: (color: 'blue' | 'green', opts: { error?: number; delay?: number }) =>
      get(`http://${addrs[color]}/__set?error=${opts.error ?? 0}&delay=${opts.delay ?? 0}`),
    stop: () => {
      proxy.stop();
      for (const p of procs) p.kill();
    },
  };
}

export async function waitForHttp(url: string): Promise<void> {
  for (let i = 0; ; i++) {
    try {
      await get(url);
      return;
    } catch (e) {
      if (i > 200) throw e;
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

/** A fresh HAProxy front over `addrs` with its exporter and the backends' /metrics, once the real Prometheus has scraped it twice. */
export async function startScrapedFront(name: string, addrs: Record<'blue' | 'green', string>) {
  // A front left running by an interrupted run of this test would refuse the new configuration.
  spawnSync('bash', [join(repoRoot, 'scripts/infra.sh'), 'proxy', 'down', name], { stdio: 'ignore' });
  // With a metrics port, the infra's Prometheus scrapes the front's exporter and the backends' own /metrics.
  const proxy = await startProxy(name, addrs, { metricsPort: await freePort() });
  const prom = prometheusUrl();
  const until = Date.now() + 20_000;
  for (;;) {
    const seen = async (q: string) => {
      const r = JSON.parse(await get(`${prom}/api/v1/query?query=${encodeURIComponent(q)}`)) as { data: { result: { value: [number, string] }[] } };
      return Number(r.data.result[0]?.value[1] ?? 0) >= 2;
    };
    if (
      (await seen(`count_over_time(haproxy_server_current_sessions{front="${name}",server="blue"}[1m])`)) &&
      (await seen(`count_over_time(up{job="services",front="${name}"}[1m])`))
    )
      break;
    if (Date.now() > until) {
      proxy.stop();
      throw new Error(`Prometheus at ${prom} is not scraping front ${name}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return { proxy, prom };
}

/** HAProxy's per-server 5xx ratio over the step's window, for the colour `who` (new or old). */
export const haproxyErrorRatio = (front: string, who: 'new_id' | 'old_id') =>
  `sum(rate(haproxy_server_http_responses_total{front="${front}",server="{{${who}}}",code="5xx"}[{{window}}])) / sum(rate(haproxy_server_http_responses_total{front="${front}",server="{{${who}}}"}[{{window}}]))`;
