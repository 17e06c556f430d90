// The sample shop's images on the real Docker engine: bundle each service
// (`npm run build` = ncc), `docker build` on the local base image (nothing can
// be pulled here), run the containers against MariaDB through the host
// gateway with the password mounted where Swarm mounts secrets, and drive a
// real order through the gateway. Then the stack file itself on the real
// single-node Swarm: overlay network, dnsrr services, a versioned secret,
// host-mode port, and a stop-first update to a new release.
// Everything is named shop-test-* and removed at the end.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import mysql from 'mysql2/promise';
import { actionDir, infra, repoRoot, runBundledAction } from '@switchyard/testkit';

const examples = join(repoRoot, 'workflows-examples');
const SERVICES = ['gateway', 'catalog', 'cart', 'orders'] as const;
const id = randomBytes(3).toString('hex');
const tag = `t${id}`;
const database = `shop_test_img_${id}`;
const network = `shop-test-net-${id}`;
const stack = `shop-test-stack-${id}`;
const containers: string[] = [];
const secretsDir = mkdtempSync(join(tmpdir(), 'shop-test-secrets-'));

function sh(cmd: string, args: string[], opts: { input?: string; allowFail?: boolean; cwd?: string } = {}) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', input: opts.input, cwd: opts.cwd, env: { ...process.env, NODE_OPTIONS: '' }, timeout: 120_000 });
  if (r.status !== 0 && !opts.allowFail) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}):\n${r.stdout}${r.stderr}`);
  return { code: r.status ?? 1, out: `${r.stdout ?? ''}`.trim(), err: `${r.stderr ?? ''}`.trim() };
}
const docker = (...args: string[]) => sh('docker', args).out;

async function until<T>(what: string, fn: () => Promise<T | undefined> | T | undefined, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let delay = 100;
  for (;;) {
    const v = await fn();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, delay));
    delay = Math.min(delay * 1.5, 1000);
  }
}

async function getJson(url: string, init?: RequestInit): Promise<{ status: number; body: any; headers: Headers }> {
  const res = await fetch(url, { ...init, signal: AbortSignal.timeout(5_000) });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined, headers: res.headers };
}
const post = (url: string, body?: unknown) =>
  getJson(url, { method: 'POST', ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }) });

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });

let admin: mysql.Connection;

beforeAll(async () => {
  const inf = infra();
  // The bundle, exactly as `npm run build` makes it in each service.
  for (const s of SERVICES) sh(process.execPath, [join(examples, 'services/common/src/build.js')], { cwd: join(examples, 'services', s) });
  for (const s of SERVICES)
    docker(
      'build',
      '-q',
      '-f',
      join(examples, 'services', 'Dockerfile'),
      '--build-arg',
      `BASE_IMAGE=${inf.images.node}`,
      '-t',
      `shop-test/${s}:${tag}`,
      join(examples, 'services', s),
    );

  admin = await mysql.createConnection({
    host: inf.mysql.host,
    port: inf.mysql.port,
    user: inf.mysql.user,
    password: inf.mysql.password,
    multipleStatements: true,
  });
  await admin.query(`CREATE DATABASE \`${database}\``);
  await admin.changeUser({ database });
  const migrations = join(examples, 'db/migrations');
  const files = readdirSync(migrations);
  const versioned = files.filter((f) => /^V\d+__/.test(f)).sort((a, b) => Number(/^V(\d+)/.exec(a)![1]) - Number(/^V(\d+)/.exec(b)![1]));
  for (const f of [...versioned, ...files.filter((f) => f.startsWith('R__')).sort()]) await admin.query(readFileSync(join(migrations, f), 'utf8'));
  await admin.query(readFileSync(join(examples, 'db/seed/qa/products.sql'), 'utf8'));
  writeFileSync(join(secretsDir, 'db_password'), inf.mysql.password, { mode: 0o644 });
}, 180_000);

afterAll(async () => {
  for (const c of containers) sh('docker', ['rm', '-f', c], { allowFail: true });
  sh('docker', ['network', 'rm', network], { allowFail: true });
  if (sh('docker', ['stack', 'ls', '--format', '{{.Name}}'], { allowFail: true }).out.split('\n').includes(stack)) {
    sh('docker', ['stack', 'rm', stack], { allowFail: true });
    // `stack rm` returns before the tasks are gone; the images can go only after them.
    await until(
      'the stack tasks to go',
      () => (sh('docker', ['ps', '-aq', '--filter', `label=com.docker.stack.namespace=${stack}`]).out === '' ? true : undefined),
      45_000,
    ).catch(() => {});
  }
  for (const s of SERVICES) sh('docker', ['rmi', `shop-test/${s}:${tag}`, `shop-test/${s}:${tag}-2`], { allowFail: true });
  await admin?.query(`DROP DATABASE IF EXISTS \`${database}\``);
  await admin?.end();
  rmSync(secretsDir, { recursive: true, force: true });
}, 120_000);

