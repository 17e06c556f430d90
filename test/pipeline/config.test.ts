import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { repoRoot } from '@switchyard/testkit';
import { loadConfig } from '../../packages/local-pipeline/src/config';
import { liveColourOf, releaseSha } from '../../packages/local-pipeline/src/pipeline';

const infra = {
  dir: '/infra',
  registry: '127.0.0.1:5000',
  mysql: { host: '127.0.0.1', port: 3306, containerHost: '172.17.0.1' },
  images: { node: 'switchyard/node-runtime:24' },
};
const dir = mkdtempSync(join(tmpdir(), 'pipeline-config-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const write = (name: string, text: string) => {
  const f = join(dir, name);
  writeFileSync(f, text);
  return f;
};
const minimal = `
repository: acme/shop
workspace: workflows-examples
environments:
  qa: { url: "http://127.0.0.1:18080" }
  uat: { url: "http://127.0.0.1:18180" }
  prod: { url: "http://127.0.0.1:18280" }
`;

describe('local environments file', () => {
  it('reads the real file: every environment, proxies, databases, releases, infra values filled in', () => {
    const cfg = loadConfig(repoRoot, infra);
    expect(Object.keys(cfg.environments)).toEqual(['qa', 'uat', 'prod']);
    expect(cfg.promotions).toEqual(['uat', 'prod']);
    expect(cfg.vars.IMAGE_PREFIX).toBe('127.0.0.1:5000/shop');
    expect(cfg.environments.uat!.proxy).toEqual({
      name: 'shop-uat',
      port: 18180,
      'admin-port': 18181,
      blue: '127.0.0.1:18182',
      green: '127.0.0.1:18183',
      backend: 'app',
    });
    expect(cfg.environments.uat!.vars.HAPROXY_STATE_FILE).toBe('/infra/proxy-shop-uat.state');
    expect(cfg.environments.prod!.database).toEqual({ name: 'shop_prod', user: 'shop_prod_app', password: 'local-prod-db-pw' });
    expect(cfg.environments.prod!.secrets.DATABASE_URL).toBe('mysql://shop_prod_app:local-prod-db-pw@127.0.0.1:3306/shop_prod');
    // The ports the fronts send to are the ports the colours publish: on this machine for UAT,
    // on each of lab 5's three hosts for Prod (GATEWAY_REPLICAS: one gateway per host).
    const uat = cfg.environments.uat!;
    expect(uat.lab).toBeUndefined();
    expect(uat.proxy!.blue).toBe(`127.0.0.1:${uat.vars.BLUE_PORT}`);
    expect(uat.proxy!.green).toBe(`127.0.0.1:${uat.vars.GREEN_PORT}`);
    const prod = cfg.environments.prod!;
    expect(prod.lab).toBe(5);
    const hosts = ['198.18.105.1', '198.18.105.2', '198.18.105.3'];
    expect(prod.proxy!.blue).toBe(hosts.map((h) => `${h}:${prod.vars.BLUE_PORT}`).join(','));
    expect(prod.proxy!.green).toBe(hosts.map((h) => `${h}:${prod.vars.GREEN_PORT}`).join(','));
    expect(prod.vars.GATEWAY_REPLICAS).toBe(String(hosts.length));
    expect(prod.vars.DOCKER_HOST).toBe(`ssh://root@${hosts[0]}`);
    for (const env of [uat, prod]) expect(env.proxy!['admin-port']).toBe(Number(env.vars.HAPROXY_ADMIN!.split(':')[1]));
    // Prod's images come from the lab's own registry, which promote.yml copies into over plain http.
    expect(cfg.vars.PROD_REGISTRY).toBe('198.18.105.254:5000');
    expect(cfg.vars.INSECURE_REGISTRIES).toBe(cfg.vars.PROD_REGISTRY);
    expect(prod.vars.IMAGE_PREFIX).toBe(`${cfg.vars.PROD_REGISTRY}/shop`);
    expect(cfg.releases.broken!.expectStopped).toBe(true);
    expect(cfg.releases.second!.materialize).toContain('{dir}');
    expect(cfg.promoteInputs).toEqual({ version: 'version', target: 'target' });
  });

  it('defaults what it can and names what is missing or malformed', () => {
    const cfg = loadConfig(repoRoot, infra, write('min.yml', minimal));
    expect(cfg.workflows.qa).toBe(join(repoRoot, 'workflows-examples/.github/workflows/qa.yml'));
    expect(cfg.releases).toEqual({ first: { vars: {}, description: 'first', expectStopped: false } });
    expect(cfg.load).toEqual({ path: '/healthz', connections: 8, newConnections: 0 });
    const f = write('noprod.yml', minimal.replace(/ {2}prod:.*\n/, ''));
    expect(() => loadConfig(repoRoot, infra, f)).toThrow(`${f}: environments has no 'prod'`);
    const g = write('nouser.yml', minimal.replace('qa: { url', 'qa: { database: { name: x, user: u }, url'));
    expect(() => loadConfig(repoRoot, infra, g)).toThrow('environments.qa.database: give both user and password, or neither');
    const h = write('badexpr.yml', `${minimal}vars: { A: "\${{ infra.nope.x }}", B: "\${{ nope }}" }\n`);
    expect(() => loadConfig(repoRoot, infra, h)).toThrow(/Unrecognized named-value: 'nope'/);
    const i = write('nodir.yml', `${minimal}releases: { second: { materialize: [node, x.mjs] } }\n`);
    expect(() => loadConfig(repoRoot, infra, i)).toThrow('releases.second.materialize must contain {dir}');
    const j = write('badlab.yml', minimal.replace('prod: { url', 'prod: { lab: ten, url'));
    expect(() => loadConfig(repoRoot, infra, j)).toThrow('environments.prod.lab must be a lab number 0-9 (scripts/lab.sh --lab K), got "ten"');
  });

  it('gives an environment on a lab the coordinates of that lab, and only that environment', () => {
    // A lab's state as scripts/lab.sh writes it (env.json naming its client key and known_hosts).
    const root = mkdtempSync(join(tmpdir(), 'lab-config-'));
    const dir = join(root, '.local/lab/7');
    mkdirSync(join(dir, 'ssh'), { recursive: true });
    writeFileSync(join(dir, 'ssh/client'), 'PRIVATE KEY\n');
    writeFileSync(join(dir, 'ssh/known_hosts'), '198.18.107.1 ssh-ed25519 AAAA\n');
    writeFileSync(
      join(dir, 'env.json'),
      JSON.stringify({ registry: '198.18.107.254:5000', ssh: { privateKey: join(dir, 'ssh/client'), knownHosts: join(dir, 'ssh/known_hosts') } }),
    );
    const file = write(
      'lab.yml',
      minimal.replace(
        'prod: { url: "http://127.0.0.1:18280" }',
        'prod: { lab: 7, url: "http://127.0.0.1:18280", vars: { R: "${{ lab.registry }}", K: "${{ lab.sshKnownHosts }}" }, secrets: { S: "${{ lab.sshPrivateKey }}" } }',
      ),
    );
    const cfg = loadConfig(root, infra, file);
    expect(cfg.environments.prod!.lab).toBe(7);
    expect(cfg.environments.prod!.vars).toEqual({ R: '198.18.107.254:5000', K: '198.18.107.1 ssh-ed25519 AAAA' });
    expect(cfg.environments.prod!.secrets).toEqual({ S: 'PRIVATE KEY\n' });
    // While the lab is down its values are empty, not an error (teardown reads the file then).
    rmSync(join(dir, 'env.json'));
    expect(loadConfig(root, infra, file).environments.prod!.vars).toEqual({ R: '', K: '' });
    // Elsewhere `lab` is no context at all.
    const other = write('lab-elsewhere.yml', `${minimal}vars: { X: "\${{ lab.registry }}" }\n`);
    expect(() => loadConfig(root, infra, other)).toThrow(/Unrecognized named-value: 'lab'/);
    rmSync(root, { recursive: true, force: true });
  });
});

describe('pipeline helpers', () => {
  it('names the live colour only when exactly one colour has weight', () => {
    expect(liveColourOf({ blue: 100, green: 0 })).toBe('blue');
    expect(liveColourOf({ blue: 0, green: 1 })).toBe('green');
    expect(liveColourOf({ blue: 50, green: 50 })).toBe('mixed');
    expect(liveColourOf({ blue: 0, green: 0 })).toBe('mixed');
    expect(liveColourOf(null)).toBe(null);
  });

  it('gives the first release the checkout commit and later ones stable, distinct ids', () => {
    const cfg = loadConfig(repoRoot, infra);
    const head = 'a'.repeat(40);
    expect(releaseSha(cfg, 'first', head)).toBe(head);
    const second = releaseSha(cfg, 'second', head);
    expect(second).toMatch(/^[0-9a-f]{40}$/);
    expect(second).not.toBe(head);
    expect(releaseSha(cfg, 'second', head)).toBe(second);
    expect(releaseSha(cfg, 'broken', head)).not.toBe(second);
  });
});
