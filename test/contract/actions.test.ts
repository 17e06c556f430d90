// action.yml is the single source of truth: each action's typed Inputs and
// Outputs interfaces and its README tables must agree with it.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import ts from 'typescript';
import { findDocsBlock, readActionMeta, renderActionDocs, repoRoot } from '@switchyard/testkit';

const actions = readdirSync(join(repoRoot, 'actions'))
  .filter((n) => existsSync(join(repoRoot, 'actions', n, 'action.yml')))
  .sort();

/** Property names of an exported interface in a TypeScript file, read with the compiler API. */
function interfaceKeys(file: string, name: string): string[] | undefined {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  let keys: string[] | undefined;
  source.forEachChild((node) => {
    if (ts.isInterfaceDeclaration(node) && node.name.text === name) {
      keys = node.members.filter(ts.isPropertySignature).map((m) => (ts.isIdentifier(m.name) || ts.isStringLiteral(m.name) ? m.name.text : m.name.getText()));
    }
  });
  return keys;
}
const camel = (s: string) => s.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());

it('finds the actions', () => {
  expect(actions).toContain('smoke-test');
});

describe.each(actions)('%s', (name) => {
  const dir = join(repoRoot, 'actions', name);
  const meta = readActionMeta(dir);

  it('has complete marketplace metadata and runs on node24 from dist', () => {
    expect(meta.name).not.toBe('');
    expect(meta.description).not.toBe('');
    expect(meta.author).toBeTruthy();
    expect(meta.branding?.icon).toBeTruthy();
    expect(meta.branding?.color).toBeTruthy();
    expect(meta.runs.using).toBe('node24');
    expect(meta.runs.main).toBe('dist/index.js');
    expect(existsSync(join(dir, meta.runs.main))).toBe(true);
    if (meta.runs.post) expect(existsSync(join(dir, meta.runs.post))).toBe(true);
    for (const [input, m] of Object.entries(meta.inputs)) expect(`${input}: ${m.description}`).not.toMatch(/: $/);
    for (const [output, m] of Object.entries(meta.outputs)) expect(`${output}: ${m.description}`).not.toMatch(/: $/);
  });

  it('declares typed Inputs matching action.yml inputs (camelCase)', () => {
    const keys = interfaceKeys(join(dir, 'src/inputs.ts'), 'Inputs');
    expect(keys).toBeDefined();
    expect([...keys!].sort()).toEqual(Object.keys(meta.inputs).map(camel).sort());
  });

  it('declares typed Outputs matching action.yml outputs', () => {
    const keys = interfaceKeys(join(dir, 'src/inputs.ts'), 'Outputs');
    expect(keys).toBeDefined();
    expect([...keys!].sort()).toEqual(Object.keys(meta.outputs).sort());
  });

  it('has a README whose inputs/outputs tables are generated from action.yml', () => {
    const readme = readFileSync(join(dir, 'README.md'), 'utf8');
    expect(findDocsBlock(readme).text).toBe(renderActionDocs(meta));
  });
});