describe('containers', () => {
  let base = '';

  beforeAll(async () => {
    const inf = infra();
    docker('network', 'create', network);
    const db = ['-e', `DB_HOST=${inf.mysql.containerHost}`, '-e', `DB_PORT=${inf.mysql.port}`, '-e', `DB_NAME=${database}`, '-e', `DB_USER=${inf.mysql.user}`];
    for (const s of ['catalog', 'cart', 'orders']) {
      const name = `shop-test-${s}-${id}`;
      containers.push(name);
      // The password is mounted where Swarm mounts secrets; it is in no env var.
      docker(
        'run',
        '-d',
        '--name',
        name,
        '--network',
        network,
        '--network-alias',
        s,
        ...db,
        '-e',
        `RELEASE_VERSION=1.0.0-${id}`,
        '-v',
        `${join(secretsDir, 'db_password')}:/run/secrets/db_password:ro`,
        `shop-test/${s}:${tag}`,
      );
    }
    const gw = `shop-test-gateway-${id}`;
    containers.push(gw);
    docker('run', '-d', '--name', gw, '--network', network, '-e', `RELEASE_VERSION=1.0.0-${id}`, '-p', '127.0.0.1::8080', `shop-test/gateway:${tag}`);
    base = `http://${docker('port', gw, '8080/tcp').split('\n')[0]}`;
  }, 60_000);

  it('every container becomes healthy by its own HEALTHCHECK, running as the unprivileged user', async () => {
    for (const c of containers) {
      const status = await until(`${c} to be healthy`, () => {
        const s = docker('inspect', '-f', '{{.State.Health.Status}}', c);
        if (s === 'unhealthy')
          throw new Error(`${c} is unhealthy:\n${docker('inspect', '-f', '{{json .State.Health.Log}}', c)}\n${sh('docker', ['logs', c]).err}`);
        return s === 'healthy' ? s : undefined;
      });
      expect(status).toBe('healthy');
      expect(docker('exec', c, 'node', '-e', 'console.log(process.getuid())')).toBe('10001');
    }
  }, 90_000);

  it('answers /healthz and /version for every service through the gateway', async () => {
    const health = await getJson(`${base}/healthz`);
    expect(health.status).toBe(200);
    expect(health.body.upstreams).toEqual({ catalog: 'ok', cart: 'ok', orders: 'ok' });
    const version = await getJson(`${base}/version`);
    expect(version.body).toEqual({
      service: 'gateway',
      version: `1.0.0-${id}`,
      services: { catalog: `1.0.0-${id}`, cart: `1.0.0-${id}`, orders: `1.0.0-${id}` },
    });
  });

  it('takes a real order: catalog → cart → orders, in the database', async () => {
    const products = await getJson(`${base}/products`);
    expect(products.headers.get('x-release-version')).toBe(`1.0.0-${id}`);
    const mug = products.body.products.find((p: { sku: string }) => p.sku === 'MUG-001');
    expect(mug).toMatchObject({ name: 'Switchyard mug', priceCents: 1200 });
    const cart = await post(`${base}/carts`);
    expect(cart.status).toBe(201);
    expect((await post(`${base}/carts/${cart.body.id}/items`, { productId: mug.id, quantity: 2 })).body.totalCents).toBe(2400);
    const order = await post(`${base}/orders`, { cartId: cart.body.id });
    expect(order.status).toBe(201);
    expect(order.body).toMatchObject({ cartId: cart.body.id, totalCents: 2400, items: [{ productId: mug.id, productName: 'Switchyard mug', quantity: 2 }] });
    const [rows] = await admin.query('SELECT stock FROM products WHERE id = ?', [mug.id]);
    expect((rows as Array<{ stock: number }>)[0]!.stock).toBe(498);
  });

  it('passes smoke/checks.yml through the real smoke-test action, which catches a wrong version', async () => {
    const smoke = (version: string, timeout: string) =>
      runBundledAction(actionDir('smoke-test'), {
        cwd: examples,
        inputs: { 'base-url': base, 'host-header': 'shop.example.com', 'checks-file': 'smoke/checks.yml', 'expect-version': version, timeout },
      });
    const ok = await smoke(`1.0.0-${id}`, '30s');
    expect([ok.code, ok.outputs.passed]).toEqual([0, 'true']);
    const wrong = await smoke('9.9.9', '3s');
    expect([wrong.code, wrong.outputs.passed]).toEqual([1, 'false']);
    expect(JSON.parse(wrong.outputs['failed-checks']!).sort()).toEqual([
      'cart version',
      'catalog lists products',
      'catalog version',
      'gateway version',
      'orders version',
    ]);
  }, 60_000);

  it('a service whose database is unreachable reports 503 and turns unhealthy', async () => {
    const name = `shop-test-catalog-nodb-${id}`;
    containers.push(name);
    // The image's own check command, every second, with a 1 s start period (0 would inherit the image's 20 s).
    docker(
      'run',
      '-d',
      '--name',
      name,
      '--network',
      network,
      '--health-interval',
      '1s',
      '--health-start-period',
      '1s',
      '--health-retries',
      '1',
      '-e',
      'DB_HOST=127.0.0.1',
      '-e',
      'DB_PORT=1',
      '-e',
      'DB_NAME=x',
      '-e',
      'DB_USER=x',
      '-e',
      'DB_PASSWORD=x',
      `shop-test/catalog:${tag}`,
    );
    const ip = docker('inspect', '-f', `{{(index .NetworkSettings.Networks "${network}").IPAddress}}`, name);
    const r = await until('the service to answer', async () => {
      const out = sh('docker', ['exec', name, 'node', '-e', `fetch("http://127.0.0.1:8080/healthz").then(async r => console.log(r.status, await r.text()))`], {
        allowFail: true,
      });
      return out.code === 0 ? out.out : undefined;
    });
    expect(ip).not.toBe('');
    expect(r).toMatch(/^503 .*"status":"unavailable".*"reason":"ECONNREFUSED"/);
    await until(
      'the container to turn unhealthy',
      () => (docker('inspect', '-f', '{{.State.Health.Status}}', name) === 'unhealthy' ? true : undefined),
      20_000,
    );
  }, 40_000);
});

