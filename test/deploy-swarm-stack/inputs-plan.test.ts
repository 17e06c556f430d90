import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { getInputs, parseEnvFile } from '../../actions/deploy-swarm-stack/src/inputs';
import { checkRendered, makePlan } from '../../actions/deploy-swarm-stack/src/plan';

const dir = mkdtempSync(join(tmpdir(), 'dss-unit-'));
const file = (name: string, text: string) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};
const D = `sha256:${'a'.repeat(64)}`;
const stack = file('stack.yml', 'version: "3.8"\nservices:\n  web:\n    image: reg.example.com/shop/web:${TAG:-latest}\n  proxy:\n    image: haproxy:2.8\n');
const over = file('stack.prod.yml', 'version: "3.8"\nservices:\n  web:\n    environment:\n      DB: ${DB_HOST}\n');
const release = file('release.json', JSON.stringify({ version: '1.2.3', commit: 'abc', services: { web: { image: 'reg.example.com/shop/web', digest: D } } }));
const source = (values: Record<string, string>) => (name: string) => values[name] ?? '';
const base = { 'stack-name': 'shop-qa', 'stack-file': `${stack}\n${over}`, 'release-file': release, 'allow-unpinned': 'haproxy', env: 'DB_HOST=db.internal' };
const KEY = '-----BEGIN OPENSSH PRIVATE KEY-----\nabc\n-----END OPENSSH PRIVATE KEY-----';

describe('inputs', () => {
  it('reads and types every input', async () => {
    const i = await getInputs(source({ ...base, timeout: '90s', 'pending-grace': '5s', prune: 'true' }));
    expect(i.stackName).toBe('shop-qa');
    expect(i.stackFile.map((f) => f.path)).toEqual([stack, over]);
    expect(i.releaseFile?.version).toBe('1.2.3');
    expect([i.timeout, i.pendingGrace, i.prune, i.rollbackOnFailure, i.withRegistryAuth]).toEqual([90_000, 5000, true, true, false]);
    expect(i.dockerHost).toBeUndefined();
  });

  it.each([
    [{ 'stack-name': 'shop qa' }, /Input 'stack-name': "shop qa" is not valid/],
    [{ 'stack-file': '' }, /Input 'stack-file': is required/],
    [{ 'release-file': join(dir, 'nope.json') }, /Input 'release-file': release manifest ".*nope.json" cannot be read/],
    [{ env: 'NOT A PAIR' }, /Input 'env': "NOT A PAIR" is not KEY=value/],
    [{ 'env-file': join(dir, 'missing.env') }, /Input 'env-file': ".*missing.env" cannot be read/],
    [{ timeout: 'soon' }, /Input 'timeout': "soon" is not a duration/],
    [{ 'rollback-on-failure': 'yes' }, /Input 'rollback-on-failure': "yes" is not a boolean/],
    [
      { 'docker-host': 'ssh://root@host:2222', 'ssh-private-key': KEY, 'ssh-known-hosts': 'host ssh-ed25519 AAAA' },
      /Input 'ssh-known-hosts': has no key for \[host\]:2222/,
    ],
    [{ 'docker-host': 'ssh://root@host' }, /Input 'ssh-private-key': is required with docker-host "ssh:\/\/root@host"/],
  ])('rejects %j', async (bad, message) => {
    await expect(getInputs(source({ ...base, ...bad }))).rejects.toThrow(message);
  });

  it('reads .env files like compose', () => {
    expect([...parseEnvFile('# c\nA=1\nexport B="two words"\nC=\'x=y\'\n\n', 'f')]).toEqual([
      ['A', '1'],
      ['B', 'two words'],
      ['C', 'x=y'],
    ]);
    expect(() => parseEnvFile('A=1\nnope\n', '.env')).toThrow('Input \'env-file\': .env line 2: "nope" is not KEY=value');
  });
});

