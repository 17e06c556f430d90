import { describe, expect, it } from '@jest/globals';
import { ancestors, expandMatrix, jobOrder, matrixLabel, parseWorkflow } from '../../packages/local-pipeline/src/workflow';

const wf = (yaml: string) => parseWorkflow(yaml, 'test.yml');

describe('job graph', () => {
  it('orders jobs by needs, keeping file order for independent jobs', () => {
    const w = wf(`
on: push
jobs:
  deploy: { needs: [build, db], steps: [{ run: x }] }
  build: { steps: [{ run: x }] }
  smoke: { needs: deploy, steps: [{ run: x }] }
  db: { steps: [{ run: x }] }
  lint: { steps: [{ run: x }] }
`);
    expect(jobOrder(w.jobs)).toEqual(['build', 'db', 'deploy', 'smoke', 'lint']);
    expect(ancestors(w.jobs, 'smoke').sort()).toEqual(['build', 'db', 'deploy']);
    expect(w.on).toEqual({ push: {} });
  });

  it('rejects cycles, unknown needs, unknown keys and job-less workflows', () => {
    expect(() => jobOrder(wf('on: push\njobs:\n  a: { needs: b, steps: [] }\n  b: { needs: a, steps: [] }\n').jobs)).toThrow(
      'jobs form a dependency cycle: a, b',
    );
    expect(() => wf('on: push\njobs:\n  a: { needs: nope, steps: [] }\n')).toThrow("test.yml: job 'a' needs unknown job 'nope'");
    expect(() => wf('on: push\njobs:\n  a: { step: [] }\n')).toThrow("test.yml: job 'a' has an unknown key 'step'");
    expect(() => wf('on: push\n')).toThrow('test.yml: no jobs');
    expect(() => wf('on: [push\n')).toThrow(/invalid YAML/);
  });

  it('normalises the forms of on:', () => {
    expect(wf('on: [push, workflow_dispatch]\njobs: { a: { steps: [] } }').on).toEqual({ push: {}, workflow_dispatch: {} });
    expect(wf('on:\n  workflow_dispatch:\n  push: { branches: [main] }\njobs: { a: { steps: [] } }').on).toEqual({
      workflow_dispatch: {},
      push: { branches: ['main'] },
    });
  });
});

describe('matrix expansion', () => {
  it('builds the cartesian product in key order', () => {
    expect(expandMatrix({ os: ['a', 'b'], node: [22, 24] }, 'x')).toEqual([
      { os: 'a', node: 22 },
      { os: 'a', node: 24 },
      { os: 'b', node: 22 },
      { os: 'b', node: 24 },
    ]);
  });

  it('excludes partial matches, then includes (merge where compatible, else append)', () => {
    const m = expandMatrix(
      {
        fruit: ['apple', 'pear'],
        animal: ['cat', 'dog'],
        exclude: [{ fruit: 'pear', animal: 'dog' }],
        include: [
          { color: 'green' },
          { color: 'pink', animal: 'cat' },
          { fruit: 'apple', shape: 'circle' },
          { fruit: 'banana' },
          { fruit: 'banana', animal: 'cat' },
        ],
      },
      'x',
    );
    // GitHub's documented example (with one exclusion added).
    expect(m).toEqual([
      { fruit: 'apple', animal: 'cat', color: 'pink', shape: 'circle' },
      { fruit: 'apple', animal: 'dog', color: 'green', shape: 'circle' },
      { fruit: 'pear', animal: 'cat', color: 'pink' },
      { fruit: 'banana' },
      { fruit: 'banana', animal: 'cat' },
    ]);
  });

  it('uses include entries alone when there are no keys (fromJSON of a list of objects)', () => {
    expect(expandMatrix({ include: [{ service: 'catalog' }, { service: 'cart' }] }, 'x')).toEqual([{ service: 'catalog' }, { service: 'cart' }]);
    expect(matrixLabel({ service: 'cart', n: 2 })).toBe('cart, 2');
  });

  it('names the problem in bad matrices', () => {
    expect(() => expandMatrix({ service: 'catalog' }, "qa.yml: job 'build'")).toThrow("qa.yml: job 'build': matrix key 'service' must be a list");
    expect(() => expandMatrix({ service: [] }, 'j')).toThrow("j: matrix key 'service' is an empty list");
    expect(() => expandMatrix(['a'], 'j')).toThrow('j: strategy.matrix must be a mapping');
    expect(() => expandMatrix({ a: Array.from({ length: 17 }, (_, i) => i), b: Array.from({ length: 17 }, (_, i) => i) }, 'j')).toThrow(/289 combinations/);
  });
});
