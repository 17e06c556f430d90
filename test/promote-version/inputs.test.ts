import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { InputError } from '@switchyard/kit';
import { getInputs } from '../../actions/promote-version/src/inputs';

const D = `sha256:${'c'.repeat(64)}`;
const dir = mkdtempSync(join(tmpdir(), 'promote-test-inputs-'));
const manifest = (services: Record<string, unknown>, version = '1.2.3') =>
  JSON.stringify({ schemaVersion: 1, version, commit: 'abcdef1234567', created: '2026-11-26T00:00:00Z', services });
const fileA = join(dir, 'a.json');
const fileB = join(dir, 'b.json');
writeFileSync(fileA, manifest({ catalog: { image: '127.0.0.1:5000/shop/catalog', digest: D } }));
writeFileSync(fileB, manifest({ cart: { image: '127.0.0.1:5000/shop/cart', digest: D } }));

const defaults: Record<string, string> = {
  mode: 'promote',
  environments: 'qa, uat, prod',
  tags: '{env}\n{env}-{version}',
  immutable: 'false',
  'require-verified': 'false',
  'record-state': 'success',
  'dry-run': 'false',
};
const read = (inputs: Record<string, string>) => getInputs((name) => inputs[name] ?? defaults[name] ?? '', { RUNNER_TEMP: '/runner/temp' });

