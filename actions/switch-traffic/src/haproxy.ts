import { connect } from 'node:net';
import { accessSync, constants, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { errorMessage, InputError, retry, show, Failure, waitFor, type Timing } from '@switchyard/kit';
import type { Member, Provider, ProviderState } from './provider';
import { COLORS, formatWeights, type Color, type Weights } from './weights';

/** Where HAProxy's runtime API listens: `host:port` (a `stats socket ipv4@…`) or a unix socket path. */
export type AdminAddress = { host: string; port: number } | { path: string };

export function parseAdminAddress(input: string, text: string): AdminAddress {
  const t = text.replace(/^unix:\/\//, '').replace(/^(tcp|ipv4)(:\/\/|@)/, '');
  if (t.startsWith('/')) return { path: t };
  const m = /^(\[[0-9a-fA-F:]+\]|[A-Za-z0-9.-]+):(\d{1,5})$/.exec(t);
  if (!m || Number(m[2]) < 1 || Number(m[2]) > 65535) {
    throw new InputError(
      input,
      `${show(text)} is not an HAProxy runtime API address: use host:port (stats socket ipv4@host:port level admin) or an absolute unix socket path`,
    );
  }
  return { host: m[1]!.replace(/^\[|\]$/g, ''), port: Number(m[2]) };
}

export const describeAddress = (a: AdminAddress) => ('path' in a ? a.path : `${a.host}:${a.port}`);

/**
 * Sends one line to the runtime API (non-interactive mode: HAProxy answers
 * and closes) and returns the answer. Several commands may be joined by `;`;
 * HAProxy runs them back to back in one go.
 */
export function runtimeCommand(addr: AdminAddress, command: string, timeoutMs = 5000): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = 'path' in addr ? connect({ path: addr.path }) : connect({ host: addr.host, port: addr.port });
    let data = '';
    const timer = setTimeout(() => socket.destroy(new Error(`no answer within ${timeoutMs}ms`)), timeoutMs);
    socket.setEncoding('utf8');
    socket.on('connect', () => socket.end(`${command}\n`));
    socket.on('data', (chunk: string) => (data += chunk));
    socket.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(data);
    });
  });
}

export interface ServerState {
  backend: string;
  server: string;
  address: string;
  /** The weight set at run time (srv_uweight). */
  weight: number;
  /** The weight in the configuration (srv_iweight). */
  initialWeight: number;
  /** srv_op_state: 0 stopped (down), 1 starting, 2 running, 3 stopping. */
  opState: number;
  /** srv_admin_state flags: maintenance (forced, inherited, resolution) and drain bits. */
  adminState: number;
}

/** Why a server cannot take traffic, from its operational and admin state; undefined when it can. */
export function unavailability(s: ServerState): string | undefined {
  if (s.adminState & 0x67) return 'is in maintenance';
  if (s.adminState & 0x18) return 'is draining';
  if (s.opState === 0) return 'is down (failing its health check)';
  if (s.opState === 3) return 'is stopping';
  return undefined;
}

/** Parses `show servers state` (format version 1): a version line, a `#` header naming the columns, one line per server. */
export function parseServersState(text: string): ServerState[] {
  const lines = text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  const header = lines.find((l) => l.startsWith('# '));
  if (!header) throw new Error(`unexpected answer to "show servers state": ${show(text, 200)}`);
  const cols = header.slice(2).split(/\s+/);
  const at = (name: string) => {
    const i = cols.indexOf(name);
    if (i < 0) throw new Error(`"show servers state" has no column ${name}`);
    return i;
  };
  const [be, srv, addr, uw, iw, op, admin] = [
    at('be_name'),
    at('srv_name'),
    at('srv_addr'),
    at('srv_uweight'),
    at('srv_iweight'),
    at('srv_op_state'),
    at('srv_admin_state'),
  ];
  return lines
    .filter((l) => !l.startsWith('#') && /\s/.test(l))
    .map((l) => l.split(/\s+/))
    .map((f) => ({
      backend: f[be]!,
      server: f[srv]!,
      address: f[addr]!,
      weight: Number(f[uw]),
      initialWeight: Number(f[iw]),
      opState: Number(f[op]),
      adminState: Number(f[admin]),
    }));
}

/** The proxy and backend to drive, as the inputs describe them. */
export interface HaproxyTarget {
  admin: AdminAddress;
  backend: string;
  /** Server name of each colour in the backend. */
  ids: Record<Color, string>;
  /**
   * HAProxy's `server-state-file`: written (atomically) after every change so
   * a restarted proxy loads the same weights (`load-server-state-from-file`).
   */
  stateFile?: string;
  timeoutMs: number;
}

export interface HaproxyOptions extends HaproxyTarget, Timing {
  log?: (line: string) => void;
}

/**
 * A self-hosted HAProxy front: one backend with a server per colour. Weights
 * change through the runtime API, without a reload, so no connection, idle
 * keep-alive ones included, is ever closed by a switch.
 */
export class HaproxyProvider implements Provider {
  readonly kind = 'haproxy';
  readonly maxWeight = 256;
  private changes = 0;

  constructor(private readonly opts: HaproxyOptions) {}

