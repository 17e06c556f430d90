import { createRequire as __WEBPACK_EXTERNAL_createRequire } from "module";
/******/ var __webpack_modules__ = ({

/***/ 9501:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  j1: () => (/* reexport */ ConfigurationError),
  WA: () => (/* reexport */ DIGEST_PATTERN),
  Vt: () => (/* reexport */ DIGEST_RE),
  Xb: () => (/* reexport */ DOCKER_HUB),
  cI: () => (/* reexport */ ExecError),
  HR: () => (/* reexport */ Failure),
  dz: () => (/* reexport */ errors_InputError),
  G0: () => (/* reexport */ Inputs),
  x_: () => (/* reexport */ InvalidReferenceError),
  IN: () => (/* reexport */ SERVICE_RE),
  BD: () => (/* reexport */ Summary),
  X7: () => (/* reexport */ VERSION_RE),
  Ck: () => (/* reexport */ addSecret),
  I8: () => (/* reexport */ core_namespaceObject),
  vL: () => (/* reexport */ describeCommand),
  gJ: () => (/* reexport */ errorMessage),
  ZD: () => (/* reexport */ escapeHtml),
  g7: () => (/* reexport */ execute),
  a3: () => (/* reexport */ duration_formatDuration),
  wv: () => (/* reexport */ isValidRegistryHost),
  r_: () => (/* reexport */ isValidTag),
  o_: () => (/* reexport */ parseImageReference),
  Hl: () => (/* reexport */ parseKeyValues),
  WI: () => (/* reexport */ readManifest),
  E$: () => (/* reexport */ redact),
  i8: () => (/* reexport */ registryOfAuthKey),
  L5: () => (/* reexport */ retry),
  Cs: () => (/* reexport */ runAction),
  pO: () => (/* reexport */ runContext),
  n0: () => (/* reexport */ setOutputs),
  WU: () => (/* reexport */ errors_show),
  Xv: () => (/* reexport */ splitImageReference),
  KE: () => (/* reexport */ withService),
  HN: () => (/* reexport */ writeManifest)
});

// UNUSED EXPORTS: Deadline, ManifestError, Masker, REPOSITORY_PATH_RE, RetryError, TAG_RE, WaitTimeoutError, awsClientConfig, backoffDelay, formatImageReference, isRepository, isValidDigest, isValidRepositoryPath, mapConcurrent, markdownTable, mergeManifests, normalizeRepository, parseDuration, parseManifest, parseUrl, parseYaml, parseYamlSource, pinnedRef, readManifests, readManifestsInput, realSleep, reportFailure, runUrl, runnerInputs, splitList, stateSlot, validateManifest, waitFor

// NAMESPACE OBJECT: ./packages/kit/src/core.ts
var core_namespaceObject = {};
__nccwpck_require__.r(core_namespaceObject);
__nccwpck_require__.d(core_namespaceObject, {
  appendSummary: () => (appendSummary),
  debug: () => (debug),
  endGroup: () => (endGroup),
  error: () => (error),
  getState: () => (getState),
  group: () => (group),
  info: () => (info),
  notice: () => (notice),
  saveState: () => (saveState),
  setFailed: () => (setFailed),
  setOutput: () => (setOutput),
  setSecret: () => (setSecret),
  startGroup: () => (startGroup),
  warning: () => (warning)
});

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __nccwpck_require__(3024);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __nccwpck_require__(7598);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __nccwpck_require__(8161);
;// CONCATENATED MODULE: ./packages/kit/src/core.ts
/**
 * The GitHub runner's protocol, implemented directly: workflow commands on
 * stdout (`::error::`, `::add-mask::`, `::group::`), and the GITHUB_OUTPUT /
 * GITHUB_STATE / GITHUB_STEP_SUMMARY files. It replaces @actions/core on the
 * hot path because loading @actions/core pulls in its OIDC HTTP client (undici)
 * and alone costs about 3× a bare `node` start; this module costs nothing.
 * Semantics follow the runner's documentation for workflow commands.
 */



const escapeData = (s) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (s) => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
function command(name, props, message) {
    const p = Object.entries(props)
        .filter(([, v]) => v !== undefined && v !== '')
        .map(([k, v]) => `${k}=${escapeProperty(String(v))}`)
        .join(',');
    process.stdout.write(`::${name}${p ? ` ${p}` : ''}::${escapeData(message)}${external_node_os_.EOL}`);
}
/** Appends `name<<delimiter` blocks to a runner file (GITHUB_OUTPUT, GITHUB_STATE, GITHUB_ENV). */
function appendKeyValue(file, name, value) {
    const delimiter = `ghadelimiter_${(0,external_node_crypto_.randomUUID)()}`;
    if (name.includes(delimiter) || value.includes(delimiter))
        throw new Error('unexpected delimiter collision');
    (0,external_node_fs_.appendFileSync)(file, `${name}<<${delimiter}${external_node_os_.EOL}${value}${external_node_os_.EOL}${delimiter}${external_node_os_.EOL}`, 'utf8');
}
function info(message) {
    process.stdout.write(message + external_node_os_.EOL);
}
function debug(message) {
    command('debug', {}, message);
}
function notice(message, props = {}) {
    command('notice', annotation(props), message);
}
function warning(message, props = {}) {
    command('warning', annotation(props), message);
}
function error(message, props = {}) {
    command('error', annotation(props), message);
}
function annotation(p) {
    return { title: p.title, file: p.file, line: p.line, col: p.col, endLine: p.endLine, endColumn: p.endColumn };
}
/** Reports the step as failed: an error annotation and exit code 1. */
function setFailed(message) {
    process.exitCode = 1;
    error(message);
}
/** Masks a value in all later log output; each line of a multi-line secret is masked. */
function setSecret(value) {
    for (const line of value.split(/\r?\n/))
        if (line.trim() !== '')
            command('add-mask', {}, line);
}
function setOutput(name, value) {
    const file = process.env.GITHUB_OUTPUT;
    if (file)
        appendKeyValue(file, name, value);
    else
        command('set-output', { name }, value);
}
/** Saves state for this action's `post:` step (read there with getState). */
function saveState(name, value) {
    const file = process.env.GITHUB_STATE;
    if (file)
        appendKeyValue(file, name, value);
    else
        command('save-state', { name }, value);
}
function getState(name) {
    return process.env[`STATE_${name}`] ?? '';
}
function startGroup(name) {
    command('group', {}, name);
}
function endGroup() {
    command('endgroup', {}, '');
}
/** Runs `fn` inside a collapsible log group. */
async function group(name, fn) {
    startGroup(name);
    try {
        return await fn();
    }
    finally {
        endGroup();
    }
}
/** Appends Markdown to the job summary; a no-op outside a runner. */
function appendSummary(markdown) {
    const file = process.env.GITHUB_STEP_SUMMARY;
    if (file)
        (0,external_node_fs_.appendFileSync)(file, markdown.endsWith(external_node_os_.EOL) ? markdown : markdown + external_node_os_.EOL, 'utf8');
}

;// CONCATENATED MODULE: ./packages/kit/src/errors.ts
/**
 * A failure the action reports as a plain `::error::` annotation without a stack
 * trace: a command that failed, a timeout, a remote error, a refused precondition.
 * kit's `retry` retries these by default. Anything that is neither a Failure nor
 * a ConfigurationError escaping an action is a bug and is reported with its stack.
 */
class Failure extends Error {
    name = 'Failure';
    hint;
    constructor(message, options = {}) {
        super(message, options.cause === undefined ? undefined : { cause: options.cause });
        this.hint = options.hint;
    }
}
/**
 * The user's fault: bad input or bad configuration (a missing file, an unknown
 * service, a malformed reference). Reported like a Failure, and never retried:
 * the same call cannot succeed until the user changes something.
 */
class ConfigurationError extends Failure {
    name = 'ConfigurationError';
}
/** A configuration error about one input: the message always names the input and the bad value. */
class errors_InputError extends ConfigurationError {
    name = 'InputError';
    input;
    constructor(input, message, options = {}) {
        super(`Input '${input}': ${message}`, options);
        this.input = input;
    }
}
/** The message of anything thrown, including non-Error values. */
function errorMessage(e) {
    if (e instanceof Error)
        return e.message;
    if (typeof e === 'string')
        return e;
    try {
        return JSON.stringify(e) ?? String(e);
    }
    catch {
        return String(e);
    }
}
/** Shows a value in an error message: strings quoted, others as JSON; one line, shortened. */
function errors_show(value, max = 80) {
    const isString = typeof value === 'string';
    const text = isString ? value : (JSON.stringify(value) ?? String(value));
    const oneLine = text.replace(/\r?\n/g, '\\n');
    const cut = oneLine.length > max ? `${oneLine.slice(0, max)}…` : oneLine;
    return isString ? JSON.stringify(cut) : cut;
}

;// CONCATENATED MODULE: ./packages/kit/src/duration.ts
const UNITS = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
/**
 * Parses a duration such as `90s`, `5m`, `1m30s`, `250ms`, `1h`.
 * A bare number is read in `defaultUnit` (seconds unless said otherwise).
 * Returns milliseconds, or undefined when the text is not a duration.
 */
function parseDuration(text, defaultUnit = 's') {
    const t = text.trim();
    if (t === '')
        return undefined;
    if (/^\d+(\.\d+)?$/.test(t))
        return Math.round(Number(t) * UNITS[defaultUnit]);
    const re = /(\d+(?:\.\d+)?)(ms|s|m|h)/gy;
    let total = 0;
    let consumed = 0;
    for (const m of t.matchAll(re)) {
        total += Number(m[1]) * UNITS[m[2]];
        consumed += m[0].length;
    }
    if (consumed !== t.length || consumed === 0)
        return undefined;
    return Math.round(total);
}
/** Formats milliseconds for people: `850ms`, `12.3s`, `2m05s`. */
function duration_formatDuration(ms) {
    if (ms < 1000)
        return `${Math.round(ms)}ms`;
    if (ms < 60_000)
        return `${(ms / 1000).toFixed(1)}s`;
    const m = Math.floor(ms / 60_000);
    const s = Math.round((ms % 60_000) / 1000);
    return `${m}m${String(s).padStart(2, '0')}s`;
}

;// CONCATENATED MODULE: ./packages/kit/src/inputs.ts


/**
 * The runner's input source: `INPUT_<NAME>` with spaces as underscores and the
 * name upper-cased, exactly as @actions/core reads it. Values are trimmed.
 */
