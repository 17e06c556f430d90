// TLS certificates the registry client must refuse, from a real TLS server on
// loopback (node:https with certificates made by openssl in beforeAll): a
// self-signed one and one from an unknown CA. Loopback names (127.0.0.0/8,
// ::1, localhost, and 127.0.0.0/8 as IPv4-mapped IPv6 addresses) are spoken to
// over plain http, so the server is named `0.0.0.0:<port>`: the unspecified
// address, which Linux connects to the local host (the server listens on
// 127.0.0.1 only), and which the scheme rule, like Docker's, sends over https
// as it would `registry.lan`. A refused certificate is a reported failure (a kit
// Failure) naming the server and the TLS reason, never retried, and never
// "this is a bug" in promote-version or build-image; a refused connection is
// still retried, as before.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer as createHttpsServer, type Server } from 'node:https';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Failure, RetryError } from '@switchyard/kit';
import { RegistryClient, RegistryNetworkError, registryScheme } from '@switchyard/registry';
import { actionDir, runBundledAction, type RunResult } from '@switchyard/testkit';

const dir = mkdtempSync(join(tmpdir(), 'helper-registry-tls-'));
const openssl = (args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
const san = 'subjectAltName=IP:127.0.0.1,IP:0.0.0.0';

interface TlsServer {
  server: Server;
  registry: string;
  /** TCP connections: one per attempt (a refused handshake leaves no socket to reuse). */
  connections: number;
  /** HTTP requests that got past the handshake. */
  requests: string[];
}
const servers: TlsServer[] = [];

async function tlsServer(key: string, cert: string): Promise<TlsServer> {
  const s: TlsServer = {
    server: createHttpsServer({ key: readFileSync(join(dir, key)), cert: readFileSync(join(dir, cert)) }),
    registry: '',
    connections: 0,
    requests: [],
  };
  s.server.on('connection', () => s.connections++);
  // Past the handshake (only with the CA trusted): /v2/ answers as an open registry, anything else is unknown.
  s.server.on('request', (req, res) => {
    s.requests.push(`${req.method} ${req.url}`);
    res.writeHead(req.url === '/v2/' ? 200 : 404, { 'Content-Type': 'application/json' });
    res.end(req.url === '/v2/' ? '{}' : '{"errors":[{"code":"MANIFEST_UNKNOWN","message":"manifest unknown"}]}');
  });
  await new Promise<void>((resolve) => s.server.listen(0, '127.0.0.1', resolve));
  s.registry = `0.0.0.0:${(s.server.address() as AddressInfo).port}`;
  servers.push(s);
  return s;
}

/** A loopback port nothing listens on (bound, then closed). */
async function closedPort(): Promise<number> {
  const srv = createNetServer();
  await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve));
  const port = (srv.address() as AddressInfo).port;
  await new Promise<void>((resolve) => srv.close(() => resolve()));
  return port;
}

let selfSigned: TlsServer;
let unknownCa: TlsServer;

