// A small keep-alive HTTP load generator: N persistent connections, each
// sending requests back to back, counting answers and errors, plus optional
// loops that open a new connection for every request (what keep-alive hides: a
// proxy's connect path and its choice of server per connection). Windows (e.g.
// one per traffic switch) report the requests and errors inside them.
import http from 'node:http';

export interface LoadOptions {
  /** Full URL to request, e.g. http://127.0.0.1:18180/healthz. */
  url: string;
  /** Host header (the production host name the proxy serves). */
  hostHeader?: string;
  /** Concurrent keep-alive connections (default 8). */
  connections?: number;
  /** Concurrent loops that open a new connection per request (`Connection: close`; default 0). */
  newConnections?: number;
  /** Per-request timeout (default 5 s). */
  timeoutMs?: number;
}

export interface LoadCounts {
  requests: number;
  errors: number;
  /** Error reasons with counts, e.g. { 'HTTP 503': 2, ECONNRESET: 1 }. */
  reasons: Record<string, number>;
  durationMs: number;
}

export class LoadGenerator {
  private running = false;
  private requests = 0;
  private errors = 0;
  private reasons: Record<string, number> = {};
  private loops: Promise<void>[] = [];
  private agents: http.Agent[] = [];
  private startedAt = 0;
  private readonly windows = new Map<string, { requests: number; errors: number; reasons: Record<string, number>; at: number }>();

  constructor(readonly opts: LoadOptions) {}

  start() {
    if (this.running) return;
    this.running = true;
    this.startedAt = performance.now();
    const n = this.opts.connections ?? 8;
    for (let i = 0; i < n; i++) {
      // One agent with one socket per loop: a real keep-alive client connection.
      const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
      this.agents.push(agent);
      this.loops.push(this.loop(agent));
    }
    for (let i = 0; i < (this.opts.newConnections ?? 0); i++) this.loops.push(this.loop(false));
  }

  private async loop(agent: http.Agent | false) {
    const url = new URL(this.opts.url);
    while (this.running) {
      const ok = await new Promise<boolean>((resolve) => {
        const req = http.request(
          {
            host: url.hostname,
            port: url.port,
            path: url.pathname + url.search,
            agent,
            headers: { ...(this.opts.hostHeader ? { host: this.opts.hostHeader } : {}), ...(agent ? {} : { connection: 'close' }) },
            timeout: this.opts.timeoutMs ?? 5000,
          },
          (res) => {
            res.resume();
            res.on('end', () => {
              const good = (res.statusCode ?? 0) >= 200 && (res.statusCode ?? 0) < 400;
              this.count(good ? undefined : `HTTP ${res.statusCode}`);
              resolve(good);
            });
            res.on('error', (e: NodeJS.ErrnoException) => {
              this.count(e.code ?? e.message);
              resolve(false);
            });
          },
        );
        req.on('timeout', () => req.destroy(Object.assign(new Error('timeout'), { code: 'TIMEOUT' })));
        req.on('error', (e: NodeJS.ErrnoException) => {
          this.count(e.code ?? e.message);
          resolve(false);
        });
        req.end();
      });
      // After an error, back off a little so a down target does not spin the CPU.
      if (!ok) await new Promise((r) => setTimeout(r, 20));
    }
  }

  private count(reason?: string) {
    if (!this.running) return;
    this.requests++;
    if (reason) {
      this.errors++;
      this.reasons[reason] = (this.reasons[reason] ?? 0) + 1;
    }
  }

  /** Starts a named window (e.g. `uat switch`). */
  openWindow(name: string) {
    this.windows.set(name, { requests: this.requests, errors: this.errors, reasons: { ...this.reasons }, at: performance.now() });
  }

  /** Counts since the window was opened. */
  closeWindow(name: string): LoadCounts {
    const w = this.windows.get(name);
    if (!w) throw new Error(`no load window '${name}'`);
    this.windows.delete(name);
    const reasons: Record<string, number> = {};
    for (const [k, v] of Object.entries(this.reasons)) if (v - (w.reasons[k] ?? 0) > 0) reasons[k] = v - (w.reasons[k] ?? 0);
    return { requests: this.requests - w.requests, errors: this.errors - w.errors, reasons, durationMs: performance.now() - w.at };
  }

  totals(): LoadCounts {
    return { requests: this.requests, errors: this.errors, reasons: { ...this.reasons }, durationMs: performance.now() - this.startedAt };
  }

  async stop(): Promise<LoadCounts> {
    const t = this.totals();
    this.running = false;
    await Promise.all(this.loops);
    for (const a of this.agents) a.destroy();
    this.loops = [];
    this.agents = [];
    return t;
  }
}
