// A release only metrics can catch, for real: the sample shop's gateway of the
// first release (blue, live) and of `releases/degraded` (green, the canary),
// each its own process on real upstream stand-ins, behind the infra's HAProxy
// under wrk keep-alive load on /healthz (the local pipeline's load path). The
// degraded gateway passes its smoke checks; the bundled switch-traffic with the
// example's own analysis file (.github/canary/prod.yml) on the real Prometheus
// stops the canary at its first step and restores the weights.
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { actionDir, repoRoot, runBundledAction } from '@switchyard/testkit';
import { startScrapedFront, waitForHttp } from './support/canary';
import { freePort, startWrk } from './support/traffic';

jest.setTimeout(90_000);
const action = actionDir('switch-traffic');
const examples = join(repoRoot, 'workflows-examples');
const procs: ChildProcess[] = [];
let upstream: http.Server;
let front: Awaited<ReturnType<typeof startScrapedFront>>;
let releaseDir: string;
let idle = '';
let live = '';
let healthy = '';

async function gateway(entry: string, color: string, version: string): Promise<string> {
  const port = await freePort();
  const base = `http://127.0.0.1:${(upstream.address() as { port: number }).port}`;
  const env = { ...process.env, PORT: String(port), RELEASE_VERSION: version, DEPLOY_COLOR: color, CATALOG_URL: base, CART_URL: base, ORDERS_URL: base };
  procs.push(spawn(process.execPath, [entry], { env, stdio: 'ignore' }));
  await waitForHttp(`http://127.0.0.1:${port}/version`);
  return `127.0.0.1:${port}`;
}

beforeAll(async () => {
  // The services behind the gateway: healthy stand-ins answering every probe.
  upstream = http.createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(req.url === '/version' ? { version: 'stand-in' } : { status: 'ok' }));
  });
  await new Promise<void>((r) => upstream.listen(0, '127.0.0.1', r));
  releaseDir = join(mkdtempSync(join(tmpdir(), 'shop-degraded-')), 'release');
  const m = spawn(process.execPath, [join(examples, 'releases/materialize.mjs'), 'degraded', releaseDir], { stdio: 'inherit' });
  await new Promise((r) => m.on('close', r));
  const blue = await gateway(join(examples, 'services/gateway/src/index.js'), 'blue', 'v1.0.0');
  const green = await gateway(join(releaseDir, 'services/gateway/src/index.js'), 'green', 'v2.0.0-degraded');
  idle = green;
  live = blue;
  healthy = await gateway(join(examples, 'services/gateway/src/index.js'), 'green', 'v1.0.1');
  front = await startScrapedFront('st-degraded', { blue, green });
});
afterAll(async () => {
  front?.proxy.stop();
  for (const p of procs) p.kill();
  await new Promise((r) => upstream?.close(r));
  if (releaseDir) rmSync(join(releaseDir, '..'), { recursive: true, force: true });
});

function prodAnalysis(front: string): string {
  // The example's analysis file, pointed at this front instead of shop-prod.
  const yaml = readFileSync(join(examples, '.github/canary/prod.yml'), 'utf8').replaceAll('front="shop-prod"', `front="${front}"`);
  const file = join(mkdtempSync(join(tmpdir(), 'degraded-analysis-')), 'prod.yml');
  writeFileSync(file, yaml);
  return file;
}

async function canary(f: Awaited<ReturnType<typeof startScrapedFront>>, file: string) {
  const load = startWrk(`http://127.0.0.1:${f.proxy.port}/healthz`, 14);
  await new Promise((r) => setTimeout(r, 3000));
  const r = await runBundledAction(action, {
    inputs: {
      provider: 'haproxy',
      'haproxy-admin': f.proxy.admin,
      'haproxy-backend': 'app',
      'haproxy-state-file': f.proxy.stateFile,
      mode: 'canary',
      to: 'green',
      steps: '10,50,100',
      'step-wait': '3s',
      'prometheus-url': f.prom,
      'analysis-file': file,
    },
    timeoutMs: 60_000,
  });
  return { r, totals: await load };
}

describe('releases/degraded under load', () => {
  it('passes its smoke checks, and the Prod analysis stops its canary at the first step', async () => {
    // Smoke checks straight at the idle colour, as the idle-colour smoke test sends them: all pass.
    const statuses: number[] = [];
    for (const path of ['/healthz', '/version', '/healthz', '/products', '/healthz']) {
      statuses.push(await fetch(`http://${idle}${path}`).then(async (r) => (await r.text(), r.status)));
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200]);

    const { r, totals } = await canary(front, prodAnalysis('st-degraded'));
    expect(r.code).toBe(1);
    const error = r.annotations.find((a) => a.level === 'error')?.message ?? '';
    expect(error).toMatch(
      /^Gate failed at step 10% to green; restored blue 100 \/ green 0 \(change haproxy-[a-z0-9-]+\):\n\[Analysis\] error-ratio(-vs-old)?: 1 failed measurement/,
    );
    // The live colour untouched; the summary shows why.
    expect(await front.proxy.weights()).toEqual({ blue: 100, green: 0 });
    expect(r.summary).toContain('failed its gate at 10% to green; weights restored');
    expect(r.summary).toMatch(/❌ \*\*10% to green\*\*: error-ratio/);
    expect(r.summary).toContain('xychart-beta');
    // It really was degraded: the load saw its 503s while green had 10 %.
    expect(totals.non2xx).toBeGreaterThan(0);
  });

  it('the same analysis lets a healthy release through, 100 % included', async () => {
    const ok = await startScrapedFront('st-degraded-ok', { blue: live, green: healthy });
    try {
      const { r, totals } = await canary(ok, prodAnalysis('st-degraded-ok'));
      expect(r.code).toBe(0);
      expect(await ok.proxy.weights()).toEqual({ blue: 0, green: 100 });
      expect(r.stdout).toContain('Analysis passed at step 100% to green');
      expect(totals.non2xx).toBe(0);
    } finally {
      ok.proxy.stop();
    }
  });
});