beforeAll(async () => {
  openssl(['req', '-x509', ...ec, '-keyout', 'self.key', '-out', 'self.pem', '-days', '1', '-subj', '/CN=helper-registry-tls', '-addext', san]);
  openssl(['req', '-x509', ...ec, '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '1', '-subj', '/CN=helper-registry-tls CA']);
  openssl(['req', '-new', ...ec, '-keyout', 'leaf.key', '-out', 'leaf.csr', '-subj', '/CN=helper-registry-tls leaf']);
  writeFileSync(join(dir, 'leaf.ext'), `${san}\n`);
  openssl([
    'x509',
    '-req',
    '-in',
    'leaf.csr',
    '-CA',
    'ca.pem',
    '-CAkey',
    'ca.key',
    '-CAcreateserial',
    '-days',
    '1',
    '-extfile',
    'leaf.ext',
    '-out',
    'leaf.pem',
  ]);
  selfSigned = await tlsServer('self.key', 'self.pem');
  unknownCa = await tlsServer('leaf.key', 'leaf.pem');
}, 30_000);

afterAll(async () => {
  for (const s of servers) await new Promise<void>((resolve) => s.server.close(() => resolve()));
  rmSync(dir, { recursive: true, force: true });
});

async function refusal(s: TlsServer): Promise<{ error: unknown; log: string[]; ms: number }> {
  const log: string[] = [];
  const client = new RegistryClient({ registry: s.registry, credentials: null, timeoutMs: 20_000, initialBackoffMs: 1, log: (l) => log.push(l) });
  const started = Date.now();
  try {
    expect(client.baseUrl).toBe(`https://${s.registry}`);
    return { error: await client.ping().catch((e: unknown) => e), log, ms: Date.now() - started };
  } finally {
    client.close();
  }
}

describe('the registry client and untrusted certificates', () => {
  it('names the local server by 0.0.0.0, which the scheme rule sends over https (unlike 127.0.0.1 in any spelling)', () => {
    expect(registryScheme(selfSigned.registry)).toBe('https');
    expect(registryScheme(selfSigned.registry.replace('0.0.0.0', '[::ffff:7f00:1]'))).toBe('http');
  });

  it('refuses a self-signed certificate at once: a Failure naming the server, the TLS reason and code, with a hint', async () => {
    const before = selfSigned.connections;
    const { error, log, ms } = await refusal(selfSigned);
    expect(error).toBeInstanceOf(RegistryNetworkError);
    expect(error).toBeInstanceOf(Failure);
    expect((error as RegistryNetworkError).code).toBe('DEPTH_ZERO_SELF_SIGNED_CERT');
    expect((error as Error).message).toBe(
      `GET https://${selfSigned.registry}/v2/: self-signed certificate (DEPTH_ZERO_SELF_SIGNED_CERT): the TLS certificate of ${selfSigned.registry} is not trusted`,
    );
    expect((error as Failure).hint).toContain(`give ${selfSigned.registry} a certificate from a CA the runner trusts`);
    expect((error as Failure).hint).toContain('NODE_EXTRA_CA_CERTS');
    // Not retried: one connection, no retry lines, well inside the 20 s deadline.
    expect(selfSigned.connections - before).toBe(1);
    expect(log).toEqual([]);
    expect(ms).toBeLessThan(5_000);
    expect(selfSigned.requests).toEqual([]);
  });

  it('refuses a certificate from an unknown CA the same way', async () => {
    const before = unknownCa.connections;
    const { error, log } = await refusal(unknownCa);
    expect(error).toBeInstanceOf(RegistryNetworkError);
    expect((error as RegistryNetworkError).code).toBe('UNABLE_TO_VERIFY_LEAF_SIGNATURE');
    expect((error as Error).message).toMatch(/\(UNABLE_TO_VERIFY_LEAF_SIGNATURE\): the TLS certificate of 0\.0\.0\.0:\d+ is not trusted$/);
    expect(unknownCa.connections - before).toBe(1);
    expect(log).toEqual([]);
  });

  it('still retries a refused connection, then gives up with a RetryError carrying the RegistryNetworkError', async () => {
    const registry = `0.0.0.0:${await closedPort()}`;
    const log: string[] = [];
    const client = new RegistryClient({ registry, credentials: null, maxAttempts: 3, initialBackoffMs: 1, log: (l) => log.push(l) });
    try {
      const e = await client.ping().catch((x: unknown) => x);
      expect(e).toBeInstanceOf(RetryError);
      expect((e as RetryError).attempts).toBe(3);
      expect((e as RetryError).lastError).toBeInstanceOf(RegistryNetworkError);
      expect(((e as RetryError).lastError as RegistryNetworkError).code).toBe('ECONNREFUSED');
      expect((e as Error).message).toMatch(new RegExp(`gave up after 3 attempts .*GET https://0\\.0\\.0\\.0:\\d+/v2/: connect ECONNREFUSED`));
      expect(log.filter((l) => /retrying in/.test(l))).toHaveLength(2);
    } finally {
      client.close();
    }
  });
});

const errors = (r: RunResult) => r.annotations.filter((a) => a.level === 'error').map((a) => a.message);

describe('the actions report an untrusted certificate as a failure, not a bug', () => {
  const digest = `sha256:${'a'.repeat(64)}`;
  const releaseFile = () => {
    const file = join(dir, 'release.json');
    writeFileSync(
      file,
      JSON.stringify({
        schemaVersion: 1,
        version: '2026.12.01-tls',
        commit: randomBytes(20).toString('hex'),
        created: '2026-12-01T13:00:00Z',
        services: { catalog: { image: `${selfSigned.registry}/helper-tls/catalog`, digest, tags: ['build'] } },
      }),
    );
    return file;
  };
  const promote = (env: Record<string, string> = {}) =>
    runBundledAction(actionDir('promote-version'), {
      inputs: { 'github-token': '', 'require-verified': false, environments: 'uat, prod', 'release-file': releaseFile(), from: 'uat', to: 'prod' },
      env,
      timeoutMs: 60_000,
    });

  it('promote-version: one ::error with the registry and the TLS reason, exit 1', async () => {
    const r = await promote();
    expect(r.code).toBe(1);
    const errs = errors(r);
    expect(errs).toHaveLength(1);
    expect(errs[0]).toContain(`GET https://${selfSigned.registry}/v2/: self-signed certificate (DEPTH_ZERO_SELF_SIGNED_CERT)`);
    expect(errs[0]).toContain(`the TLS certificate of ${selfSigned.registry} is not trusted`);
    expect(errs[0]).toContain('Hint: give');
    expect(errs[0]).not.toContain('this is a bug');
    expect(r.stdout).not.toMatch(/retrying in|RegistryNetworkError: /);
  });

  it('promote-version with the CA trusted through NODE_EXTRA_CA_CERTS (the hint) gets past TLS', async () => {
    const seen = selfSigned.requests.length;
    const r = await promote({ NODE_EXTRA_CA_CERTS: join(dir, 'self.pem') });
    expect(selfSigned.requests.slice(seen)).toContain('GET /v2/');
    expect(r.code).toBe(1); // the stand-in knows no manifests
    expect(errors(r).join('\n')).not.toMatch(/certificate|TLS|this is a bug/);
  });

  it('build-image: the push-access check fails with the registry and the TLS reason before anything is built', async () => {
    const ws = join(dir, 'ws');
    mkdirSync(ws, { recursive: true });
    writeFileSync(join(ws, 'Dockerfile'), 'FROM scratch\nCOPY Dockerfile /\n');
    const r = await runBundledAction(actionDir('build-image'), {
      inputs: { image: `${selfSigned.registry}/helper-bi-tls/catalog`, tags: 'tls', builder: 'legacy' },
      cwd: ws,
      timeoutMs: 60_000,
    });
    expect(r.code).toBe(1);
    const errs = errors(r);
    expect(errs).toHaveLength(1);
    expect(errs[0]).toContain(`GET https://${selfSigned.registry}/v2/: self-signed certificate (DEPTH_ZERO_SELF_SIGNED_CERT)`);
    expect(errs[0]).toContain('Hint: give');
    expect(errs[0]).not.toContain('this is a bug');
    expect(r.stdout).not.toMatch(/Built |retrying in/);
  });
});
