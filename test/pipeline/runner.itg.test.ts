// The local workflow runner on small synthetic workflows (test/pipeline/fixtures):
// real bash steps, the real smoke-test dist against a real HTTP server, a
// reusable workflow, a matrix, failure recovery, and an unsupported action.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { repoRoot } from '@switchyard/testkit';
import { type JobRecord, LocalRunner, type RunnerOptions, type StepInfo, type WorkflowRecord } from '../../packages/local-pipeline/src/runner';

const fixtures = join(repoRoot, 'test/pipeline/fixtures');
const wfFile = (name: string) => join(fixtures, '.github/workflows', name);
let server: http.Server;
let url: string;
let state: string;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(req.url === '/version' ? { version: '2.0.0' } : { status: 'ok' }));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  state = mkdtempSync(join(tmpdir(), 'pipeline-runner-test-'));
});
afterAll(() => {
  server.close();
  rmSync(state, { recursive: true, force: true });
});

function runner(extra: Partial<RunnerOptions> = {}) {
  const lines: string[] = [];
  const steps: StepInfo[] = [];
  const r = new LocalRunner({
    repoRoot,
    workspace: fixtures,
    stateDir: state,
    workDir: state,
    repository: 'acme/shop',
    actionRepositories: ['acme/switchyard'],
    vars: { SHOP_URL: url, SERVICES: '["catalog","cart"]' },
    secrets: { DB_PASSWORD: 'sup3r-secret-pw' },
    environments: { 'wiring-env': { vars: { ONLY_IN_ENV: 'env-value' } }, uat: {}, prod: {} },
    sha: 'f'.repeat(40),
    log: (l) => lines.push(l),
    beforeStep: (info) => void steps.push(info),
    ...extra,
  });
  return { r, lines, steps };
}
const job = (rec: WorkflowRecord, id: string) => rec.jobs.find((j) => j.id === id)!;
const step = (j: JobRecord, name: string) => j.steps.find((s) => s.name === name || s.id === name)!;

