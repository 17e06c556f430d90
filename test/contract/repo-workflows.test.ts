// This repository's own GitHub workflows pass the offline linter, pin every
// third-party action by full commit SHA, and declare least-privilege permissions.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { parse } from 'yaml';
import { repoRoot } from '@switchyard/testkit';
import { lintWorkflowText } from '../../packages/local-pipeline/src/lint';

const dir = join(repoRoot, '.github/workflows');
const files = readdirSync(dir).filter((f) => /\.ya?ml$/.test(f));

describe.each(files)('.github/workflows/%s', (file) => {
  const text = readFileSync(join(dir, file), 'utf8');
  const doc = parse(text) as { permissions?: unknown; jobs: Record<string, { steps?: { uses?: string }[] }> };

  it('passes actionlint', async () => {
    expect(await lintWorkflowText(text, file)).toEqual([]);
  });

  it('pins third-party actions by full commit SHA with the version in a comment', () => {
    const uses = Object.values(doc.jobs).flatMap((j) => (j.steps ?? []).map((s) => s.uses).filter((u): u is string => !!u));
    expect(uses.length).toBeGreaterThan(0);
    for (const u of uses.filter((x) => !x.startsWith('./'))) expect(u).toMatch(/^[\w.-]+\/[\w./-]+@[0-9a-f]{40}$/);
    for (const line of text.split('\n').filter((l) => /uses: [\w.-]+\/[\w./-]+@[0-9a-f]{40}/.test(l))) expect(line).toMatch(/# v\d+(\.\d+)*$/);
  });

  it('declares top-level permissions, read-only by default', () => {
    expect(doc.permissions).toEqual({ contents: 'read' });
  });
});
