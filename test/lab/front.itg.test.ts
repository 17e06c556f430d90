// Blue-green's front on several hosts (issue 13, item 4): the infra script's
// HAProxy front balances each colour over every host's host-mode port (a Swarm
// global service per colour on the 3-host lab), switch-traffic moves the traffic
// under keep-alive load plus a load of new connections per request, and a
// worker's dockerd dies (lab.sh kill) while the new colour serves: 0 failed
// requests throughout, and every host answered for the colour it served.
import http from 'node:http';
import { afterAll, beforeAll, expect, it, jest } from '@jest/globals';
import { actionDir, runBundledAction } from '@switchyard/testkit';
import { LoadGenerator } from '../../packages/local-pipeline/src/load';
import { runtimeCommand } from '../../actions/switch-traffic/src/haproxy';
import { freePort, startProxy } from '../switch-traffic/support/traffic';
import { buildLabImage, lab, labCmd, managerDocker, until, type Lab } from './support';

jest.setTimeout(150_000);
// Labs 0–4 are the other lab tests' and the bench's; 5 is the local pipeline's.
const K = 6;
const COLOURS = ['blue', 'green'] as const;
type Colour = (typeof COLOURS)[number];
let l: Lab;
let ports: Record<Colour, number>;
let proxy: Awaited<ReturnType<typeof startProxy>> | undefined;

/** GET http://addr/ on a new connection; the body, or undefined when nothing answers. */
function body(addr: string): Promise<string | undefined> {
  const [hostname, port] = addr.split(':');
  return new Promise((resolve) => {
    const req = http.get({ host: hostname, port: Number(port), path: '/', agent: false, timeout: 2000 }, (res) => {
      let text = '';
      res.on('data', (c: Buffer) => (text += c.toString()));
      res.on('end', () => resolve(res.statusCode === 200 ? text.trim() : undefined));
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(undefined));
  });
}

/** Polls an async check every 200 ms until it holds, or throws naming `what` after `timeoutMs`. */
async function poll(what: string, check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const t0 = Date.now();
  while (!(await check())) {
    if (Date.now() - t0 > timeoutMs) throw new Error(`${what}: not after ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

const addrs = (c: Colour) => l.hosts.map((h) => `${h.addr}:${ports[c]}`);

/** Requests each host's server of a colour's pool has answered (`show stat` stot of `listen <colour>`). */
async function perHost(c: Colour): Promise<number[]> {
  const csv = await runtimeCommand({ host: '127.0.0.1', port: proxy!.adminPort }, 'show stat');
  const rows = csv.split('\n').map((line) => line.split(','));
  return l.hosts.map((_, i) => Number(rows.find((f) => f[0] === c && f[1] === `host${i + 1}`)?.[7] ?? NaN));
}

/** A pool server's status (UP, DOWN, …) as HAProxy's checks see it. */
async function serverStatus(c: Colour, n: number): Promise<string | undefined> {
  const csv = await runtimeCommand({ host: '127.0.0.1', port: proxy!.adminPort }, 'show stat');
  return csv
    .split('\n')
    .map((line) => line.split(','))
    .find((f) => f[0] === c && f[1] === `host${n}`)?.[17];
}

beforeAll(async () => {
  await labCmd(['down', '--lab', String(K)]);
  await labCmd(['up', '--lab', String(K)]);
  l = lab(K);
  ports = { blue: await freePort(), green: await freePort() };
  for (const c of COLOURS) {
    const image = buildLabImage(l, 'front', c);
    managerDocker(
      l,
      'service',
      'create',
      '--detach',
      '--name',
      `front-${c}`,
      '--mode',
      'global',
      '--publish',
      `mode=host,target=8080,published=${ports[c]}`,
      image.pinned,
    );
  }
  // Every host answers its colour on its own host-mode port, reached from this machine.
  for (const c of COLOURS) for (const a of addrs(c)) await poll(`${c} answering on ${a}`, async () => (await body(a)) === c, 60_000);
}, 150_000);

afterAll(async () => {
  proxy?.stop();
  await labCmd(['down', '--lab', String(K)]);
});

it('balances each colour over every host, switches and survives a worker death with 0 failed requests', async () => {
  proxy = await startProxy('lab-front', { blue: addrs('blue').join(','), green: addrs('green').join(',') });
  const load = new LoadGenerator({ url: proxy.url, connections: 8, newConnections: 4 });
  load.start();
  try {
    // The live colour is balanced over the three hosts' ports.
    await poll('blue served by all 3 hosts', async () => (await perHost('blue')).every((n) => n > 0), 10_000);
    load.openWindow('switch');
    const r = await runBundledAction(actionDir('switch-traffic'), {
      inputs: {
        provider: 'haproxy',
        mode: 'switch',
        to: 'idle',
        'haproxy-admin': proxy.admin,
        'haproxy-backend': 'app',
        'haproxy-state-file': proxy.stateFile,
      },
      timeoutMs: 60_000,
    });
    expect(r.code).toBe(0);
    expect(r.outputs['live-color']).toBe('green');
    expect(await proxy.weights()).toEqual({ blue: 0, green: 100 });
    const greenBefore = await perHost('green');
    expect(load.closeWindow('switch')).toMatchObject({ errors: 0 });

    // A worker dies while green serves: its dockerd is SIGKILLed (its containers would
    // go on serving under containerd) and the host drops off the network, as a lost
    // instance does. Requests in flight to it are retried on the other hosts.
    load.openWindow('fault');
    await labCmd(['kill', '--lab', String(K), 'worker2']);
    await labCmd(['link', '--lab', String(K), 'worker2', 'down']);
    await poll('worker2 (host3) DOWN in the green pool', async () => (await serverStatus('green', 3)) === 'DOWN', 10_000);
    await until('worker2 down in the swarm', () => managerDocker(l, 'node', 'inspect', '--format', '{{.Status.State}}', 'worker2').trim() === 'down', 60_000);
    await new Promise((res) => setTimeout(res, 1000));
    const fault = load.closeWindow('fault');
    const greenAfter = await perHost('green');
    const totals = load.totals();
    // Evidence the numbers are real: load ran in both windows, every green host answered before the fault.
    expect(fault.requests).toBeGreaterThan(100);
    expect(greenBefore.reduce((a, n) => a + n, 0)).toBeGreaterThan(0);
    expect(greenAfter.filter((n, i) => n > greenBefore[i]!).length).toBeGreaterThanOrEqual(2);
    expect({ errors: fault.errors, reasons: fault.reasons }).toEqual({ errors: 0, reasons: {} });
    expect({ errors: totals.errors, reasons: totals.reasons }).toEqual({ errors: 0, reasons: {} });
    // The front still answers green only.
    expect(await body(`127.0.0.1:${proxy.port}`)).toBe('green');
  } finally {
    await load.stop();
  }
});