describe('plan', () => {
  it('pins release images in an override file with the same compose version, and keeps allowed ones', async () => {
    const plan = makePlan(await getInputs(source(base)), {});
    expect(plan.services).toEqual(['web', 'proxy']);
    expect(plan.override).toBe(`version: "3.8"\nservices:\n  "web":\n    image: "reg.example.com/shop/web@${D}"\n`);
    expect(plan.env.DB_HOST).toBe('db.internal');
    expect(() => checkRendered({ services: { web: { image: `reg.example.com/shop/web@${D}` }, proxy: { image: 'haproxy:2.8' } } }, plan)).not.toThrow();
    expect(() => checkRendered({ services: { web: { image: 'reg.example.com/shop/web:latest' }, proxy: { image: 'haproxy:2.8' } } }, plan)).toThrow(
      /renders service web with image reg.example.com\/shop\/web:latest/,
    );
  });

  it('env wins over env-file, which wins over the job environment', async () => {
    const envFile = file('vars.env', 'DB_HOST=from-file\nTAG=7\n');
    const plan = makePlan(await getInputs(source({ ...base, 'env-file': envFile })), { DB_HOST: 'from-job', TAG: '1' });
    expect([plan.env.DB_HOST, plan.env.TAG]).toEqual(['db.internal', '7']);
  });

  it('names every unset variable and the files', async () => {
    await expect(async () => makePlan(await getInputs(source({ ...base, env: '' })), {})).rejects.toThrow(
      /variable\(s\) used in .*stack.yml, .*stack.prod.yml but not set: DB_HOST/,
    );
  });

  it('refuses images in neither the release nor allow-unpinned', async () => {
    await expect(async () => makePlan(await getInputs(source({ ...base, 'allow-unpinned': '' })), {})).rejects.toThrow(
      "Input 'release-file': service image(s) in neither the release nor allow-unpinned: proxy (haproxy:2.8)",
    );
  });

  it('writes no override without a release', async () => {
    const plan = makePlan(await getInputs(source({ ...base, 'release-file': '' })), {});
    expect(plan.override).toBeUndefined();
    expect(plan.pins.images.get('web')?.how).toBe('unpinned');
  });
});

describe('images after interpolation', () => {
  const tagged = file('tagged.yml', 'services:\n  web:\n    image: reg.example.com/shop/web:${TAG}\n  proxy:\n    image: haproxy:2.8\n');
  const plan = async (extra: Record<string, string>, job: Record<string, string> = {}) =>
    makePlan(await getInputs(source({ ...base, 'stack-file': tagged, 'release-file': '', ...extra })), job);

  it('names the env input, the variable and the value', async () => {
    await expect(plan({ env: 'TAG=bad tag' })).rejects.toThrow(
      /^Input 'env': service web: image "reg.example.com\/shop\/web:\$\{TAG\}" with TAG="bad tag" \(from env\) is "reg.example.com\/shop\/web:bad tag", which has tag "bad tag"/,
    );
  });

  it('names the env-file input when the value came from there', async () => {
    const envFile = file('bad.env', 'TAG=-nope\n');
    await expect(plan({ env: '', 'env-file': envFile })).rejects.toThrow(/^Input 'env-file': service web: .*TAG="-nope" \(from env-file\)/);
  });

  it('names the stack file for a value from the job environment or written in the file', async () => {
    await expect(plan({ env: '' }, { TAG: 'x y' })).rejects.toThrow(/^Input 'stack-file': service web: .*TAG="x y" \(from the job environment\)/);
    const literal = file('literal.yml', 'services:\n  web:\n    image: Reg.Example.com/Shop/Web:1\n');
    await expect(plan({ 'stack-file': literal, env: '' })).rejects.toThrow(
      /^Input 'stack-file': service web: image "Reg.Example.com\/Shop\/Web:1" is .*has repository/,
    );
  });

  it('accepts valid interpolated images', async () => {
    expect((await plan({ env: 'TAG=1.2.3' })).pins.images.get('web')?.to).toBe('reg.example.com/shop/web:1.2.3');
  });
});