const runnerInputs = (name) => (process.env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim();
/**
 * Typed access to an action's inputs. Every error names the input and shows
 * the bad value. Construct with a custom source in tests.
 */
class Inputs {
    source;
    constructor(source = runnerInputs) {
        this.source = source;
    }
    /** Raw string; '' when unset. */
    raw(name) {
        return this.source(name);
    }
    string(name, opts = {}) {
        const v = this.source(name);
        if (v === '') {
            if (opts.required)
                throw new errors_InputError(name, 'is required but was not set');
            return opts.default ?? '';
        }
        if (opts.pattern && !opts.pattern.test(v)) {
            throw new errors_InputError(name, `${errors_show(v)} is not valid${opts.patternHint ? `: expected ${opts.patternHint}` : ''}`);
        }
        return v;
    }
    optionalString(name) {
        const v = this.source(name);
        return v === '' ? undefined : v;
    }
    int(name, opts = {}) {
        const v = this.source(name);
        if (v === '') {
            if (opts.required || opts.default === undefined)
                throw new errors_InputError(name, 'is required but was not set');
            return opts.default;
        }
        if (!/^-?\d+$/.test(v))
            throw new errors_InputError(name, `${errors_show(v)} is not a whole number`);
        const n = Number(v);
        if (opts.min !== undefined && n < opts.min)
            throw new errors_InputError(name, `${n} is below the minimum ${opts.min}`);
        if (opts.max !== undefined && n > opts.max)
            throw new errors_InputError(name, `${n} is above the maximum ${opts.max}`);
        return n;
    }
    /** Exactly what the runner's toolkit accepts: true/True/TRUE or false/False/FALSE. `yes`, `1`, `tRuE` are rejected. */
    bool(name, opts) {
        const v = this.source(name);
        if (v === '')
            return opts.default;
        if (['true', 'True', 'TRUE'].includes(v))
            return true;
        if (['false', 'False', 'FALSE'].includes(v))
            return false;
        throw new errors_InputError(name, `${errors_show(v)} is not a boolean: use true or false`);
    }
    enum(name, allowed, opts = {}) {
        const v = this.source(name);
        if (v === '') {
            if (opts.default === undefined)
                throw new errors_InputError(name, `is required: one of ${allowed.join(', ')}`);
            return opts.default;
        }
        if (!allowed.includes(v)) {
            throw new errors_InputError(name, `${errors_show(v)} is not one of ${allowed.join(', ')}`);
        }
        return v;
    }
    /** A duration like `90s`, `5m`, `1m30s`, `500ms`; bare numbers are seconds. Returns ms. */
    duration(name, opts = {}) {
        const v = this.source(name) || opts.default || '';
        if (v === '')
            throw new errors_InputError(name, 'is required: a duration such as 90s or 5m');
        if (/^-/.test(v))
            throw new errors_InputError(name, `${errors_show(v)} is negative: a duration must be zero or more`);
        const ms = parseDuration(v);
        if (ms === undefined)
            throw new errors_InputError(name, `${errors_show(v)} is not a duration: use e.g. 90s, 5m, 1m30s, 500ms`);
        if (opts.min !== undefined && ms < opts.min)
            throw new errors_InputError(name, `${errors_show(v)} is shorter than the minimum ${opts.min}ms`);
        if (opts.max !== undefined && ms > opts.max)
            throw new errors_InputError(name, `${errors_show(v)} is longer than the maximum ${opts.max}ms`);
        return ms;
    }
    /** An absolute URL with one of the given protocols (default http/https). */
    url(name, opts = {}) {
        const v = this.source(name);
        if (v === '') {
            if (opts.required)
                throw new errors_InputError(name, 'is required: an absolute URL');
            return undefined;
        }
        return inputs_parseUrl(name, v, opts.protocols);
    }
    /** Multi-line (or comma-separated with `commas: true`) list; blank lines and `#` comments dropped. */
    list(name, opts = {}) {
        return splitList(this.source(name), opts.commas ?? false);
    }
}
function inputs_parseUrl(name, value, protocols = ['http:', 'https:']) {
    let u;
    try {
        u = new URL(value);
    }
    catch {
        throw new errors_InputError(name, `${errors_show(value)} is not a valid absolute URL`);
    }
    if (!protocols.includes(u.protocol)) {
        throw new errors_InputError(name, `${errors_show(value)} has protocol ${u.protocol}; expected ${protocols.join(' or ')}`);
    }
    return u;
}
function splitList(text, commas) {
    const parts = commas ? text.split(/[\n,]/) : text.split('\n');
    return parts.map((s) => s.trim()).filter((s) => s !== '' && !s.startsWith('#'));
}
/** `KEY=value` lines (e.g. build args, env); values may contain '='. */
function parseKeyValues(name, lines, keyPattern = /^[A-Za-z_][A-Za-z0-9_.-]*$/) {
    const out = new Map();
    for (const line of lines) {
        const eq = line.indexOf('=');
        const key = eq > 0 ? line.slice(0, eq).trim() : '';
        if (eq <= 0 || !keyPattern.test(key)) {
            throw new errors_InputError(name, `${errors_show(line)} is not KEY=value`);
        }
        out.set(key, line.slice(eq + 1));
    }
    return out;
}

;// CONCATENATED MODULE: ./packages/kit/src/yaml.ts

/**
 * Parses YAML from an input (or a file the input names) and reports problems
 * with the line and column, e.g. `Input 'checks': invalid YAML at line 3, column 5: …`.
 * The parser is loaded on first use, so actions that fail fast never pay for it.
 */
async function parseYaml(name, text, origin) {
    const { parseDocument } = await __nccwpck_require__.e(/* import() */ 9).then(__nccwpck_require__.t.bind(__nccwpck_require__, 8009, 19));
    const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true, strict: true });
    const err = doc.errors[0];
    if (err) {
        const pos = err.linePos?.[0];
        const where = pos ? ` at line ${pos.line}, column ${pos.col}` : '';
        const from = origin ? ` (${origin})` : '';
        const first = (err.message.split('\n')[0] ?? err.message).replace(/ at line \d+, column \d+:?$/, '');
        throw new InputError(name, `invalid YAML${from}${where}: ${first}`);
    }
    return doc.toJS({ maxAliasCount: 100 });
}
/** Like parseYaml, and keeps the positions: `at(['metrics', 0, 'query'])` → "line 4, column 12". */
async function parseYamlSource(name, text, origin) {
    const value = await parseYaml(name, text, origin);
    const { LineCounter, parseDocument, isNode } = await __nccwpck_require__.e(/* import() */ 9).then(__nccwpck_require__.t.bind(__nccwpck_require__, 8009, 19));
    const lines = new LineCounter();
    const doc = parseDocument(text, { lineCounter: lines });
    return {
        value,
        at(path) {
            for (let p = path;; p = p.slice(0, -1)) {
                const node = p.length === 0 ? doc.contents : doc.getIn(p, true);
                if (isNode(node) && node.range) {
                    const pos = lines.linePos(node.range[0]);
                    return `line ${pos.line}, column ${pos.col}`;
                }
                if (p.length === 0)
                    return 'line 1, column 1';
            }
        },
    };
}

;// CONCATENATED MODULE: ./packages/kit/src/retry.ts


const retry_realSleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
/**
 * Full-jitter exponential backoff: a uniform random delay in
 * [0, min(maxMs, initialMs * factor^attempt)]. `attempt` starts at 0.
 */
function retry_backoffDelay(attempt, opts = {}, random = Math.random) {
    const { initialMs = 500, maxMs = 10_000, factor = 2 } = opts;
    const ceiling = Math.min(maxMs, initialMs * factor ** attempt);
    return Math.floor(random() * ceiling);
}
/** A point in time after which work stops. */
class Deadline {
    timeoutMs;
    now;
    at;
    constructor(timeoutMs, now = Date.now) {
        this.timeoutMs = timeoutMs;
        this.now = now;
        this.at = now() + timeoutMs;
    }
    remaining() {
        return Math.max(0, this.at - this.now());
    }
    expired() {
        return this.now() >= this.at;
    }
    elapsed() {
        return this.now() - (this.at - this.timeoutMs);
    }
}
class RetryError extends Failure {
    attempts;
    lastError;
    name = 'RetryError';
    constructor(message, attempts, lastError) {
        super(message, { cause: lastError });
        this.attempts = attempts;
        this.lastError = lastError;
    }
}
/**
 * Calls `fn` until it resolves, retrying retryable errors with full-jitter
 * exponential backoff, bounded by attempts and/or a deadline. Each retry is
 * logged with its label. The final error keeps the last cause.
 */
async function retry(fn, opts) {
    const now = opts.now ?? Date.now;
    const sleep = opts.sleep ?? retry_realSleep;
    const random = opts.random ?? Math.random;
    const retryable = opts.retryable ?? ((e) => !(e instanceof ConfigurationError));
    const started = now();
    const deadline = opts.timeoutMs === undefined ? Infinity : started + opts.timeoutMs;
    const maxAttempts = opts.maxAttempts ?? Infinity;
    for (let attempt = 0;; attempt++) {
        try {
            return await fn(attempt);
        }
        catch (e) {
            if (!retryable(e))
                throw e;
            const tries = attempt + 1;
            const delay = retry_backoffDelay(attempt, opts, random);
            const out = tries >= maxAttempts || now() + delay >= deadline;
            if (out) {
                const spent = duration_formatDuration(now() - started);
                throw new RetryError(`${opts.label}: gave up after ${tries} attempt${tries === 1 ? '' : 's'} in ${spent}: ${errorMessage(e)}`, tries, e);
            }
            opts.log?.(`${opts.label}: attempt ${tries} failed (${errorMessage(e)}); retrying in ${duration_formatDuration(delay)}`);
            await sleep(delay);
        }
    }
}

;// CONCATENATED MODULE: ./packages/kit/src/wait.ts



class WaitTimeoutError extends Failure {
    lastProgress;
    name = 'WaitTimeoutError';
    constructor(message, lastProgress) {
        super(message);
        this.lastProgress = lastProgress;
    }
}
/**
 * Polls until `poll` says done or the deadline passes. Delays grow
 * exponentially from `initialMs` (default 250 ms) to `maxMs` (default 2 s);
 * progress lines are printed once per change, not once per poll.
 */
async function waitFor(poll, opts) {
    const now = opts.now ?? Date.now;
    const sleep = opts.sleep ?? realSleep;
    const started = now();
    const deadline = started + opts.timeoutMs;
    const backoff = { initialMs: opts.initialMs ?? 250, maxMs: opts.maxMs ?? 2000, factor: opts.factor ?? 1.5 };
    let last = '';
    for (let attempt = 0;; attempt++) {
        const r = await poll();
        if (r.done)
            return r.value;
        if (r.progress !== last) {
            opts.log?.(`${opts.label}: ${r.progress} (${formatDuration(now() - started)})`);
            last = r.progress;
        }
        const remaining = deadline - now();
        if (remaining <= 0) {
            throw new WaitTimeoutError(`Timed out after ${formatDuration(opts.timeoutMs)} waiting for ${opts.label}; last state: ${last}`, last);
        }
        const ceiling = Math.min(backoff.maxMs, backoff.initialMs * backoff.factor ** attempt);
        const delay = opts.jitter ? backoffDelay(attempt, backoff, opts.random) : ceiling;
        await sleep(Math.min(delay, remaining));
    }
}

;// CONCATENATED MODULE: ./packages/kit/src/secrets.ts

/**
 * A set of secrets and the text they must never appear in: each value and its
 * URL-encoded form (as in connection strings), replaced longest first so a
 * secret containing another is masked whole. Pure: it prints nothing, so a
 * workflow runner can keep its own.
 */
class Masker {
    values = [];
    /** Registers a value; returns the forms that were new (for the runner's `::add-mask::`). */
    add(value) {
        if (!value)
            return [];
        const added = [];
        for (const form of [value, encodeURIComponent(value)]) {
            if (this.values.includes(form))
                continue;
            this.values.push(form);
            added.push(form);
        }
        this.values.sort((a, b) => b.length - a.length);
        return added;
    }
    /** Whether `text` contains any registered secret. */
    reveals(text) {
        return this.values.some((s) => s.length >= 3 && text.includes(s));
    }
    /** `text` with every registered secret (of three characters or more) replaced by `***`. */
    redact(text) {
        let out = text;
        for (const s of this.values)
            if (s.length >= 3)
                out = out.split(s).join('***');
        return out;
    }
}
const known = new Masker();
/**
 * Registers a secret: the runner masks it in every later log line
 * (`::add-mask::`), and `redact()` removes it from text we build ourselves
 * (error messages, echoed commands) so it never leaks even outside a runner.
 */
function addSecret(value) {
    for (const form of known.add(value))
        setSecret(form);
}
/** Replaces every registered secret in `text` with `***`. */
function redact(text) {
    return known.redact(text);
}

;// CONCATENATED MODULE: ./packages/kit/src/exec.ts



