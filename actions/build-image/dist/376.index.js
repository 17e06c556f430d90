export const id = 376;
export const ids = [376];
export const modules = {

/***/ 4376:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  openPushSession: () => (/* binding */ openPushSession),
  probePushAccess: () => (/* binding */ probePushAccess),
  verifyPushed: () => (/* binding */ verifyPushed)
});

// EXTERNAL MODULE: ./packages/kit/src/index.ts + 15 modules
var src = __webpack_require__(9501);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: external "node:stream"
var external_node_stream_ = __webpack_require__(7075);
;// CONCATENATED MODULE: ./packages/registry/src/challenge.ts
/**
 * Parses a WWW-Authenticate header (RFC 7235): one or more challenges, each
 * `Scheme param=value, param="quoted, value"`. Tolerates the variations
 * registries send (unquoted values, extra spaces, several challenges).
 */
function parseWwwAuthenticate(header) {
    const out = [];
    let i = 0;
    const n = header.length;
    const skipWs = () => {
        while (i < n && /[\s,]/.test(header[i]))
            i++;
    };
    const readToken = () => {
        const start = i;
        while (i < n && /[A-Za-z0-9!#$%&'*+.^_`|~-]/.test(header[i]))
            i++;
        return header.slice(start, i);
    };
    let current;
    while (i < n) {
        skipWs();
        const save = i;
        const token = readToken();
        if (!token) {
            i++;
            continue;
        }
        let j = i;
        while (j < n && header[j] === ' ')
            j++;
        if (header[j] === '=' && current) {
            i = j + 1;
            while (i < n && header[i] === ' ')
                i++;
            let value = '';
            if (header[i] === '"') {
                i++;
                while (i < n && header[i] !== '"') {
                    if (header[i] === '\\' && i + 1 < n)
                        i++;
                    value += header[i];
                    i++;
                }
                i++;
            }
            else {
                const start = i;
                while (i < n && header[i] !== ',')
                    i++;
                value = header.slice(start, i).trim();
            }
            current.params[token.toLowerCase()] = value;
        }
        else {
            if (header[j] === '=' && !current) {
                i = save + token.length;
                continue;
            }
            current = { scheme: token.toLowerCase(), params: {} };
            out.push(current);
        }
    }
    return out;
}

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
;// CONCATENATED MODULE: ./packages/registry/src/credentials.ts




/** The Docker config file's path for a lookup. */
function dockerConfigPath(opts = {}) {
    const env = opts.env ?? process.env;
    const dir = opts.dockerConfigDir || env.DOCKER_CONFIG || (0,external_node_path_.join)(env.HOME || (0,external_node_os_.homedir)(), '.docker');
    return (0,external_node_path_.join)(dir, 'config.json');
}
/**
 * Normalises a key of the config's `auths` (`https://index.docker.io/v1/`,
 * `https://ghcr.io`, `127.0.0.1:5001`, `http://host:5000/v2/`) to the
 * registry name it stands for.
 */
const normaliseAuthKey = src/* registryOfAuthKey */.i8;
/**
 * Resolves credentials for `registry`: explicit username/password first,
 * then the Docker config file that `docker login`, docker/login-action and
 * aws-actions/amazon-ecr-login leave behind (`auths` with base64 `auth` or
 * `username`/`password`, `identitytoken`; `credHelpers`/`credsStore` through
 * their `docker-credential-*` programs). Returns undefined for anonymous
 * access. Every secret found is registered with kit `addSecret`.
 */
async function resolveCredentials(registry, opts = {}) {
    if (opts.username || opts.password) {
        if (!opts.username || !opts.password)
            throw new src/* ConfigurationError */.j1(`registry ${registry}: give both a username and a password (only the ${opts.username ? 'username' : 'password'} is set)`);
        (0,src/* addSecret */.Ck)(opts.password);
        return { username: opts.username, password: opts.password, source: 'inputs' };
    }
    const path = dockerConfigPath(opts);
    let config;
    try {
        config = JSON.parse((0,external_node_fs_.readFileSync)(path, 'utf8'));
    }
    catch (e) {
        if (e.code === 'ENOENT')
            return undefined;
        throw new src/* ConfigurationError */.j1(`Docker config ${path} cannot be read: ${e.message}`);
    }
    const wanted = normaliseAuthKey(registry);
    const helper = config.credHelpers?.[registry] ?? Object.entries(config.credHelpers ?? {}).find(([k]) => normaliseAuthKey(k) === wanted)?.[1];
    if (helper && opts.useCredentialHelpers !== false)
        return fromHelper(helper, registry);
    for (const [key, entry] of Object.entries(config.auths ?? {})) {
        if (normaliseAuthKey(key) !== wanted)
            continue;
        const c = fromAuthEntry(entry, path);
        if (c)
            return c;
    }
    if (config.credsStore && opts.useCredentialHelpers !== false)
        return fromHelper(config.credsStore, registry, true);
    return undefined;
}
function fromAuthEntry(entry, path) {
    let username = entry.username ?? '';
    let password = entry.password ?? '';
    if (entry.auth) {
        const decoded = Buffer.from(entry.auth, 'base64').toString('utf8');
        const colon = decoded.indexOf(':');
        if (colon < 0)
            throw new src/* ConfigurationError */.j1(`Docker config ${path}: an 'auth' entry is not base64 of username:password`);
        username = decoded.slice(0, colon);
        password = decoded.slice(colon + 1);
    }
    (0,src/* addSecret */.Ck)(entry.auth);
    (0,src/* addSecret */.Ck)(password);
    (0,src/* addSecret */.Ck)(entry.identitytoken);
    if (entry.identitytoken)
        return { username: username || '<token>', password, identityToken: entry.identitytoken, source: path };
    if (!username && !password)
        return undefined;
    return { username, password, source: path };
}
async function fromHelper(helper, registry, optional = false) {
    if (!/^[A-Za-z0-9_.-]+$/.test(helper))
        throw new src/* ConfigurationError */.j1(`Docker config names credential helper ${JSON.stringify(helper)}, which is not a program name`);
    const program = `docker-credential-${helper}`;
    const candidates = registry === 'docker.io' ? ['https://index.docker.io/v1/', registry] : [registry, `https://${registry}`];
    for (const server of candidates) {
        const r = await (0,src/* execute */.g7)(program, ['get'], { input: server, allowFailure: true }).catch((e) => {
            if (optional)
                return undefined;
            throw new src/* Failure */.HR(`credential helper ${program} for ${registry} could not be run: ${e.message}`);
        });
        if (!r || r.code !== 0)
            continue;
        const out = JSON.parse(r.stdout);
        if (!out.Secret)
            continue;
        (0,src/* addSecret */.Ck)(out.Secret);
        const username = out.Username ?? '';
        return username === '<token>'
            ? { username, password: '', identityToken: out.Secret, source: `credential helper ${helper}` }
            : { username, password: out.Secret, source: `credential helper ${helper}` };
    }
    return undefined;
}

;// CONCATENATED MODULE: ./packages/registry/src/errors.ts

/**
 * A registry answered with an unexpected HTTP status. `status` and the
 * registry's error codes (MANIFEST_UNKNOWN, BLOB_UNKNOWN, DENIED, ...) are
 * kept for callers; 429 and 5xx are retried by the client before this escapes.
 */
class RegistryError extends src/* Failure */.HR {
    status;
    errors;
    name = 'RegistryError';
    constructor(message, status, errors = [], options = {}) {
        super(message, options);
        this.status = status;
        this.errors = errors;
    }
    /** Whether the registry reported a given error code. */
    has(code) {
        return this.errors.some((e) => e.code === code);
    }
}
/** The registry rejected our credentials, or we had none where they are required (401/403). */
class RegistryAuthError extends RegistryError {
    name = 'RegistryAuthError';
}
/** A manifest or blob's bytes do not hash to the digest they were asked by or announced with. */
class DigestMismatchError extends src/* Failure */.HR {
    name = 'DigestMismatchError';
}
/** A manifest in a format we refuse (Docker schema 1, unknown media types). */
class UnsupportedManifestError extends src/* Failure */.HR {
    name = 'UnsupportedManifestError';
}
/**
 * An https request met a server speaking plain http (TLS saw an HTTP answer).
 * Never retried: a registry without TLS must be named among the caller's
 * insecure registries, which only belongs on a trusted network.
 */
class PlainHttpRegistryError extends src/* Failure */.HR {
    registry;
    name = 'PlainHttpRegistryError';
    constructor(registry, message, options = {}) {
        super(message, options);
        this.registry = registry;
    }
}
/**
 * Transport-level failure (reset, refused, timeout, a TLS certificate refused),
 * a kit Failure: reported as a plain error naming the request, never as a bug.
 * Whether it is retried is the client's decision (transport.ts isTransient:
 * connection errors yes, certificate errors no), not the class's.
 */
class RegistryNetworkError extends src/* Failure */.HR {
    code;
    name = 'RegistryNetworkError';
    constructor(message, code, options = {}) {
        super(message, options);
        this.code = code;
    }
}
/**
 * A PlainHttpRegistryError as the InputError of an action's
 * insecure-registries input (the registry is not listed). `hint` adds what
 * else the action's user must change (build-image: the pushing daemon).
 */
function notInInsecureRegistries(e, opts = {}) {
    const input = opts.input ?? 'insecure-registries';
    const r = e.registry;
    return new src/* InputError */.dz(input, `${e.message}; ${r} is not in ${input}`, {
        hint: `if the network to ${r} is trusted (as for a Docker daemon with it in insecure-registries), add ${r} to ${input}${opts.hint ? ` (${opts.hint})` : ''}; otherwise serve the registry over https`,
        cause: e,
    });
}

// EXTERNAL MODULE: external "node:http"
var external_node_http_ = __webpack_require__(7067);
var external_node_http_default = /*#__PURE__*/__webpack_require__.n(external_node_http_);
// EXTERNAL MODULE: external "node:https"
var external_node_https_ = __webpack_require__(4708);
var external_node_https_default = /*#__PURE__*/__webpack_require__.n(external_node_https_);
// EXTERNAL MODULE: ./packages/registry/src/reference.ts + 1 modules
var src_reference = __webpack_require__(2938);
;// CONCATENATED MODULE: ./packages/registry/src/transport.ts






const RETRY_STATUS = new Set([408, 429, 500, 502, 503, 504]);
const RETRY_CODES = new Set([
    'ECONNRESET',
    'ECONNREFUSED',
    'EPIPE',
    'ETIMEDOUT',
    'EAI_AGAIN',
    'ENOTFOUND',
    'UND_ERR_SOCKET',
    'ECONNABORTED',
    'EHOSTUNREACH',
    'ENETUNREACH',
]);
/**
 * HTTP to one registry over Node's http/https: a keep-alive agent for the
 * registry's origin, redirects when asked, bounded buffered bodies, and the
 * retry policy (429, 5xx and connection errors, full jitter, a deadline per
 * operation). Knows nothing about auth.
 */
class Transport {
    registry;
    opts;
    baseUrl;
    agent;
    closed = false;
    constructor(registry, opts) {
        this.registry = registry;
        this.opts = opts;
        const scheme = opts.scheme ?? (0,src_reference/* registryScheme */.FG)(registry, opts.insecureRegistries);
        this.baseUrl = `${scheme}://${(0,src_reference/* registryEndpointHost */.dU)(registry)}`;
        this.agent = scheme === 'https' ? new (external_node_https_default()).Agent({ keepAlive: true, maxSockets: 16 }) : new (external_node_http_default()).Agent({ keepAlive: true, maxSockets: 16 });
    }
    /** Closes idle keep-alive sockets and stops retrying. */
    close() {
        this.closed = true;
        this.agent.destroy();
    }
    /** Runs an operation with retries on transient failures. */
    retrying(label, fn) {
        return (0,src/* retry */.L5)(fn, {
            label,
            timeoutMs: this.opts.timeoutMs ?? 120_000,
            maxAttempts: this.opts.maxAttempts ?? 6,
            initialMs: this.opts.initialBackoffMs ?? 200,
            maxMs: 5_000,
            retryable: (e) => !this.closed && isTransient(e),
            sleep: this.opts.sleep,
            log: this.opts.log,
        });
    }
    /** A raw HTTP exchange (no auth handling), following redirects when asked. */
    async request(x, hops = 0) {
        const url = new URL(x.url, this.baseUrl);
        const res = await this.rawRequest(url, x);
        if (x.redirects && [301, 302, 303, 307, 308].includes(res.status) && hops < 5) {
            res.stream?.resume();
            const loc = header(res, 'location');
            if (!loc)
                return res;
            const target = new URL(loc, url);
            const headers = { ...x.headers };
            if (target.host !== url.host)
                delete headers.Authorization;
            return this.request({ ...x, url: target.toString(), headers }, hops + 1);
        }
        return res;
    }
    /** The words added to a refused certificate's error: which server's certificate, and how to get it trusted. */
    untrusted(url, code) {
        const backend = url.origin === new URL(this.baseUrl).origin ? '' : ', a server the registry redirected to';
        return {
            reason: ` (${code}): the TLS certificate of ${url.host}${backend} is not trusted`,
            hint: `give ${url.host} a certificate from a CA the runner trusts, or trust its CA for this step (env NODE_EXTRA_CA_CERTS: a PEM file of the CA); ` +
                'insecure-registries does not skip verification: it means plain http, for registries without TLS',
        };
    }
    rawRequest(url, x) {
        const mod = url.protocol === 'https:' ? (external_node_https_default()) : (external_node_http_default());
        const agent = url.origin === new URL(this.baseUrl).origin ? this.agent : undefined;
        const requestTimeoutMs = this.opts.requestTimeoutMs ?? 30_000;
        return new Promise((resolve, reject) => {
            let settled = false;
            const fail = (e) => {
                if (x.body instanceof external_node_stream_.Readable && !x.body.destroyed)
                    x.body.destroy();
                if (settled)
                    return;
                settled = true;
                const code = e.code;
                const where = `${x.method} ${(0,src/* redact */.E$)(url.origin + url.pathname)}`;
                const plain = url.protocol === 'https:' ? plainHttpAnswer(e) : undefined;
                if (plain) {
                    reject(new PlainHttpRegistryError(this.registry, `${where}: ${url.host} answered in plain http, not https (TLS: ${plain}, ${code})`, {
                        hint: `a registry without TLS is reached only when named among the insecure registries (as in Docker's insecure-registries), and only on a trusted network; otherwise serve it over https`,
                        cause: e,
                    }));
                    return;
                }
                if (e instanceof RegistryError || e instanceof DigestMismatchError) {
                    reject(e);
                    return;
                }
                const certificate = url.protocol === 'https:' && isCertificateError(code) ? this.untrusted(url, code) : undefined;
                // e.message, not kit errorMessage: the same text for Node's errors, also across realms (Jest); an
                // empty one (AggregateError of a dual-stack connect) shows the code. A certificate error keeps
                // OpenSSL's reason without Node's advice after it (the hint says what to do).
                const reason = (certificate ? e.message.split('; ')[0] : e.message) || (code ?? 'connection failed');
                reject(new RegistryNetworkError(`${where}: ${reason}${certificate?.reason ?? ''}`, code, {
                    ...(certificate ? { hint: certificate.hint } : {}),
                    cause: e,
                }));
            };
            const req = mod.request(url, { method: x.method, agent, headers: { 'User-Agent': this.opts.userAgent ?? 'switchyard-registry/1', ...x.headers } }, (res) => {
                const base = { status: res.statusCode ?? 0, headers: res.headers, url: url.toString() };
                if (x.stream && res.statusCode === 200) {
                    settled = true;
                    resolve({ ...base, body: Buffer.alloc(0), stream: res });
                    return;
                }
                const parts = [];
                let total = 0;
                const limit = x.maxBytes ?? 1024 * 1024;
                res.on('data', (chunk) => {
                    total += chunk.length;
                    if (total > limit) {
                        res.destroy();
                        fail(new RegistryError(`${x.method} ${url.pathname}: response larger than ${limit} bytes`, res.statusCode ?? 0));
                        return;
                    }
                    parts.push(chunk);
                });
                res.on('end', () => {
                    if (settled)
                        return;
                    settled = true;
                    resolve({ ...base, body: Buffer.concat(parts) });
                });
                res.on('error', fail);
            });
            req.setTimeout(requestTimeoutMs, () => {
                const e = new Error(`no response for ${requestTimeoutMs} ms`);
                e.code = 'ETIMEDOUT';
                req.destroy(e);
            });
            req.on('error', fail);
            if (x.body instanceof external_node_stream_.Readable) {
                x.body.on('error', (e) => {
                    req.destroy(e);
                    fail(e);
                });
                x.body.pipe(req);
            }
            else {
                req.end(x.body);
            }
        });
    }
}
function header(res, name) {
    const v = res.headers[name];
    return Array.isArray(v) ? v[0] : v;
}
function contentType(res) {
    return header(res, 'content-type')?.split(';')[0]?.trim();
}
/** The registry's JSON error body (`{"errors":[…]}`), or none. */
function registryErrors(res) {
    if (!res.body.length)
        return [];
    try {
        const j = JSON.parse(res.body.toString('utf8'));
        return Array.isArray(j.errors) ? j.errors : [];
    }
    catch {
        return [];
    }
}
/** ` (CODE: message; …)` from the error body, or the start of a text body (redacted), for messages. */
function detail(res) {
    const errs = registryErrors(res);
    if (errs.length)
        return ` (${errs.map((e) => `${e.code}: ${e.message}`).join('; ')})`;
    const text = res.body.toString('utf8').trim().slice(0, 200);
    return text ? ` (${(0,src/* redact */.E$)(text)})` : '';
}
/** An answer the caller did not expect, as a RegistryError keeping the status and the registry's error codes. */
function unexpected(label, res) {
    return new RegistryError(`${label}: HTTP ${res.status}${detail(res)}`, res.status, registryErrors(res));
}
/** OpenSSL's reason when the bytes answering a ClientHello are an HTTP response, not a TLS record; undefined for any other error. */
function plainHttpAnswer(e) {
    const code = e.code ?? '';
    if (code !== 'EPROTO' && !code.startsWith('ERR_SSL_'))
        return undefined;
    return /wrong version number|packet length too long/i.exec(e.message)?.[0].toLowerCase();
}
/**
 * OpenSSL's and Node's codes for a server certificate that failed verification
 * (self-signed, expired, unknown issuer, wrong host name). Never in RETRY_CODES:
 * the same certificate is refused again.
 */
function isCertificateError(code) {
    return code !== undefined && /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|INVALID_CA|HOSTNAME_MISMATCH/.test(code);
}
/** 429/5xx answers and connection errors are worth another attempt; everything else is final. */
function isTransient(e) {
    if (e instanceof RegistryNetworkError)
        return e.code === undefined || RETRY_CODES.has(e.code) || /socket hang up|aborted/i.test(e.message);
    if (e instanceof RegistryAuthError)
        return false;
    if (e instanceof RegistryError)
        return RETRY_STATUS.has(e.status);
    return false;
}

;// CONCATENATED MODULE: ./packages/registry/src/auth.ts






/**
 * Authentication against one registry: pings `/v2/` once for its challenge;
 * answers Basic challenges with the credentials and Bearer challenges through
 * the token service (scope `repository:<name>:pull,push`, tokens cached per
 * scope set until they expire). Credentials are resolved lazily, once.
 */
class Authenticator {
    registry;
    transport;
    opts;
    credentials;
    challenge;
    tokens = new Map();
    constructor(registry, transport, opts) {
        this.registry = registry;
        this.transport = transport;
        this.opts = opts;
        if (opts.credentials !== undefined)
            this.credentials = Promise.resolve(opts.credentials ?? undefined);
        if (opts.password)
            (0,src/* addSecret */.Ck)(opts.password);
    }
    getCredentials() {
        this.credentials ??= resolveCredentials(this.registry, this.opts);
        return this.credentials;
    }
    /** The registry's auth challenge from an anonymous `GET /v2/` (cached; undefined = no auth). */
    getChallenge() {
        if (!this.challenge) {
            const label = `ping ${this.registry}`;
            const p = this.transport.retrying(label, async () => {
                const res = await this.transport.request({ method: 'GET', url: '/v2/', scopes: [] });
                if (res.status === 200)
                    return undefined;
                if (res.status === 401) {
                    const c = preferred(res);
                    if (!c)
                        throw new RegistryAuthError(`registry ${this.registry} asks for authentication with an unsupported challenge: ${header(res, 'www-authenticate') ?? '(none)'}`, 401);
                    return c;
                }
                if (res.status === 404)
                    throw new RegistryError(`${this.transport.baseUrl}/v2/ answered 404: not a registry v2 API`, 404);
                throw unexpected(label, res);
            });
            this.challenge = p;
            p.catch(() => {
                if (this.challenge === p)
                    this.challenge = undefined;
            });
        }
        return this.challenge;
    }
    /**
     * One authenticated exchange: answers a 401 once with a fresh challenge and
     * token; a second refusal is a RegistryAuthError. 429/5xx become retryable errors.
     */
    async send(x, label) {
        let challenge = await this.getChallenge();
        const withAuth = async (fresh) => {
            const auth = await this.authorization(x.scopes, challenge, fresh);
            return this.transport.request({ ...x, headers: { ...x.headers, ...(auth ? { Authorization: auth } : {}) } });
        };
        let res = await withAuth(false);
        if (res.status === 401 && !(x.body instanceof external_node_stream_.Readable)) {
            res.stream?.resume();
            const next = preferred(res);
            if (next) {
                challenge = next;
                this.challenge = Promise.resolve(next);
            }
            if (challenge?.scheme === 'bearer') {
                const extra = challenge.params.scope;
                if (extra)
                    for (const s of extra.split(' '))
                        if (!x.scopes.includes(s))
                            x = { ...x, scopes: [...x.scopes, s] };
                res = await withAuth(true);
            }
        }
        if (res.status === 401 || res.status === 403) {
            res.stream?.resume();
            const creds = await this.getCredentials();
            const who = creds
                ? `the credentials from ${creds.source} (user ${JSON.stringify(creds.username)})`
                : 'anonymous access (no credentials given or found in the Docker config)';
            throw new RegistryAuthError(`${label}: registry ${this.registry} refused ${who}: HTTP ${res.status}${detail(res)}`, res.status, registryErrors(res), {
                hint: creds ? 'check the username/password (or re-run docker login)' : 'give username and password inputs, or log in first (docker/login-action)',
            });
        }
        if (RETRY_STATUS.has(res.status)) {
            res.stream?.resume();
            throw unexpected(label, res);
        }
        return res;
    }
    async authorization(scopes, challenge, fresh = false) {
        if (!challenge)
            return undefined;
        const creds = await this.getCredentials();
        if (challenge.scheme === 'basic') {
            if (!creds)
                return undefined;
            const value = basic(creds);
            (0,src/* addSecret */.Ck)(value.slice(6));
            return value;
        }
        const key = [...scopes].sort().join(' ');
        const cached = this.tokens.get(key);
        if (!fresh && cached && cached.expires > Date.now())
            return `Bearer ${cached.value}`;
        const token = await this.fetchToken(challenge, scopes, creds);
        this.tokens.set(key, token);
        return `Bearer ${token.value}`;
    }
    async fetchToken(c, scopes, creds) {
        const realm = c.params.realm;
        if (!realm)
            throw new RegistryAuthError(`registry ${this.registry}: Bearer challenge without a realm`, 401);
        const url = new URL(realm);
        const label = `token ${url.host} for ${scopes.join(' ') || 'registry'}`;
        let res;
        if (creds?.identityToken) {
            const form = new URLSearchParams({ grant_type: 'refresh_token', refresh_token: creds.identityToken, client_id: 'switchyard' });
            if (c.params.service)
                form.set('service', c.params.service);
            for (const s of scopes)
                form.append('scope', s);
            const body = Buffer.from(form.toString());
            res = await this.transport.request({
                method: 'POST',
                url: url.toString(),
                headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'Content-Length': String(body.length) },
                body,
                scopes: [],
                maxBytes: 1024 * 1024,
            });
        }
        else {
            if (c.params.service)
                url.searchParams.set('service', c.params.service);
            for (const s of scopes)
                url.searchParams.append('scope', s);
            const headers = creds ? { Authorization: basic(creds) } : {};
            res = await this.transport.request({ method: 'GET', url: url.toString(), headers, scopes: [], maxBytes: 1024 * 1024 });
        }
        if (res.status === 401 || res.status === 403)
            throw new RegistryAuthError(`${label}: the token service refused ${creds ? `the credentials from ${creds.source}` : 'anonymous access'} (HTTP ${res.status})`, res.status, registryErrors(res), { hint: creds ? 'check the username and password or token' : 'log in (docker/login-action) or give username and password' });
        if (res.status !== 200)
            throw unexpected(label, res);
        const json = JSON.parse(res.body.toString('utf8'));
        const value = json.token ?? json.access_token;
        if (!value)
            throw new RegistryAuthError(`${label}: the token service answered without a token`, res.status);
        (0,src/* addSecret */.Ck)(value);
        const lifetime = Math.max(30, json.expires_in ?? 60) * 1000;
        return { value, expires: Date.now() + lifetime - 15_000 };
    }
}
/** The challenge we answer from a 401: Bearer over Basic; undefined when neither is offered. */
function preferred(res) {
    const cs = parseWwwAuthenticate(header(res, 'www-authenticate') ?? '');
    return cs.find((c) => c.scheme === 'bearer') ?? cs.find((c) => c.scheme === 'basic');
}
function basic(creds) {
    return `Basic ${Buffer.from(`${creds.username}:${creds.password}`).toString('base64')}`;
}

;// CONCATENATED MODULE: ./packages/registry/src/media.ts
/** Manifest media types the client reads and writes. Schema 1 is never accepted. */
const MediaType = {
    dockerManifest: 'application/vnd.docker.distribution.manifest.v2+json',
    dockerManifestList: 'application/vnd.docker.distribution.manifest.list.v2+json',
    ociManifest: 'application/vnd.oci.image.manifest.v1+json',
    ociIndex: 'application/vnd.oci.image.index.v1+json',
};
/** The Accept header for manifest requests: indexes first so multi-arch images are never resolved to one platform. */
const MANIFEST_ACCEPT = [MediaType.ociIndex, MediaType.dockerManifestList, MediaType.ociManifest, MediaType.dockerManifest].join(', ');
const SUPPORTED_MANIFEST_TYPES = [MediaType.ociIndex, MediaType.dockerManifestList, MediaType.ociManifest, MediaType.dockerManifest];
function media_isIndexType(mediaType) {
    return mediaType === MediaType.ociIndex || mediaType === MediaType.dockerManifestList;
}

// EXTERNAL MODULE: external "node:stream/promises"
var promises_ = __webpack_require__(6466);
;// CONCATENATED MODULE: ./packages/registry/src/verify.ts




function sha256(data) {
    return `sha256:${(0,external_node_crypto_.createHash)('sha256').update(data).digest('hex')}`;
}
/** Passes bytes through, hashing them; errors at the end if the digest or size differs. */
function verifyingStream(input, digest, size, label, hash = (0,external_node_crypto_.createHash)('sha256')) {
    let seen = 0;
    const t = new external_node_stream_.Transform({
        transform(chunk, _enc, cb) {
            hash.update(chunk);
            seen += chunk.length;
            cb(null, chunk);
        },
        flush(cb) {
            const got = `sha256:${hash.digest('hex')}`;
            if (got !== digest)
                return cb(new DigestMismatchError(`${label}: the bytes hash to ${got}`));
            if (size !== undefined && seen !== size)
                return cb(new DigestMismatchError(`${label}: ${seen} bytes, expected ${size}`));
            cb();
        },
    });
    const out = new external_node_stream_.PassThrough();
    (0,promises_.pipeline)(input, t, out).catch((e) => out.destroy(e));
    return out;
}
/** Regroups a stream into buffers of exactly `size` bytes (the last may be shorter). */
async function* chunks(input, size) {
    let pending = [];
    let length = 0;
    for await (const piece of input) {
        let buf = piece;
        while (length + buf.length >= size) {
            const take = size - length;
            pending.push(buf.subarray(0, take));
            yield Buffer.concat(pending);
            pending = [];
            length = 0;
            buf = buf.subarray(take);
        }
        if (buf.length) {
            pending.push(buf);
            length += buf.length;
        }
    }
    if (length)
        yield Buffer.concat(pending);
}

;// CONCATENATED MODULE: ./packages/registry/src/client.ts








const MAX_MANIFEST_BYTES = 4 * 1024 * 1024;
/** `repository:<name>:pull,push` */
function repositoryScope(repository, actions = 'pull,push') {
    return `repository:${repository}:${actions}`;
}
/**
 * An OCI distribution (registry v2) client for one registry: the API
 * (manifests, blobs, mounts, uploads, tags). Underneath it:
 *
 * - auth.ts: pings `/v2/` once; Basic or Bearer (token service, tokens cached
 *   per scope set); credentials from the options or the Docker config file.
 * - transport.ts: the scheme by reference.ts registryScheme (http for loopback
 *   and listed insecure registries, https everywhere else); 429,
 *   5xx and connection errors retried with kit `retry` (full jitter) within
 *   `timeoutMs` per operation.
 * - verify.ts: every manifest read is verified against its sha256 digest;
 *   blob streams are verified as they flow. Docker schema 1 is refused.
 */
class RegistryClient {
    registry;
    baseUrl;
    transport;
    auth;
    constructor(opts) {
        this.registry = opts.registry;
        this.transport = new Transport(opts.registry, opts);
        this.baseUrl = this.transport.baseUrl;
        this.auth = new Authenticator(opts.registry, this.transport, opts);
    }
    /** One authenticated exchange, retried on transient failures. */
    exchange(label, x) {
        return this.transport.retrying(label, () => this.auth.send(x, label));
    }
    /** HEAD or GET of a manifest, accepting every supported type (indexes first). */
    readManifest(method, repository, reference, label) {
        const url = manifestPath(repository, reference);
        return this.exchange(label, {
            method,
            url,
            headers: { Accept: MANIFEST_ACCEPT },
            scopes: [repositoryScope(repository, 'pull')],
            maxBytes: MAX_MANIFEST_BYTES,
        });
    }
    /** HEAD or GET of a blob, following redirects to storage backends. */
    readBlob(method, repository, digest, label, opts = {}) {
        return this.exchange(label, { method, url: blobPath(repository, digest), scopes: [repositoryScope(repository, 'pull')], redirects: true, ...opts });
    }
    /** Where the credentials came from (`inputs`, a config path, a helper), or `anonymous`. Never the secret. */
    async credentialSource() {
        return (await this.auth.getCredentials())?.source ?? 'anonymous';
    }
    /** Closes idle keep-alive sockets (call when done so the process can exit promptly). */
    close() {
        this.transport.close();
    }
    /**
     * `GET /v2/`: checks the registry speaks the v2 API and that our credentials
     * are accepted. Returns the auth scheme in use.
     */
    async ping() {
        const c = await this.auth.getChallenge();
        if (!c)
            return { auth: 'none' };
        const label = `GET ${this.baseUrl}/v2/`;
        const res = await this.exchange(label, { method: 'GET', url: '/v2/', scopes: [] });
        if (res.status !== 200)
            throw unexpected(label, res);
        return { auth: c.scheme === 'bearer' ? 'bearer' : 'basic' };
    }
    /**
     * HEAD a manifest by tag or digest (Accept: OCI index, Docker manifest list,
     * OCI manifest, Docker v2 schema 2). Returns undefined when it does not
     * exist. When the registry omits Docker-Content-Digest the manifest is
     * fetched and hashed instead.
     */
    async headManifest(repository, reference) {
        const label = `HEAD ${this.registry}/${refPath(repository, reference)}`;
        const res = await this.readManifest('HEAD', repository, reference, label);
        if (res.status === 404)
            return undefined;
        if (res.status !== 200)
            throw unexpected(label, res);
        const digest = header(res, 'docker-content-digest');
        const mediaType = contentType(res);
        if (!digest || !mediaType || !src_reference/* DIGEST_RE */.Vt.test(digest)) {
            const m = await this.getManifest(repository, reference);
            return { digest: m.digest, mediaType: m.mediaType, size: m.size };
        }
        checkMediaType(mediaType, label);
        if (src_reference/* DIGEST_RE */.Vt.test(reference) && digest !== reference)
            throw new DigestMismatchError(`${label}: registry reports digest ${digest}`);
        return { digest, mediaType, size: Number(header(res, 'content-length') ?? 0) };
    }
    /**
     * GET a manifest by tag or digest; its bytes are verified against the
     * requested digest (or the registry's Docker-Content-Digest for a tag).
     * Throws RegistryError with status 404 when it does not exist.
     */
    async getManifest(repository, reference) {
        const label = `GET ${this.registry}/${refPath(repository, reference)}`;
        const res = await this.readManifest('GET', repository, reference, label);
        if (res.status !== 200)
            throw unexpected(label, res);
        let parsed;
        try {
            parsed = JSON.parse(res.body.toString('utf8'));
        }
        catch {
            throw new UnsupportedManifestError(`${label}: the manifest is not JSON`);
        }
        const mediaType = parsed.mediaType || contentType(res) || '';
        if (parsed.schemaVersion !== 2) {
            checkMediaType(contentType(res) ?? '', label);
            throw new UnsupportedManifestError(`${label}: schemaVersion ${String(parsed.schemaVersion)} manifests are not supported (Docker schema 1 is deprecated); re-push the image with a current Docker`);
        }
        checkMediaType(mediaType, label);
        const digest = sha256(res.body);
        if (src_reference/* DIGEST_RE */.Vt.test(reference) && digest !== reference)
            throw new DigestMismatchError(`${label}: the manifest's bytes hash to ${digest}`);
        const announced = header(res, 'docker-content-digest');
        if (announced?.startsWith('sha256:') && announced !== digest)
            throw new DigestMismatchError(`${label}: the registry announced ${announced} but the bytes hash to ${digest}`);
        return { digest, mediaType, size: res.body.length, body: res.body, parsed: { ...parsed, mediaType } };
    }
    /**
     * PUT a manifest's exact bytes under a tag or digest. The digest the registry
     * reports must equal the bytes' sha256. Returns the stored descriptor.
     */
    async putManifest(repository, reference, body, mediaType) {
        const bytes = typeof body === 'string' ? Buffer.from(body) : body;
        const digest = sha256(bytes);
        const label = `PUT ${this.registry}/${refPath(repository, reference)}`;
        checkMediaType(mediaType, label);
        if (src_reference/* DIGEST_RE */.Vt.test(reference) && reference !== digest)
            throw new DigestMismatchError(`${label}: the manifest's bytes hash to ${digest}`);
        const res = await this.exchange(label, {
            method: 'PUT',
            url: manifestPath(repository, reference),
            headers: { 'Content-Type': mediaType, 'Content-Length': String(bytes.length) },
            body: bytes,
            scopes: [repositoryScope(repository)],
        });
        if (res.status !== 201 && res.status !== 200)
            throw unexpected(label, res);
        const reported = header(res, 'docker-content-digest');
        if (reported?.startsWith('sha256:') && reported !== digest)
            throw new DigestMismatchError(`${label}: the registry stored digest ${reported}, expected ${digest}`);
        return { digest, mediaType, size: bytes.length };
    }
    /**
     * Deletes a manifest by digest (every tag pointing at it goes too). Returns
     * false when it was not there. Registries may refuse (405 when deletes are disabled).
     */
    async deleteManifest(repository, digest) {
        const label = `DELETE ${this.registry}/${repository}@${digest}`;
        if (!src_reference/* DIGEST_RE */.Vt.test(digest))
            throw new DigestMismatchError(`${label}: manifests are deleted by sha256 digest only`);
        const res = await this.exchange(label, { method: 'DELETE', url: manifestPath(repository, digest), scopes: [repositoryScope(repository, 'pull,push')] });
        if (res.status === 404)
            return false;
        if (res.status !== 202 && res.status !== 200)
            throw unexpected(label, res);
        return true;
    }
    /** HEAD a blob; undefined when the repository does not have it. */
    async headBlob(repository, digest) {
        const label = `HEAD blob ${this.registry}/${repository}@${digest}`;
        const res = await this.readBlob('HEAD', repository, digest, label);
        if (res.status === 404)
            return undefined;
        if (res.status !== 200)
            throw unexpected(label, res);
        return { digest, size: Number(header(res, 'content-length') ?? -1) };
    }
    /**
     * Cross-repository mount (`POST /blobs/uploads/?mount=<digest>&from=<repo>`):
     * makes a blob of `fromRepository` (same registry) available in
     * `repository` without transferring it. Returns false when the registry
     * declines (then upload the blob instead).
     */
    async mountBlob(repository, digest, fromRepository) {
        const label = `mount ${digest} ${fromRepository} → ${repository}`;
        const url = `/v2/${repository}/blobs/uploads/?mount=${encodeURIComponent(digest)}&from=${encodeURIComponent(fromRepository)}`;
        const res = await this.exchange(label, {
            method: 'POST',
            url,
            headers: { 'Content-Length': '0' },
            scopes: [repositoryScope(repository), repositoryScope(fromRepository, 'pull')],
        });
        if (res.status === 201)
            return true;
        if (res.status === 202) {
            const location = header(res, 'location');
            if (location)
                await this.auth.send({ method: 'DELETE', url: location, scopes: [repositoryScope(repository)] }, label).catch(() => undefined);
            return false;
        }
        throw unexpected(label, res);
    }
    /**
     * Uploads a blob: POST an upload session, PATCH the bytes (one streamed
     * request, or `chunkSize` pieces with Content-Range), PUT `?digest=`.
     * The bytes are hashed on the way and must match `digest`. The whole upload
     * is retried from the start on transient errors (the source is reopened).
     */
    async uploadBlob(repository, digest, size, source, opts = {}) {
        const label = `upload ${this.registry}/${repository}@${digest}`;
        await this.transport.retrying(label, async () => {
            const start = await this.auth.send({ method: 'POST', url: `/v2/${repository}/blobs/uploads/`, headers: { 'Content-Length': '0' }, scopes: [repositoryScope(repository)] }, label);
            if (start.status !== 202)
                throw unexpected(label, start);
            let location = uploadLocation(start, label);
            const input = Buffer.isBuffer(source) ? external_node_stream_.Readable.from([source]) : await source();
            const chunkSize = opts.chunkSize && opts.chunkSize < size ? opts.chunkSize : undefined;
            if (!chunkSize) {
                const res = await this.auth.send({
                    method: 'PATCH',
                    url: location,
                    headers: { 'Content-Type': 'application/octet-stream', 'Content-Length': String(size) },
                    body: verifyingStream(input, digest, size, label),
                    scopes: [repositoryScope(repository)],
                }, label);
                if (res.status !== 202 && res.status !== 204)
                    throw unexpected(label, res);
                location = uploadLocation(res, label);
            }
            else {
                const hash = (0,external_node_crypto_.createHash)('sha256');
                let seen = 0;
                for await (const chunk of chunks(input, chunkSize)) {
                    hash.update(chunk);
                    const range = `${seen}-${seen + chunk.length - 1}`;
                    seen += chunk.length;
                    const res = await this.auth.send({
                        method: 'PATCH',
                        url: location,
                        headers: { 'Content-Type': 'application/octet-stream', 'Content-Length': String(chunk.length), 'Content-Range': range },
                        body: chunk,
                        scopes: [repositoryScope(repository)],
                    }, label);
                    if (res.status !== 202)
                        throw unexpected(label, res);
                    location = uploadLocation(res, label);
                }
                const got = `sha256:${hash.digest('hex')}`;
                if (got !== digest || seen !== size)
                    throw new DigestMismatchError(`${label}: the source's bytes hash to ${got} (${seen} bytes, expected ${size})`);
            }
            const done = new URL(location, this.baseUrl);
            done.searchParams.set('digest', digest);
            const res = await this.auth.send({ method: 'PUT', url: done.toString(), headers: { 'Content-Length': '0' }, scopes: [repositoryScope(repository)] }, label);
            if (res.status !== 201 && res.status !== 204)
                throw unexpected(label, res);
        });
    }
    /**
     * Opens a blob for reading (following redirects to storage backends). The
     * returned stream errors with DigestMismatchError if the bytes do not hash
     * to `digest`. Opening is retried; a failure mid-stream is the caller's to retry.
     */
    async getBlob(repository, digest) {
        const label = `GET blob ${this.registry}/${repository}@${digest}`;
        const res = await this.readBlob('GET', repository, digest, label, { stream: true });
        if (res.status !== 200 || !res.stream)
            throw unexpected(label, res);
        const size = Number(header(res, 'content-length') ?? -1);
        return { size, stream: verifyingStream(res.stream, digest, size >= 0 ? size : undefined, label) };
    }
    /** Reads a (small) blob whole, verified: image configs. */
    async getBlobBytes(repository, digest, maxBytes = 16 * 1024 * 1024) {
        const label = `GET blob ${this.registry}/${repository}@${digest}`;
        const res = await this.readBlob('GET', repository, digest, label, { maxBytes });
        if (res.status !== 200)
            throw unexpected(label, res);
        const got = sha256(res.body);
        if (got !== digest)
            throw new DigestMismatchError(`${label}: the bytes hash to ${got}`);
        return res.body;
    }
    /** Tags of a repository (`GET /v2/<name>/tags/list`, following `Link` pagination). */
    async listTags(repository) {
        const label = `list tags ${this.registry}/${repository}`;
        const out = [];
        let url = `/v2/${repository}/tags/list?n=1000`;
        while (url) {
            const res = await this.exchange(label, { method: 'GET', url, scopes: [repositoryScope(repository, 'pull')], maxBytes: 32 * 1024 * 1024 });
            if (res.status === 404)
                return [];
            if (res.status !== 200)
                throw unexpected(label, res);
            out.push(...(JSON.parse(res.body.toString('utf8')).tags ?? []));
            const link = header(res, 'link');
            const m = link ? /<([^>]+)>\s*;\s*rel="?next"?/.exec(link) : null;
            url = m?.[1];
        }
        return out;
    }
}
/** `repo:tag` or `repo@digest`, for messages. */
function refPath(repository, reference) {
    return `${repository}${src_reference/* DIGEST_RE */.Vt.test(reference) ? '@' : ':'}${reference}`;
}
function manifestPath(repository, reference) {
    return `/v2/${repository}/manifests/${reference}`;
}
function blobPath(repository, digest) {
    return `/v2/${repository}/blobs/${digest}`;
}
function uploadLocation(res, label) {
    const loc = header(res, 'location');
    if (!loc)
        throw new RegistryError(`${label}: the registry answered ${res.status} without an upload Location`, res.status);
    return new URL(loc, res.url).toString();
}
function checkMediaType(mediaType, label) {
    if (SUPPORTED_MANIFEST_TYPES.includes(mediaType))
        return;
    if (/schema1|manifest\.v1\+(pretty)?jws|manifest\.v1\+json/.test(mediaType))
        throw new UnsupportedManifestError(`${label}: Docker schema 1 manifests (${mediaType}) are not supported; re-push the image with a current Docker`);
    throw new UnsupportedManifestError(`${label}: manifest media type ${JSON.stringify(mediaType)} is not an image manifest or index`);
}

;// CONCATENATED MODULE: ./packages/registry/src/copy.ts



/** A report of a copy that transferred nothing (yet): `alreadyPresent` when the target had the manifest. */
function emptyCopyReport(manifest, alreadyPresent) {
    return { ...manifest, alreadyPresent, manifestsCopied: 0, blobsPresent: 0, blobsMounted: 0, blobsCopied: 0, bytesCopied: 0, tags: [] };
}
/**
 * Copies one image by digest from `source` to `target` through the registry
 * API, never through a Docker engine: child manifests of an index first
 * (every platform kept), blobs before the manifest that references them
 * (HEAD → cross-repository mount on the same registry → streamed, verified
 * upload otherwise), then the manifest's exact bytes by digest, then tags.
 * A manifest already present in the target is not copied again, so re-runs
 * are cheap and idempotent.
 */
async function copyImage(opts) {
    const { source, target } = opts;
    const sameRegistry = source.client.registry === target.client.registry;
    const concurrency = opts.concurrency ?? 6;
    const report = emptyCopyReport({ digest: opts.digest, mediaType: '', size: 0 }, false);
    const blobs = new Map();
    const copyBlob = (d) => {
        let p = blobs.get(d.digest);
        if (!p) {
            p = (async () => {
                const key = `${target.client.registry}|${d.digest}`;
                const elsewhere = opts.blobCache?.get(key);
                let done = () => { };
                let failed = () => { };
                if (opts.blobCache && !elsewhere) {
                    const mine = new Promise((res, rej) => {
                        done = res;
                        failed = rej;
                    });
                    mine.catch(() => undefined);
                    opts.blobCache.set(key, mine);
                }
                try {
                    if (elsewhere) {
                        const from = await elsewhere.catch(() => undefined);
                        if (from === target.repository) {
                            report.blobsPresent++;
                            return;
                        }
                        if (from && (await target.client.mountBlob(target.repository, d.digest, from))) {
                            report.blobsMounted++;
                            return;
                        }
                    }
                    if (await target.client.headBlob(target.repository, d.digest)) {
                        report.blobsPresent++;
                    }
                    else if (sameRegistry &&
                        source.repository !== target.repository &&
                        (await target.client.mountBlob(target.repository, d.digest, source.repository))) {
                        report.blobsMounted++;
                    }
                    else {
                        await target.client.uploadBlob(target.repository, d.digest, d.size, async () => (await source.client.getBlob(source.repository, d.digest)).stream, opts.chunkSize ? { chunkSize: opts.chunkSize } : {});
                        report.blobsCopied++;
                        report.bytesCopied += d.size;
                        opts.log?.(`copied blob ${d.digest.slice(0, 19)} (${d.size} bytes) → ${target.client.registry}/${target.repository}`);
                    }
                    done(target.repository);
                }
                catch (e) {
                    failed(e);
                    throw e;
                }
            })();
            blobs.set(d.digest, p);
        }
        return p;
    };
    const copyManifest = async (digest, root) => {
        const present = await target.client.headManifest(target.repository, digest);
        if (present) {
            if (root)
                report.alreadyPresent = true;
            return present;
        }
        const m = await source.client.getManifest(source.repository, digest);
        if (isIndexType(m.mediaType)) {
            await mapConcurrent(m.parsed.manifests ?? [], concurrency, (child) => copyManifest(child.digest, false));
        }
        else {
            const refs = [...(m.parsed.config ? [m.parsed.config] : []), ...(m.parsed.layers ?? [])].filter((d) => !isForeign(d));
            await mapConcurrent(refs, concurrency, copyBlob);
        }
        const put = await target.client.putManifest(target.repository, digest, m.body, m.mediaType);
        report.manifestsCopied++;
        return put;
    };
    const root = await copyManifest(opts.digest, true);
    report.mediaType = root.mediaType;
    report.size = root.size;
    if (opts.tags?.length) {
        const m = await target.client.getManifest(target.repository, opts.digest);
        for (const tag of opts.tags) {
            await target.client.putManifest(target.repository, tag, m.body, m.mediaType);
            report.tags.push(tag);
        }
    }
    return report;
}
/** Non-distributable (foreign) layers are referenced by URL, never pushed to registries. */
function isForeign(d) {
    return /foreign|nondistributable/.test(d.mediaType) && Array.isArray(d.urls) && d.urls.length > 0;
}


;// CONCATENATED MODULE: ./packages/registry/src/index.ts
/**
 * @switchyard/registry — an OCI distribution (registry v2) client over Node's
 * http/https, no dependencies beyond kit.
 *
 * Stable API (used by build-image and promote-version):
 *
 * ```ts
 * import { RegistryClient, parseImageReference, copyImage } from '@switchyard/registry';
 *
 * const ref = parseImageReference('127.0.0.1:5001/shop/catalog:1.2.3');
 * //   → { registry: '127.0.0.1:5001', repository: 'shop/catalog', tag: '1.2.3' }
 * const client = new RegistryClient({ registry: ref.registry, username, password });
 * //   no username/password → Docker config ($DOCKER_CONFIG or ~/.docker/config.json `auths`)
 * const d = await client.headManifest(ref.repository, ref.tag!);
 * //   → { digest: 'sha256:…', mediaType, size } | undefined (not found)
 * client.close();
 * ```
 *
 * - `RegistryClient`: `ping`, `headManifest` (undefined on 404), `getManifest`
 *   (bytes verified; throws RegistryError 404), `putManifest`, `headBlob`
 *   (undefined on 404), `mountBlob`, `uploadBlob`, `getBlob`, `getBlobBytes`,
 *   `listTags`, `credentialSource`, `close`.
 * - `copyImage`: copy one digest (image or multi-arch index) between
 *   repositories/registries, then tag it.
 * - Scheme: `registryScheme` is the one rule — http for loopback registries and
 *   those matching `insecureRegistries` (exact host[:port], or an IP CIDR;
 *   `parseInsecureRegistry` checks an entry), https otherwise.
 * - `resolveCredentials`: explicit → Docker config `auths` (base64 `auth`,
 *   `username`/`password`, `identitytoken`) → credential helpers.
 * - Errors: `RegistryError` (status + registry error codes), `RegistryAuthError`
 *   (401/403), `DigestMismatchError`, `UnsupportedManifestError` (schema 1),
 *   `InvalidReferenceError` (a ConfigurationError), `PlainHttpRegistryError`
 *   (https met a plain-http registry), `RegistryNetworkError` (a refused TLS
 *   certificate at once; a connection error as the cause of kit's RetryError
 *   once retries are spent); every one a kit Failure (reported without a
 *   stack).
 */










;// CONCATENATED MODULE: ./actions/build-image/src/registry.ts
/**
 * The registry side of a build, through @switchyard/registry: a push-access
 * probe before anything is built, and verification of the pushed digest
 * after (every tag must resolve to it), plus the image's size. main.ts
 * imports this module only when pushing, so the HTTP client stays off the
 * fail-fast path.
 */


/**
 * Connects with the credentials docker will push with (the inputs'
 * username/password, else the Docker config), over plain http when the
 * registry is loopback or listed in insecure-registries.
 */
function openPushSession(target, { username, password, insecureRegistries }) {
    // Empty username/password mean "not given": the client then reads the Docker config.
    const client = new RegistryClient({ registry: target.registry, username, password, insecureRegistries, log: (l) => src/* core.info */.I8.info(l) });
    if (client.baseUrl.startsWith('http:') && !(0,src_reference/* isLoopbackHost */.cW)(target.registry))
        src/* core.info */.I8.info(`${target.registry}: plain http (listed in insecure-registries), not encrypted; the Docker daemon must list it in its insecure-registries too`);
    return {
        probe: () => probePushAccess(client, target, username !== ''),
        verify: (tags, digest) => verifyPushed(client, target, tags, digest),
        close: () => client.close(),
    };
}
/**
 * Probes `GET /v2/` with the credentials docker will push with (the inputs,
 * or the Docker config). An authenticating registry with no credentials, or
 * refused credentials, is an InputError before the build starts.
 */
async function probePushAccess(client, target, fromInputs) {
    const hint = 'set username and password, or log in before this step (docker/login-action, aws-actions/amazon-ecr-login)';
    let auth;
    try {
        auth = (await client.ping()).auth;
    }
    catch (e) {
        if (e instanceof PlainHttpRegistryError)
            throw notInInsecureRegistries(e, { hint: `and to the insecure-registries of the Docker daemon that pushes, in its daemon.json` });
        if (!(e instanceof RegistryAuthError))
            throw e;
        if (fromInputs)
            throw new src/* InputError */.dz('password', `registry ${target.registry} refused the username/password given (HTTP ${e.status})`, {
                hint: 'check the username and password (a token needs push rights)',
            });
        const source = await client.credentialSource();
        if (source === 'anonymous') {
            throw new src/* InputError */.dz('username', `registry ${target.registry} requires authentication to push (HTTP ${e.status}), and no credentials were given (username/password) or found in the Docker config (${dockerConfigPath()})`, { hint });
        }
        throw new src/* InputError */.dz('username', `registry ${target.registry} refused the credentials from ${source} (HTTP ${e.status})`, {
            hint: 'give username and password, or log in again before this step',
        });
    }
    const source = await client.credentialSource();
    if (auth !== 'none' && source === 'anonymous') {
        throw new src/* InputError */.dz('username', `registry ${target.registry} requires authentication (${auth}) to push, and no credentials were given (username/password) or found in the Docker config (${dockerConfigPath()})`, { hint });
    }
    return { auth, source };
}
/**
 * Checks that every pushed tag resolves to `digest` in the registry (HEAD
 * with the Accept headers for Docker v2 schema 2, OCI manifests and
 * indexes), then reads the manifest (its bytes verified against the digest)
 * for the image's size.
 */
async function verifyPushed(client, target, tags, digest) {
    let head;
    for (const tag of tags) {
        const d = await client.headManifest(target.repository, tag);
        if (!d)
            throw new src/* Failure */.HR(`verification failed: ${target.registry}/${target.repository}:${tag} does not exist in the registry after the push`);
        if (d.digest !== digest) {
            throw new src/* Failure */.HR(`verification failed: ${target.registry}/${target.repository}:${tag} resolves to ${d.digest} in the registry, but the push reported ${digest}`, {
                hint: 'another job pushed the same tag at the same time, or the registry rewrote the manifest; use unique tags (the commit SHA) per build',
            });
        }
        head = d;
    }
    const m = await client.getManifest(target.repository, digest);
    let size = 0;
    let platforms = 1;
    if (media_isIndexType(m.mediaType)) {
        const children = (m.parsed.manifests ?? []).filter((c) => c.platform?.os !== 'unknown');
        platforms = children.length;
        for (const c of children)
            size += imageSize(await client.getManifest(target.repository, c.digest));
    }
    else
        size = imageSize(m);
    return { digest, mediaType: head?.mediaType ?? m.mediaType, size, platforms };
}
function imageSize(m) {
    return m.size + (m.parsed.config?.size ?? 0) + (m.parsed.layers ?? []).reduce((n, l) => n + l.size, 0);
}


/***/ })

};
