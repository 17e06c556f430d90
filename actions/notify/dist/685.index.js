export const id = 685;
export const ids = [685];
export const modules = {

/***/ 8685:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  notifySlack: () => (/* binding */ notifySlack),
  notifyWebhook: () => (/* binding */ notifyWebhook)
});

// UNUSED EXPORTS: findRelease

// EXTERNAL MODULE: ./packages/kit/src/index.ts + 15 modules
var src = __webpack_require__(9501);
// EXTERNAL MODULE: ./actions/notify/src/format.ts
var format = __webpack_require__(4941);
;// CONCATENATED MODULE: ./actions/notify/src/slack-api.ts
// Slack Web API and incoming webhooks over fetch: one retry layer for Slack.
// Rate limits wait for Retry-After; 5xx, network errors and Slack's transient
// errors are retried with backoff until the deadline; everything else is a
// named, non-retried error saying what to fix.

/** An error Slack answered with (`ok: false`), not worth another attempt. */
class SlackApiError extends src/* Failure */.HR {
    method;
    code;
    name = 'SlackApiError';
    constructor(method, code, message, hint) {
        super(message, hint ? { hint } : {});
        this.method = method;
        this.code = code;
    }
}
/** The user's fault as Slack sees it: token, scopes, channel membership. */
class SlackConfigurationError extends src/* ConfigurationError */.j1 {
    method;
    code;
    name = 'SlackConfigurationError';
    constructor(method, code, message, hint) {
        super(message, hint ? { hint } : {});
        this.method = method;
        this.code = code;
    }
}
/** Worth another attempt: a rate limit (with Slack's wait) or a transient failure. */
class Transient extends src/* Failure */.HR {
    waitMs;
    constructor(message, waitMs = 0) {
        super(message);
        this.waitMs = waitMs;
    }
}
const AUTH_ERRORS = new Set(['invalid_auth', 'not_authed', 'token_revoked', 'token_expired', 'account_inactive', 'no_permission', 'ekm_access_denied']);
const TRANSIENT_ERRORS = new Set(['ratelimited', 'internal_error', 'fatal_error', 'service_unavailable', 'request_timeout']);
/** Seconds of a Retry-After header as ms (1 s when absent or unreadable). */
function retryAfterMs(header) {
    const s = Number(header);
    return Number.isFinite(s) && s >= 0 ? Math.ceil(s * 1000) : 1000;
}
/** Explains one Slack error code: who must fix what. */
function explain(method, code, body, channel) {
    const where = channel ? ` channel ${channel}` : '';
    if (AUTH_ERRORS.has(code))
        return new SlackConfigurationError(method, code, `Slack ${method}: ${code}: Slack rejected the token`, 'Check the slack-token secret: a bot token (xoxb-…) of an app installed in this workspace.');
    if (code === 'not_in_channel')
        return new SlackConfigurationError(method, code, `Slack ${method}: not_in_channel: the bot is not a member of${where}`, 'Invite the app to the channel (/invite @your-app), or give it chat:write.public for posting only.');
    if (code === 'channel_not_found')
        return new SlackConfigurationError(method, code, `Slack ${method}: channel_not_found:${where || ' the channel'} does not exist or the bot cannot see it`, 'Check slack-channel (a channel ID such as C0123ABCD).');
    if (code === 'missing_scope') {
        const needed = typeof body.needed === 'string' ? body.needed : 'see the README';
        return new SlackConfigurationError(method, code, `Slack ${method}: missing_scope: the token lacks the scope ${needed}`, 'Add the scope to the app (OAuth & Permissions) and reinstall it.');
    }
    if (code === 'is_archived')
        return new SlackConfigurationError(method, code, `Slack ${method}: is_archived:${where} is archived`);
    return new SlackApiError(method, code, `Slack ${method}: ${code}`);
}
/** Runs one HTTP exchange with Slack's retry rules until it succeeds, fails for good, or the deadline passes. */
async function withRetry(label, opts, once) {
    const sleep = opts.sleep ?? src/* realSleep */.uk;
    let wait = 0;
    return (0,src/* retry */.L5)(async () => {
        if (wait > 0) {
            await sleep(wait);
            wait = 0;
        }
        try {
            return await once();
        }
        catch (e) {
            if (e instanceof Transient && e.waitMs > 0) {
                if (e.waitMs >= opts.deadline.remaining()) {
                    throw new SlackApiError(label, 'ratelimited', `${label}: rate limited; Slack asks to wait ${(0,src/* formatDuration */.a3)(e.waitMs)}, longer than the ${(0,src/* formatDuration */.a3)(opts.deadline.remaining())} left`);
                }
                wait = e.waitMs;
                opts.log?.(`${label}: rate limited; waiting ${(0,src/* formatDuration */.a3)(e.waitMs)} as Slack asks (Retry-After)`);
            }
            throw e;
        }
    }, {
        label,
        timeoutMs: opts.deadline.remaining(),
        initialMs: 200,
        maxMs: 3000,
        sleep,
        retryable: (e) => e instanceof Transient,
        log: opts.log ?? (() => undefined),
    });
}
async function send(url, init, deadline, label) {
    try {
        return await fetch(url, { ...init, signal: AbortSignal.timeout(Math.max(1000, Math.min(10_000, deadline.remaining()))) });
    }
    catch (e) {
        const cause = e.cause?.code ?? e.name;
        throw new Transient(`${label}: no answer from ${url.origin} (${cause})`);
    }
}
class SlackClient {
    opts;
    constructor(opts) {
        this.opts = opts;
    }
    /**
     * Calls a Web API method. Write methods send JSON; `form` sends
     * application/x-www-form-urlencoded, which every method accepts (read methods
     * such as conversations.history are documented with it).
     */
    async call(method, args, opts = {}) {
        const url = new URL(`${this.opts.baseUrl.href.replace(/\/+$/, '')}/${method}`);
        const body = opts.form
            ? new URLSearchParams(Object.entries(args).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)])).toString()
            : JSON.stringify(args);
        const headers = {
            authorization: `Bearer ${this.opts.token}`,
            'content-type': opts.form ? 'application/x-www-form-urlencoded' : 'application/json; charset=utf-8',
        };
        const label = `Slack ${method}`;
        return withRetry(label, this.opts, async () => {
            const res = await send(url, { method: 'POST', headers, body }, this.opts.deadline, label);
            if (res.status === 429)
                throw new Transient(`${label}: HTTP 429 rate limited`, retryAfterMs(res.headers.get('retry-after')));
            if (res.status >= 500)
                throw new Transient(`${label}: HTTP ${res.status}`);
            const text = await res.text();
            let json;
            try {
                json = JSON.parse(text);
            }
            catch {
                throw new SlackApiError(method, 'invalid_response', `${label}: HTTP ${res.status}, not a Web API answer (${text.slice(0, 80)})`, 'Check slack-api-url.');
            }
            if (json.ok === true)
                return json;
            const code = typeof json.error === 'string' ? json.error : 'unknown_error';
            if (TRANSIENT_ERRORS.has(code))
                throw new Transient(`${label}: ${code}`, code === 'ratelimited' ? retryAfterMs(res.headers.get('retry-after')) : 0);
            throw explain(method, code, json, opts.channel);
        });
    }
}
/** Posts to an incoming webhook (answers `ok`, or an error word such as invalid_payload, no_service). */
async function postWebhook(url, payload, opts) {
    const label = 'Slack webhook';
    await withRetry(label, { ...opts, token: '', baseUrl: url }, async () => {
        const res = await send(url, { method: 'POST', headers: { 'content-type': 'application/json; charset=utf-8' }, body: JSON.stringify(payload) }, opts.deadline, label);
        if (res.status === 429)
            throw new Transient(`${label}: HTTP 429 rate limited`, retryAfterMs(res.headers.get('retry-after')));
        if (res.status >= 500)
            throw new Transient(`${label}: HTTP ${res.status}`);
        const text = (await res.text()).trim();
        if (res.ok)
            return;
        const code = /^[a-z_]+$/.test(text) ? text : `HTTP ${res.status}`;
        if (['invalid_token', 'no_service', 'no_team', 'team_disabled', 'no_active_hooks'].includes(code) || res.status === 404 || res.status === 403) {
            throw new SlackConfigurationError('webhook', code, `${label}: ${code}: the webhook URL is not valid (any more)`, 'Create a new incoming webhook and update the slack-webhook-url secret.');
        }
        if (['channel_not_found', 'channel_is_archived', 'action_prohibited', 'posting_to_general_channel_denied'].includes(code)) {
            throw new SlackConfigurationError('webhook', code, `${label}: ${code}: Slack refuses to post to the webhook's channel`);
        }
        throw new SlackApiError('webhook', code, `${label}: ${code}`);
    });
}

