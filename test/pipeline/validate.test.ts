// Broken workflows that GitHub rejects are rejected here too, by GitHub's own workflow parser,
// with file:line:column — and the local runner refuses them before anything runs.
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { repoRoot } from '@switchyard/testkit';
import { LocalRunner, RunnerError } from '../../packages/local-pipeline/src/runner';
import { formatProblem, validateWorkflowFile, validateWorkflowText } from '../../packages/local-pipeline/src/validate';

const job = (body: string[]) => ['on: push', 'jobs:', '  build:', ...body].join('\n') + '\n';
const steps = (...lines: string[]) => job(['    runs-on: ubuntu-latest', '    steps:', ...lines]);

// [kind, workflow text, expected "line:column: message" (message as a pattern)]
const broken: Array<[string, string, number, number, RegExp]> = [
  ['a step-key typo (wiht:)', steps('      - uses: actions/checkout@v4', '        wiht:', '          fetch-depth: 0'), 7, 9, /^Unexpected value 'wiht'$/],
  ['a missing runs-on', job(['    steps:', '      - run: echo hi']), 4, 5, /^Required property is missing: runs-on$/],
  ['secrets in an if:', steps('      - run: echo hi', "        if: secrets.TOKEN != ''"), 7, 13, /^Unrecognized named-value: 'secrets'/],
  [
    'timeout-minutes: soon',
    job(['    runs-on: ubuntu-latest', '    timeout-minutes: soon', '    steps:', '      - run: echo hi']),
    5,
    22,
    /^Unexpected value 'soon'$/,
  ],
  ['a duplicate step id', steps('      - id: same', '        run: echo 1', '      - id: same', '        run: echo 2'), 8, 13, /may not be used more than once/],
  ['on: pusj', steps('      - run: echo hi').replace('on: push', 'on: pusj'), 1, 5, /^Unexpected value 'pusj'$/],
  ['an unknown function', steps("      - run: echo ${{ contians(github.ref, 'main') }}"), 6, 19, /^Unrecognized function: 'contians'$/],
  ['an unknown context', steps('      - run: echo ${{ nosuch.value }}'), 6, 19, /^Unrecognized named-value: 'nosuch'/],
  ['a broken expression', steps('      - run: echo ${{ github.ref == }}'), 6, 19, /^Unexpected end of expression/],
  ['uses and run in one step', steps('      - uses: actions/checkout@v4', '        run: echo hi'), 7, 9, /^Unexpected value '(run|uses)'$/],
  [
    'a job that needs itself in a cycle',
    job(['    runs-on: ubuntu-latest', '    needs: build', '    steps:', '      - run: echo hi']),
    3,
    3,
    /at least one job with no dependencies|cycle/i,
  ],
  ['an unknown permission level', steps('      - run: echo hi').replace('jobs:', 'permissions:\n  contents: writ\njobs:'), 3, 13, /^Unexpected value 'writ'$/],
  ['invalid YAML', 'on: push\njobs:\n  build:\n    runs-on: [ubuntu\n', 5, 1, /Flow sequence|indented|end with a \]/],
];

describe('workflow validation with @actions/workflow-parser', () => {
  it('covers at least ten kinds of broken workflow', () => expect(broken.length).toBeGreaterThanOrEqual(10));

  it.each(broken)('rejects %s with file:line:column', async (_kind, text, line, column, message) => {
    const problems = await validateWorkflowText(text, '.github/workflows/broken.yml');
    expect(problems.length).toBeGreaterThan(0);
    const first = problems[0]!;
    expect(first.message).toMatch(message);
    expect([first.line, first.column]).toEqual([line, column]);
    expect(formatProblem(first)).toMatch(new RegExp(`^\\.github/workflows/broken\\.yml:${line}:${column}: `));
  });

  it('accepts every example workflow', async () => {
    for (const f of ['qa.yml', 'promote.yml', 'blue-green.yml'])
      expect(await validateWorkflowFile(join(repoRoot, 'workflows-examples/.github/workflows', f), f)).toEqual([]);
  });

  it('makes the local runner refuse the workflow before anything runs', async () => {
    const ws = mkdtempSync(join(tmpdir(), 'pipeline-validate-'));
    mkdirSync(join(ws, '.github/workflows'), { recursive: true });
    const file = join(ws, '.github/workflows/broken.yml');
    const marker = join(ws, 'ran');
    writeFileSync(file, job(['    steps:', `      - run: touch ${marker}`, '        wiht:', '          x: 1']));
    const lines: string[] = [];
    const runner = new LocalRunner({
      repoRoot,
      workspace: ws,
      stateDir: join(ws, 'state'),
      repository: 'acme/shop',
      actionRepositories: [],
      log: (l) => lines.push(l),
    });
    const run = runner.run(file, { event: 'push' });
    await expect(run).rejects.toThrow(RunnerError);
    await expect(runner.run(file, { event: 'push' })).rejects.toThrow(
      /2 problem\(s\) GitHub would reject the workflow for \(nothing ran\):\n {2}\.github\/workflows\/broken\.yml:4:5: Required property is missing: runs-on\n {2}\.github\/workflows\/broken\.yml:6:9: Unexpected value 'wiht'/,
    );
    expect(lines).toEqual([]);
    expect(existsSync(marker)).toBe(false); // the step never ran
  });
});