describe('getInputs', () => {
  it('reads and merges several release files, with defaults', () => {
    const i = read({ 'release-file': `${fileA}\n${fileB}`, from: 'qa', to: 'uat' });
    expect(Object.keys(i.release.services).sort()).toEqual(['cart', 'catalog']);
    expect(i).toMatchObject({
      mode: 'promote',
      from: 'qa',
      to: 'uat',
      tags: ['{env}', '{env}-{version}'],
      immutable: false,
      outputFile: '/runner/temp/release-uat.json',
      deploymentId: undefined,
      dryRun: false,
    });
  });

  it('reads an inline release', () => {
    const i = read({
      release: manifest({ x: { image: 'r.io/x', digest: D } }),
      from: 'uat',
      to: 'prod',
      'commit-path': 'environments/{env}.json',
      'github-token': 't',
      'output-file': 'out/{env}.json',
    });
    expect(i.release.services.x!.digest).toBe(D);
    expect(i.commitPath).toBe('environments/prod.json');
    expect(i.outputFile).toBe('out/prod.json');
  });

  it.each([
    [{ from: 'qa', to: 'uat' }, "Input 'release-file': is required (or give the manifest inline in release)"],
    [{ 'release-file': fileA, release: '{}', from: 'qa', to: 'uat' }, "Input 'release': is set together with release-file"],
    [
      { 'release-file': join(dir, 'missing.json'), from: 'qa', to: 'uat' },
      `Input 'release-file': release manifest "${join(dir, 'missing.json')}" cannot be read: no such file`,
    ],
    [{ release: '{"version": "1"', from: 'qa', to: 'uat' }, "Input 'release': input 'release': not valid JSON"],
    [{ release: manifest({ c: { image: 'Bad Image', digest: D } }), from: 'qa', to: 'uat' }, 'field \'services.c.image\' is "Bad Image"'],
    [{ release: manifest({}), from: 'qa', to: 'uat' }, "field 'services' is empty"],
    [{ 'release-file': fileA, to: 'uat' }, "Input 'from': is required but was not set"],
    [{ 'release-file': fileA, from: 'dev', to: 'uat' }, `Input 'from': "dev" is not a known environment: expected one of qa, uat, prod`],
    [{ 'release-file': fileA, from: 'qa', to: 'uat', environments: 'QA' }, `Input 'environments': "QA" is not a valid environment name`],
    [
      { 'release-file': fileA, from: 'qa', to: 'uat', 'target-registry': 'https://r.io' },
      `Input 'target-registry': "https://r.io" is not a registry host[:port]`,
    ],
    [
      { 'release-file': fileA, from: 'qa', to: 'uat', 'target-repository-prefix': 'Prod/Shop' },
      `Input 'target-repository-prefix': "Prod/Shop" is not a repository path`,
    ],
    // An empty tags input is the documented default (as on a runner that did not apply it); a list with no tag in it is refused.
    [{ 'release-file': fileA, from: 'qa', to: 'uat', tags: '# no tags' }, "Input 'tags': is empty"],
    [{ 'release-file': fileA, from: 'qa', to: 'uat', username: 'u' }, "Input 'password': is empty but username is set"],
    [{ 'release-file': fileA, from: 'qa', to: 'uat', 'source-password': 'p' }, "Input 'source-username': is empty but source-password is set"],
    [{ 'release-file': fileA, from: 'qa', to: 'uat', 'require-verified': 'true' }, "Input 'require-verified': is true but github-token is empty"],
    [
      { 'release-file': fileA, from: 'qa', to: 'uat', 'commit-path': '../x.json', 'github-token': 't' },
      `Input 'commit-path': "../x.json" is not a relative path`,
    ],
    [{ 'release-file': fileA, from: 'qa', to: 'uat', 'commit-path': 'x.json' }, "Input 'commit-path': is set but github-token is empty"],
    [{ 'release-file': fileA, from: 'qa', to: 'uat', 'github-token': '${{ github.token }}' }, "Input 'github-token': holds an unevaluated expression"],
    [{ 'release-file': fileA, mode: 'record', to: 'uat' }, "Input 'github-token': is required in record mode"],
    [{ 'release-file': fileA, mode: 'record', to: 'uat', 'github-token': 't', 'deployment-id': 'abc' }, `Input 'deployment-id': "abc" is not a deployment ID`],
    [
      { 'release-file': fileA, mode: 'record', to: 'uat', 'github-token': 't', 'record-state': 'done' },
      `Input 'record-state': "done" is not one of success, failure, error`,
    ],
    [{ 'release-file': fileA, mode: 'copy', to: 'uat' }, `Input 'mode': "copy" is not one of promote, record`],
  ])('rejects %j', (inputs, message) => {
    expect(() => read(inputs)).toThrow(message);
  });

  it('reads insecure-registries, comma- or newline-separated, normalised', () => {
    expect(read({ 'release-file': fileA, from: 'qa', to: 'uat' }).insecureRegistries).toEqual([]);
    const i = read({
      'release-file': fileA,
      from: 'qa',
      to: 'uat',
      'insecure-registries': 'Registry.LAN:5000, 198.18.100.0/24\n# a comment\n[fd00::1]:5000\n',
    });
    expect(i.insecureRegistries).toEqual(['registry.lan:5000', '198.18.100.0/24', '[fd00::1]:5000']);
  });

  it.each([
    ['http://198.18.100.254:5000', `Input 'insecure-registries': "http://198.18.100.254:5000" has a scheme`],
    ['198.18.100.254:5000, registry.lan:5000/v2', `Input 'insecure-registries': "registry.lan:5000/v2" has a path`],
    ['198.18.100.0/40', `Input 'insecure-registries': "198.18.100.0/40" has prefix length /40, more than an ipv4 address has`],
    ['*.lan', `Input 'insecure-registries': "*.lan" is not a registry host[:port] or an IP network (CIDR)`],
  ])('rejects insecure-registries %j', (value, message) => {
    let error: unknown;
    try {
      read({ 'release-file': fileA, from: 'qa', to: 'uat', 'insecure-registries': value });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).input).toBe('insecure-registries');
    expect((error as InputError).message).toContain(message);
  });

  it('record mode needs no from and no tags', () => {
    const i = read({ 'release-file': fileA, mode: 'record', to: 'qa', 'github-token': 't', 'deployment-id': '42', tags: '' });
    expect(i).toMatchObject({ mode: 'record', from: '', to: 'qa', deploymentId: 42, recordState: 'success' });
  });
});
