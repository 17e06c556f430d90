// A local stand-in for Slack: an HTTP server speaking the Web API's JSON for
// chat.postMessage, chat.update and conversations.history (with
// include_all_metadata), plus incoming webhooks. It checks tokens, channel
// membership and arguments the way Slack answers them (ok:false + error code),
// records every request exactly as it arrived so tests assert what was sent,
// and can be told to fail (ratelimited with Retry-After, 5xx, any error code).
// Used by test/notify and by the local pipeline (state persisted to a file there).
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname } from 'node:path';

export interface FakeMessage {
  type: 'message';
  ts: string;
  user: string;
  bot_id: string;
  text: string;
  blocks?: unknown[];
  metadata?: { event_type: string; event_payload: Record<string, unknown> };
  thread_ts?: string;
  reply_count?: number;
  edited?: { user: string; ts: string };
}

export interface FakeChannel {
  id: string;
  /** Whether the bot is a member (posting and reading history need it). */
  member: boolean;
  /** Oldest first, top-level messages and thread replies alike. */
  messages: FakeMessage[];
}

export interface RecordedRequest {
  /** Web API method (`chat.postMessage`) or `webhook`. */
  method: string;
  httpMethod: string;
  path: string;
  contentType: string;
  authorization: string;
  /** Arguments as Slack reads them (JSON body, form body or query string). */
  args: Record<string, unknown>;
  /** What the fake answered. */
  status: number;
  response: Record<string, unknown> | string;
}

export interface Failure {
  /** HTTP status (default 200 with ok:false; 429 for `ratelimited`). */
  status?: number;
  /** Slack error code in the body (for status 200 or 429). */
  error?: string;
  /** Retry-After header, seconds. */
  retryAfter?: number;
  /** How many calls fail (default 1). */
  times?: number;
}

export interface SlackFakeOptions {
  /** Bot tokens accepted (default: one, `xoxb-switchyard-test`). */
  tokens?: string[];
  /** Channels (default: C0SWITCHYARD, bot a member). */
  channels?: { id: string; member?: boolean }[];
  /** Persist channels to this JSON file and load them from it (the local pipeline keeps the channel across runs). */
  stateFile?: string;
  port?: number;
}

export const FAKE_TOKEN = 'xoxb-switchyard-test';
export const FAKE_CHANNEL = 'C0SWITCHYARD';
const BOT_USER = 'U0SWITCHBOT';
const BOT_ID = 'B0SWITCHBOT';
const WEBHOOK_PATH = /^\/services\/T0SWITCH\/B0HOOK\/([A-Za-z0-9]+)$/;

export class SlackFake {
  readonly requests: RecordedRequest[] = [];
  private readonly channels = new Map<string, FakeChannel>();
  private readonly failures = new Map<string, Failure[]>();
  private readonly hooks = new Map<string, string>();
  private readonly tokens: Set<string>;
  private seq = 0;
  private clock = Math.floor(Date.now() / 1000);

  private constructor(
    private readonly server: http.Server,
    opts: SlackFakeOptions,
  ) {
    this.tokens = new Set(opts.tokens ?? [FAKE_TOKEN]);
    if (opts.stateFile && existsSync(opts.stateFile)) {
      const saved = JSON.parse(readFileSync(opts.stateFile, 'utf8')) as { seq: number; clock: number; channels: FakeChannel[] };
      this.seq = saved.seq;
      this.clock = Math.max(this.clock, saved.clock);
      for (const c of saved.channels) this.channels.set(c.id, c);
    }
    for (const c of opts.channels ?? [{ id: FAKE_CHANNEL }]) {
      if (!this.channels.has(c.id)) this.channels.set(c.id, { id: c.id, member: c.member ?? true, messages: [] });
    }
    this.stateFile = opts.stateFile;
  }
  private readonly stateFile: string | undefined;

