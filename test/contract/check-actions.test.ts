import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { repoRoot } from '@switchyard/testkit';
// @ts-expect-error plain ESM script without types
import { checkAction } from '../../scripts/check-actions.mjs';

const good = readFileSync(join(repoRoot, 'actions/smoke-test/action.yml'), 'utf8');
function actionWith(yml: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'check-action-'));
  writeFileSync(join(dir, 'action.yml'), yml);
  mkdirSync(join(dir, 'dist'));
  writeFileSync(join(dir, 'dist/index.js'), '');
  return dir;
}

describe('check-actions', () => {
  it('accepts a complete node24 action (the validator false positive on node24 is filtered)', () => {
    expect(checkAction(actionWith(good))).toEqual([]);
  });
  it('still reports real schema errors', () => {
    const problems = checkAction(actionWith(good.replace('    description: Path of a YAML file', '    descrption: Path of a YAML file'))) as string[];
    expect(problems).toContain("schema: /inputs/checks-file Property conditions are not met (Additional property 'descrption' is not allowed)");
    expect(problems).toContain('input checks-file: no description');
  });
  it('rejects other runtimes, missing branding and undocumented outputs', () => {
    const yml = good
      .replace('using: node24', 'using: node20')
      .replace(/branding:\n( {2}.*\n)+/, '')
      .replace('    description: JSON list of the names of the checks that failed.', '    description: ""');
    const problems = checkAction(actionWith(yml)) as string[];
    expect(problems).toEqual(
      expect.arrayContaining(['missing branding.icon or branding.color', 'output failed-checks: no description', 'runs.using is "node20", expected node24']),
    );
  });
});