  private async command(command: string): Promise<string> {
    const where = describeAddress(this.opts.admin);
    const { log, now, sleep, random } = this.opts;
    const answer = await retry(() => runtimeCommand(this.opts.admin, command), {
      label: `HAProxy runtime API at ${where}`,
      timeoutMs: Math.min(this.opts.timeoutMs, 15_000),
      initialMs: 200,
      maxMs: 2000,
      // Refused or reset connections happen while a proxy restarts; anything else is final.
      retryable: (e) => ['ECONNREFUSED', 'ECONNRESET', 'ENOENT', 'EPIPE'].includes((e as { code?: string }).code ?? ''),
      log,
      now,
      sleep,
      random,
    }).catch((e: unknown) => {
      throw new Failure(`Cannot use the HAProxy runtime API at ${where}: ${errorMessage(e)}`, {
        hint: 'haproxy-admin must name a `stats socket … level admin` (e.g. ipv4@127.0.0.1:9999 or a unix socket) reachable from the runner',
      });
    });
    if (/permission denied/i.test(answer)) {
      throw new Failure(`HAProxy runtime API at ${where} refused "${command.split(' ').slice(0, 3).join(' ')}": ${answer.trim()}`, {
        hint: 'the stats socket needs `level admin`',
      });
    }
    return answer;
  }

  private async servers(): Promise<ServerState[]> {
    const answer = await this.command(`show servers state ${this.opts.backend}`);
    if (/can't find backend/i.test(answer))
      throw new InputError('haproxy-backend', `${show(this.opts.backend)} is not a backend of the HAProxy at ${describeAddress(this.opts.admin)}`);
    return parseServersState(answer);
  }

  async read(): Promise<ProviderState> {
    if (this.opts.stateFile) {
      // Checked before any change: a switch whose state a restart would lose is not done.
      try {
        accessSync(dirname(this.opts.stateFile), constants.W_OK);
      } catch {
        throw new InputError(
          'haproxy-state-file',
          `${show(this.opts.stateFile)}: its directory is not writable, so the weights would not survive a proxy restart`,
        );
      }
    }
    const servers = await this.servers();
    const members: Member[] = [];
    for (const color of COLORS) {
      const id = this.opts.ids[color];
      const s = servers.find((x) => x.server === id);
      if (!s) {
        throw new InputError(
          `${color}-id`,
          `${show(id)} is not a server of backend ${show(this.opts.backend)}; found: ${servers.map((x) => x.server).join(', ') || 'none'}`,
        );
      }
      const why = unavailability(s);
      members.push({ color, id, weight: s.weight, unavailable: why && `server ${this.opts.backend}/${id} (${s.address}) ${why}` });
    }
    const weight = (c: Color) => members.find((m) => m.color === c)!.weight;
    return {
      weights: { blue: weight('blue'), green: weight('green') },
      members,
      drainMs: 0,
      where: `HAProxy ${describeAddress(this.opts.admin)} backend ${this.opts.backend}`,
    };
  }

  async apply(state: ProviderState, target: Weights): Promise<string> {
    // Raise weights before lowering any, all in one runtime API request: there
    // is never a moment with every server at 0.
    const order = [...COLORS].filter((c) => state.weights[c] !== target[c]).sort((a, b) => target[b] - state.weights[b] - (target[a] - state.weights[a]));
    const commands = order.map((c) => `set server ${this.opts.backend}/${this.opts.ids[c]} weight ${target[c]}`);
    const answer = await this.command(commands.join('; '));
    if (answer.trim() !== '') throw new Failure(`HAProxy did not accept ${show(commands.join('; '), 200)}: ${answer.trim()}`);
    this.changes++;
    if (this.opts.stateFile) await this.saveState(this.opts.stateFile);
    this.opts.log?.(
      `HAProxy ${this.opts.backend}: ${formatWeights(state.weights)} → ${formatWeights(target)}${this.opts.stateFile ? ` (state saved to ${this.opts.stateFile})` : ''}`,
    );
    return `haproxy-${Date.now().toString(36)}-${this.changes}`;
  }

  /** Requests the colour's server is handling now (`show stat` scur: its current sessions). */
  async inFlight(color: Color): Promise<number> {
    const csv = await this.command(`show stat ${this.opts.backend} 4 -1`);
    const lines = csv.split('\n');
    const cols = (lines[0] ?? '').replace(/^# /, '').split(',');
    const [px, sv, scur] = ['pxname', 'svname', 'scur'].map((c) => cols.indexOf(c));
    const row = lines.map((l) => l.split(',')).find((f) => f[px!] === this.opts.backend && f[sv!] === this.opts.ids[color]);
    if (!row || scur! < 0)
      throw new Failure(`HAProxy's "show stat" has no current sessions for ${this.opts.backend}/${this.opts.ids[color]}: ${show(csv, 160)}`);
    return Number(row[scur!]);
  }

  /** Writes every server's state where HAProxy's `server-state-file` points, atomically. */
  private async saveState(file: string): Promise<void> {
    const dump = await this.command('show servers state');
    if (!dump.startsWith('1\n')) throw new Failure(`HAProxy returned an unexpected server state dump: ${show(dump, 120)}`);
    const tmp = `${file}.${process.pid}.tmp`;
    try {
      writeFileSync(tmp, dump);
      renameSync(tmp, file);
    } catch (e) {
      throw new InputError(
        'haproxy-state-file',
        `${show(file)} cannot be written: ${errorMessage(e)} (the weights were changed, but a restarted proxy would not load them)`,
      );
    }
  }

  async waitEffective(_changeId: string, target: Weights): Promise<void> {
    // The runtime API applies at once; read back to prove it.
    await waitFor(
      async () => {
        const s = await this.read();
        return s.weights.blue === target.blue && s.weights.green === target.green
          ? { done: true, value: undefined }
          : { done: false, progress: `weights are ${formatWeights(s.weights)}` };
      },
      {
        label: `HAProxy weights ${formatWeights(target)}`,
        timeoutMs: Math.min(this.opts.timeoutMs, 10_000),
        initialMs: 100,
        maxMs: 1000,
        sleep: this.opts.sleep,
      },
    );
  }
}