  static async start(opts: SlackFakeOptions = {}): Promise<SlackFake> {
    const server = http.createServer();
    const fake = new SlackFake(server, opts);
    server.on('request', (req, res) => void fake.handle(req, res));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(opts.port ?? 0, '127.0.0.1', resolve);
    });
    return fake;
  }

  /** Base URL of the Web API (the action's `slack-api-url`). */
  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/api`;
  }

  /** An incoming-webhook URL posting to `channel`. */
  webhookUrl(channel = FAKE_CHANNEL): string {
    const secret = `hook${channel}`.replace(/[^A-Za-z0-9]/g, '');
    this.hooks.set(secret, channel);
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/services/T0SWITCH/B0HOOK/${secret}`;
  }

  channel(id = FAKE_CHANNEL): FakeChannel {
    const c = this.channels.get(id);
    if (!c) throw new Error(`slack-fake: no channel ${id}`);
    return c;
  }

  /** Top-level messages of a channel, oldest first. */
  topLevel(id = FAKE_CHANNEL): FakeMessage[] {
    return this.channel(id).messages.filter((m) => !m.thread_ts || m.thread_ts === m.ts);
  }

  replies(ts: string, id = FAKE_CHANNEL): FakeMessage[] {
    return this.channel(id).messages.filter((m) => m.thread_ts === ts && m.ts !== ts);
  }

  /** Adds a message as someone else posted it (for history paging and look-alike tests). */
  seed(message: Partial<FakeMessage> & { text: string }, id = FAKE_CHANNEL): FakeMessage {
    const m: FakeMessage = { type: 'message', ts: this.nextTs(), user: 'U0SOMEONE', bot_id: '', ...message };
    this.channel(id).messages.push(m);
    this.save();
    return m;
  }

  /** The next `times` calls of `method` (or `webhook`) fail as described. */
  failNext(method: string, failure: Failure): void {
    const list = this.failures.get(method) ?? [];
    for (let i = 0; i < (failure.times ?? 1); i++) list.push(failure);
    this.failures.set(method, list);
  }

  /** How a message reads in the channel: its text, then each thread reply's text indented. */
  render(ts: string, id = FAKE_CHANNEL): string {
    const parent = this.channel(id).messages.find((m) => m.ts === ts);
    if (!parent) throw new Error(`slack-fake: no message ${ts} in ${id}`);
    const replies = this.replies(ts, id).map((r) => r.text.split('\n')[0]);
    return [
      parent.text,
      ...(replies.length ? ['', `Thread (${replies.length} ${replies.length === 1 ? 'reply' : 'replies'}):`] : []),
      ...replies.map((r) => `  └ ${r}`),
    ].join('\n');
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  // ---- the wire -------------------------------------------------------------

  private nextTs(): string {
    this.seq += 1;
    const now = Math.floor(Date.now() / 1000);
    this.clock = Math.max(this.clock, now);
    return `${this.clock}.${String(this.seq).padStart(6, '0')}`;
  }

  private save(): void {
    if (!this.stateFile) return;
    mkdirSync(dirname(this.stateFile), { recursive: true });
    const tmp = `${this.stateFile}.tmp`;
    writeFileSync(tmp, JSON.stringify({ seq: this.seq, clock: this.clock, channels: [...this.channels.values()] }, null, 1));
    renameSync(tmp, this.stateFile);
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const contentType = String(req.headers['content-type'] ?? '');
    const record: RecordedRequest = {
      method: '',
      httpMethod: req.method ?? '',
      path: url.pathname,
      contentType,
      authorization: String(req.headers.authorization ?? ''),
      args: {},
      status: 200,
      response: '',
    };
    const send = (status: number, body: Record<string, unknown> | string, headers: Record<string, string> = {}) => {
      record.status = status;
      record.response = body;
      this.requests.push(record);
      const text = typeof body === 'string' ? body : JSON.stringify(body);
      res.writeHead(status, { 'content-type': typeof body === 'string' ? 'text/plain' : 'application/json; charset=utf-8', ...headers });
      res.end(text);
    };

    const hook = WEBHOOK_PATH.exec(url.pathname);
    if (hook) {
      record.method = 'webhook';
      const failure = this.takeFailure('webhook');
      if (failure)
        return send(
          failure.status ?? 400,
          failure.error ?? 'invalid_payload',
          failure.retryAfter === undefined ? {} : { 'retry-after': String(failure.retryAfter) },
        );
      const channel = this.hooks.get(hook[1]!);
      if (!channel || req.method !== 'POST') return send(404, 'no_service');
      let payload: Record<string, unknown>;
      try {
        payload = JSON.parse(raw) as Record<string, unknown>;
      } catch {
        return send(400, 'invalid_payload');
      }
      record.args = payload;
      if (typeof payload.text !== 'string' && !Array.isArray(payload.blocks)) return send(400, 'no_text');
      this.channel(channel).messages.push({
        type: 'message',
        ts: this.nextTs(),
        user: BOT_USER,
        bot_id: BOT_ID,
        text: String(payload.text ?? ''),
        ...(Array.isArray(payload.blocks) ? { blocks: payload.blocks } : {}),
      });
      this.save();
      return send(200, 'ok');
    }

    const api = /^\/api\/([A-Za-z.]+)$/.exec(url.pathname);
    if (!api) return send(404, { ok: false, error: 'unknown_method' });
    const method = api[1]!;
    record.method = method;
    let args: Record<string, unknown>;
    try {
      args = this.parseArgs(raw, contentType, url);
    } catch {
      return send(200, { ok: false, error: 'invalid_json' });
    }
    record.args = args;

    const failure = this.takeFailure(method);
    if (failure) {
      const status = failure.status ?? (failure.error === 'ratelimited' ? 429 : 200);
      const headers: Record<string, string> = failure.retryAfter === undefined ? {} : { 'retry-after': String(failure.retryAfter) };
      return send(status, { ok: false, error: failure.error ?? 'internal_error' }, headers);
    }

    // Slack reads the token from the Authorization header (or a `token` argument).
    const bearer = /^Bearer (.+)$/.exec(record.authorization)?.[1] ?? (typeof args.token === 'string' ? args.token : '');
    if (!bearer) return send(200, { ok: false, error: 'not_authed' });
    if (!this.tokens.has(bearer)) return send(200, { ok: false, error: 'invalid_auth' });

    switch (method) {
      case 'chat.postMessage':
        return send(200, this.postMessage(args));
      case 'chat.update':
        return send(200, this.update(args));
      case 'conversations.history':
        return send(200, this.history(args));
      default:
        return send(200, { ok: false, error: 'unknown_method' });
    }
  }

  private takeFailure(method: string): Failure | undefined {
    const list = this.failures.get(method);
    return list?.shift();
  }

  private parseArgs(raw: string, contentType: string, url: URL): Record<string, unknown> {
    const args: Record<string, unknown> = Object.fromEntries(url.searchParams);
    if (raw === '') return args;
    if (/^application\/json/.test(contentType)) return { ...args, ...(JSON.parse(raw) as Record<string, unknown>) };
    if (/^application\/x-www-form-urlencoded/.test(contentType)) return { ...args, ...Object.fromEntries(new URLSearchParams(raw)) };
    return args;
  }

  /** Form-encoded arguments carry JSON as strings (blocks, metadata), as Slack accepts them. */
  private json(v: unknown): unknown {
    if (typeof v !== 'string') return v;
    try {
      return JSON.parse(v);
    } catch {
      return undefined;
    }
  }

  private member(args: Record<string, unknown>): FakeChannel | { ok: false; error: string } {
    const id = args.channel;
    if (typeof id !== 'string' || id === '') return { ok: false, error: 'channel_not_found' };
    const c = this.channels.get(id);
    if (!c) return { ok: false, error: 'channel_not_found' };
    if (!c.member) return { ok: false, error: 'not_in_channel' };
    return c;
  }

  private metadata(args: Record<string, unknown>): FakeMessage['metadata'] | 'invalid' | undefined {
    if (args.metadata === undefined) return undefined;
    const m = this.json(args.metadata) as FakeMessage['metadata'];
    if (!m || typeof m.event_type !== 'string' || typeof m.event_payload !== 'object' || m.event_payload === null) return 'invalid';
    return m;
  }

  private postMessage(args: Record<string, unknown>): Record<string, unknown> {
    const c = this.member(args);
    if ('ok' in c) return c;
    const blocks = args.blocks === undefined ? undefined : this.json(args.blocks);
    if (blocks !== undefined && !Array.isArray(blocks)) return { ok: false, error: 'invalid_blocks' };
    if (typeof args.text !== 'string' && !blocks) return { ok: false, error: 'no_text' };
    const metadata = this.metadata(args);
    if (metadata === 'invalid') return { ok: false, error: 'invalid_metadata_format' };
    const threadTs = typeof args.thread_ts === 'string' ? args.thread_ts : undefined;
    if (threadTs) {
      const parent = c.messages.find((m) => m.ts === threadTs);
      if (!parent) return { ok: false, error: 'thread_not_found' };
      parent.thread_ts = parent.ts;
      parent.reply_count = (parent.reply_count ?? 0) + 1;
    }
    const message: FakeMessage = {
      type: 'message',
      ts: this.nextTs(),
      user: BOT_USER,
      bot_id: BOT_ID,
      text: typeof args.text === 'string' ? args.text : '',
      ...(blocks ? { blocks: blocks as unknown[] } : {}),
      ...(metadata ? { metadata } : {}),
      ...(threadTs ? { thread_ts: threadTs } : {}),
    };
    c.messages.push(message);
    this.save();
    return { ok: true, channel: c.id, ts: message.ts, message: this.view(message, true) };
  }

  private update(args: Record<string, unknown>): Record<string, unknown> {
    const c = this.member(args);
    if ('ok' in c) return c;
    const message = c.messages.find((m) => m.ts === args.ts);
    if (!message) return { ok: false, error: 'message_not_found' };
    if (message.user !== BOT_USER) return { ok: false, error: 'cant_update_message' };
    const blocks = args.blocks === undefined ? undefined : this.json(args.blocks);
    if (blocks !== undefined && !Array.isArray(blocks)) return { ok: false, error: 'invalid_blocks' };
    const metadata = this.metadata(args);
    if (metadata === 'invalid') return { ok: false, error: 'invalid_metadata_format' };
    if (typeof args.text === 'string') message.text = args.text;
    if (blocks) message.blocks = blocks as unknown[];
    if (metadata) message.metadata = metadata;
    message.edited = { user: BOT_USER, ts: this.nextTs() };
    this.save();
    return { ok: true, channel: c.id, ts: message.ts, text: message.text, message: this.view(message, true) };
  }

  private history(args: Record<string, unknown>): Record<string, unknown> {
    const c = this.member(args);
    if ('ok' in c) return c;
    const limit = args.limit === undefined ? 100 : Number(args.limit);
    if (!Number.isInteger(limit) || limit < 1) return { ok: false, error: 'invalid_limit' };
    const withMetadata = args.include_all_metadata === true || args.include_all_metadata === 'true' || args.include_all_metadata === '1';
    const top = c.messages.filter((m) => !m.thread_ts || m.thread_ts === m.ts).reverse();
    const start =
      typeof args.cursor === 'string' && args.cursor
        ? Number(
            Buffer.from(args.cursor, 'base64')
              .toString()
              .replace(/^offset:/, ''),
          )
        : 0;
    if (!Number.isInteger(start) || start < 0) return { ok: false, error: 'invalid_cursor' };
    const page = top.slice(start, start + Math.min(limit, 1000));
    const more = start + page.length < top.length;
    return {
      ok: true,
      messages: page.map((m) => this.view(m, withMetadata)),
      has_more: more,
      response_metadata: { next_cursor: more ? Buffer.from(`offset:${start + page.length}`).toString('base64') : '' },
    };
  }

  /** A message as the API returns it; metadata only when asked for. */
  private view(m: FakeMessage, withMetadata: boolean): Record<string, unknown> {
    const { metadata, ...rest } = m;
    return withMetadata && metadata ? { ...rest, metadata } : rest;
  }
}
