// Slack Web API and incoming webhooks over fetch: one retry layer for Slack.
// Rate limits wait for Retry-After; 5xx, network errors and Slack's transient
// errors are retried with backoff until the deadline; everything else is a
// named, non-retried error saying what to fix.
import { ConfigurationError, type Deadline, Failure, formatDuration, realSleep, retry, type Sleep } from '@switchyard/kit';

export interface SlackClientOptions {
  baseUrl: URL;
  token: string;
  deadline: Deadline;
  sleep?: Sleep;
  log?: (line: string) => void;
}

/** An error Slack answered with (`ok: false`), not worth another attempt. */
export class SlackApiError extends Failure {
  override readonly name: string = 'SlackApiError';
  constructor(
    readonly method: string,
    readonly code: string,
    message: string,
    hint?: string,
  ) {
    super(message, hint ? { hint } : {});
  }
}

/** The user's fault as Slack sees it: token, scopes, channel membership. */
export class SlackConfigurationError extends ConfigurationError {
  override readonly name: string = 'SlackConfigurationError';
  constructor(
    readonly method: string,
    readonly code: string,
    message: string,
    hint?: string,
  ) {
    super(message, hint ? { hint } : {});
  }
}

/** Worth another attempt: a rate limit (with Slack's wait) or a transient failure. */
class Transient extends Failure {
  constructor(
    message: string,
    readonly waitMs = 0,
  ) {
    super(message);
  }
}

const AUTH_ERRORS = new Set(['invalid_auth', 'not_authed', 'token_revoked', 'token_expired', 'account_inactive', 'no_permission', 'ekm_access_denied']);
const TRANSIENT_ERRORS = new Set(['ratelimited', 'internal_error', 'fatal_error', 'service_unavailable', 'request_timeout']);

/** Seconds of a Retry-After header as ms (1 s when absent or unreadable). */
export function retryAfterMs(header: string | null): number {
  const s = Number(header);
  return Number.isFinite(s) && s >= 0 ? Math.ceil(s * 1000) : 1000;
}

/** Explains one Slack error code: who must fix what. */
export function explain(method: string, code: string, body: Record<string, unknown>, channel?: string): Failure {
  const where = channel ? ` channel ${channel}` : '';
  if (AUTH_ERRORS.has(code))
    return new SlackConfigurationError(
      method,
      code,
      `Slack ${method}: ${code}: Slack rejected the token`,
      'Check the slack-token secret: a bot token (xoxb-…) of an app installed in this workspace.',
    );
  if (code === 'not_in_channel')
    return new SlackConfigurationError(
      method,
      code,
      `Slack ${method}: not_in_channel: the bot is not a member of${where}`,
      'Invite the app to the channel (/invite @your-app), or give it chat:write.public for posting only.',
    );
  if (code === 'channel_not_found')
    return new SlackConfigurationError(
      method,
      code,
      `Slack ${method}: channel_not_found:${where || ' the channel'} does not exist or the bot cannot see it`,
      'Check slack-channel (a channel ID such as C0123ABCD).',
    );
  if (code === 'missing_scope') {
    const needed = typeof body.needed === 'string' ? body.needed : 'see the README';
    return new SlackConfigurationError(
      method,
      code,
      `Slack ${method}: missing_scope: the token lacks the scope ${needed}`,
      'Add the scope to the app (OAuth & Permissions) and reinstall it.',
    );
  }
  if (code === 'is_archived') return new SlackConfigurationError(method, code, `Slack ${method}: is_archived:${where} is archived`);
  return new SlackApiError(method, code, `Slack ${method}: ${code}`);
}

type Attempt<T> = () => Promise<T>;

/** Runs one HTTP exchange with Slack's retry rules until it succeeds, fails for good, or the deadline passes. */
async function withRetry<T>(label: string, opts: SlackClientOptions, once: Attempt<T>): Promise<T> {
  const sleep = opts.sleep ?? realSleep;
  let wait = 0;
  return retry(
    async () => {
      if (wait > 0) {
        await sleep(wait);
        wait = 0;
      }
      try {
        return await once();
      } catch (e) {
        if (e instanceof Transient && e.waitMs > 0) {
          if (e.waitMs >= opts.deadline.remaining()) {
            throw new SlackApiError(
              label,
              'ratelimited',
              `${label}: rate limited; Slack asks to wait ${formatDuration(e.waitMs)}, longer than the ${formatDuration(opts.deadline.remaining())} left`,
            );
          }
          wait = e.waitMs;
          opts.log?.(`${label}: rate limited; waiting ${formatDuration(e.waitMs)} as Slack asks (Retry-After)`);
        }
        throw e;
      }
    },
    {
      label,
      timeoutMs: opts.deadline.remaining(),
      initialMs: 200,
      maxMs: 3000,
      sleep,
      retryable: (e) => e instanceof Transient,
      log: opts.log ?? (() => undefined),
    },
  );
}

