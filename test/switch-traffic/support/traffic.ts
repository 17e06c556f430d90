// Real parts for switch-traffic's integration tests and benchmark: two colour
// backends (separate node HTTP processes), the infra script's HAProxy front, wrk
// load with keep-alive, and the proxy's own per-server counters.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import { createServer, type AddressInfo } from 'node:net';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { infra, repoRoot } from '@switchyard/testkit';
import { runtimeCommand } from '../../../actions/switch-traffic/src/haproxy';

export async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as AddressInfo).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

async function waitForPort(port: number, timeoutMs = 5000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const ok = await new Promise<boolean>((r) => {
      const req = http.get({ host: '127.0.0.1', port, path: '/', agent: false }, (res) => {
        res.resume();
        r(true);
      });
      req.on('error', () => r(false));
    });
    if (ok) return;
    if (Date.now() > until) throw new Error(`nothing answers on 127.0.0.1:${port}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** One backend: a separate node process answering its colour (keep-alive, no fork per request). */
const BACKEND = `
const http = require('node:http');
const [color, port] = process.argv.slice(1);
http.createServer((req, res) => { res.writeHead(200, { 'content-type': 'text/plain' }); res.end(color); })
  .listen(Number(port), '127.0.0.1');
`;

/** Two HTTP servers answering `blue` / `green`, each its own process like a real backend. */
export async function startBackends() {
  const procs: ChildProcess[] = [];
  const addrs: Record<'blue' | 'green', string> = { blue: '', green: '' };
  for (const color of ['blue', 'green'] as const) {
    const port = await freePort();
    procs.push(spawn(process.execPath, ['-e', BACKEND, color, String(port)], { stdio: 'ignore' }));
    await waitForPort(port);
    addrs[color] = `127.0.0.1:${port}`;
  }
  return {
    addrs,
    stop: () => {
      for (const p of procs) p.kill();
    },
  };
}

function infraSh(args: string[]): void {
  const r = spawnSync('bash', [join(repoRoot, 'scripts/infra.sh'), ...args], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`infra.sh ${args.join(' ')} failed: ${r.stderr}`);
}

/** The infra script's HAProxy front (`scripts/infra.sh proxy up|down`), a fresh state unless `keepState`. */
export async function startProxy(
  name: string,
  backends: Record<'blue' | 'green', string>,
  opts: { keepState?: boolean; port?: number; adminPort?: number; metricsPort?: number } = {},
) {
  const dir = infra().dir;
  const stateFile = join(dir, `proxy-${name}.state`);
  if (!opts.keepState) rmSync(stateFile, { force: true });
  const port = opts.port ?? (await freePort());
  const adminPort = opts.adminPort ?? (await freePort());
  const metrics = opts.metricsPort ? [String(opts.metricsPort)] : [];
  infraSh(['proxy', 'up', name, String(port), String(adminPort), backends.blue, backends.green, ...metrics]);
  return {
    name,
    port,
    adminPort,
    stateFile,
    url: `http://127.0.0.1:${port}/`,
    admin: `127.0.0.1:${adminPort}`,
    /** Stops the proxy and removes its files. */
    stop: () => {
      infraSh(['proxy', 'down', name]);
      for (const ext of ['cfg', 'log', 'state']) rmSync(join(dir, `proxy-${name}.${ext}`), { force: true });
    },
    restart: async function () {
      infraSh(['proxy', 'down', name]);
      infraSh(['proxy', 'up', name, String(port), String(adminPort), backends.blue, backends.green, ...metrics]);
    },
    /** Weights as HAProxy holds them. */
    weights: async () => {
      const text = await runtimeCommand({ host: '127.0.0.1', port: adminPort }, 'get weight app/blue; get weight app/green');
      const [blue, green] = [...text.matchAll(/^(\d+) \(initial/gm)].map((m) => Number(m[1]));
      return { blue: blue!, green: green! };
    },
    /** Requests each server has answered so far (`show stat` stot). */
    served: async () => {
      const csv = await runtimeCommand({ host: '127.0.0.1', port: adminPort }, 'show stat');
      const out: Record<string, number> = {};
      for (const line of csv.split('\n')) {
        const f = line.split(',');
        if (f[0] === 'app' && (f[1] === 'blue' || f[1] === 'green')) out[f[1]] = Number(f[7]);
      }
      return out as Record<'blue' | 'green', number>;
    },
  };
}

export interface WrkResult {
  requests: number;
  non2xx: number;
  socketErrors: number;
  /** wrk's breakdown, e.g. "connect 0, read 0, write 0, timeout 0". */
  breakdown: string;
  raw: string;
}

/** `wrk -t2 -c20 --timeout 10s` keep-alive load for `seconds`; counts non-2xx/3xx responses and socket errors (connect, read, write, timeout). */
export function startWrk(url: string, seconds: number): Promise<WrkResult> {
  return new Promise((resolve, reject) => {
    // --timeout 10s: a response slowed by a starved CI machine is late, not lost; anything slower still counts.
    const p = spawn('wrk', ['-t2', '-c20', `-d${seconds}s`, '--timeout', '10s', url], { stdio: ['ignore', 'pipe', 'pipe'] });
    let raw = '';
    p.stdout.on('data', (c: Buffer) => (raw += c.toString()));
    p.stderr.on('data', (c: Buffer) => (raw += c.toString()));
    p.on('error', reject);
    p.on('close', (code) => {
      if (code !== 0) return reject(new Error(`wrk exited ${code}: ${raw}`));
      const requests = Number(/(\d+) requests in/.exec(raw)?.[1] ?? NaN);
      const non2xx = Number(/Non-2xx or 3xx responses: (\d+)/.exec(raw)?.[1] ?? 0);
      const se = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(raw);
      const socketErrors = se ? se.slice(1).reduce((a, b) => a + Number(b), 0) : 0;
      resolve({ requests, non2xx, socketErrors, breakdown: se ? se[0] : 'no socket errors', raw });
    });
  });
}

/** Bodies of `n` requests over ONE keep-alive connection. */
export async function keepAliveBodies(url: string, n: number): Promise<string[]> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const out: string[] = [];
  try {
    for (let i = 0; i < n; i++) {
      out.push(
        await new Promise<string>((resolve, reject) => {
          http
            .get(url, { agent }, (res) => {
              let body = '';
              res.setEncoding('utf8');
              res.on('data', (c: string) => (body += c));
              res.on('end', () => resolve(body.trim()));
            })
            .on('error', reject);
        }),
      );
    }
  } finally {
    agent.destroy();
  }
  return out;
}