describe('deploy/stack.yml on the single-node Swarm', () => {
  it('deploys, converges healthy, and updates stop-first to a new release on the same host port', async () => {
    const inf = infra();
    const port = await freePort();
    for (const s of SERVICES) docker('tag', `shop-test/${s}:${tag}`, `shop-test/${s}:${tag}-2`);
    const deploy = (version: string) =>
      spawnSync('docker', ['stack', 'deploy', '-c', join(examples, 'deploy/stack.yml'), stack], {
        encoding: 'utf8',
        env: {
          ...process.env,
          STACK_NAME: stack,
          DEPLOY_ENV: 'test',
          DEPLOY_COLOR: 'blue',
          RELEASE_VERSION: version,
          IMAGE_PREFIX: 'shop-test',
          GATEWAY_PORT: String(port),
          DB_HOST: inf.mysql.containerHost,
          DB_PORT: String(inf.mysql.port),
          DB_NAME: database,
          DB_USER: inf.mysql.user,
          DB_SECRET_VERSION: 'v1',
          DB_PASSWORD_SECRET_FILE: join(secretsDir, 'db_password'),
        },
      });
    const answers = (version: string) =>
      until(
        `the stack to answer ${version} healthy on :${port}`,
        async () => {
          const v = await getJson(`http://127.0.0.1:${port}/version`).catch(() => undefined);
          const h = await getJson(`http://127.0.0.1:${port}/healthz`).catch(() => undefined);
          const all = v?.body?.version === version && Object.values(v.body.services ?? {}).every((x) => x === version);
          return all && h?.status === 200 ? v!.body : undefined;
        },
        90_000,
      );

    let r = deploy(`${tag}`);
    expect([r.status, r.stderr]).toEqual([0, expect.any(String)]);
    expect(await answers(tag)).toEqual({ service: 'gateway', version: tag, services: { catalog: tag, cart: tag, orders: tag } });
    // The secret got its versioned name, and the services got it as a file, not in the environment.
    expect(docker('secret', 'ls', '--format', '{{.Name}}').split('\n')).toContain(`${stack}_db_password_v1`);
    const spec = JSON.parse(docker('service', 'inspect', `${stack}_catalog`))[0].Spec;
    expect(spec.EndpointSpec.Mode).toBe('dnsrr');
    expect(spec.TaskTemplate.ContainerSpec.Env.some((e: string) => e.startsWith('DB_PASSWORD'))).toBe(false);
    expect(spec.TaskTemplate.ContainerSpec.Secrets[0]).toMatchObject({
      SecretName: `${stack}_db_password_v1`,
      File: { Name: 'db_password', UID: '10001', Mode: 256 },
    });
    const gw = JSON.parse(docker('service', 'inspect', `${stack}_gateway`))[0].Spec;
    expect(gw.EndpointSpec.Ports).toEqual([expect.objectContaining({ PublishedPort: port, TargetPort: 8080, PublishMode: 'host' })]);
    expect(gw.UpdateConfig).toMatchObject({ Order: 'stop-first', FailureAction: 'rollback' });

    // A new release over the same host port: the gateway must update stop-first (start-first would hang Pending).
    r = deploy(`${tag}-2`);
    expect(r.status).toBe(0);
    expect((await answers(`${tag}-2`)).version).toBe(`${tag}-2`);
  }, 240_000);
});
