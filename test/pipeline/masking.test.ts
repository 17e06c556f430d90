// The local runner masks secrets and ::add-mask:: values in every log line, in plain and
// URL-encoded form (as they appear in connection strings), on a real bash step.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from '@jest/globals';
import { repoRoot } from '@switchyard/testkit';
import { LocalRunner } from '../../packages/local-pipeline/src/runner';

it('masks secrets and added masks, plain and URL-encoded', async () => {
  const ws = mkdtempSync(join(tmpdir(), 'pipeline-mask-'));
  mkdirSync(join(ws, '.github/workflows'), { recursive: true });
  const file = join(ws, '.github/workflows/mask.yml');
  writeFileSync(
    file,
    [
      'on: push',
      'jobs:',
      '  show:',
      '    runs-on: ubuntu-latest',
      '    steps:',
      '      - run: |',
      '          echo "password ${{ secrets.DB_PASSWORD }} in mysql://app:p%40ss%2Fw0rd@db/shop"',
      '          echo "::add-mask::tok en/42"',
      '          echo "token tok en/42 or tok%20en%2F42"',
      '',
    ].join('\n'),
  );
  const lines: string[] = [];
  const runner = new LocalRunner({
    repoRoot,
    workspace: ws,
    stateDir: join(ws, 'state'),
    workDir: ws,
    repository: 'acme/shop',
    actionRepositories: [],
    secrets: { DB_PASSWORD: 'p@ss/w0rd' },
    log: (l) => lines.push(l),
  });
  const rec = await runner.run(file, { event: 'push' });
  expect(rec.result).toBe('success');
  const log = lines.join('\n');
  expect(log).toContain('│ password *** in mysql://app:***@db/shop');
  expect(log).toContain('│ token *** or ***');
  expect(log).not.toMatch(/p@ss|p%40ss|tok en|tok%20en/);
});