class ExecError extends Failure {
    command;
    result;
    name = 'ExecError';
    constructor(command, result) {
        const tail = (result.stderr.trim() || result.stdout.trim()).split('\n').slice(-15).join('\n');
        super(`${command} exited with code ${result.code}${tail ? `:\n${redact(tail)}` : ''}`);
        this.command = command;
        this.result = result;
    }
}
/** The command as a person would type it, quoted where needed and with secrets redacted. */
function describeCommand(cmd, args) {
    const q = (a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`);
    return redact([cmd, ...args].map(q).join(' '));
}
/**
 * Runs a program with an argument array — never through a shell, so inputs
 * cannot inject commands. Output is captured (and streamed if asked);
 * registered secrets are redacted from everything we print.
 */
async function execute(cmd, args, opts = {}) {
    const command = describeCommand(cmd, args);
    if (!opts.quiet)
        info(`$ ${command}`);
    const env = {};
    for (const [k, v] of Object.entries({ ...process.env, ...opts.env }))
        if (v !== undefined)
            env[k] = v;
    const write = (chunk) => process.stdout.write(redact(chunk.toString()));
    let r;
    // Loaded on first use, so an action that fails on its inputs never pays for it.
    const { getExecOutput } = await __nccwpck_require__.e(/* import() */ 296).then(__nccwpck_require__.bind(__nccwpck_require__, 296));
    try {
        r = await getExecOutput(cmd, [...args], {
            cwd: opts.cwd,
            env,
            input: opts.input === undefined ? undefined : Buffer.from(opts.input),
            silent: true,
            ignoreReturnCode: true,
            listeners: opts.stream ? { stdout: write, stderr: write } : {},
        });
    }
    catch (e) {
        // The program could not be started at all (not installed, not on PATH).
        throw new ExecError(command, { code: 127, stdout: '', stderr: `${cmd}: ${errorMessage(e)}` });
    }
    const result = { code: r.exitCode, stdout: r.stdout, stderr: r.stderr };
    if (result.code !== 0 && !opts.allowFailure)
        throw new ExecError(command, result);
    return result;
}

;// CONCATENATED MODULE: ./packages/kit/src/summary.ts

/** Escapes text for the job summary's HTML/Markdown. */
function escapeHtml(text) {
    return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
}
/** A GitHub-flavoured Markdown table; every cell is escaped, pipes included. */
function markdownTable(headers, rows) {
    const cell = (c) => escapeHtml(c === null || c === undefined ? '' : String(c))
        .replace(/\|/g, '\\|')
        .replace(/\r?\n/g, '<br>');
    const line = (cells) => `| ${cells.map(cell).join(' | ')} |`;
    return [line(headers), `|${headers.map(() => ' --- ').join('|')}|`, ...rows.map(line)].join('\n');
}
/**
 * A job summary built from Markdown parts, written once at the end of a run.
 * Does nothing outside a runner (no GITHUB_STEP_SUMMARY), so local runs and
 * unit tests need no set-up.
 */
class Summary {
    parts = [];
    heading(text, level = 2) {
        this.parts.push(`${'#'.repeat(level)} ${escapeHtml(text)}`);
        return this;
    }
    text(markdown) {
        this.parts.push(markdown);
        return this;
    }
    table(headers, rows) {
        this.parts.push(markdownTable(headers, rows));
        return this;
    }
    details(title, body) {
        this.parts.push(`<details><summary>${escapeHtml(title)}</summary>\n\n${body}\n\n</details>`);
        return this;
    }
    toString() {
        return `${this.parts.join('\n\n')}\n`;
    }
    /** Appends to the job summary (a no-op outside a runner). */
    write() {
        appendSummary(this.toString());
    }
}
/** Sets outputs; objects and arrays become compact JSON. */
function setOutputs(outputs) {
    for (const [name, value] of Object.entries(outputs)) {
        if (value === undefined)
            continue;
        setOutput(name, typeof value === 'string' ? value : JSON.stringify(value));
    }
}

;// CONCATENATED MODULE: ./packages/kit/src/context.ts
function runContext(env = process.env) {
    return {
        repository: env.GITHUB_REPOSITORY ?? '',
        serverUrl: env.GITHUB_SERVER_URL ?? 'https://github.com',
        sha: env.GITHUB_SHA ?? '',
        ref: env.GITHUB_REF ?? '',
        runId: env.GITHUB_RUN_ID ?? 'local',
        runAttempt: env.GITHUB_RUN_ATTEMPT ?? '1',
        actor: env.GITHUB_ACTOR ?? (env.USER || 'local'),
        workflow: env.GITHUB_WORKFLOW ?? '',
        job: env.GITHUB_JOB ?? '',
    };
}
/** Link to the current run, or '' outside Actions. */
function runUrl(ctx) {
    return ctx.repository && ctx.runId !== 'local' ? `${ctx.serverUrl}/${ctx.repository}/actions/runs/${ctx.runId}` : '';
}

;// CONCATENATED MODULE: ./packages/kit/src/aws.ts


/**
 * Options for any AWS SDK v3 client: region from the input or the standard
 * variables, endpoint from the `endpoint-url` input or AWS_ENDPOINT_URL
 * (LocalStack-style emulators), adaptive retries, a user agent naming us.
 * Credentials are left to the SDK's default chain (env, OIDC web identity, …).
 */
function awsClientConfig(opts, env = process.env) {
    const region = opts.region || env.AWS_REGION || env.AWS_DEFAULT_REGION || '';
    if (!region)
        throw new InputError('aws-region', 'is not set and neither AWS_REGION nor AWS_DEFAULT_REGION is', {
            hint: 'set aws-region, or run aws-actions/configure-aws-credentials first',
        });
    const endpoint = opts.endpointUrl || env.AWS_ENDPOINT_URL || undefined;
    if (endpoint)
        parseUrl(opts.endpointUrl ? 'endpoint-url' : 'AWS_ENDPOINT_URL', endpoint);
    return {
        region,
        ...(endpoint ? { endpoint } : {}),
        maxAttempts: 5,
        retryMode: 'adaptive',
        customUserAgent: `switchyard/${opts.action}`,
    };
}

// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __nccwpck_require__(6760);
;// CONCATENATED MODULE: ./packages/kit/src/reference.ts
/**
 * Image references, parsed in one place with one rule set (Docker's and the
 * distribution spec's): `host[:port]/path[:tag][@digest]`. The registry
 * client, the compose pins, the release manifest and every action read
 * references through these functions and patterns.
 */

class InvalidReferenceError extends ConfigurationError {
    name = 'InvalidReferenceError';
}
/** The one digest pattern (unanchored, for composing): only sha256 is accepted. */
const DIGEST_PATTERN = 'sha256:[a-f0-9]{64}';
const DIGEST_RE = new RegExp(`^${DIGEST_PATTERN}$`);
/** One path component of a repository name (distribution spec). */
const COMPONENT = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*';
const REPOSITORY_PATH_RE = new RegExp(`^${COMPONENT}(?:/${COMPONENT})*$`);
const TAG_RE = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
const HOST_RE = /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*|\[[0-9A-Fa-f:]+\])(?::\d{1,5})?$/;
const DOCKER_HUB = 'docker.io';
function isValidTag(tag) {
    return TAG_RE.test(tag);
}
function isValidDigest(digest) {
    return DIGEST_RE.test(digest);
}
function isValidRepositoryPath(path) {
    return path.length <= 255 && REPOSITORY_PATH_RE.test(path);
}
function isValidRegistryHost(host) {
    return HOST_RE.test(host);
}
/** Whether the first path segment of a name is a registry host (Docker's rule: contains `.` or `:`, is `localhost`, or is a bracketed IPv6 address). */
function looksLikeHost(segment) {
    return segment.includes('.') || segment.includes(':') || segment === 'localhost' || segment.startsWith('[');
}
/** Splits a name into its registry (undefined when it names none) and the path after it. */
function splitHost(name) {
    const slash = name.indexOf('/');
    const first = slash < 0 ? '' : name.slice(0, slash);
    return slash >= 0 && looksLikeHost(first) ? { host: first, path: name.slice(slash + 1) } : { host: undefined, path: name };
}
/** Docker Hub's other names. */
function canonicalHost(host) {
    return host === 'index.docker.io' || host === 'registry-1.docker.io' ? DOCKER_HUB : host;
}
/**
 * The registry a Docker config key stands for (`auths`, `credHelpers`):
 * `https://index.docker.io/v1/` → `docker.io`, `http://127.0.0.1:5000/v2/` →
 * `127.0.0.1:5000`, lowercased.
 */
function registryOfAuthKey(key) {
    const host = key
        .trim()
        .replace(/^[a-z]+:\/\//i, '')
        .replace(/\/.*$/, '')
        .toLowerCase();
    return canonicalHost(host);
}
/**
 * Cuts a reference at its boundaries (digest after the first `@`, tag after
 * a `:` behind the last `/`) without checking the parts: the first step of
 * {@link parseImageReference}, and what compose pinning needs to rewrite a
 * reference as written.
 */
function splitImageReference(text) {
    const at = text.indexOf('@');
    const name = at >= 0 ? text.slice(0, at) : text;
    const digest = at >= 0 ? text.slice(at + 1) : undefined;
    const colon = name.lastIndexOf(':');
    const hasTag = colon > name.lastIndexOf('/');
    return { repository: hasTag ? name.slice(0, colon) : name, tag: hasTag ? name.slice(colon + 1) : undefined, digest };
}
/**
 * Parses `host[:port]/path[:tag][@digest]`. Without a host, the registry is
 * Docker Hub (`docker.io`, one-segment names get `library/`), as the Docker
 * CLI does. Only sha256 digests are accepted. Throws InvalidReferenceError
 * naming the reference and the bad part.
 */
function parseImageReference(ref, opts = {}) {
    const fail = (why) => {
        throw new InvalidReferenceError(`image reference ${errors_show(ref)} ${why}`);
    };
    const text = ref.trim();
    if (!text)
        fail('is empty');
    const { repository: name, tag, digest } = splitImageReference(text);
    if (digest !== undefined && !DIGEST_RE.test(digest))
        fail(`has digest ${errors_show(digest)}; expected sha256:<64 lowercase hex digits>`);
    if (tag !== undefined && !TAG_RE.test(tag))
        fail(`has tag ${errors_show(tag)}; a tag is up to 128 of A-Z a-z 0-9 _ . - and does not start with . or -`);
    const { host, path } = splitHost(name);
    if (host !== undefined && !HOST_RE.test(host))
        fail(`has registry host ${errors_show(host)}, which is not host[:port]`);
    const registry = canonicalHost(host ?? opts.defaultRegistry ?? DOCKER_HUB);
    const repository = registry === DOCKER_HUB && !path.includes('/') ? `library/${path}` : path;
    if (!isValidRepositoryPath(repository))
        fail(`has repository ${errors_show(repository)}; path components are lowercase letters and digits separated by . _ __ or -`);
    const out = { registry, repository };
    if (tag !== undefined)
        out.tag = tag;
    if (digest !== undefined)
        out.digest = digest;
    return out;
}
/** `host/path[:tag][@digest]` (Docker Hub references keep the `docker.io/` host). */
function formatImageReference(r) {
    return `${r.registry}/${r.repository}${r.tag ? `:${r.tag}` : ''}${r.digest ? `@${r.digest}` : ''}`;
}
/**
 * A repository name with Docker Hub's implicit parts made explicit and
 * lowercased, so `nginx` and `docker.io/library/nginx` compare equal. Not a
 * check: unparseable names still get a comparable form.
 */
function normalizeRepository(name) {
    const { host, path } = splitHost(name);
    const registry = canonicalHost(host ?? DOCKER_HUB);
    const full = registry === DOCKER_HUB && !path.includes('/') ? `library/${path}` : path;
    return `${registry}/${full}`.toLowerCase();
}

;// CONCATENATED MODULE: ./packages/kit/src/manifest.ts




const VERSION_RE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;
const SERVICE_RE = /^[a-z0-9][a-z0-9_-]{0,62}$/;
/** A repository as a manifest names it: `registry[:port]/path`, no tag, no digest. */
function isRepository(image) {
    const parts = splitImageReference(image);
    if (parts.tag !== undefined || parts.digest !== undefined || image.trim() !== image)
        return false;
    try {
        parseImageReference(image);
        return true;
    }
    catch {
        return false;
    }
}
class ManifestError extends ConfigurationError {
    name = 'ManifestError';
}
/** `image@digest`: the immutable reference Swarm and registries agree on. */
function pinnedRef(s) {
    return `${s.image}@${s.digest}`;
}
/** Validates an unknown value as a manifest; errors name the file and the field. */
function validateManifest(value, origin = 'release manifest') {
    const fail = (field, why) => {
        throw new ManifestError(`${origin}: field '${field}' ${why}`);
    };
    if (typeof value !== 'object' || value === null || Array.isArray(value))
        fail('(root)', 'must be a JSON object');
    const v = value;
    if (v.schemaVersion !== undefined && v.schemaVersion !== 1)
        fail('schemaVersion', `is ${errors_show(v.schemaVersion)}; this version of Switchyard reads schemaVersion 1`);
    if (typeof v.version !== 'string' || !VERSION_RE.test(v.version))
        fail('version', `is ${errors_show(v.version)}; expected a tag-safe version such as 2026.11.26-3f2a9c1`);
    if (typeof v.commit !== 'string')
        fail('commit', `is ${errors_show(v.commit)}; expected a git commit SHA`);
    if (v.created !== undefined && (typeof v.created !== 'string' || Number.isNaN(Date.parse(v.created))))
        fail('created', `is ${errors_show(v.created)}; expected an ISO 8601 time`);
    if (typeof v.services !== 'object' || v.services === null || Array.isArray(v.services))
        fail('services', 'must be an object of service name → { image, digest }');
    const services = {};
    for (const [name, raw] of Object.entries(v.services)) {
        if (!SERVICE_RE.test(name))
            fail(`services.${name}`, 'is not a valid service name (lowercase letters, digits, - and _)');
        if (typeof raw !== 'object' || raw === null)
            fail(`services.${name}`, 'must be an object with image and digest');
        const s = raw;
        if (typeof s.image !== 'string' || !isRepository(s.image))
            fail(`services.${name}.image`, `is ${errors_show(s.image)}; expected a repository without tag or digest`);
        if (typeof s.digest !== 'string' || !DIGEST_RE.test(s.digest))
            fail(`services.${name}.digest`, `is ${errors_show(s.digest)}; expected sha256:<64 hex digits>`);
        if (s.tags !== undefined && (!Array.isArray(s.tags) || s.tags.some((t) => typeof t !== 'string')))
            fail(`services.${name}.tags`, 'must be a list of strings');
        services[name] = { image: s.image, digest: s.digest, ...(s.tags ? { tags: s.tags } : {}) };
    }
    return {
        schemaVersion: 1,
        version: v.version,
        commit: v.commit,
        created: v.created ?? new Date(0).toISOString(),
        services,
    };
}
function parseManifest(text, origin = 'release manifest') {
    let value;
    try {
        value = JSON.parse(text);
    }
    catch (e) {
        throw new ManifestError(`${origin}: not valid JSON (${e.message})`);
    }
    return validateManifest(value, origin);
}
function readManifest(path) {
    let text;
    try {
        text = (0,external_node_fs_.readFileSync)(path, 'utf8');
    }
    catch {
        throw new ManifestError(`release manifest ${errors_show(path)} cannot be read: no such file`);
    }
    return parseManifest(text, path);
}
/**
 * Reads and merges several manifests of one release (e.g. one per matrix
 * job). They must agree on version and commit; a service named twice must
 * have the same digest.
 */
function readManifests(paths) {
    if (paths.length === 0)
        throw new ManifestError('no release manifest given');
    return mergeManifests(paths.map((p) => ({ origin: p, manifest: readManifest(p) })));
}
/**
 * The release manifests an input names (paths resolved against the working
 * directory), merged; undefined when the input is empty. A file that cannot
 * be read, is not a manifest, or disagrees with another is an InputError
 * naming the input.
 */
function readManifestsInput(input, paths) {
    if (paths.length === 0)
        return undefined;
    try {
        return readManifests(paths.map((p) => resolve(p)));
    }
    catch (e) {
        if (e instanceof ManifestError)
            throw new InputError(input, e.message);
        throw e;
    }
}
function mergeManifests(parts) {
    const [first, ...rest] = parts;
    if (!first)
        throw new ManifestError('no release manifest given');
    const out = { ...first.manifest, services: { ...first.manifest.services } };
    for (const { origin, manifest } of rest) {
        if (manifest.version !== out.version)
            throw new ManifestError(`${origin}: version ${show(manifest.version)} differs from ${show(out.version)} in ${first.origin}`);
        if (manifest.commit !== out.commit)
            throw new ManifestError(`${origin}: commit ${show(manifest.commit)} differs from ${show(out.commit)} in ${first.origin}`);
        for (const [name, s] of Object.entries(manifest.services)) {
            const prev = out.services[name];
            if (prev && (prev.digest !== s.digest || prev.image !== s.image))
                throw new ManifestError(`${origin}: service ${name} is ${pinnedRef(s)} but another manifest says ${pinnedRef(prev)}`);
            out.services[name] = s;
        }
        if (manifest.created < out.created)
            out.created = manifest.created;
    }
    return out;
}
/** Returns a copy with one service added or replaced. */
function withService(m, name, s) {
    return validateManifest({ ...m, services: { ...m.services, [name]: s } });
}
/** Writes atomically (temp file + rename) so a reader never sees half a file. */
function writeManifest(path, m) {
    const checked = validateManifest(m, path);
    (0,external_node_fs_.mkdirSync)((0,external_node_path_.dirname)(path), { recursive: true });
    const tmp = `${path}.${process.pid}.tmp`;
    (0,external_node_fs_.writeFileSync)(tmp, `${JSON.stringify(checked, null, 2)}\n`);
    (0,external_node_fs_.renameSync)(tmp, path);
}

;// CONCATENATED MODULE: ./packages/kit/src/run.ts



const POST_STATE = 'isPost';
/**
 * The one entry every action's `index.ts` calls. Without `post` it runs `main`.
 * With `post`, the same bundle serves both stages: the main stage records that
 * it ran, and the runner's `post:` step (which sees that state) runs `post`.
 * Whatever escapes either stage is reported by `reportFailure`.
 */
async function runAction(main, post) {
    const isPost = post !== undefined && getState(POST_STATE) === 'true';
    try {
        if (isPost) {
            await post();
        }
        else {
            if (post)
                saveState(POST_STATE, 'true');
            await main();
        }
    }
    catch (e) {
        reportFailure(e);
    }
}
/**
 * One named value handed from the main stage to the post stage. Declare it once,
 * next to the code that needs it, so the key is written and read in one place.
 */
function stateSlot(name) {
    return { save: (value) => core.saveState(name, value), read: () => core.getState(name) };
}
/**
 * A Failure (or ConfigurationError) becomes a single `::error::` annotation with
 * its hint and exit code 1; anything else is a bug, reported with its stack.
 */
function reportFailure(e) {
    if (e instanceof Failure) {
        setFailed(redact(e.hint ? `${e.message}\nHint: ${e.hint}` : e.message));
        return;
    }
    if (e instanceof Error && e.stack)
        info(redact(e.stack));
    setFailed(redact(`Unexpected error: ${errorMessage(e)} (this is a bug in Switchyard; please report it with the log)`));
}

;// CONCATENATED MODULE: ./packages/kit/src/index.ts


















/***/ }),

/***/ 2938:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  Vt: () => (/* reexport */ src/* DIGEST_RE */.Vt),
  UD: () => (/* binding */ insecureRegistriesInput),
  cW: () => (/* binding */ isLoopbackHost),
  dU: () => (/* binding */ registryEndpointHost),
  FG: () => (/* binding */ registryScheme)
});