// EXTERNAL MODULE: ./actions/notify/src/status.ts
var src_status = __webpack_require__(9308);
;// CONCATENATED MODULE: ./actions/notify/src/slack.ts
// The release's one live Slack message: find it again through its metadata in
// the channel's history, update it in place (or post it the first time), and
// reply in its thread with this event. Loaded lazily: the fail-fast path never
// pays for it.




/** Finds the newest message in the channel carrying this release's metadata, within the last `limit` messages. */
async function findRelease(client, channel, match, limit) {
    let cursor = '';
    for (let seen = 0; seen < limit;) {
        const page = await client.call('conversations.history', { channel, limit: String(Math.min(200, limit - seen)), include_all_metadata: 'true', ...(cursor ? { cursor } : {}) }, { form: true, channel });
        const messages = page.messages ?? [];
        for (const m of messages) {
            const status = (0,src_status/* fromMetadata */.U7)(m.metadata, match);
            if (status && typeof m.ts === 'string')
                return { ts: m.ts, status };
        }
        seen += messages.length;
        cursor = page.response_metadata?.next_cursor ?? '';
        if (!page.has_more || !cursor || messages.length === 0)
            break;
    }
    return undefined;
}
async function notifySlack(target, event, order, render, opts) {
    const client = new SlackClient({
        baseUrl: target.baseUrl,
        token: target.token,
        deadline: opts.deadline,
        log: opts.log,
        sleep: opts.sleep ?? src/* realSleep */.uk,
    });
    const { channel } = target;
    const found = await findRelease(client, channel, { repository: event.repository, version: event.version }, target.historyLimit);
    opts.log(found
        ? `Found the release's message ${found.ts} in ${channel}`
        : `No message for release ${event.version} in the last ${target.historyLimit} messages of ${channel}: posting one`);
    const status = (0,src_status/* applyEvent */.Z8)(found?.status, event, order);
    const message = render(status);
    const parent = { channel, text: (0,format/* statusText */.qS)(message), blocks: (0,format/* statusBlocks */.Vc)(message), metadata: (0,src_status/* toMetadata */.Db)(status) };
    let ts = found?.ts ?? '';
    let updated = false;
    if (found) {
        try {
            await client.call('chat.update', { ...parent, ts: found.ts }, { channel });
            updated = true;
            opts.log(`Updated message ${found.ts}`);
        }
        catch (e) {
            // Deleted since it was read: start a new live message rather than lose the event.
            if (!(e instanceof SlackApiError && e.code === 'message_not_found'))
                throw e;
            opts.log(`Message ${found.ts} is gone (message_not_found): posting a new one`);
            ts = '';
        }
    }
    if (!ts) {
        const posted = await client.call('chat.postMessage', { ...parent, unfurl_links: false, unfurl_media: false }, { channel });
        ts = posted.ts;
        opts.log(`Posted message ${ts}`);
    }
    const reply = await client.call('chat.postMessage', { channel, thread_ts: ts, text: (0,format/* eventText */.cj)(message), blocks: (0,format/* eventBlocks */.Ng)(message), unfurl_links: false, unfurl_media: false }, { channel });
    opts.log(`Replied in its thread: ${reply.ts}`);
    return { ts, replyTs: reply.ts, updated, status };
}
/** Webhook mode: one new message per event (a webhook cannot update or read a channel). */
async function notifyWebhook(url, message, opts) {
    const text = `${(0,format/* statusText */.qS)(message)}\n\n${(0,format/* eventText */.cj)(message)}`;
    await postWebhook(url, { text, blocks: [...(0,format/* statusBlocks */.Vc)(message), { type: 'divider' }, ...(0,format/* eventBlocks */.Ng)(message)] }, opts);
    opts.log('Posted through the incoming webhook');
}


/***/ })

};
