// action.yml is the single source of truth: each action's typed Inputs and
// Outputs interfaces, its README tables and the defaults its code applies
// must agree with it.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from '@jest/globals';
import ts from 'typescript';
import { findDocsBlock, inputEnvName, readActionMeta, renderActionDocs, repoRoot } from '@switchyard/testkit';

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

/**
 * What each action needs to get through getInputs: its required inputs, and
 * the ones a valid run must add (each with no documented default, or with an
 * expression default the runner evaluates, such as `${{ github.token }}`).
 * One entry per branch that reads other defaults (provider, mode), so that
 * every documented default is read by at least one run. `dir` is the working
 * directory of the run, holding the files named here.
 */
const D = `sha256:${'d'.repeat(64)}`;
const minimal: Record<string, ((dir: string) => Record<string, string>)[]> = {
  'build-image': [() => ({ image: '127.0.0.1:5000/shop/catalog' })],
  'deploy-swarm-stack': [(dir) => ({ 'stack-name': 'shop-qa', 'stack-file': join(dir, 'stack.yml') })],
  'init-db': [
    (dir) => ({ 'database-url': 'mysql://app:pw@127.0.0.1:3306/shop', 'migrations-dir': join(dir, 'migrations') }),
    (dir) => ({
      'rds-instance-id': 'shop-uat',
      user: 'app',
      password: 'pw',
      database: 'shop',
      'aws-region': 'eu-west-1',
      'migrations-dir': join(dir, 'migrations'),
    }),
  ],
  notify: [() => ({ event: 'started', environment: 'qa', version: '2026.12.01-3f2a9c1', 'slack-token': 'xoxb-contract', 'slack-channel': 'C0123ABCD' })],
  'promote-version': [
    (dir) => ({ 'release-file': join(dir, 'release.json'), from: 'qa', to: 'uat', 'github-token': 'contract-token' }),
    (dir) => ({ 'release-file': join(dir, 'release.json'), mode: 'record', to: 'uat', 'github-token': 'contract-token' }),
  ],
  'smoke-test': [() => ({ checks: '- http://127.0.0.1:8080/health' })],
  'switch-traffic': [
    () => ({ provider: 'haproxy', 'haproxy-admin': '127.0.0.1:9999', 'haproxy-backend': 'shop' }),
    () => ({ provider: 'route53', 'hosted-zone-id': 'Z0123456789ABC', 'record-name': 'shop.example.com', 'aws-region': 'eu-west-1' }),
  ],
};

function writeFixtures(dir: string): void {
  writeFileSync(join(dir, 'Dockerfile'), 'FROM scratch\n');
  writeFileSync(join(dir, 'stack.yml'), `services:\n  web:\n    image: 127.0.0.1:5000/shop/web@${D}\n`);
  mkdirSync(join(dir, 'migrations'));
  writeFileSync(
    join(dir, 'release.json'),
    JSON.stringify({
      schemaVersion: 1,
      version: '2026.12.01-3f2a9c1',
      commit: '3f2a9c1',
      created: '2026-12-01T00:00:00Z',
      services: { web: { image: '127.0.0.1:5000/shop/web', digest: D } },
    }),
  );
}

/** A value as plain data, so that deep equality sees through URLs, Maps, Sets and class instances. */
function plain(v: unknown): unknown {
  if (v === null || typeof v !== 'object') return typeof v === 'function' ? `[function ${v.name}]` : v;
  if (v instanceof URL) return { URL: v.href };
  if (v instanceof Map) return { Map: [...v.entries()].map(([k, x]) => [plain(k), plain(x)]) };
  if (v instanceof Set) return { Set: [...v].map(plain) };
  if (v instanceof RegExp || v instanceof Date) return { [v.constructor.name]: String(v) };
  if (Buffer.isBuffer(v)) return { Buffer: v.toString('base64') };
  if (Array.isArray(v)) return v.map(plain);
  const out: Record<string, unknown> = {};
  const kind = Object.getPrototypeOf(v)?.constructor?.name;
  if (kind && kind !== 'Object') out['(class)'] = kind;
  for (const [k, x] of Object.entries(v)) out[k] = plain(x);
  return out;
}

/**
 * Runs an action's getInputs with exactly these INPUT_* variables set (as the
 * runner sets them), in `dir`. Adds the INPUT_* names it read to `read`.
 */
async function inputsWith(name: string, env: Record<string, string>, dir: string, read: Set<string>): Promise<unknown> {
  const saved = Object.entries(process.env).filter(([k]) => k.startsWith('INPUT_'));
  for (const [k] of saved) delete process.env[k];
  const cwd = process.cwd();
  const real = process.env;
  try {
    for (const [input, value] of Object.entries(env)) process.env[inputEnvName(input)] = value;
    process.chdir(dir);
    process.env = new Proxy(real, {
      get(target, key) {
        if (typeof key === 'string' && key.startsWith('INPUT_')) read.add(key);
        return Reflect.get(target, key) as unknown;
      },
    });
    const mod = (await import(pathToFileURL(join(repoRoot, 'actions', name, 'src/inputs.ts')).href)) as { getInputs: () => unknown };
    return plain(await mod.getInputs());
  } finally {
    process.env = real;
    process.chdir(cwd);
    for (const k of Object.keys(process.env)) if (k.startsWith('INPUT_')) delete process.env[k];
    for (const [k, v] of saved) process.env[k] = v;
  }
}

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

  it('applies the defaults action.yml documents: unset optional inputs read the same as their documented defaults', async () => {
    const fixtures = minimal[name];
    if (!fixtures) throw new Error(`test/contract/actions.test.ts: add ${name} to \`minimal\` (the inputs a valid run of it needs)`);
    const evaluated = (d: string | undefined) => d !== undefined && d.includes('${{');
    const covered = new Set<string>();
    for (const fixture of fixtures) {
      const read = new Set<string>();
      const dir = mkdtempSync(join(tmpdir(), `contract-defaults-${name}-`));
      writeFixtures(dir);
      const given = fixture(dir);
      for (const input of Object.keys(given)) {
        const m = meta.inputs[input];
        expect(`${input}: ${m ? 'declared' : 'not in action.yml'}`).toBe(`${input}: declared`);
        // A given input selects a branch (mode, provider); its documented default is compared by the runs that leave it unset.
        expect(`${input}: ${given[input]}`).not.toBe(`${input}: ${m!.default}`);
      }
      const documented: Record<string, string> = {};
      for (const [input, m] of Object.entries(meta.inputs))
        if (!(input in given) && m.default !== undefined && m.default !== '' && !evaluated(m.default)) documented[input] = m.default;
      const unset = await inputsWith(name, given, dir, read);
      const defaulted = await inputsWith(name, { ...given, ...documented }, dir, read);
      expect(unset).toEqual(defaulted);
      for (const input of Object.keys(meta.inputs)) if (!(input in given) && read.has(inputEnvName(input))) covered.add(input);
    }
    // Every documented default was read, unset, by some run above: none escaped the comparison.
    const unread = Object.entries(meta.inputs)
      .filter(([input, m]) => m.default !== undefined && m.default !== '' && !evaluated(m.default) && !covered.has(input))
      .map(([input]) => input);
    expect(unread).toEqual([]);
  });

  it('has a README whose inputs/outputs tables are generated from action.yml', () => {
    const readme = readFileSync(join(dir, 'README.md'), 'utf8');
    expect(findDocsBlock(readme).text).toBe(renderActionDocs(meta));
  });
});