// UNUSED EXPORTS: DOCKER_HUB, InvalidReferenceError, REPOSITORY_PATH_RE, TAG_RE, formatImageReference, isValidDigest, isValidRegistryHost, isValidRepositoryPath, isValidTag, parseImageReference, parseInsecureRegistry

;// CONCATENATED MODULE: external "node:net"
const external_node_net_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:net");
// EXTERNAL MODULE: ./packages/kit/src/index.ts + 15 modules
var src = __nccwpck_require__(9501);
;// CONCATENATED MODULE: ./packages/registry/src/reference.ts
/**
 * Image references are parsed by kit (one parser, one digest pattern, for
 * every package and action); this module adds what only the registry client
 * needs: where to connect and over which scheme.
 */



/** The host to connect to for a registry name (`docker.io` is served by `registry-1.docker.io`). */
function registryEndpointHost(registry) {
    return registry === src/* DOCKER_HUB */.Xb ? 'registry-1.docker.io' : registry;
}
/**
 * The host part of a registry name, without the port or IPv6 brackets
 * (`[::1]:5000` → `::1`); a bare IPv6 address (`::ffff:7f00:1`) is all host.
 */
function hostOf(registry) {
    if (registry.startsWith('['))
        return registry.slice(1, registry.indexOf(']'));
    return (0,external_node_net_namespaceObject.isIP)(registry) === 6 ? registry : registry.replace(/:\d+$/, '');
}
/**
 * The loopback networks: 127.0.0.0/8 and ::1. BlockList also matches an
 * IPv4 rule against the IPv4-mapped IPv6 form of an address
 * (`::ffff:127.0.0.1`, `::ffff:7f00:1`), and compares addresses, not their
 * spelling (`0:0:0:0:0:0:0:1` is `::1`).
 */
const LOOPBACK = new external_node_net_namespaceObject.BlockList();
LOOPBACK.addSubnet('127.0.0.0', 8, 'ipv4');
LOOPBACK.addAddress('::1', 'ipv6');
/**
 * Loopback registries (localhost, 127.0.0.0/8, ::1, and 127.0.0.0/8 as
 * IPv4-mapped IPv6 addresses): always spoken to over plain http. A name is
 * loopback only as an IP address or as `localhost` itself, never by looking
 * like one (`127.0.0.1.example.com`, `localhost.example.com`).
 */
function isLoopbackHost(registry) {
    const host = hostOf(registry).toLowerCase();
    if (host === 'localhost')
        return true;
    const family = (0,external_node_net_namespaceObject.isIP)(host);
    return family !== 0 && LOOPBACK.check(host, family === 4 ? 'ipv4' : 'ipv6');
}
/**
 * Checks one entry of an insecure-registries list and returns it normalised
 * (lowercase). An entry is either a registry name, host[:port], matched
 * exactly as image references name the registry (`registry.lan` does not
 * match `registry.lan:5000`: list each port, as Docker does), or an IP
 * network in CIDR notation (`198.18.100.0/24`, `fd00::/8`), matching
 * registries named by an IP address inside it on any port. Unlike Docker, a
 * CIDR never matches a host name: no DNS lookup decides what goes unencrypted.
 * Throws InvalidReferenceError naming the entry.
 */
function parseInsecureRegistry(entry) {
    const e = entry.trim().toLowerCase();
    const fail = (why) => {
        throw new src/* InvalidReferenceError */.x_(`${(0,src/* show */.WU)(entry)} ${why}`);
    };
    if (e === '')
        fail('is empty: give a registry host[:port] or an IP network (CIDR)');
    if (e.includes('://'))
        fail('has a scheme: give the registry as host[:port] (e.g. 198.18.100.254:5000), or an IP network such as 198.18.100.0/24');
    if (e.includes('/')) {
        const cidr = parseCidr(e);
        if (cidr === undefined)
            return fail('has a path: give the registry as host[:port], or an IP network such as 198.18.100.0/24 (an address, / and a prefix length)');
        if (cidr.prefix > (cidr.family === 'ipv4' ? 32 : 128))
            fail(`has prefix length /${cidr.prefix}, more than an ${cidr.family} address has`);
        return e;
    }
    if (!(0,src/* isValidRegistryHost */.wv)(e))
        fail('is not a registry host[:port] or an IP network (CIDR)');
    const port = /:(\d+)$/.exec(e.startsWith('[') ? e.slice(e.indexOf(']')) : e)?.[1];
    if (port !== undefined && (Number(port) < 1 || Number(port) > 65535))
        fail(`has port ${port}, outside 1-65535`);
    return e;
}
function parseCidr(entry) {
    const m = /^([0-9a-f.:]+)\/(\d{1,3})$/.exec(entry);
    const v = m ? (0,external_node_net_namespaceObject.isIP)(m[1]) : 0;
    if (!m || v === 0)
        return undefined;
    return { address: m[1], prefix: Number(m[2]), family: v === 4 ? 'ipv4' : 'ipv6' };
}
/**
 * The one rule for which scheme a registry is spoken to over: `http` for
 * loopback registries and for those matching an entry of
 * `insecureRegistries` (see parseInsecureRegistry; invalid entries throw),
 * `https` for everything else.
 */
function registryScheme(registry, insecureRegistries = []) {
    if (isLoopbackHost(registry))
        return 'http';
    const name = registry.toLowerCase();
    const host = hostOf(name);
    const family = (0,external_node_net_namespaceObject.isIP)(host);
    for (const raw of insecureRegistries) {
        const entry = parseInsecureRegistry(raw);
        if (entry === name)
            return 'http';
        const cidr = entry.includes('/') ? parseCidr(entry) : undefined;
        // An IPv4 network also holds its addresses written as IPv4-mapped IPv6 (::ffff:198.18.100.254), as Docker's does.
        if (cidr && family !== 0 && (family === 6 || cidr.family === 'ipv4')) {
            const net = new external_node_net_namespaceObject.BlockList();
            net.addSubnet(cidr.address, cidr.prefix, cidr.family);
            if (net.check(host, family === 4 ? 'ipv4' : 'ipv6'))
                return 'http';
        }
    }
    return 'https';
}
/**
 * An action's insecure-registries input, already split into entries (kit's
 * `list(name, { commas: true })`): each checked and normalised by
 * parseInsecureRegistry; a bad entry is an InputError naming the input.
 */
function insecureRegistriesInput(entries, input = 'insecure-registries') {
    return entries.map((entry) => {
        try {
            return parseInsecureRegistry(entry);
        }
        catch (e) {
            if (e instanceof src/* InvalidReferenceError */.x_)
                throw new src/* InputError */.dz(input, e.message, { hint: 'list registries as host[:port] or IP networks as a.b.c.d/n' });
            throw e;
        }
    });
}


/***/ }),

/***/ 2613:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("assert");

/***/ }),

/***/ 181:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("buffer");

/***/ }),

/***/ 5317:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("child_process");

/***/ }),

/***/ 4434:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("events");

/***/ }),

/***/ 9896:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("fs");

/***/ }),

/***/ 7598:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:crypto");

/***/ }),

/***/ 3024:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs");

/***/ }),

/***/ 7067:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:http");

/***/ }),

/***/ 4708:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:https");

/***/ }),

/***/ 8161:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:os");

/***/ }),

/***/ 6760:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:path");

/***/ }),

/***/ 7075:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:stream");

/***/ }),

/***/ 6466:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:stream/promises");

/***/ }),

/***/ 857:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("os");

/***/ }),

/***/ 6928:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("path");

/***/ }),

/***/ 932:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("process");

/***/ }),

/***/ 3193:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("string_decoder");

/***/ }),

/***/ 3557:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("timers");

/***/ })

