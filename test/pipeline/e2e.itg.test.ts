// The main job end to end, for real: the example workflows (workflows-examples/)
// run by the local runner with our actions' committed dist/ bundles, on the
// local Docker/Swarm, registry, MariaDB and HAProxy fronts. Releases in a
// row: the first, the second (expand → migrate → contract), a broken one, a
// degraded one (stopped by the Prod canary's analysis on the real Prometheus;
// UAT, which has no analysis, keeps it live), an unsafe one, and a node fault:
// Prod runs on a three-host Swarm (lab 5 of scripts/lab.sh) reached over ssh://,
// and a worker dies while its idle colour deploys.
import { afterAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { infra, repoRoot } from '@switchyard/testkit';
import { loadConfig } from '../../packages/local-pipeline/src/config';
import { answeringVersion, liveColourOf, type PipelineReport, proxyWeights, runPipeline, teardown } from '../../packages/local-pipeline/src/pipeline';

const lines: string[] = [];
const log = (l: string) => {
  lines.push(l);
  if (process.env.PIPELINE_E2E_VERBOSE) process.stdout.write(`${l}\n`);
};
const tail = () => lines.slice(-80).join('\n');

async function history(database: string): Promise<Array<{ version: string | null; script: string; type: string; success: number }>> {
  const mysql = await import('mysql2/promise');
  const i = infra();
  const conn = await mysql.createConnection({ host: i.mysql.host, port: i.mysql.port, user: i.mysql.user, password: i.mysql.password, database });
  try {
    const [rows] = await conn.query('SELECT version, script, type, success FROM schema_history ORDER BY installed_rank');
    return rows as Array<{ version: string | null; script: string; type: string; success: number }>;
  } finally {
    await conn.end();
  }
}

async function liveState() {
  const cfg = loadConfig(repoRoot, infra());
  const out: Record<string, { version: string | null; colour: string | null }> = {};
  for (const e of Object.values(cfg.environments)) out[e.name] = { version: await answeringVersion(e), colour: liveColourOf(await proxyWeights(e)) };
  return { cfg, out };
}

const flipped = (c: string | null) => (c === 'blue' ? 'green' : c === 'green' ? 'blue' : null);
const versioned = (h: Awaited<ReturnType<typeof history>>) => h.filter((r) => r.version !== null).map((r) => r.version);

describe('pnpm pipeline, end to end', () => {
  // Stacks, fronts, databases and run state go when the test is done (images stay in the registry).
  afterAll(() => teardown(log), 120_000);
  let first: PipelineReport;
  let second: PipelineReport;

  it('ships the first release QA → UAT → Prod', async () => {
    // A known starting point (the command itself needs no teardown between runs).
    await teardown(log);
    first = await runPipeline({ release: 'first', infraUp: true, quiet: true, log });
    if (!first.ok) throw new Error(`first release failed: ${first.message}\n${tail()}`);
    const { cfg, out } = await liveState();
    expect(first.environments.map((e) => [e.environment, e.result])).toEqual([['qa', 'success'], ...cfg.promotions.map((p) => [p, 'success'])]);
    for (const env of ['qa', ...cfg.promotions]) expect(out[env]!.version).toBe(first.version);
    for (const env of cfg.promotions) expect(['blue', 'green']).toContain(out[env]!.colour);
    for (const env of ['qa', ...cfg.promotions]) {
      const h = await history(cfg.environments[env]!.database!.name);
      expect(versioned(h)).toEqual(['1', '2', '3']);
      expect(h.every((r) => r.success === 1)).toBe(true);
      // Only QA is seeded.
      expect(h.some((r) => r.type === 'seed')).toBe(env === 'qa');
    }
    for (const e of first.environments) expect(e.load?.errors ?? 0).toBe(0);
  }, 600_000);

  it('ships the second release through the same path, switching colours with zero errors under load', async () => {
    const before = await liveState();
    const historyBefore = await history(before.cfg.environments.uat!.database!.name);
    second = await runPipeline({ release: 'second', infraUp: false, quiet: true, log });
    if (!second.ok) throw new Error(`second release failed: ${second.message}\n${tail()}`);
    expect(second.version).not.toBe(first.version);
    const { cfg, out } = await liveState();
    for (const env of ['qa', ...cfg.promotions]) expect(out[env]!.version).toBe(second.version);
    for (const env of cfg.promotions) {
      expect(out[env]!.colour).toBe(flipped(before.out[env]!.colour));
      const rep = second.environments.find((e) => e.environment === env)!;
      // Something was live before, so every switch ran under load, and lost nothing.
      expect(rep.switches.length).toBeGreaterThan(0);
      for (const s of rep.switches) {
        expect(s.load).not.toBeNull();
        expect(s.load!.requests).toBeGreaterThan(0);
        expect(s.load!.errors).toBe(0);
      }
      expect(rep.load!.errors).toBe(0);
    }
    // Expand (V4) and migrate (V5) ran in every environment, before its switch; nothing failed.
    for (const env of ['qa', ...cfg.promotions]) {
      const h = await history(cfg.environments[env]!.database!.name);
      expect(versioned(h)).toEqual(['1', '2', '3', '4', '5']);
      expect(h.every((r) => r.success === 1)).toBe(true);
    }
    expect((await history(cfg.environments.uat!.database!.name)).slice(0, historyBefore.length)).toEqual(historyBefore);
  }, 600_000);

  it('stops the broken release at the idle-colour smoke test: live traffic never sees it', async () => {
    const before = await liveState();
    const broken = await runPipeline({ release: 'broken', infraUp: false, quiet: true, log });
    expect(broken.ok).toBe(false);
    expect(broken.stopped?.environment).toBe(before.cfg.promotions[0]);
    expect(broken.message).toMatch(/^as expected, the broken release .* was stopped in uat before any traffic moved to it/);
    const uat = broken.environments.find((e) => e.environment === 'uat')!;
    expect(uat.failedSteps.join('\n')).toMatch(/smoke/i);
    // No switch to the broken colour happened (a status read, or nothing at all).
    expect(uat.switches.filter((s) => s.mode !== 'rollback' && s.outcome === 'success')).toEqual([]);
    expect(uat.load!.errors).toBe(0);
    const { out } = await liveState();
    for (const env of before.cfg.promotions) {
      expect(out[env]!.version).toBe(second.version);
      expect(out[env]!.colour).toBe(before.out[env]!.colour);
      const h = await history(before.cfg.environments[env]!.database!.name);
      expect(versioned(h)).toEqual(['1', '2', '3', '4', '5']);
      expect(h.every((r) => r.success === 1)).toBe(true);
    }
    // Prod was never touched: the broken release was only built, verified in QA and stopped in UAT.
    expect(broken.environments.map((e) => e.environment)).toEqual(['qa', 'uat']);
  }, 600_000);

  it('stops the degraded release at the first step of the Prod canary: the analysis restores the weights, the live colour loses nothing', async () => {
    const before = await liveState();
    const prodEnv = before.cfg.environments.prod!;
    const weightsBefore = await proxyWeights(prodEnv);
    const degraded = await runPipeline({ release: 'degraded', infraUp: false, quiet: true, log });
    expect(degraded.ok).toBe(false);
    if (degraded.stopped?.environment !== 'prod') throw new Error(`degraded release not stopped in prod: ${degraded.message}\n${tail()}`);
    expect(degraded.message).toMatch(/^as expected, the broken release .* was stopped in prod by its canary, weights restored/);
    // Every smoke check and HTTP gate passes: UAT (no analysis) took it.
    expect(degraded.environments.map((e) => [e.environment, e.result])).toEqual([
      ['qa', 'success'],
      ['uat', 'success'],
      ['prod', 'failure'],
    ]);
    const prod = degraded.environments.find((e) => e.environment === 'prod')!;
    expect(prod.switches.filter((s) => s.mode === 'canary').map((s) => s.outcome)).toEqual(['failure']);
    expect(prod.failedSteps.join('\n')).toMatch(/Canary to the new colour/);
    // The summary shows why: stopped at the first step (10 %) by the analysis, with its evidence and chart.
    const summary = prod.summaries.map((f) => readFileSync(f, 'utf8')).join('\n');
    expect(summary).toMatch(/failed its gate at 10% to (blue|green); weights restored/);
    expect(summary).toMatch(/❌ \*\*10% to (blue|green)\*\*: error-ratio/);
    expect(summary).toContain('xychart-beta');
    // Weights restored; the live colour and version untouched.
    expect(await proxyWeights(prodEnv)).toEqual(weightsBefore);
    const { out } = await liveState();
    expect(out.prod).toEqual(before.out.prod);
    // HAProxy's own counters over the run: the live colour failed nothing; every error the load saw was the canary's.
    const live = before.out.prod!.colour!;
    const canary = flipped(live)!;
    expect(prod.servers![live]!.requests).toBeGreaterThan(0);
    expect(prod.servers![live]!.failed).toBe(0);
    expect(prod.servers![canary]!.failed).toBeGreaterThan(0);
    expect(prod.load!.errors).toBeLessThanOrEqual(prod.servers![canary]!.failed);
    expect(Object.keys(prod.load!.reasons).filter((r) => r !== 'HTTP 503')).toEqual([]);
    // No migration came with it.
    for (const env of ['qa', ...before.cfg.promotions])
      expect(versioned(await history(before.cfg.environments[env]!.database!.name))).toEqual(['1', '2', '3', '4', '5']);
  }, 600_000);

  it('stops the unsafe release at the migration lint in UAT: nothing applied, the live colour untouched', async () => {
    const before = await liveState();
    const uatDb = before.cfg.environments.uat!.database!.name;
    const historyBefore = await history(uatDb);
    const unsafe = await runPipeline({ release: 'unsafe', infraUp: false, quiet: true, log });
    expect(unsafe.ok).toBe(false);
    expect(unsafe.stopped?.environment).toBe('uat');
    const uat = unsafe.environments.find((e) => e.environment === 'uat')!;
    expect(uat.result).toBe('failure');
    // The expand phase refused V6 (it drops products.title, which the live release 2 reads) before anything ran.
    expect(uat.failedSteps.join('\n')).toMatch(/phase expand/);
    expect(lines.join('\n')).toContain('would break the colour that is still live; refusing phase expand before applying anything');
    expect(lines.join('\n')).toContain('V6 (V6__products_back_to_name.sql) statement 1');
    expect(await history(uatDb)).toEqual(historyBefore);
    expect(uat.switches.filter((s) => s.mode !== 'rollback' && s.outcome === 'success')).toEqual([]);
    const { out } = await liveState();
    expect(out.uat!.version).toBe(before.out.uat!.version);
    expect(out.uat!.colour).toBe(before.out.uat!.colour);
    // QA (one stack, phase all) applied it: its code reads `name` again.
    expect(versioned(await history(before.cfg.environments.qa!.database!.name))).toContain('6');
    expect(unsafe.environments.map((e) => e.environment)).toEqual(['qa', 'uat']);
  }, 600_000);
  it("keeps the live colour whole when a worker of Prod's three-host Swarm dies during the idle deploy", async () => {
    const before = await liveState();
    const live = before.out.prod!.colour!;
    // The version Prod runs, promoted again to Prod only: its idle colour is deployed while worker2 dies.
    const run = await runPipeline({
      release: 'second',
      version: second.version!,
      skipQa: true,
      to: ['prod'],
      nodeFault: true,
      infraUp: false,
      quiet: true,
      log,
    });
    expect(run.fault).toMatchObject({ environment: 'prod', lab: 5, host: 'worker2', step: 'Deploy to the idle colour', restored: true });
    if (!run.ok) throw new Error(`node-fault run: ${run.message}\n${tail()}`);
    const prod = run.environments.find((e) => e.environment === 'prod')!;
    // Load through the front the whole run (keep-alive and new connections): nothing failed, on either colour.
    expect(prod.load!.requests).toBeGreaterThan(0);
    expect(prod.load!.errors).toBe(0);
    expect(prod.servers![live]!.requests).toBeGreaterThan(0);
    for (const c of ['blue', 'green']) expect(prod.servers![c]!.failed).toBe(0);
    const { out } = await liveState();
    if (run.stopped) {
      // The action's verdict on the dead host: named in the failure, the live colour untouched.
      expect(run.stopped.environment).toBe('prod');
      expect(prod.failedSteps.join('\n')).toMatch(/Deploy to the idle colour/);
      // (the runner's own fault lines aside: the deploy action names the host it lost)
      expect(lines.filter((l) => !l.includes('node fault')).join('\n')).toMatch(/worker2/);
      expect(out.prod).toEqual(before.out.prod);
    } else {
      expect(out.prod!.version).toBe(second.version);
      expect(out.prod!.colour).toBe(flipped(live));
    }
  }, 600_000);
});