async function send(url: URL, init: RequestInit, deadline: Deadline, label: string): Promise<Response> {
  try {
    return await fetch(url, { ...init, signal: AbortSignal.timeout(Math.max(1000, Math.min(10_000, deadline.remaining()))) });
  } catch (e) {
    const cause = (e as { cause?: { code?: string } }).cause?.code ?? (e as Error).name;
    throw new Transient(`${label}: no answer from ${url.origin} (${cause})`);
  }
}

export class SlackClient {
  constructor(private readonly opts: SlackClientOptions) {}

  /**
   * Calls a Web API method. Write methods send JSON; `form` sends
   * application/x-www-form-urlencoded, which every method accepts (read methods
   * such as conversations.history are documented with it).
   */
  async call<T extends Record<string, unknown>>(method: string, args: Record<string, unknown>, opts: { form?: boolean; channel?: string } = {}): Promise<T> {
    const url = new URL(`${this.opts.baseUrl.href.replace(/\/+$/, '')}/${method}`);
    const body = opts.form
      ? new URLSearchParams(Object.entries(args).map(([k, v]): [string, string] => [k, typeof v === 'string' ? v : JSON.stringify(v)])).toString()
      : JSON.stringify(args);
    const headers = {
      authorization: `Bearer ${this.opts.token}`,
      'content-type': opts.form ? 'application/x-www-form-urlencoded' : 'application/json; charset=utf-8',
    };
    const label = `Slack ${method}`;
    return withRetry(label, this.opts, async () => {
      const res = await send(url, { method: 'POST', headers, body }, this.opts.deadline, label);
      if (res.status === 429) throw new Transient(`${label}: HTTP 429 rate limited`, retryAfterMs(res.headers.get('retry-after')));
      if (res.status >= 500) throw new Transient(`${label}: HTTP ${res.status}`);
      const text = await res.text();
      let json: Record<string, unknown>;
      try {
        json = JSON.parse(text) as Record<string, unknown>;
      } catch {
        throw new SlackApiError(
          method,
          'invalid_response',
          `${label}: HTTP ${res.status}, not a Web API answer (${text.slice(0, 80)})`,
          'Check slack-api-url.',
        );
      }
      if (json.ok === true) return json as T;
      const code = typeof json.error === 'string' ? json.error : 'unknown_error';
      if (TRANSIENT_ERRORS.has(code)) throw new Transient(`${label}: ${code}`, code === 'ratelimited' ? retryAfterMs(res.headers.get('retry-after')) : 0);
      throw explain(method, code, json, opts.channel);
    });
  }
}

/** Posts to an incoming webhook (answers `ok`, or an error word such as invalid_payload, no_service). */
export async function postWebhook(url: URL, payload: Record<string, unknown>, opts: Omit<SlackClientOptions, 'token' | 'baseUrl'>): Promise<void> {
  const label = 'Slack webhook';
  await withRetry(label, { ...opts, token: '', baseUrl: url }, async () => {
    const res = await send(
      url,
      { method: 'POST', headers: { 'content-type': 'application/json; charset=utf-8' }, body: JSON.stringify(payload) },
      opts.deadline,
      label,
    );
    if (res.status === 429) throw new Transient(`${label}: HTTP 429 rate limited`, retryAfterMs(res.headers.get('retry-after')));
    if (res.status >= 500) throw new Transient(`${label}: HTTP ${res.status}`);
    const text = (await res.text()).trim();
    if (res.ok) return;
    const code = /^[a-z_]+$/.test(text) ? text : `HTTP ${res.status}`;
    if (['invalid_token', 'no_service', 'no_team', 'team_disabled', 'no_active_hooks'].includes(code) || res.status === 404 || res.status === 403) {
      throw new SlackConfigurationError(
        'webhook',
        code,
        `${label}: ${code}: the webhook URL is not valid (any more)`,
        'Create a new incoming webhook and update the slack-webhook-url secret.',
      );
    }
    if (['channel_not_found', 'channel_is_archived', 'action_prohibited', 'posting_to_general_channel_denied'].includes(code)) {
      throw new SlackConfigurationError('webhook', code, `${label}: ${code}: Slack refuses to post to the webhook's channel`);
    }
    throw new SlackApiError('webhook', code, `${label}: ${code}`);
  });
}