describe('local runner on synthetic workflows', () => {
  let rec: WorkflowRecord;
  let lines: string[];
  let steps: StepInfo[];
  beforeAll(async () => {
    const t = runner();
    rec = await t.r.run(wfFile('wiring.yml'), { event: 'push' });
    lines = t.lines;
    steps = t.steps;
  }, 60_000);

  it('runs jobs in needs order and reports the failure of the failing job', () => {
    expect(rec.jobs.map((j) => [j.id, j.result])).toEqual([
      ['build', 'success'],
      ['smoke', 'success'],
      ['recover', 'failure'],
      ['report', 'success'],
      ['after-failure', 'skipped'],
      ['call', 'success'],
      ['use-call', 'success'],
    ]);
    expect(rec.result).toBe('failure');
    expect(rec.error).toBeUndefined();
  });

  it('expands the matrix (fromJSON, exclude, include) and passes step outputs → job outputs → needs', () => {
    const build = job(rec, 'build');
    expect(build.legs!.map((l) => [l.label, l.matrix])).toEqual([
      ['build catalog', { service: 'catalog', tier: 'web', port: 8081 }],
      ['build extra', { service: 'extra', tier: 'batch' }],
    ]);
    expect(build.outputs).toEqual({ digest: 'sha256:extra', both: 'sha256:extra/set-by-extra' });
    expect(lines).toContainEqual(expect.stringContaining('levels: hello-main job-catalog step port=8081 tier=web'));
    expect(lines).toContainEqual(expect.stringContaining('levels: hello-main job-extra step port=none tier=batch'));
    expect(lines).toContainEqual(expect.stringContaining('tool-on-path'));
    expect(lines).toContainEqual(
      expect.stringMatching(
        /✔ Run actions\/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 {2}\d+ms — local stand-in: copied .*\/test\/pipeline\/fixtures into the job's workspace/,
      ),
    );
    expect(lines).toContainEqual(expect.stringContaining('fresh-workspace'));
    expect(readFileSync(build.legs![0]!.summaryFile!, 'utf8')).toBe('## built catalog\n');
  });

  it('runs the real smoke-test dist with env, vars (environment-level too) and outputs', () => {
    const smoke = job(rec, 'smoke');
    expect(smoke.environment).toBe('wiring-env');
    expect(step(smoke, 'smoke').outputs.passed).toBe('true');
    expect(smoke.outputs).toEqual({ passed: 'true', 'digest-seen': 'sha256:extra' });
    expect(lines).toContainEqual(expect.stringContaining('passed=true env-var=env-value'));
    expect(readFileSync(smoke.summaryFile!, 'utf8')).toContain('/version');
    const info = steps.find((s) => s.action === 'smoke-test')!;
    expect(info).toMatchObject({ workflow: 'wiring.yml', job: 'smoke', environment: 'wiring-env' });
    expect(info.inputs['expect-version']).toBe('2.0.0');
  });

  it('skips after a failure, runs if: failure() and always() steps, honours continue-on-error', () => {
    const recover = job(rec, 'recover');
    expect(recover.steps.map((s) => [s.name, s.outcome, s.conclusion])).toEqual([
      ['Run exit 7', 'failure', 'success'],
      ['After soft failure', 'success', 'success'],
      ['Failing step', 'failure', 'failure'],
      ['Skipped after failure', 'skipped', 'skipped'],
      ['Recover', 'success', 'success'],
      ['Always', 'success', 'success'],
    ]);
    expect(step(recover, 'boom').note).toBe('exit code 3');
    expect(recover.outputs).toEqual({ recovered: 'yes', 'first-outcome': 'failure' });
    expect(lines).toContainEqual(expect.stringContaining('soft outcome=failure conclusion=success'));
    expect(lines).toContainEqual(expect.stringContaining('job status failure'));
    expect(lines).toContainEqual(expect.stringContaining('smoke=success recover=failure recovered=yes'));
    expect(lines.join('\n')).not.toContain('must not run');
    expect(lines.join('\n')).not.toContain('must be skipped');
  });

  it('calls a reusable workflow with typed inputs and inherited secrets, masking them', () => {
    const call = job(rec, 'call');
    expect(call.called!.jobs.map((j) => [j.id, j.result])).toEqual([['plan', 'success']]);
    expect(call.outputs).toEqual({ stack: 'shop-uat-3', 'had-secret': 'true' });
    expect(lines).toContainEqual(expect.stringContaining('the password is ***'));
    expect(lines.join('\n')).not.toContain('sup3r-secret-pw');
    expect(lines).toContainEqual(expect.stringContaining('call ok'));
  });

  it('prints every workflow, job and step with its duration', () => {
    expect(lines[0]).toMatch(/^━━ wiring\.yml \(Wiring\) · push on refs\/heads\/main · run \d+$/);
    expect(lines).toContainEqual(expect.stringMatching(/^ {4}✔ Build catalog {2}\d+(ms|\.\ds)$/));
    expect(lines).toContainEqual(expect.stringMatching(/^ {2}✖ recover failure in \d/));
    expect(lines).toContainEqual('  ▶ call → reusable.yml');
    expect(lines).toContainEqual(expect.stringMatching(/^ {6}✔ call \/ plan success in/));
    expect(lines).toContainEqual(expect.stringMatching(/^ {4}✔ reusable\.yml success in/));
    expect(lines[lines.length - 1]).toMatch(/^✖ wiring\.yml failure in/);
  });

  it('stops an unsupported action with an error naming workflow, job and step', async () => {
    const { r, lines: out } = runner();
    const res = await r.run(wfFile('unsupported.yml'), { event: 'workflow_dispatch' });
    expect(res.result).toBe('failure');
    expect(res.error).toBe(
      "unsupported.yml: job 'deploy', step 2 'Some marketplace action': 'uses: some-org/some-action@v3' is not supported by the local runner (ours: <owner>/<repo>/actions/<name> for acme/switchyard or ./actions/<name>; stand-ins: see packages/local-pipeline/src/standins.ts)",
    );
    expect(out.join('\n')).toContain('first');
  });

  it('refuses an input the action does not declare, naming workflow, job and step', async () => {
    const { r } = runner();
    const undeclared = await r.run(wfFile('bad-wiring.yml'), { event: 'workflow_dispatch', inputs: { case: 'undeclared-input' } });
    expect(undeclared.error).toBe(
      "bad-wiring.yml: job 'check', step 1 'Undeclared input': input 'checkz' is not declared in actions/smoke-test/action.yml (GitHub would only warn; the local run refuses so the wiring stays exact)",
    );
  });

  it('validates dispatch inputs, types booleans, records the environment and enforces step timeouts', async () => {
    const { r } = runner();
    await expect(r.run(wfFile('dispatch.yml'), { event: 'workflow_dispatch', inputs: { target: 'qa' } })).rejects.toThrow(
      "dispatch.yml: input 'target' must be one of uat, prod, got 'qa'",
    );
    await expect(r.run(wfFile('dispatch.yml'), { event: 'workflow_dispatch', inputs: {} })).rejects.toThrow(
      "dispatch.yml: required input 'target' was not given",
    );
    await expect(r.run(wfFile('dispatch.yml'), { event: 'push' })).rejects.toThrow("dispatch.yml: does not run on 'push'");
    const t = runner();
    const res = await t.r.run(wfFile('dispatch.yml'), { event: 'workflow_dispatch', inputs: { target: 'prod', 'dry-run': false } });
    expect(res.result).toBe('failure');
    const show = job(res, 'show');
    expect(show.environment).toBe('prod');
    expect(show.steps.map((s) => [s.outcome, s.note ?? ''])).toEqual([
      ['success', ''],
      ['failure', 'timed out after 1.2s'],
    ]);
    expect(t.lines).toContainEqual(expect.stringContaining('target=prod dry=false event=workflow_dispatch ev-input=prod'));
  }, 30_000);

  it('passes artifacts between jobs, runs post steps in reverse order, applies masks and GITHUB_ENV from actions', async () => {
    const t = runner({ actionsDir: join(fixtures, 'actions') });
    const res = await t.r.run(wfFile('artifacts-post.yml'), { event: 'push' });
    expect(existsSync(join(state, 'runs', res.runId, 'artifacts/release/release.json'))).toBe(true);
    const consume = job(res, 'consume');
    expect(consume.steps.map((s) => [s.name, s.outcome])).toEqual([
      ['Run actions/download-artifact@d3f86a106a0bac45b974a628896c90dbdf5c8093', 'success'],
      ['Read it', 'success'],
      ['Run ./actions/note-post', 'success'],
      ['Env from the action', 'success'],
      ['Run ./actions/note-post', 'success'],
      ['Run ./actions/note-post', 'failure'],
      ['Run ./actions/note-post', 'skipped'],
    ]);
    const text = t.lines.join('\n');
    expect(text).toContain('artifact ok');
    expect(text).toContain('FROM_ACTION=one echoed=one');
    expect(text).toContain('main of one; secret *** hidden');
    expect(text).not.toContain('mask-one');
    // Post steps: only for steps whose main ran, last first, with the saved state and evaluated default inputs.
    const posts = t.lines.filter((l) => l.includes('post of'));
    expect(posts.map((l) => l.replace(/^.*│ /, ''))).toEqual([
      'post of fail (token=acme/shop)',
      'post of two (token=acme/shop)',
      'post of one (token=acme/shop)',
    ]);
    expect(t.lines.filter((l) => /✔ Post /.test(l))).toHaveLength(3);
    expect(consume.result).toBe('failure');
  }, 30_000);
});