/******/ });
/************************************************************************/
/******/ // The module cache
/******/ var __webpack_module_cache__ = {};
/******/ 
/******/ // The require function
/******/ function __nccwpck_require__(moduleId) {
/******/ 	// Check if module is in cache
/******/ 	var cachedModule = __webpack_module_cache__[moduleId];
/******/ 	if (cachedModule !== undefined) {
/******/ 		return cachedModule.exports;
/******/ 	}
/******/ 	// Create a new module (and put it into the cache)
/******/ 	var module = __webpack_module_cache__[moduleId] = {
/******/ 		// no module.id needed
/******/ 		// no module.loaded needed
/******/ 		exports: {}
/******/ 	};
/******/ 
/******/ 	// Execute the module function
/******/ 	var threw = true;
/******/ 	try {
/******/ 		__webpack_modules__[moduleId](module, module.exports, __nccwpck_require__);
/******/ 		threw = false;
/******/ 	} finally {
/******/ 		if(threw) delete __webpack_module_cache__[moduleId];
/******/ 	}
/******/ 
/******/ 	// Return the exports of the module
/******/ 	return module.exports;
/******/ }
/******/ 
/******/ // expose the modules object (__webpack_modules__)
/******/ __nccwpck_require__.m = __webpack_modules__;
/******/ 
/************************************************************************/
/******/ /* webpack/runtime/asset-relocator-loader */
/******/ if (typeof __nccwpck_require__ !== 'undefined') __nccwpck_require__.ab = decodeURIComponent(new URL('.', import.meta.url).pathname).slice(import.meta.url.match(/^file:\/\/\/\w:/) ? 1 : 0, -1) + "/";
/******/ 
/******/ /* webpack/runtime/compat get default export */
/******/ (() => {
/******/ 	// getDefaultExport function for compatibility with non-harmony modules
/******/ 	__nccwpck_require__.n = (module) => {
/******/ 		var getter = module && module.__esModule ?
/******/ 			() => (module['default']) :
/******/ 			() => (module);
/******/ 		__nccwpck_require__.d(getter, { a: getter });
/******/ 		return getter;
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/create fake namespace object */
/******/ (() => {
/******/ 	var getProto = Object.getPrototypeOf ? (obj) => (Object.getPrototypeOf(obj)) : (obj) => (obj.__proto__);
/******/ 	var leafPrototypes;
/******/ 	// create a fake namespace object
/******/ 	// mode & 1: value is a module id, require it
/******/ 	// mode & 2: merge all properties of value into the ns
/******/ 	// mode & 4: return value when already ns object
/******/ 	// mode & 16: return value when it's Promise-like
/******/ 	// mode & 8|1: behave like require
/******/ 	__nccwpck_require__.t = function(value, mode) {
/******/ 		if(mode & 1) value = this(value);
/******/ 		if(mode & 8) return value;
/******/ 		if(typeof value === 'object' && value) {
/******/ 			if((mode & 4) && value.__esModule) return value;
/******/ 			if((mode & 16) && typeof value.then === 'function') return value;
/******/ 		}
/******/ 		var ns = Object.create(null);
/******/ 		__nccwpck_require__.r(ns);
/******/ 		var def = {};
/******/ 		leafPrototypes = leafPrototypes || [null, getProto({}), getProto([]), getProto(getProto)];
/******/ 		for(var current = mode & 2 && value; typeof current == 'object' && !~leafPrototypes.indexOf(current); current = getProto(current)) {
/******/ 			Object.getOwnPropertyNames(current).forEach((key) => (def[key] = () => (value[key])));
/******/ 		}
/******/ 		def['default'] = () => (value);
/******/ 		__nccwpck_require__.d(ns, def);
/******/ 		return ns;
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/define property getters */
/******/ (() => {
/******/ 	// define getter functions for harmony exports
/******/ 	__nccwpck_require__.d = (exports, definition) => {
/******/ 		for(var key in definition) {
/******/ 			if(__nccwpck_require__.o(definition, key) && !__nccwpck_require__.o(exports, key)) {
/******/ 				Object.defineProperty(exports, key, { enumerable: true, get: definition[key] });
/******/ 			}
/******/ 		}
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/ensure chunk */
/******/ (() => {
/******/ 	__nccwpck_require__.f = {};
/******/ 	// This file contains only the entry chunk.
/******/ 	// The chunk loading function for additional chunks
/******/ 	__nccwpck_require__.e = (chunkId) => {
/******/ 		return Promise.all(Object.keys(__nccwpck_require__.f).reduce((promises, key) => {
/******/ 			__nccwpck_require__.f[key](chunkId, promises);
/******/ 			return promises;
/******/ 		}, []));
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/get javascript chunk filename */
/******/ (() => {
/******/ 	// This function allow to reference async chunks
/******/ 	__nccwpck_require__.u = (chunkId) => {
/******/ 		// return url for filenames based on template
/******/ 		return "" + chunkId + ".index.js";
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/hasOwnProperty shorthand */
/******/ (() => {
/******/ 	__nccwpck_require__.o = (obj, prop) => (Object.prototype.hasOwnProperty.call(obj, prop))
/******/ })();
/******/ 
/******/ /* webpack/runtime/make namespace object */
/******/ (() => {
/******/ 	// define __esModule on exports
/******/ 	__nccwpck_require__.r = (exports) => {
/******/ 		if(typeof Symbol !== 'undefined' && Symbol.toStringTag) {
/******/ 			Object.defineProperty(exports, Symbol.toStringTag, { value: 'Module' });
/******/ 		}
/******/ 		Object.defineProperty(exports, '__esModule', { value: true });
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/import chunk loading */
/******/ (() => {
/******/ 	// no baseURI
/******/ 	
/******/ 	// object to store loaded and loading chunks
/******/ 	// undefined = chunk not loaded, null = chunk preloaded/prefetched
/******/ 	// [resolve, Promise] = chunk loading, 0 = chunk loaded
/******/ 	var installedChunks = {
/******/ 		792: 0
/******/ 	};
/******/ 	
/******/ 	var installChunk = (data) => {
/******/ 		var {ids, modules, runtime} = data;
/******/ 		// add "modules" to the modules object,
/******/ 		// then flag all "ids" as loaded and fire callback
/******/ 		var moduleId, chunkId, i = 0;
/******/ 		for(moduleId in modules) {
/******/ 			if(__nccwpck_require__.o(modules, moduleId)) {
/******/ 				__nccwpck_require__.m[moduleId] = modules[moduleId];
/******/ 			}
/******/ 		}
/******/ 		if(runtime) runtime(__nccwpck_require__);
/******/ 		for(;i < ids.length; i++) {
/******/ 			chunkId = ids[i];
/******/ 			if(__nccwpck_require__.o(installedChunks, chunkId) && installedChunks[chunkId]) {
/******/ 				installedChunks[chunkId][0]();
/******/ 			}
/******/ 			installedChunks[ids[i]] = 0;
/******/ 		}
/******/ 	
/******/ 	}
/******/ 	
/******/ 	__nccwpck_require__.f.j = (chunkId, promises) => {
/******/ 			// import() chunk loading for javascript
/******/ 			var installedChunkData = __nccwpck_require__.o(installedChunks, chunkId) ? installedChunks[chunkId] : undefined;
/******/ 			if(installedChunkData !== 0) { // 0 means "already installed".
/******/ 	
/******/ 				// a Promise means "currently loading".
/******/ 				if(installedChunkData) {
/******/ 					promises.push(installedChunkData[1]);
/******/ 				} else {
/******/ 					if(true) { // all chunks have JS
/******/ 						// setup Promise in chunk cache
/******/ 						var promise = import("./" + __nccwpck_require__.u(chunkId)).then(installChunk, (e) => {
/******/ 							if(installedChunks[chunkId] !== 0) installedChunks[chunkId] = undefined;
/******/ 							throw e;
/******/ 						});
/******/ 						var promise = Promise.race([promise, new Promise((resolve) => (installedChunkData = installedChunks[chunkId] = [resolve]))])
/******/ 						promises.push(installedChunkData[1] = promise);
/******/ 					}
/******/ 				}
/******/ 			}
/******/ 	};
/******/ 	
/******/ 	// no prefetching
/******/ 	
/******/ 	// no preloaded
/******/ 	
/******/ 	// no external install chunk
/******/ 	
/******/ 	// no on chunks loaded
/******/ })();
/******/ 
/************************************************************************/
var __webpack_exports__ = {};

// EXTERNAL MODULE: ./packages/kit/src/index.ts + 15 modules
var src = __nccwpck_require__(9501);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __nccwpck_require__(8161);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __nccwpck_require__(3024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __nccwpck_require__(6760);
;// CONCATENATED MODULE: ./packages/docker/src/build.ts
/**
 * Building and pushing images with the docker CLI: buildx where it is
 * installed (GitHub-hosted runners), the legacy builder where it is not
 * (Debian's docker.io, many self-hosted hosts). The argument lists are built
 * by pure functions (tested without a daemon); the functions that run
 * docker (through the one wrapper, `Docker`) are at the end: legacy
 * `docker build` + `docker push` per tag, or one `docker buildx build
 * --push`, pushes retried on transient registry errors, a failing buildx
 * cache export a warning.
 */



/** `os/arch[/variant]` as buildx's --platform takes it. */
const PLATFORM_RE = /^[a-z0-9_]+\/[a-z0-9_]+(?:\/[a-z0-9_.]+)?$/;
// ---------------------------------------------------------------- cache specs
/**
 * Parses a cache entry. Text without `=` is an image reference meaning a
 * registry cache (`type=registry,ref=<it>`), as most users write it.
 * Returns undefined when the text is not `type=…,key=value` (the caller
 * validates image references).
 */
function parseCacheSpec(text) {
    const t = text.trim();
    if (!t)
        return undefined;
    if (!t.includes('='))
        return { type: 'registry', attrs: new Map([['ref', t]]) };
    const attrs = new Map();
    let type = '';
    for (const part of splitCsv(t)) {
        const eq = part.indexOf('=');
        if (eq <= 0)
            return undefined;
        const key = part.slice(0, eq).trim();
        const value = part.slice(eq + 1).trim();
        if (!/^[a-z][a-z0-9_-]*$/i.test(key))
            return undefined;
        if (key === 'type')
            type = value;
        else
            attrs.set(key, value);
    }
    if (!/^[a-z0-9][a-z0-9_-]*$/.test(type))
        return undefined;
    if (type === 'registry' && !attrs.get('ref'))
        return undefined;
    return { type, attrs };
}
/** Splits `a=1,b="x,y"` on commas outside double quotes (buildx's CSV form). */
function splitCsv(text) {
    const out = [];
    let cur = '';
    let quoted = false;
    for (const c of text) {
        if (c === '"')
            quoted = !quoted;
        if (c === ',' && !quoted) {
            out.push(cur);
            cur = '';
        }
        else
            cur += c;
    }
    out.push(cur);
    return out.filter((p) => p.trim() !== '');
}
function formatCacheSpec(spec) {
    return [`type=${spec.type}`, ...[...spec.attrs].map(([k, v]) => `${k}=${v}`)].join(',');
}
/** cache-to for a registry defaults to `mode=max` (every stage cached, not only the final one). */
function withCacheToDefaults(spec) {
    if (spec.type !== 'registry' || spec.attrs.has('mode'))
        return spec;
    return { type: spec.type, attrs: new Map([...spec.attrs, ['mode', 'max']]) };
}
// ---------------------------------------------------------------- arguments
const kv = (m) => [...m].map(([k, v]) => `${k}=${v}`);
/** The flags both builders take alike: tags, build arguments, labels, target stage. */
function imageArgs(spec) {
    const args = [];
    for (const ref of spec.refs)
        args.push('--tag', ref);
    for (const a of kv(spec.buildArgs))
        args.push('--build-arg', a);
    for (const l of kv(spec.labels))
        args.push('--label', l);
    if (spec.target)
        args.push('--target', spec.target);
    return args;
}
/**
 * `docker build` arguments for the legacy builder. Only registry cache
 * sources are usable there (`--cache-from <image>`, after pulling it); the
 * caller reports the rest. No platforms, no attestations. Labels in
 * `spec.labels` become `--label` flags: the legacy builder runs each as its
 * own LABEL step (a container commit, ~90 ms each here), which is why the
 * caller prefers {@link appendLabels} when it applies.
 */
function legacyBuildArgs(spec) {
    const args = ['build', '--file', spec.dockerfile, '--iidfile', spec.iidFile, ...imageArgs(spec)];
    for (const ref of legacyCacheRefs(spec.cacheFrom))
        args.push('--cache-from', ref);
    if (spec.pull)
        args.push('--pull');
    if (spec.noCache)
        args.push('--no-cache');
    args.push('--', spec.context);
    return args;
}
/**
 * The Dockerfile with every label in ONE LABEL instruction appended to its
 * final stage: one build step instead of one per label, and the same image
 * config as `--label` gives. Keys and values are double-quoted with `\`,
 * `"` and `$` escaped, so nothing is expanded (as with `--label`).
 * Returns undefined where appending is not safe, and the caller passes
 * `--label` instead: a `--target` (the output may not be the final stage),
 * an `escape` parser directive, a last instruction that continues past the
 * end of the file, or a label with a line break.
 */
function appendLabels(dockerfile, labels, target) {
    if (target || labels.size === 0)
        return undefined;
    const lines = dockerfile.split(/\r?\n/);
    for (const line of lines) {
        if (!/^\s*#/.test(line))
            break; // parser directives come first, as comments
        if (/^\s*#\s*escape\s*=/i.test(line))
            return undefined;
    }
    const last = [...lines].reverse().find((l) => l.trim() !== '' && !/^\s*#/.test(l));
    if (!last || /\\\s*$/.test(last))
        return undefined;
    const q = (s) => `"${s.replace(/[\\"$]/g, (c) => `\\${c}`)}"`;
    const pairs = [];
    for (const [k, v] of labels) {
        if (/[\r\n]/.test(k + v))
            return undefined;
        pairs.push(`${q(k)}=${q(v)}`);
    }
    const eol = dockerfile.includes('\r\n') ? '\r\n' : '\n';
    const body = dockerfile.endsWith('\n') ? dockerfile : dockerfile + eol;
    return `${body}LABEL ${pairs.join(' ')}${eol}`;
}
/** The image references the legacy builder can use as cache sources. */
function legacyCacheRefs(cacheFrom) {
    return cacheFrom.flatMap((c) => {
        const ref = c.type === 'registry' ? c.attrs.get('ref') : undefined;
        return ref ? [ref] : [];
    });
}
/**
 * `docker buildx build` arguments. Pushes with `--push` (or loads a
 * single-platform result into the engine when not pushing), writes the
 * digest to `--metadata-file`, and passes `--provenance=false` unless asked:
 * provenance attestations turn a single-platform image into an index with an
 * `unknown/unknown` entry (docker/build-push-action#755).
 */
function buildxBuildArgs(spec) {
    const args = [
        'buildx',
        'build',
        '--progress',
        'plain',
        '--file',
        spec.dockerfile,
        '--iidfile',
        spec.iidFile,
        '--metadata-file',
        spec.metadataFile,
        ...imageArgs(spec),
    ];
    if (spec.platforms.length)
        args.push('--platform', spec.platforms.join(','));
    for (const c of spec.cacheFrom)
        args.push('--cache-from', formatCacheSpec(c));
    for (const c of spec.cacheTo)
        args.push('--cache-to', formatCacheSpec(withCacheToDefaults(c)));
    args.push(`--provenance=${spec.provenance}`);
    if (spec.pull)
        args.push('--pull');
    if (spec.noCache)
        args.push('--no-cache');
    if (spec.push)
        args.push('--push');
    else if (spec.platforms.length <= 1)
        args.push('--load');
    args.push('--', spec.context);
    return args;
}
/** The digest line `docker push` prints last: `<tag>: digest: sha256:… size: 735`. */
function parsePushDigest(output, tag) {
    const re = new RegExp(`^(\\S+): digest: (${src/* DIGEST_PATTERN */.WA}) size: (\\d+)\\s*$`, 'gm');
    let found;
    for (const m of output.matchAll(re)) {
        if (tag === undefined || m[1] === tag)
            found = { digest: m[2], size: Number(m[3]) };
    }
    return found;
}
/** Reads buildx's `--metadata-file` JSON (`containerimage.digest`, `containerimage.config.digest`, …). */
function parseBuildxMetadata(text) {
    let doc;
    try {
        doc = JSON.parse(text);
    }
    catch {
        return {};
    }
    const str = (v) => (typeof v === 'string' && src/* DIGEST_RE */.Vt.test(v) ? v : undefined);
    const descriptor = doc['containerimage.descriptor'];
    const out = {};
    const digest = str(doc['containerimage.digest']);
    const imageId = str(doc['containerimage.config.digest']);
    if (digest)
        out.digest = digest;
    if (imageId)
        out.imageId = imageId;
    if (descriptor && typeof descriptor.size === 'number')
        out.manifestSize = descriptor.size;
    return out;
}
/**
 * Whether a failed push (or buildx --push) is worth another attempt: server
 * errors, throttling, resets and timeouts. Refusals (unauthorized, denied,
 * invalid manifest, immutable tag) are not.
 */
function isTransientRegistryError(output) {
    const refusal = /unauthorized|authentication required|denied|manifest invalid|tag invalid|immutable|name unknown|blob unknown to registry/i;
    if (refusal.test(output))
        return false;
    return /\b(?:50[0-4]|429)\b|too ?many ?requests|toomanyrequests|connection reset|broken pipe|unexpected EOF|\bEOF\b|i\/o timeout|TLS handshake timeout|timeout exceeded|connection refused|no such host|temporary failure|server misbehaving|service unavailable|bad gateway|gateway time-?out/i.test(output);
}
/**
 * Whether a failed `docker buildx build --push` failed on a transient
 * registry error while pushing (worth re-running: the build is cached), as
 * opposed to a failing build step. Only buildx's final `ERROR:` lines count,
 * and a failed RUN step never does, whatever its output says.
 */
function isTransientBuildxPushError(output) {
    const finals = output.split('\n').filter((l) => /^error:/i.test(l.trim()));
    return finals.some((l) => !/did not complete successfully|process "/.test(l) && /push|registry|manifest|blob|do request|exporting to image/i.test(l) && isTransientRegistryError(l));
}
/** Whether a failed buildx run failed on the cache export rather than on the build itself. */
function isCacheExportError(output) {
    const tail = output.split('\n').slice(-40).join('\n');
    if (/cache export (?:feature )?is(?: currently)? not supported/i.test(tail))
        return true;
    // the error summary block names the failing vertex: "------\n > exporting cache to registry:\n------"
    if (/^\s*>\s*exporting (?:cache|to cache)\b/im.test(tail) || /=>\s*ERROR exporting cache/i.test(tail))
        return true;
    // plain progress: "#12 exporting cache to registry" … "#12 ERROR: …"
    const step = /^#(\d+) (?:exporting cache|exporting to cache|preparing build cache for export)/gim;
    for (const m of tail.matchAll(step))
        if (new RegExp(`^#${m[1]} ERROR`, 'm').test(tail))
            return true;
    return /failed to (?:export|write) (?:build )?cache|error writing (?:layer blob|manifest blob).*cache|exporting cache.*(?:error|failed)/i.test(tail);
}
/** Push retry policy: 4 attempts within 5 minutes, full-jitter backoff from 2 s (callers may override). */
const PUSH_RETRY = {
    maxAttempts: 4,
    timeoutMs: 300_000,
    initialMs: 2000,
    maxMs: 15_000,
};
/** Reads the image id docker wrote to an --iidfile ('' when missing). */
function readIidFile(path) {
    try {
        return (0,external_node_fs_.readFileSync)(path, 'utf8').trim();
    }
    catch {
        return '';
    }
}
/** A private scratch directory for the iid/metadata files. */
function scratchDir(parent) {
    const dir = (0,external_node_fs_.mkdtempSync)((0,external_node_path_.join)(parent, 'switchyard-build-'));
    return { dir, remove: () => (0,external_node_fs_.rmSync)(dir, { recursive: true, force: true }) };
}
/** Pulls the legacy builder's registry cache sources; a missing one is a warning (first build). */
async function pullCacheSources(docker, refs) {
    for (const ref of refs) {
        const r = await docker.run(['pull', '--quiet', ref], { allowFailure: true });
        if (r.code !== 0)
            src/* core.warning */.I8.warning(`cache-from ${ref} could not be pulled (${lastLine(r.stderr || r.stdout)}); building without it`);
    }
}
/**
 * The legacy builder. Labels go in one LABEL instruction appended to a copy
 * of the Dockerfile (one build step instead of one per `--label`) when that
 * is safe (see appendLabels), else as `--label` flags.
 */
async function buildLegacy(docker, spec, scratch) {
    const labelled = appendLabels((0,external_node_fs_.readFileSync)(spec.dockerfile, 'utf8'), spec.labels, spec.target);
    let run1 = spec;
    if (labelled !== undefined) {
        const copy = (0,external_node_path_.join)(scratch, 'Dockerfile');
        (0,external_node_fs_.writeFileSync)(copy, labelled);
        src/* core.info */.I8.info(`Labels: ${spec.labels.size} in one LABEL instruction appended to a copy of ${spec.dockerfile} (${copy})`);
        run1 = { ...spec, dockerfile: copy, labels: new Map() };
    }
    // DOCKER_BUILDKIT=0: a docker 23+ CLI without buildx would otherwise fail when the environment asks for BuildKit.
    await docker.with({ buildkit: false }).run(legacyBuildArgs(run1), { stream: true });
    return { imageId: readIidFile(spec.iidFile), cacheExportFailed: false };
}
/** Runs `docker push <ref>` once and returns the pushed manifest. */
async function pushOnce(docker, ref) {
    const r = await docker.run(['push', ref], { stream: true, allowFailure: true });
    const out = `${r.stdout}\n${r.stderr}`;
    if (r.code !== 0)
        throw new PushError(ref, out, isTransientRegistryError(out));
    const pushed = parsePushDigest(out, (0,src/* splitImageReference */.Xv)(ref).tag) ?? parsePushDigest(out);
    if (!pushed)
        throw new PushError(ref, `docker push printed no digest line:\n${out.slice(-2000)}`, false);
    return pushed;
}
/** Pushes each reference (retrying transient errors); all must report the same digest. */
async function pushLegacy(docker, refs, retryOpts = {}) {
    let first;
    for (const ref of refs) {
        const pushed = await (0,src/* retry */.L5)(() => pushOnce(docker, ref), {
            label: `docker push ${ref}`,
            ...PUSH_RETRY,
            ...retryOpts,
            retryable: (e) => e instanceof PushError && e.transient,
            log: (line) => src/* core.warning */.I8.warning(line),
        });
        src/* core.info */.I8.info(`pushed ${ref} → ${pushed.digest}`);
        if (first && pushed.digest !== first.digest)
            throw new src/* Failure */.HR(`docker push ${ref} reported ${pushed.digest}, but ${refs[0]} was pushed as ${first.digest}`);
        first ??= pushed;
    }
    if (!first)
        throw new Error('no reference to push');
    return first;
}
class TransientBuildxError extends Error {
    name = 'TransientBuildxError';
}
/**
 * `docker buildx build` (with --push when pushing). A failure in the cache
 * export re-runs the (now cached) build without `--cache-to` and warns; a
 * transient registry error while pushing re-runs it with backoff.
 */
async function buildBuildx(docker, spec, retryOpts = {}) {
    let current = spec;
    let cacheExportFailed = false;
    const once = async () => {
        const args = buildxBuildArgs(current);
        const r = await docker.run(args, { stream: true, allowFailure: true });
        if (r.code === 0)
            return;
        const out = `${r.stdout}\n${r.stderr}`;
        if (current.cacheTo.length && isCacheExportError(out)) {
            cacheExportFailed = true;
            src/* core.warning */.I8.warning(`cache export failed (${lastLine(out)}); finishing the build without cache-to. The image is unaffected; the next build may be slower.`);
            current = { ...current, cacheTo: [] };
            return once();
        }
        if (current.push && isTransientBuildxPushError(out))
            throw new TransientBuildxError(lastLine(out));
        throw new src/* ExecError */.cI((0,src/* describeCommand */.vL)(docker.bin, args), r);
    };
    await (0,src/* retry */.L5)(once, {
        label: 'docker buildx build --push',
        ...PUSH_RETRY,
        ...retryOpts,
        retryable: (e) => e instanceof TransientBuildxError,
        log: (line) => src/* core.warning */.I8.warning(line),
    });
    let meta = {};
    try {
        meta = parseBuildxMetadata((0,external_node_fs_.readFileSync)(spec.metadataFile, 'utf8'));
    }
    catch {
        // No metadata file: without a digest, the caller refuses to report a push it cannot verify.
    }
    return { imageId: meta.imageId ?? readIidFile(spec.iidFile), digest: meta.digest, cacheExportFailed };
}
/** A failed push; `transient` says whether a retry may help. */
class PushError extends src/* Failure */.HR {
    ref;
    output;
    transient;
    name = 'PushError';
    constructor(ref, output, transient) {
        // The output was streamed to the log already: the message keeps its last line.
        const last = output.trim().split('\n').pop()?.trim() ?? '';
        super(`docker push ${(0,src/* show */.WU)(ref)} failed${transient ? ' (transient registry error)' : ''}: ${last}`);
        this.ref = ref;
        this.output = output;
        this.transient = transient;
    }
}
function lastLine(text) {
    return (text
        .trim()
        .split('\n')
        .map((l) => l.trim())
        .filter(Boolean)
        .pop() ?? '').slice(0, 300);
}

;// CONCATENATED MODULE: ./packages/docker/src/cli.ts
/**
 * The one door to the docker CLI. Every docker invocation of every action
 * goes through a `Docker` instance, and the instance owns the child's
 * environment: which daemon (DOCKER_HOST), which credentials (DOCKER_CONFIG),
 * the ssh wrapper first on PATH, the legacy builder switch. Our own process's
 * environment is never changed. One instance per endpoint: a multi-host
 * deploy holds one `Docker` per node.
 */


/**
 * The environment policy, in one place: the variables a docker child gets
 * over the runner's environment (undefined = removed). Pure.
 */
function dockerEnv(o, path = process.env.PATH ?? '') {
    const env = { ...o.variables };
    if (o.host !== undefined)
        env.DOCKER_HOST = o.host ?? undefined;
    if (o.sshBin)
        env.PATH = `${o.sshBin}${external_node_path_.delimiter}${path}`;
    if (o.config)
        env.DOCKER_CONFIG = o.config;
    if (o.buildkit === false)
        env.DOCKER_BUILDKIT = '0';
    return env;
}
/**
 * The docker CLI, run with argument arrays (never a shell); registered
 * secrets are redacted from everything printed. `run` echoes the command;
 * `query` is silent (pollers would otherwise print a line per poll). Both
 * throw ExecError on a non-zero exit unless `allowFailure`.
 */
class Docker {
    bin;
    options;
    features;
    constructor(opts = {}) {
        this.bin = opts.bin ?? 'docker';
        this.options = opts;
    }
    /** The same endpoint with some options changed (a private config, the legacy builder, client-only). */
    with(opts) {
        return new Docker({ ...this.options, ...opts });
    }
    /** Where this instance points, for messages: the DOCKER_HOST its calls get, else the local socket. */
    describeEndpoint() {
        return { ...process.env, ...dockerEnv(this.options) }.DOCKER_HOST || 'the local Docker socket';
    }
    /** Runs a docker command, echoing it (secrets redacted); `stream` shows its output live. */
    run(args, opts = {}) {
        return this.exec(args, opts, false);
    }
    /** Runs a docker command silently (polls, inspections) and returns its output. */
    query(args, opts = {}) {
        return this.exec(args, opts, true);
    }
    exec(args, opts, quiet) {
        return (0,src/* execute */.g7)(this.bin, args, { ...opts, env: dockerEnv(this.options), quiet });
    }
    /** Runs a command whose stdout is one JSON document. */
    async json(args, opts = {}) {
        const r = await this.query(args, opts);
        try {
            return JSON.parse(r.stdout);
        }
        catch {
            throw new Error(`${(0,src/* describeCommand */.vL)(this.bin, args)} did not print JSON: ${(0,src/* redact */.E$)(r.stdout.slice(0, 200))}`);
        }
    }
    /** Detects the client's features from its own help text (works for every client version, no daemon needed). */
    detectFeatures() {
        this.features ??= (async () => {
            const [stack, deploy] = await Promise.all([
                this.query(['stack', '--help'], { allowFailure: true }),
                this.query(['stack', 'deploy', '--help'], { allowFailure: true }),
            ]);
            return parseFeatures(stack.stdout + stack.stderr, deploy.stdout + deploy.stderr);
        })();
        return this.features;
    }
    /** `docker buildx version`, or undefined when buildx is not installed. */
    async buildxVersion() {
        const r = await this.run(['buildx', 'version'], { allowFailure: true });
        if (r.code !== 0)
            return undefined;
        return r.stdout.trim().split('\n')[0] ?? 'buildx';
    }
    /** Client and server versions; also proves the daemon is reachable. */
    async version() {
        const v = await this.json([
            'version',
            '--format',
            '{{json .}}',
        ]);
        return { client: v.Client?.Version ?? 'unknown', server: v.Server?.Version ?? 'unknown', serverApi: v.Server?.ApiVersion ?? 'unknown' };
    }
}
/** Pure: reads the features from `docker stack --help` and `docker stack deploy --help`. */
function parseFeatures(stackHelp, deployHelp) {
    return {
        stackDeployDetach: /^\s*(-d, )?--detach\b/m.test(deployHelp),
        stackConfig: /^\s+config\s/m.test(stackHelp),
    };
}

;// CONCATENATED MODULE: ./packages/docker/src/login.ts
/**
 * `docker login` into a private Docker config directory, so a build step's
 * credentials never touch the user's `~/.docker/config.json` (nor their
 * credential store), and vanish with the step.
 *
 * The private directory keeps everything else the docker CLI reads from the
 * user's one: every other entry (cli-plugins with buildx, buildx builder
 * instances, contexts, TLS certificates) is symlinked, and config.json is
 * copied with its other registries' credentials intact.
 */




/**
 * The config.json for the private directory: the user's, minus anything that
 * would send `registry`'s new credentials elsewhere. `credsStore` is dropped
 * (docker login would write into the user's store); registries whose
 * credentials live in that store keep reaching it through a `credHelpers`
 * entry; `registry`'s own entries are removed so the login writes a plain
 * `auths` entry into the private file.
 */
function privateConfigJson(user, registry) {
    const target = (0,src/* registryOfAuthKey */.i8)(registry);
    const out = { ...user };
    const auths = {};
    const helpers = {};
    for (const [k, v] of Object.entries(user.credHelpers ?? {}))
        if ((0,src/* registryOfAuthKey */.i8)(k) !== target)
            helpers[k] = v;
    for (const [k, v] of Object.entries(user.auths ?? {})) {
        if ((0,src/* registryOfAuthKey */.i8)(k) === target)
            continue;
        const storeBacked = !v || Object.keys(v).length === 0;
        if (storeBacked && user.credsStore) {
            if (!(k in helpers))
                helpers[k] = user.credsStore;
        }
        else
            auths[k] = v;
    }
    delete out.credsStore;
    out.auths = auths;
    if (Object.keys(helpers).length)
        out.credHelpers = helpers;
    else
        delete out.credHelpers;
    return out;
}
/** The user's Docker config directory: $DOCKER_CONFIG, else ~/.docker. */
function userDockerConfigDir(env = process.env) {
    return env.DOCKER_CONFIG || (0,external_node_path_.join)(env.HOME || (0,external_node_os_.homedir)(), '.docker');
}
/**
 * Creates the private config directory under `parent` (RUNNER_TEMP), mode
 * 0700, with config.json (0600) derived from the user's and symlinks to
 * every other entry of the user's directory.
 */
function createPrivateDockerConfig(parent, registry, env = process.env) {
    const userDir = userDockerConfigDir(env);
    (0,external_node_fs_.mkdirSync)(parent, { recursive: true });
    const dir = (0,external_node_fs_.mkdtempSync)((0,external_node_path_.join)(parent, 'switchyard-docker-config-'));
    let user = {};
    const userFile = (0,external_node_path_.join)(userDir, 'config.json');
    if ((0,external_node_fs_.existsSync)(userFile)) {
        try {
            user = JSON.parse((0,external_node_fs_.readFileSync)(userFile, 'utf8'));
        }
        catch (e) {
            (0,external_node_fs_.rmSync)(dir, { recursive: true, force: true });
            throw new src/* ConfigurationError */.j1(`Docker config ${userFile} is not valid JSON: ${e.message}`);
        }
    }
    (0,external_node_fs_.writeFileSync)((0,external_node_path_.join)(dir, 'config.json'), `${JSON.stringify(privateConfigJson(user, registry), null, 2)}\n`, { mode: 0o600 });
    if ((0,external_node_fs_.existsSync)(userDir) && (0,external_node_fs_.lstatSync)(userDir).isDirectory()) {
        for (const entry of (0,external_node_fs_.readdirSync)(userDir)) {
            if (entry === 'config.json')
                continue;
            (0,external_node_fs_.symlinkSync)((0,external_node_path_.join)(userDir, entry), (0,external_node_path_.join)(dir, entry));
        }
    }
    return { dir, remove: () => (0,external_node_fs_.rmSync)(dir, { recursive: true, force: true }) };
}
/**
 * `docker login --password-stdin` (the password never appears in argv), into
 * the config directory of `docker` (give it one made by createPrivateDockerConfig).
 * Docker Hub is logged into without a server argument, as docker expects.
 */
async function dockerLogin(docker, registry, username, password) {
    (0,src/* addSecret */.Ck)(password);
    const server = (0,src/* registryOfAuthKey */.i8)(registry) === src/* DOCKER_HUB */.Xb ? [] : [registry];
    const r = await docker.run(['login', '--username', username, '--password-stdin', ...server], { input: password, allowFailure: true });
    if (r.code !== 0) {
        const why = (r.stderr.trim() || r.stdout.trim()).split('\n').slice(-3).join(' ');
        throw new src/* Failure */.HR(`docker login to ${registry} as ${username} failed: ${why}`, {
            hint: 'check the username and password inputs (a token needs push rights to the repository)',
        });
    }
}

// EXTERNAL MODULE: ./packages/registry/src/reference.ts + 1 modules
var reference = __nccwpck_require__(2938);
;// CONCATENATED MODULE: ./actions/build-image/src/inputs.ts





const LABEL_KEY_RE = /^[A-Za-z0-9][A-Za-z0-9._/-]*$/;
const TARGET_RE = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
/**
 * Reads and validates every input before anything runs: a bad value is an
 * InputError naming the input, and nothing is built or pushed.
 * `cwd` is the workspace relative paths are resolved against.
 */
function getInputs(source, cwd = process.cwd()) {
    const r = new src/* Inputs */.G0(source);
    // Masked before anything else can print.
    const password = r.raw('password');
    (0,src/* addSecret */.Ck)(password);
    const image = readImage(r);
    const context = (0,external_node_path_.resolve)(cwd, r.string('context', { default: '.' }));
    if (!(0,external_node_fs_.existsSync)(context) || !(0,external_node_fs_.statSync)(context).isDirectory())
        throw new src/* InputError */.dz('context', `${(0,src/* show */.WU)(r.raw('context') || '.')} is not a directory (resolved to ${context})`);
    const dockerfileRaw = r.string('dockerfile');
    const dockerfile = dockerfileRaw ? (0,external_node_path_.resolve)(cwd, dockerfileRaw) : (0,external_node_path_.join)(context, 'Dockerfile');
    if (!(0,external_node_fs_.existsSync)(dockerfile) || !(0,external_node_fs_.statSync)(dockerfile).isFile()) {
        throw new src/* InputError */.dz('dockerfile', `${(0,src/* show */.WU)(dockerfileRaw || (0,external_node_path_.join)(r.raw('context') || '.', 'Dockerfile'))} does not exist (resolved to ${dockerfile})`);
    }
    const version = r.string('version', { pattern: src/* VERSION_RE */.X7, patternHint: 'a tag-safe version: letters, digits, . _ - (up to 128), e.g. 2026.11.26-3f2a9c1' });
    const tags = r.list('tags');
    for (const t of tags) {
        if (!(0,src/* isValidTag */.r_)(t)) {
            const hint = /[:/]/.test(t) ? 'give tag names only (latest, v1.2.0); the repository comes from the image input' : undefined;
            throw new src/* InputError */.dz('tags', `${(0,src/* show */.WU)(t)} is not a valid tag: up to 128 of A-Z a-z 0-9 _ . - , not starting with . or -`, { hint });
        }
    }
    const buildArgs = (0,src/* parseKeyValues */.Hl)('build-args', r.list('build-args'));
    const labels = (0,src/* parseKeyValues */.Hl)('labels', r.list('labels'), LABEL_KEY_RE);
    const target = r.string('target', { pattern: TARGET_RE, patternHint: 'a stage name from the Dockerfile' });
    const cacheFrom = cacheList(r, 'cache-from');
    const cacheTo = cacheList(r, 'cache-to');
    const platforms = r.list('platforms', { commas: true });
    for (const p of platforms)
        if (!PLATFORM_RE.test(p))
            throw new src/* InputError */.dz('platforms', `${(0,src/* show */.WU)(p)} is not os/arch[/variant], e.g. linux/amd64 or linux/arm/v7`);
    const username = r.string('username');
    if (password && !username)
        throw new src/* InputError */.dz('username', 'is required when password is set');
    if (username && !password)
        throw new src/* InputError */.dz('password', `is required when username is set (username ${(0,src/* show */.WU)(username)})`);
    const insecureRegistries = (0,reference/* insecureRegistriesInput */.UD)(r.list('insecure-registries', { commas: true }));
    const push = r.bool('push', { default: true });
    const releaseRaw = r.string('release-file');
    if (releaseRaw && !push)
        throw new src/* InputError */.dz('release-file', `${(0,src/* show */.WU)(releaseRaw)} needs push: true (an image that is not pushed has no digest to record)`);
    const service = r.string('service') || defaultService(image.name);
    if (!src/* SERVICE_RE */.IN.test(service)) {
        throw new src/* InputError */.dz('service', `${(0,src/* show */.WU)(service)} is not a valid service name: lowercase letters, digits, - and _ (up to 63)${r.raw('service') ? '' : ' (derived from image; set service)'}`);
    }
    const provenance = r.string('provenance', { default: 'false' });
    if (!/^(?:true|false|mode=(?:min|max))$/.test(provenance))
        throw new src/* InputError */.dz('provenance', `${(0,src/* show */.WU)(provenance)} is not one of false, true, mode=min, mode=max`);
    return {
        context,
        dockerfile,
        image,
        tags,
        version,
        buildArgs,
        labels,
        target,
        push,
        cacheFrom,
        cacheTo,
        platforms,
        username,
        password,
        insecureRegistries,
        releaseFile: releaseRaw ? (0,external_node_path_.resolve)(cwd, releaseRaw) : '',
        service,
        builder: r.enum('builder', ['auto', 'buildx', 'legacy'], { default: 'auto' }),
        provenance,
        pull: r.bool('pull', { default: false }),
        noCache: r.bool('no-cache', { default: false }),
    };
}
function readImage(r) {
    const name = r.string('image', { required: true });
    let parsed;
    try {
        parsed = (0,src/* parseImageReference */.o_)(name);
    }
    catch (e) {
        if (!(e instanceof src/* InvalidReferenceError */.x_))
            throw e;
        throw new src/* InputError */.dz('image', `${(0,src/* show */.WU)(name)} is not a valid repository: ${e.message.replace(/^image reference "[^"]*" /, '')}`);
    }
    if (parsed.tag !== undefined || parsed.digest !== undefined) {
        throw new src/* InputError */.dz('image', `${(0,src/* show */.WU)(name)} includes a ${parsed.digest ? 'digest' : 'tag'}; give the repository only`, {
            hint: 'put tags in the tags input, e.g. image: ghcr.io/org/app and tags: v1.2.0',
        });
    }
    return { name, registry: parsed.registry, repository: parsed.repository };
}
/** `registry.example.com/shop/catalog` → `catalog`. */
function defaultService(image) {
    return image.slice(image.lastIndexOf('/') + 1);
}
function cacheList(r, name) {
    return r.list(name).map((line) => {
        const spec = parseCacheSpec(line);
        if (!spec)
            throw new src/* InputError */.dz(name, `${(0,src/* show */.WU)(line)} is neither an image reference nor type=…,key=value`);
        const ref = spec.attrs.get('ref');
        if (spec.type === 'registry' && ref) {
            try {
                (0,src/* parseImageReference */.o_)(ref);
            }
            catch (e) {
                if (!(e instanceof src/* InvalidReferenceError */.x_))
                    throw e;
                throw new src/* InputError */.dz(name, e.message);
            }
        }
        return spec;
    });
}

;// CONCATENATED MODULE: ./actions/build-image/src/plan.ts
/**
 * Planning: which tags, which labels, which builder arguments, and which
 * warnings, from validated inputs and the detected builder (pure; throws an
 * InputError for what the builder cannot do, before anything runs); and the
 * release manifest, checked before the build (so a mismatch fails before
 * anything is pushed) and written after the push.
 */



const OCI = 'org.opencontainers.image';
/** Default tags: the short (7-character) commit SHA, plus the version when given. */
function defaultTags(sha, version) {
    const tags = [];
    if (sha)
        tags.push(sha.slice(0, 7));
    if (version && !tags.includes(version))
        tags.push(version);
    return tags;
}
/**
 * The OCI annotations docker/metadata-action users expect, from the run
 * context: source (repository URL), revision (commit), created (build time,
 * or SOURCE_DATE_EPOCH for reproducible builds), version. User labels win.
 */
function imageLabels(ctx, version, created, user) {
    const labels = new Map();
    if (ctx.repository)
        labels.set(`${OCI}.source`, `${ctx.serverUrl.replace(/\/$/, '')}/${ctx.repository}`);
    if (ctx.sha)
        labels.set(`${OCI}.revision`, ctx.sha);
    labels.set(`${OCI}.created`, created.toISOString());
    if (version)
        labels.set(`${OCI}.version`, version);
    for (const [k, v] of user)
        labels.set(k, v);
    return labels;
}
/** Build time: SOURCE_DATE_EPOCH (seconds) when set, for reproducible labels; else now. */
function buildTime(env, now = Date.now) {
    const epoch = env.SOURCE_DATE_EPOCH;
    if (epoch && /^\d+$/.test(epoch))
        return new Date(Number(epoch) * 1000);
    return new Date(now());
}
function planBuild(inputs, builder, ctx, opts) {
    const tags = inputs.tags.length ? [...new Set(inputs.tags)] : defaultTags(ctx.sha, inputs.version);
    if (tags.length === 0)
        throw new src/* InputError */.dz('tags', 'is empty and GITHUB_SHA is not set to derive a default tag from', { hint: 'set tags (or version)' });
    const refs = tags.map((t) => `${inputs.image.name}:${t}`);
    const warnings = [];
    let cachePulls = [];
    const why = opts.explicitBuilder ? 'builder is legacy' : 'buildx is not installed here (`docker buildx version` failed)';
    if (builder === 'legacy') {
        if (inputs.platforms.length) {
            throw new src/* InputError */.dz('platforms', `${inputs.platforms.join(',')} needs buildx, but ${why}`, {
                hint: 'install buildx (docker/setup-buildx-action) or leave platforms empty to build for the host platform',
            });
        }
        if (inputs.provenance !== 'false')
            throw new src/* InputError */.dz('provenance', `${inputs.provenance} needs buildx, but ${why}`);
        const skipped = inputs.cacheFrom.filter((c) => c.type !== 'registry');
        if (skipped.length)
            warnings.push(`cache-from: ${skipped.map(formatCacheSpec).join('; ')} skipped: only registry caches work with the legacy builder`);
        cachePulls = legacyCacheRefs(inputs.cacheFrom);
        if (inputs.cacheTo.length) {
            warnings.push(`cache-to is not supported by the legacy builder (${why}); ${inputs.cacheTo.map(formatCacheSpec).join('; ')} not exported. ` +
                'The pushed image carries its own layer cache: name one of its tags in cache-from to reuse it.');
        }
    }
    const spec = {
        context: inputs.context,
        dockerfile: inputs.dockerfile,
        refs,
        buildArgs: inputs.buildArgs,
        labels: imageLabels(ctx, inputs.version || tags[0], opts.created, inputs.labels),
        target: inputs.target,
        platforms: inputs.platforms,
        cacheFrom: inputs.cacheFrom,
        cacheTo: builder === 'buildx' ? inputs.cacheTo : [],
        pull: inputs.pull,
        noCache: inputs.noCache,
        push: inputs.push,
        provenance: inputs.provenance,
        iidFile: opts.iidFile,
        metadataFile: opts.metadataFile,
    };
    if (builder === 'buildx' && !inputs.push && inputs.platforms.length > 1) {
        warnings.push(`push is false and ${inputs.platforms.length} platforms are built: the result stays in the build cache only (a multi-platform image cannot be loaded into the engine)`);
    }
    return { builder, tags, refs, spec, cachePulls, warnings };
}
// ---------------------------------------------------------------- release manifest
/**
 * The manifest this build will add its service to: the existing file, which
 * must be of the same version and commit, or a new one for `version`
 * (default: the short commit SHA) and the commit.
 */
function prepareRelease(path, version, commit, created) {
    if ((0,external_node_fs_.existsSync)(path)) {
        const m = (0,src/* readManifest */.WI)(path);
        if (version && m.version !== version) {
            throw new src/* ConfigurationError */.j1(`release-file ${(0,src/* show */.WU)(path)} is for version ${(0,src/* show */.WU)(m.version)}, but this build is version ${(0,src/* show */.WU)(version)}`, {
                hint: 'one release manifest holds one release: use a new release-file per version',
            });
        }
        if (commit && m.commit && m.commit !== commit) {
            throw new src/* ConfigurationError */.j1(`release-file ${(0,src/* show */.WU)(path)} was written for commit ${m.commit}, but this build is commit ${commit}`, {
                hint: 'a release is built from one commit: start a new release-file for this commit',
            });
        }
        return { manifest: m, existed: true };
    }
    const v = version || commit.slice(0, 7);
    if (!v)
        throw new src/* InputError */.dz('version', `is required to create release-file ${(0,src/* show */.WU)(path)} (GITHUB_SHA is not set either)`);
    return { manifest: { schemaVersion: 1, version: v, commit, created: created.toISOString(), services: {} }, existed: false };
}
/** Adds (or replaces) the service and writes the file atomically. */
function recordService(path, base, service, entry) {
    const m = (0,src/* withService */.KE)(base, service, entry);
    (0,src/* writeManifest */.HN)(path, m);
    return m;
}
/**
 * A `docker push` (legacy builder) the Docker daemon failed because it spoke
 * https to a plain-http registry (Go's "server gave HTTP response to HTTPS
 * client"): the same
 * failure with a hint about the daemon's own insecure-registries, which this
 * action's input cannot change. Anything else is returned unchanged.
 */
function explainPlainHttpPush(e, registry) {
    if (!(e instanceof src/* Failure */.HR) || e.hint !== undefined)
        return e;
    const output = 'output' in e && typeof e.output === 'string' ? e.output : '';
    if (!/server gave HTTP response to HTTPS client/.test(`${(0,src/* errorMessage */.gJ)(e)}\n${output}`))
        return e;
    return new src/* Failure */.HR(e.message, {
        hint: `the Docker daemon that pushes speaks https to ${registry}: list ${registry} in insecure-registries in its daemon.json and restart it (this action's insecure-registries input covers only its own registry checks)`,
        cause: e,
    });
}

;// CONCATENATED MODULE: ./actions/build-image/src/main.ts







async function run() {
    const started = Date.now();
    const inputs = getInputs();
    const ctx = (0,src/* runContext */.pO)();
    const created = buildTime(process.env);
    const target = inputs.image;
    const release = inputs.releaseFile ? prepareRelease(inputs.releaseFile, inputs.version, ctx.sha, created) : undefined;
    const tmpParent = process.env.RUNNER_TEMP || (0,external_node_os_.tmpdir)();
    let docker = new Docker();
    const { builder, session } = await src/* core.group */.I8.group('Check the builder and push access', () => preflight(docker, inputs));
    const scratch = scratchDir(tmpParent);
    let privateConfig;
    try {
        const plan = planBuild(inputs, builder, ctx, {
            created,
            iidFile: `${scratch.dir}/iid`,
            metadataFile: `${scratch.dir}/metadata.json`,
            explicitBuilder: inputs.builder === 'legacy',
        });
        for (const w of plan.warnings)
            src/* core.warning */.I8.warning(w);
        if (inputs.username) {
            privateConfig = createPrivateDockerConfig(tmpParent, target.registry);
            docker = docker.with({ config: privateConfig.dir });
            await src/* core.group */.I8.group(`Log in to ${target.registry}`, () => dockerLogin(docker, target.registry, inputs.username, inputs.password));
        }
        if (plan.cachePulls.length)
            await src/* core.group */.I8.group('Pull cache sources', () => pullCacheSources(docker, plan.cachePulls));
        const buildStarted = Date.now();
        const build = await src/* core.group */.I8.group(`Build ${plan.refs.join(', ')} (${builder})`, () => builder === 'buildx' ? buildBuildx(docker, plan.spec) : buildLegacy(docker, plan.spec, scratch.dir));
        src/* core.info */.I8.info(`Built ${build.imageId || 'the image'} in ${(0,src/* formatDuration */.a3)(Date.now() - buildStarted)}`);
        let verified;
        if (session) {
            let digest = build.digest;
            if (builder === 'legacy') {
                const pushed = await src/* core.group */.I8.group('Push', () => pushLegacy(docker, plan.refs))
                    .catch((e) => {
                    throw explainPlainHttpPush(e, target.registry);
                });
                digest = pushed.digest;
            }
            if (!digest)
                throw new src/* Failure */.HR('buildx pushed but reported no digest in its --metadata-file, so the push cannot be verified', {
                    hint: 'use buildx 0.6 or later, or builder: legacy',
                });
            verified = await src/* core.group */.I8.group('Verify the pushed digest', () => session.verify(plan.tags, digest));
            src/* core.info */.I8.info(`Verified: ${plan.tags.length} tag(s) of ${target.registry}/${target.repository} resolve to ${digest}`);
        }
        let releaseFile = '';
        if (release && verified) {
            const pushed = verified;
            await src/* core.group */.I8.group('Record the release', async () => {
                const m = recordService(inputs.releaseFile, release.manifest, inputs.service, { image: inputs.image.name, digest: pushed.digest, tags: plan.tags });
                src/* core.info */.I8.info(`${release.existed ? 'Updated' : 'Wrote'} release manifest ${inputs.releaseFile}: version ${m.version}, ${Object.keys(m.services).length} service(s)`);
            });
            releaseFile = inputs.releaseFile;
        }
        const outputs = {
            digest: verified?.digest ?? '',
            'image-ref': verified ? `${inputs.image.name}@${verified.digest}` : '',
            'image-id': build.imageId,
            tags: plan.refs,
            'release-file': releaseFile,
            builder,
        };
        (0,src/* setOutputs */.n0)(outputs);
        summary(inputs, plan, build, verified, releaseFile, Date.now() - started).write();
    }
    finally {
        privateConfig?.remove();
        scratch.remove();
        session?.close();
    }
}
/**
 * Read-only checks, side by side, before anything is built: which builder
 * (`docker buildx version`), and whether we may push (GET /v2/ with the
 * credentials docker will use). Returns the registry session when pushing.
 */
async function preflight(docker, inputs) {
    const target = inputs.image;
    const session = inputs.push ? (await __nccwpck_require__.e(/* import() */ 376).then(__nccwpck_require__.bind(__nccwpck_require__, 4376))).openPushSession(target, inputs) : undefined;
    try {
        const [buildxVersion, access] = await Promise.all([inputs.builder === 'legacy' ? undefined : docker.buildxVersion(), session?.probe()]);
        if (inputs.builder === 'buildx' && !buildxVersion) {
            throw new src/* InputError */.dz('builder', '"buildx" was asked for, but `docker buildx version` failed: buildx is not installed', {
                hint: 'install it (docker/setup-buildx-action) or use builder: auto',
            });
        }
        const builder = buildxVersion ? 'buildx' : 'legacy';
        src/* core.info */.I8.info(`Builder: ${builder === 'buildx' ? `buildx (${buildxVersion})` : `legacy docker build${inputs.builder === 'legacy' ? ' (as asked)' : ' (buildx is not installed)'}`}`);
        if (access)
            src/* core.info */.I8.info(`Registry ${target.registry}: auth ${access.auth}, credentials from ${access.source}`);
        return { builder, session };
    }
    catch (e) {
        session?.close();
        throw e;
    }
}
function summary(inputs, plan, build, verified, releaseFile, elapsedMs) {
    const image = inputs.image.name;
    const s = new src/* Summary */.BD().heading(verified ? `Image pushed: ${image}` : `Image built: ${image}`);
    s.table(['Image', 'Tags', 'Digest', 'Size', 'Builder', 'Duration'], [
        [
            image,
            plan.tags.join(', '),
            verified ? `${verified.digest} ✅ verified in the registry` : 'not pushed',
            verified ? `${formatBytes(verified.size)} compressed${verified.platforms > 1 ? `, ${verified.platforms} platforms` : ''}` : '—',
            plan.builder,
            (0,src/* formatDuration */.a3)(elapsedMs),
        ],
    ]);
    const facts = [];
    if (verified)
        facts.push(`Pinned reference: ${image}@${verified.digest}`);
    if (build.imageId)
        facts.push(`Image id: ${build.imageId}`);
    if (releaseFile)
        facts.push(`Release manifest: ${releaseFile} (service ${inputs.service})`);
    if (facts.length)
        s.text(facts.map((f) => `- ${(0,src/* escapeHtml */.ZD)(f)}`).join('\n'));
    const notes = [...plan.warnings, ...(build.cacheExportFailed ? ['The cache export failed; the image was built and pushed without it.'] : [])];
    if (notes.length)
        s.text(notes.map((n) => `> ⚠️ ${(0,src/* escapeHtml */.ZD)(n)}`).join('\n>\n'));
    return s;
}
/** `1.9 MB` style sizes for people. */
function formatBytes(n) {
    if (n < 1000)
        return `${n} B`;
    const units = ['kB', 'MB', 'GB', 'TB'];
    let v = n;
    let i = -1;
    do {
        v /= 1000;
        i++;
    } while (v >= 1000 && i < units.length - 1);
    return `${v.toFixed(v < 10 ? 1 : 0)} ${units[i]}`;
}

;// CONCATENATED MODULE: ./actions/build-image/src/index.ts


void (0,src/* runAction */.Cs)(run);

