import { createRequire as __WEBPACK_EXTERNAL_createRequire } from "module";
/******/ var __webpack_modules__ = ({

/***/ 8286:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  j1: () => (/* reexport */ ConfigurationError),
  Vt: () => (/* reexport */ DIGEST_RE),
  cI: () => (/* reexport */ ExecError),
  HR: () => (/* reexport */ Failure),
  dz: () => (/* reexport */ errors_InputError),
  G0: () => (/* reexport */ Inputs),
  x_: () => (/* reexport */ InvalidReferenceError),
  BD: () => (/* reexport */ Summary),
  Do: () => (/* reexport */ WaitTimeoutError),
  Ck: () => (/* reexport */ addSecret),
  I8: () => (/* reexport */ core_namespaceObject),
  vL: () => (/* reexport */ describeCommand),
  gJ: () => (/* reexport */ errorMessage),
  g7: () => (/* reexport */ execute),
  a3: () => (/* reexport */ formatDuration),
  Y1: () => (/* reexport */ normalizeRepository),
  o_: () => (/* reexport */ parseImageReference),
  Hl: () => (/* reexport */ parseKeyValues),
  hN: () => (/* reexport */ parseYaml),
  rO: () => (/* reexport */ readManifestsInput),
  E$: () => (/* reexport */ redact),
  L5: () => (/* reexport */ retry),
  Cs: () => (/* reexport */ runAction),
  n0: () => (/* reexport */ setOutputs),
  WU: () => (/* reexport */ show),
  Xv: () => (/* reexport */ splitImageReference),
  OT: () => (/* reexport */ stateSlot),
  fm: () => (/* reexport */ waitFor)
});

// UNUSED EXPORTS: DIGEST_PATTERN, DOCKER_HUB, Deadline, ManifestError, Masker, REPOSITORY_PATH_RE, RetryError, SERVICE_RE, TAG_RE, VERSION_RE, awsClientConfig, backoffDelay, escapeHtml, formatImageReference, isRepository, isValidDigest, isValidRegistryHost, isValidRepositoryPath, isValidTag, mapConcurrent, markdownTable, mergeManifests, parseDuration, parseManifest, parseUrl, parseYamlSource, pinnedRef, readManifest, readManifests, realSleep, registryOfAuthKey, reportFailure, runContext, runUrl, runnerInputs, splitList, validateManifest, withService, writeManifest

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
;// CONCATENATED MODULE: external "node:crypto"
const external_node_crypto_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:crypto");
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
    const delimiter = `ghadelimiter_${(0,external_node_crypto_namespaceObject.randomUUID)()}`;
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
function show(value, max = 80) {
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
function formatDuration(ms) {
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
            throw new errors_InputError(name, `${show(v)} is not valid${opts.patternHint ? `: expected ${opts.patternHint}` : ''}`);
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
            throw new errors_InputError(name, `${show(v)} is not a whole number`);
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
        throw new errors_InputError(name, `${show(v)} is not a boolean: use true or false`);
    }
    enum(name, allowed, opts = {}) {
        const v = this.source(name);
        if (v === '') {
            if (opts.default === undefined)
                throw new errors_InputError(name, `is required: one of ${allowed.join(', ')}`);
            return opts.default;
        }
        if (!allowed.includes(v)) {
            throw new errors_InputError(name, `${show(v)} is not one of ${allowed.join(', ')}`);
        }
        return v;
    }
    /** A duration like `90s`, `5m`, `1m30s`, `500ms`; bare numbers are seconds. Returns ms. */
    duration(name, opts = {}) {
        const v = this.source(name) || opts.default || '';
        if (v === '')
            throw new errors_InputError(name, 'is required: a duration such as 90s or 5m');
        if (/^-/.test(v))
            throw new errors_InputError(name, `${show(v)} is negative: a duration must be zero or more`);
        const ms = parseDuration(v);
        if (ms === undefined)
            throw new errors_InputError(name, `${show(v)} is not a duration: use e.g. 90s, 5m, 1m30s, 500ms`);
        if (opts.min !== undefined && ms < opts.min)
            throw new errors_InputError(name, `${show(v)} is shorter than the minimum ${opts.min}ms`);
        if (opts.max !== undefined && ms > opts.max)
            throw new errors_InputError(name, `${show(v)} is longer than the maximum ${opts.max}ms`);
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
        throw new errors_InputError(name, `${show(value)} is not a valid absolute URL`);
    }
    if (!protocols.includes(u.protocol)) {
        throw new errors_InputError(name, `${show(value)} has protocol ${u.protocol}; expected ${protocols.join(' or ')}`);
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
            throw new errors_InputError(name, `${show(line)} is not KEY=value`);
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
        throw new errors_InputError(name, `invalid YAML${from}${where}: ${first}`);
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


const realSleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
/**
 * Full-jitter exponential backoff: a uniform random delay in
 * [0, min(maxMs, initialMs * factor^attempt)]. `attempt` starts at 0.
 */
function backoffDelay(attempt, opts = {}, random = Math.random) {
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
    const sleep = opts.sleep ?? realSleep;
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
            const delay = backoffDelay(attempt, opts, random);
            const out = tries >= maxAttempts || now() + delay >= deadline;
            if (out) {
                const spent = formatDuration(now() - started);
                throw new RetryError(`${opts.label}: gave up after ${tries} attempt${tries === 1 ? '' : 's'} in ${spent}: ${errorMessage(e)}`, tries, e);
            }
            opts.log?.(`${opts.label}: attempt ${tries} failed (${errorMessage(e)}); retrying in ${formatDuration(delay)}`);
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
        throw new InvalidReferenceError(`image reference ${show(ref)} ${why}`);
    };
    const text = ref.trim();
    if (!text)
        fail('is empty');
    const { repository: name, tag, digest } = splitImageReference(text);
    if (digest !== undefined && !DIGEST_RE.test(digest))
        fail(`has digest ${show(digest)}; expected sha256:<64 lowercase hex digits>`);
    if (tag !== undefined && !TAG_RE.test(tag))
        fail(`has tag ${show(tag)}; a tag is up to 128 of A-Z a-z 0-9 _ . - and does not start with . or -`);
    const { host, path } = splitHost(name);
    if (host !== undefined && !HOST_RE.test(host))
        fail(`has registry host ${show(host)}, which is not host[:port]`);
    const registry = canonicalHost(host ?? opts.defaultRegistry ?? DOCKER_HUB);
    const repository = registry === DOCKER_HUB && !path.includes('/') ? `library/${path}` : path;
    if (!isValidRepositoryPath(repository))
        fail(`has repository ${show(repository)}; path components are lowercase letters and digits separated by . _ __ or -`);
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
        fail('schemaVersion', `is ${show(v.schemaVersion)}; this version of Switchyard reads schemaVersion 1`);
    if (typeof v.version !== 'string' || !VERSION_RE.test(v.version))
        fail('version', `is ${show(v.version)}; expected a tag-safe version such as 2026.11.26-3f2a9c1`);
    if (typeof v.commit !== 'string')
        fail('commit', `is ${show(v.commit)}; expected a git commit SHA`);
    if (v.created !== undefined && (typeof v.created !== 'string' || Number.isNaN(Date.parse(v.created))))
        fail('created', `is ${show(v.created)}; expected an ISO 8601 time`);
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
            fail(`services.${name}.image`, `is ${show(s.image)}; expected a repository without tag or digest`);
        if (typeof s.digest !== 'string' || !DIGEST_RE.test(s.digest))
            fail(`services.${name}.digest`, `is ${show(s.digest)}; expected sha256:<64 hex digits>`);
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
        throw new ManifestError(`release manifest ${show(path)} cannot be read: no such file`);
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
        return readManifests(paths.map((p) => (0,external_node_path_.resolve)(p)));
    }
    catch (e) {
        if (e instanceof ManifestError)
            throw new errors_InputError(input, e.message);
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
    mkdirSync(dirname(path), { recursive: true });
    const tmp = `${path}.${process.pid}.tmp`;
    writeFileSync(tmp, `${JSON.stringify(checked, null, 2)}\n`);
    renameSync(tmp, path);
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
    return { save: (value) => saveState(name, value), read: () => getState(name) };
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

/***/ 3086:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   DS: () => (/* binding */ heartbeatWindowMs),
/* harmony export */   HF: () => (/* binding */ nodeMap),
/* harmony export */   Hv: () => (/* binding */ formatPlacement),
/* harmony export */   Jc: () => (/* binding */ runningDigests),
/* harmony export */   Ku: () => (/* binding */ swarmNodes),
/* harmony export */   Lz: () => (/* binding */ troubledNodes),
/* harmony export */   Wy: () => (/* binding */ nodeTrouble),
/* harmony export */   ot: () => (/* binding */ placement),
/* harmony export */   p2: () => (/* binding */ swarmSelf),
/* harmony export */   zA: () => (/* binding */ stalledOnLostNode)
/* harmony export */ });
/* unused harmony export nodeName */
/** Every node of the swarm (the caller must talk to a manager). */
async function swarmNodes(docker) {
    const ids = (await docker.query(['node', 'ls', '--quiet'])).stdout.split(/\s+/).filter(Boolean);
    if (ids.length === 0)
        return [];
    const r = await docker.query(['node', 'inspect', ...ids], { allowFailure: true });
    return r.stdout.trim() ? JSON.parse(r.stdout) : [];
}
const nodeMap = (nodes) => new Map(nodes.map((n) => [n.ID, n]));
/** The node's host name, or its short ID when it is not known (any more). */
function nodeName(nodes, id) {
    if (!id)
        return '(no node)';
    return nodes.get(id)?.Description?.Hostname || id.slice(0, 12);
}
/** Why a node cannot run tasks now ("worker2 is down (heartbeat failure)"), or undefined when it can. */
function nodeTrouble(n) {
    const name = n.Description?.Hostname || n.ID.slice(0, 12);
    const state = n.Status?.State ?? 'unknown';
    if (state !== 'ready')
        return `${name} is ${state}${n.Status?.Message ? ` (${n.Status.Message})` : ''}`;
    const availability = n.Spec?.Availability ?? 'active';
    if (availability === 'drain')
        return `${name} is drained`;
    if (availability === 'pause')
        return `${name} is paused`;
    return undefined;
}
/** One line on every node that cannot run tasks, e.g. "node worker2 is down (heartbeat failure)"; '' when all can. */
function troubledNodes(nodes) {
    const list = [...nodes.values()].map(nodeTrouble).filter((x) => x !== undefined);
    return list.length ? `node${list.length === 1 ? '' : 's'} ${list.join(', ')}` : '';
}
const NOT_YET_RUNNING = new Set(['new', 'pending', 'assigned', 'accepted', 'preparing', 'ready', 'starting']);
/**
 * A task that Swarm's rolling updater created on a node that has since gone
 * down (or was drained) before the task ever ran. The updater waits for that
 * task with no timeout, so `UpdateStatus` stays `updating` for good, even when
 * the orchestrator has started a replacement elsewhere. Only tasks of the
 * current spec count (the updater's own).
 */
function stalledOnLostNode(current, nodes) {
    for (const t of current) {
        if (!NOT_YET_RUNNING.has(t.Status.State) || !t.NodeID)
            continue;
        const n = nodes.get(t.NodeID);
        if (!n)
            continue;
        const why = nodeTrouble(n);
        if (why)
            return { task: t, node: nodeName(nodes, t.NodeID), why };
    }
    return undefined;
}
const isRunning = (t) => t.Status.State === 'running' && t.DesiredState === 'running';
/** Host → number of running tasks, in host-name order ("which host runs what"). */
function placement(tasks, nodes) {
    const out = {};
    for (const t of tasks.filter(isRunning)) {
        const name = nodeName(nodes, t.NodeID);
        out[name] = (out[name] ?? 0) + 1;
    }
    return Object.fromEntries(Object.entries(out).sort(([a], [b]) => a.localeCompare(b)));
}
/** Image digest → number of running tasks carrying it (any spec: what really serves). */
function runningDigests(tasks) {
    const out = {};
    for (const t of tasks.filter(isRunning)) {
        const image = t.Spec.ContainerSpec?.Image ?? '';
        const d = /@(sha256:[a-f0-9]{64})$/.exec(image)?.[1] ?? (image || '(unknown)');
        out[d] = (out[d] ?? 0) + 1;
    }
    return out;
}
/** "manager1, worker1 ×2" from a placement. */
function formatPlacement(p) {
    const parts = Object.entries(p).map(([n, c]) => (c === 1 ? n : `${n} ×${c}`));
    return parts.length ? parts.join(', ') : '—';
}
/**
 * How long after a node dies Swarm may still count it Ready: the dispatcher
 * marks a node down once it missed its heartbeats for a grace of 3 heartbeat
 * periods (agents add up to 0.5 s of jitter), and acts on that on its next
 * check. Measured with Docker's default 5 s period: down 11–21 s after a
 * SIGKILL of the node's dockerd. So: 4 periods + 1 s (21 s by default).
 */
function heartbeatWindowMs(heartbeatPeriodNs) {
    const periodMs = heartbeatPeriodNs && heartbeatPeriodNs > 0 ? heartbeatPeriodNs / 1e6 : 5000;
    return Math.round(periodMs * 4 + 1000);
}
/** The node we talk to (a manager answers, so it is alive) and the swarm's dispatcher heartbeat period (ns), from `docker info`. */
async function swarmSelf(docker) {
    const r = await docker.query(['info', '--format', '{{json .Swarm}}'], { allowFailure: true });
    try {
        const v = JSON.parse(r.stdout);
        return { nodeId: v?.NodeID || undefined, heartbeatNs: v?.Cluster?.Spec?.Dispatcher?.HeartbeatPeriod };
    }
    catch {
        return { nodeId: undefined, heartbeatNs: undefined };
    }
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

/***/ 3024:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs");

/***/ }),

/***/ 8161:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:os");

/***/ }),

/***/ 6760:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:path");

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
var src = __nccwpck_require__(8286);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __nccwpck_require__(3024);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __nccwpck_require__(8161);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __nccwpck_require__(6760);
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

;// CONCATENATED MODULE: external "node:child_process"
const external_node_child_process_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:child_process");
;// CONCATENATED MODULE: external "node:util"
const external_node_util_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:util");
;// CONCATENATED MODULE: ./packages/docker/src/ssh.ts






/**
 * Parses `ssh://[user@]host[:port]` (IPv6 in brackets). Anything else — other
 * schemes, a path, a query, a password — is an InputError naming the input.
 */
function parseDockerHost(input, value) {
    if (value === '')
        return undefined;
    const hint = 'expected ssh://user@host or ssh://user@host:port (empty for the local Docker socket)';
    if (!value.startsWith('ssh://'))
        throw new src/* InputError */.dz(input, `${(0,src/* show */.WU)(value)} is not supported: ${hint}`);
    let u;
    try {
        u = new URL(value);
    }
    catch {
        throw new src/* InputError */.dz(input, `${(0,src/* show */.WU)(value)} is not a valid URL: ${hint}`);
    }
    if (u.password)
        throw new src/* InputError */.dz(input, `${(0,src/* show */.WU)(value.replace(/:[^:@/]*@/, ':***@'))} contains a password: use ssh-private-key`);
    if ((u.pathname && u.pathname !== '/') || u.search || u.hash)
        throw new src/* InputError */.dz(input, `${(0,src/* show */.WU)(value)} has a path, query or fragment: ${hint}`);
    const host = u.hostname;
    if (!host || !/^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?)$/.test(host))
        throw new src/* InputError */.dz(input, `${(0,src/* show */.WU)(value)} has no valid host name: ${hint}`);
    const user = u.username ? decodeURIComponent(u.username) : undefined;
    if (user !== undefined && !/^[A-Za-z0-9_][A-Za-z0-9_.-]*$/.test(user))
        throw new src/* InputError */.dz(input, `${(0,src/* show */.WU)(value)} has an invalid user name ${(0,src/* show */.WU)(user)}`);
    const port = u.port ? Number(u.port) : 22;
    if (!Number.isInteger(port) || port < 1 || port > 65535)
        throw new src/* InputError */.dz(input, `${(0,src/* show */.WU)(value)} has an invalid port`);
    return { url: `ssh://${user ? `${user}@` : ''}${host}${u.port ? `:${port}` : ''}`, user, host, port };
}
/** The name known_hosts uses for a host: `host`, or `[host]:port` when the port is not 22. */
function knownHostsName(h) {
    const bare = h.host.replace(/^\[|\]$/g, '');
    return h.port === 22 ? bare : `[${bare}]:${h.port}`;
}
/**
 * Checks that `known_hosts` text holds at least one key for the host (plain
 * names, comma lists and `*`/`?` patterns are read; hashed `|1|` entries
 * cannot be read without hashing, so their presence counts as "maybe").
 * Returns false only when we are sure no entry applies: that is a mistake we
 * can report before any connection is tried.
 */
function knownHostsCovers(text, h) {
    const name = knownHostsName(h);
    for (const raw of text.split(/\r?\n/)) {
        const line = raw.trim();
        if (line === '' || line.startsWith('#'))
            continue;
        const fields = line.split(/\s+/);
        const hosts = fields[0]?.startsWith('@') ? fields[1] : fields[0];
        if (!hosts)
            continue;
        if (hosts.startsWith('|1|'))
            return true;
        for (const pattern of hosts.split(',')) {
            if (pattern.startsWith('!'))
                continue;
            const re = new RegExp(`^${pattern
                .replace(/[.+^${}()|[\]\\]/g, '\\$&')
                .replace(/\*/g, '.*')
                .replace(/\?/g, '.')}$`);
            if (re.test(name))
                return true;
        }
    }
    return false;
}
/** Finds an executable on PATH, skipping `skipDir`. */
function which(name, path = process.env.PATH ?? '', skipDir) {
    for (const d of path.split(external_node_path_.delimiter)) {
        if (!d || (skipDir && (0,external_node_path_.resolve)(d) === (0,external_node_path_.resolve)(skipDir)))
            continue;
        const f = (0,external_node_path_.join)(d, name);
        try {
            if ((0,external_node_fs_.statSync)(f).isFile())
                return f;
        }
        catch {
            /* not here */
        }
    }
    return undefined;
}
const SSH_DIR_PREFIX = 'switchyard-ssh-';
/**
 * The control socket's name inside the ssh directory. A fixed name is enough:
 * a directory serves one endpoint (one setUpSsh call, one host). ssh's %C
 * (40 hex digits) would not fit under a usual RUNNER_TEMP.
 */
const CONTROL_SOCKET = 'mux';
/** How long an idle master waits for the next docker call before it exits on its own (if cleanup never runs). */
const CONTROL_PERSIST = '60s';
/**
 * A UNIX socket path must fit sun_path: 104 bytes on macOS and the BSDs (108
 * on Linux), the terminating NUL included. ssh first binds
 * `<ControlPath>.<16 random characters>` and then renames it, so the
 * ControlPath itself may be at most 104 - 1 - 17 = 86 bytes.
 */
const MAX_CONTROL_PATH_BYTES = 104 - 1 - 17;
/** The ControlPath for an ssh directory, or why there is none (the path would not fit a UNIX socket). Pure. */
function controlPathFor(dir) {
    const path = (0,external_node_path_.join)(dir, CONTROL_SOCKET);
    const bytes = Buffer.byteLength(path);
    if (bytes > MAX_CONTROL_PATH_BYTES)
        return {
            reason: `the control socket path ${(0,src/* show */.WU)(path)} is ${bytes} bytes, over the ${MAX_CONTROL_PATH_BYTES} a UNIX socket allows here: every docker call opens its own ssh connection (a shorter RUNNER_TEMP would allow reuse)`,
        };
    return { path };
}
/**
 * Writes the private key, the pinned known_hosts and an ssh config into a new
 * private directory under `parent` (RUNNER_TEMP; unique per call, so two steps
 * of one job never share it), plus an `ssh` wrapper that runs the real ssh
 * with `-F config`. The docker CLI's ssh transport runs `ssh` from PATH, so
 * the wrapper is put first on PATH for the docker child process only; the
 * user's ~/.ssh is neither read nor written. Host keys are checked strictly:
 * no trust on first use, nothing learned, no fallback to a password.
 *
 * The docker calls share one ssh connection (ControlMaster auto): the first
 * becomes the master, which stays in the background for CONTROL_PERSIST after
 * the last call, and the next calls run as sessions on it, without a new key
 * exchange and authentication. The control socket lives in the private
 * directory; cleanUpSsh stops the master. Calls that start at the same moment
 * may each connect on their own (ssh's rule when the socket is not there yet):
 * that is fine. `reuse: false`, or a directory path too long for a UNIX
 * socket, gives one connection per call (ControlMaster no).
 */
function setUpSsh(opts) {
    const realSsh = which('ssh', opts.path ?? process.env.PATH ?? '');
    if (!realSsh)
        throw new Error('no ssh client found on PATH: install openssh-client');
    (0,external_node_fs_.mkdirSync)(opts.parent, { recursive: true });
    const dir = (0,external_node_fs_.mkdtempSync)((0,external_node_path_.join)(opts.parent, SSH_DIR_PREFIX));
    (0,external_node_fs_.chmodSync)(dir, 0o700);
    const bin = (0,external_node_path_.join)(dir, 'bin');
    (0,external_node_fs_.mkdirSync)(bin, { mode: 0o700 });
    const key = (0,external_node_path_.join)(dir, 'id');
    const known = (0,external_node_path_.join)(dir, 'known_hosts');
    const config = (0,external_node_path_.join)(dir, 'config');
    const normalizedKey = opts.privateKey.replace(/\r\n/g, '\n').trim() + '\n';
    (0,external_node_fs_.writeFileSync)(key, normalizedKey, { mode: 0o600 });
    (0,external_node_fs_.writeFileSync)(known, opts.knownHosts.replace(/\r\n/g, '\n').trim() + '\n', { mode: 0o600 });
    // ssh expands %-tokens in these paths: a literal % is written %%.
    const q = (p) => `"${p.replace(/%/g, '%%').replace(/(["\\])/g, '\\$1')}"`;
    const control = opts.reuse === false ? { reason: 'connection reuse is turned off' } : controlPathFor(dir);
    if ('reason' in control)
        src/* core.debug */.I8.debug(`ssh: ControlMaster no: ${control.reason}`);
    const controlLines = 'path' in control ? ['  ControlMaster auto', `  ControlPath ${q(control.path)}`, `  ControlPersist ${CONTROL_PERSIST}`] : ['  ControlMaster no'];
    (0,external_node_fs_.writeFileSync)(config, [
        'Host *',
        `  IdentityFile ${q(key)}`,
        '  IdentitiesOnly yes',
        '  IdentityAgent none',
        `  UserKnownHostsFile ${q(known)}`,
        '  GlobalKnownHostsFile /dev/null',
        '  StrictHostKeyChecking yes',
        '  CheckHostIP no',
        '  UpdateHostKeys no',
        '  HashKnownHosts no',
        '  BatchMode yes',
        '  PasswordAuthentication no',
        '  KbdInteractiveAuthentication no',
        ...controlLines,
        '  ConnectTimeout 20',
        '  ServerAliveInterval 15',
        '  ServerAliveCountMax 4',
        '  LogLevel ERROR',
        '',
    ].join('\n'), { mode: 0o600 });
    const sh = (s) => `'${s.replace(/'/g, `'\\''`)}'`;
    (0,external_node_fs_.writeFileSync)((0,external_node_path_.join)(bin, 'ssh'), `#!/bin/sh\nexec ${sh(realSsh)} -F ${sh(config)} "$@"\n`, { mode: 0o700 });
    const endpoint = { host: opts.host.url, sshBin: bin };
    return {
        dir,
        endpoint,
        env: dockerEnv(endpoint, opts.path),
        controlPath: 'path' in control ? control.path : undefined,
        ...('reason' in control ? { noReuse: control.reason } : {}),
    };
}
const execFileAsync = (0,external_node_util_namespaceObject.promisify)(external_node_child_process_namespaceObject.execFile);
/** Whether a process is still there (a zombie, exited and awaiting its reaper, counts as gone). */
function processAlive(pid) {
    try {
        process.kill(pid, 0);
    }
    catch {
        return false;
    }
    try {
        return !/^\d+ \(.*\) Z /s.test((0,external_node_fs_.readFileSync)(`/proc/${pid}/stat`, 'utf8'));
    }
    catch {
        return true; // no /proc (macOS): kill(0) is all we know
    }
}
/**
 * Stops the ssh master of an ssh directory, if one runs: asks it for its pid
 * (`ssh -O check`), tells it to exit (`ssh -O exit`), and waits until the
 * process is gone (SIGTERM to that pid if it lingers). No socket, or a socket
 * no master answers on, means there is nothing to stop. Returns the pid it
 * stopped. Never throws for a master that is already gone.
 */
async function stopSshMaster(dir, log = src/* core.debug */.I8.debug) {
    const socket = (0,external_node_path_.join)(dir, CONTROL_SOCKET);
    if (!(0,external_node_fs_.existsSync)(socket))
        return undefined;
    const ssh = which('ssh', process.env.PATH ?? '', (0,external_node_path_.join)(dir, 'bin'));
    if (!ssh) {
        log(`ssh: no ssh client on PATH to stop the master on ${socket}: it exits on its own after ${CONTROL_PERSIST} idle`);
        return undefined;
    }
    const ctl = async (command) => {
        try {
            // The config is `Host *` with a ControlPath without %-tokens: any host name reaches this socket.
            const r = await execFileAsync(ssh, ['-F', (0,external_node_path_.join)(dir, 'config'), '-O', command, '--', 'localhost'], { encoding: 'utf8', timeout: 10_000 });
            return { ok: true, text: `${r.stderr}${r.stdout}` };
        }
        catch (e) {
            const err = e;
            return { ok: false, text: err.stderr || err.message };
        }
    };
    const check = await ctl('check');
    const pid = Number(/pid=(\d+)/.exec(check.text)?.[1]);
    if (!check.ok || !pid) {
        log(`ssh: no master running on ${socket} (${check.text.trim()})`);
        return undefined;
    }
    const exit = await ctl('exit');
    if (!exit.ok)
        log(`ssh: -O exit to the master (pid ${pid}) failed: ${exit.text.trim()}`);
    const gone = async (ms) => {
        try {
            await (0,src/* waitFor */.fm)(async () => (processAlive(pid) ? { done: false, progress: 'running' } : { done: true, value: true }), {
                label: `ssh master ${pid} to exit`,
                timeoutMs: ms,
                initialMs: 10,
                maxMs: 200,
            });
            return true;
        }
        catch {
            return false;
        }
    };
    if (!(await gone(5_000))) {
        log(`ssh: the master (pid ${pid}) is still running after -O exit: sending SIGTERM`);
        try {
            process.kill(pid, 'SIGTERM');
        }
        catch {
            /* gone in the meantime */
        }
        await gone(2_000);
    }
    log(`ssh: stopped the connection master (pid ${pid})`);
    return pid;
}
/**
 * Stops the directory's ssh master (see stopSshMaster), then removes a
 * directory made by setUpSsh. Refuses anything that is not a
 * `switchyard-ssh-*` directory directly under `parent`, so a tampered state
 * value can never delete something else. Returns whether it removed anything.
 */
async function cleanUpSsh(dir, parent, log) {
    if (!dir)
        return false;
    const abs = (0,external_node_path_.resolve)(dir);
    const base = (0,external_node_path_.resolve)(parent);
    const name = abs.slice(base.length + 1);
    if (!parent || !abs.startsWith(base + external_node_path_.sep) || name.includes(external_node_path_.sep) || !name.startsWith(SSH_DIR_PREFIX)) {
        throw new Error(`refusing to remove ${(0,src/* show */.WU)(dir)}: not an ssh directory made by this action under ${(0,src/* show */.WU)(parent)}`);
    }
    if (!(0,external_node_fs_.existsSync)(abs))
        return false;
    await stopSshMaster(abs, log);
    (0,external_node_fs_.rmSync)(abs, { recursive: true, force: true });
    return true;
}

// EXTERNAL MODULE: ./packages/swarm/src/nodes.ts
var nodes = __nccwpck_require__(3086);
;// CONCATENATED MODULE: ./actions/deploy-swarm-stack/src/inputs.ts




const STACK_RE = /^[a-zA-Z0-9][a-zA-Z0-9_-]{0,62}$/;
async function getInputs(source) {
    const r = new src/* Inputs */.G0(source);
    // Secrets first: nothing may be logged before they are masked.
    const sshPrivateKey = r.raw('ssh-private-key');
    (0,src/* addSecret */.Ck)(sshPrivateKey);
    const stackName = r.string('stack-name', {
        required: true,
        pattern: STACK_RE,
        patternHint: 'letters, digits, - and _ (at most 63), starting with a letter or digit',
    });
    const paths = r.list('stack-file', { commas: true });
    if (paths.length === 0)
        throw new src/* InputError */.dz('stack-file', 'is required: one or more compose files, one per line');
    const stackFile = [];
    for (const p of paths) {
        const path = (0,external_node_path_.resolve)(p);
        if (!(0,external_node_fs_.existsSync)(path) || !(0,external_node_fs_.statSync)(path).isFile())
            throw new src/* InputError */.dz('stack-file', `${(0,src/* show */.WU)(p)} does not exist or is not a file`);
        const doc = await (0,src/* parseYaml */.hN)('stack-file', (0,external_node_fs_.readFileSync)(path, 'utf8'), p);
        if (typeof doc !== 'object' || doc === null || Array.isArray(doc))
            throw new src/* InputError */.dz('stack-file', `${(0,src/* show */.WU)(p)} is not a compose file: expected a mapping with services`);
        stackFile.push({ path, doc });
    }
    const releaseFile = (0,src/* readManifestsInput */.rO)('release-file', r.list('release-file', { commas: true }));
    const env = (0,src/* parseKeyValues */.Hl)('env', r.list('env'), /^[_a-zA-Z][_a-zA-Z0-9]*$/);
    const envFilePath = r.string('env-file');
    let envFile = new Map();
    if (envFilePath) {
        let text;
        try {
            text = (0,external_node_fs_.readFileSync)((0,external_node_path_.resolve)(envFilePath), 'utf8');
        }
        catch {
            throw new src/* InputError */.dz('env-file', `${(0,src/* show */.WU)(envFilePath)} cannot be read: no such file`);
        }
        envFile = parseEnvFile(text, envFilePath);
    }
    const dockerHost = parseDockerHost('docker-host', r.string('docker-host'));
    const sshKnownHosts = r.raw('ssh-known-hosts');
    if (dockerHost) {
        if (!sshPrivateKey)
            throw new src/* InputError */.dz('ssh-private-key', `is required with docker-host ${(0,src/* show */.WU)(dockerHost.url)}`);
        if (!/-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]+-----END [A-Z ]*PRIVATE KEY-----/.test(sshPrivateKey)) {
            throw new src/* InputError */.dz('ssh-private-key', 'is not a private key in PEM/OpenSSH format (-----BEGIN … PRIVATE KEY-----)');
        }
        if (!sshKnownHosts) {
            throw new src/* InputError */.dz('ssh-known-hosts', `is required with docker-host ${(0,src/* show */.WU)(dockerHost.url)}: host keys are never trusted on first use`, {
                hint: `verify the host key out of band, then store the line(s) from \`ssh-keyscan -p ${dockerHost.port} ${dockerHost.host}\` in a variable`,
            });
        }
        if (!knownHostsCovers(sshKnownHosts, dockerHost)) {
            throw new src/* InputError */.dz('ssh-known-hosts', `has no key for ${knownHostsName(dockerHost)} (the name ssh looks up for ${dockerHost.url})`);
        }
    }
    else if (sshPrivateKey || sshKnownHosts) {
        src/* core.warning */.I8.warning('ssh-private-key / ssh-known-hosts are set but docker-host is empty: deploying through the local Docker socket and ignoring them.');
    }
    return {
        stackName,
        stackFile,
        releaseFile,
        allowUnpinned: r.list('allow-unpinned', { commas: true }),
        env,
        envFile,
        dockerHost,
        sshPrivateKey,
        sshKnownHosts,
        withRegistryAuth: r.bool('with-registry-auth', { default: false }),
        prune: r.bool('prune', { default: false }),
        timeout: r.duration('timeout', { default: '5m', min: 1000 }),
        pendingGrace: r.duration('pending-grace', { default: '20s' }),
        rollbackOnFailure: r.bool('rollback-on-failure', { default: true }),
    };
}
/** A compose-style `.env` file: KEY=value lines, `#` comments, optional `export `, optional quotes around the value. */
function parseEnvFile(text, origin) {
    const out = new Map();
    text.split(/\r?\n/).forEach((raw, i) => {
        const line = raw.trim();
        if (line === '' || line.startsWith('#'))
            return;
        const m = /^(?:export\s+)?([_a-zA-Z][_a-zA-Z0-9]*)=(.*)$/.exec(line);
        if (!m)
            throw new src/* InputError */.dz('env-file', `${origin} line ${i + 1}: ${(0,src/* show */.WU)(line)} is not KEY=value`);
        let value = m[2];
        const q = /^(['"])(.*)\1$/.exec(value);
        if (q)
            value = q[2];
        out.set(m[1], value);
    });
    return out;
}

;// CONCATENATED MODULE: ./packages/swarm/src/compose.ts
/**
 * Compose files for `docker stack deploy`, read the way docker reads them:
 * YAML, `${VAR}` interpolation of values, several files merged in order.
 * Pure functions (no docker, no files) so every rule is unit-tested.
 */

const REF_RE = /\$(?:(\$)|\{([^}]*)\}|([_a-zA-Z][_a-zA-Z0-9]*))/g;
const BRACED_RE = /^([_a-zA-Z][_a-zA-Z0-9]*)(?:(:-|-|:\?|\?)([\s\S]*))?$/;
class InterpolationError extends Error {
}
/** Every variable reference in one string (`$$` is an escaped dollar, not a reference). */
function variableRefs(text) {
    const out = [];
    for (const m of text.matchAll(REF_RE)) {
        if (m[1])
            continue;
        if (m[3]) {
            out.push({ name: m[3], op: '', arg: '' });
            continue;
        }
        const b = BRACED_RE.exec(m[2] ?? '');
        if (!b)
            throw new InterpolationError(`invalid interpolation format ${(0,src/* show */.WU)(m[0])}: use \${VAR}, \${VAR:-default} or $$ for a literal $`);
        out.push({ name: b[1], op: (b[2] ?? ''), arg: b[3] ?? '' });
    }
    return out;
}
/** Substitutes variables in one string exactly as compose does; unset variables without default become '' and are reported. */
function interpolateString(text, env, problems) {
    return text.replace(REF_RE, (whole, dollar, braced, bare) => {
        if (dollar)
            return '$';
        if (bare) {
            const v = env[bare];
            if (v === undefined)
                problems.unset.add(bare);
            return v ?? '';
        }
        const b = BRACED_RE.exec(braced ?? '');
        if (!b)
            throw new InterpolationError(`invalid interpolation format ${(0,src/* show */.WU)(whole)}: use \${VAR}, \${VAR:-default} or $$ for a literal $`);
        const [, name, op = '', arg = ''] = b;
        const v = env[name];
        switch (op) {
            case ':-':
                return v === undefined || v === '' ? arg : v;
            case '-':
                return v === undefined ? arg : v;
            case ':?':
                if (v === undefined || v === '')
                    problems.required.push(`${name}${arg ? ` (${arg})` : ''}`);
                return v ?? '';
            case '?':
                if (v === undefined)
                    problems.required.push(`${name}${arg ? ` (${arg})` : ''}`);
                return v ?? '';
            default:
                if (v === undefined)
                    problems.unset.add(name);
                return v ?? '';
        }
    });
}
/** Interpolates every string value of a parsed document (keys are left alone, as compose does). */
function interpolate(doc, env, problems) {
    if (typeof doc === 'string')
        return interpolateString(doc, env, problems);
    if (Array.isArray(doc))
        return doc.map((d) => interpolate(d, env, problems));
    if (doc && typeof doc === 'object') {
        const out = {};
        for (const [k, v] of Object.entries(doc))
            out[k] = interpolate(v, env, problems);
        return out;
    }
    return doc;
}
const isMap = (v) => typeof v === 'object' && v !== null && !Array.isArray(v);
/** Merges compose documents in order: mappings merge key by key, later scalars and lists win. */
function mergeDocs(docs) {
    const merge = (a, b) => {
        if (isMap(a) && isMap(b)) {
            const out = { ...a };
            for (const [k, v] of Object.entries(b))
                out[k] = k in out ? merge(out[k], v) : v;
            return out;
        }
        return b === undefined ? a : b;
    };
    return docs.reduce((acc, d) => merge(acc, d), {});
}
/** Reads the `services` mapping of a merged compose document (swarm.ts's stackServices reads a deployed stack's). */
function composeServices(doc) {
    const services = doc.services;
    if (!isMap(services))
        return [];
    return Object.entries(services).map(([name, s]) => ({ name, image: isMap(s) && typeof s.image === 'string' ? s.image : undefined }));
}
/** Matches a repository against the allow-unpinned patterns (exact, or `*` globs), Docker Hub names normalized. */
function allowedUnpinned(repository, patterns) {
    const repo = (0,src/* normalizeRepository */.Y1)(repository);
    return patterns.some((p) => {
        if (!p.includes('*'))
            return (0,src/* normalizeRepository */.Y1)(p) === repo;
        const re = new RegExp(`^${p.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^@]*')}$`, 'i');
        return re.test(repository) || re.test(repo);
    });
}
/**
 * Decides the image of every service. With a release: a service whose
 * repository is in the release is pinned to `repository@digest`; an image
 * already pinned by digest stays as it is; anything else must be allowed
 * explicitly. Without a release (`release` undefined) nothing is rewritten.
 */
function planPins(services, release, allow) {
    const plan = { images: new Map(), unpinned: [], unusedRelease: [], missingImage: [] };
    const byRepo = new Map();
    for (const [name, entry] of Object.entries(release ?? {}))
        byRepo.set((0,src/* normalizeRepository */.Y1)(entry.image), { name, entry });
    const used = new Set();
    for (const s of services) {
        if (!s.image) {
            plan.missingImage.push(s.name);
            continue;
        }
        const ref = (0,src/* splitImageReference */.Xv)(s.image);
        const hit = byRepo.get((0,src/* normalizeRepository */.Y1)(ref.repository));
        if (release === undefined)
            plan.images.set(s.name, { from: s.image, to: s.image, how: ref.digest ? 'digest' : 'unpinned' });
        else if (hit) {
            used.add(hit.name);
            plan.images.set(s.name, { from: s.image, to: `${ref.repository}@${hit.entry.digest}`, how: 'release' });
        }
        else if (ref.digest)
            plan.images.set(s.name, { from: s.image, to: s.image, how: 'digest' });
        else if (allowedUnpinned(ref.repository, allow))
            plan.images.set(s.name, { from: s.image, to: s.image, how: 'allowed' });
        else {
            plan.unpinned.push(s.name);
            plan.images.set(s.name, { from: s.image, to: s.image, how: 'unpinned' });
        }
    }
    for (const name of byRepo.values())
        if (!used.has(name.name))
            plan.unusedRelease.push(name.name);
    return plan;
}
/**
 * The `version` to write into an override file: docker refuses to merge files
 * whose versions differ, so it is the first file's (undefined when it has none).
 */
function composeVersion(docs) {
    const first = docs[0];
    return isMap(first) && (typeof first.version === 'string' || typeof first.version === 'number') ? String(first.version) : undefined;
}

;// CONCATENATED MODULE: ./actions/deploy-swarm-stack/src/plan.ts
/**
 * The deploy plan, computed before anything touches the cluster: variables,
 * merged services, pinned images, and the override file that carries the pins.
 */


function makePlan(inputs, runnerEnv = process.env) {
    const env = {};
    for (const [k, v] of Object.entries(runnerEnv))
        if (v !== undefined)
            env[k] = v;
    for (const [k, v] of inputs.envFile)
        env[k] = v;
    for (const [k, v] of inputs.env)
        env[k] = v;
    const problems = { unset: new Set(), required: [] };
    const docs = inputs.stackFile.map((f) => {
        try {
            return interpolate(f.doc, env, problems);
        }
        catch (e) {
            if (e instanceof InterpolationError)
                throw new src/* InputError */.dz('stack-file', `${f.path}: ${e.message}`);
            throw e;
        }
    });
    const files = inputs.stackFile.map((f) => f.path).join(', ');
    if (problems.required.length)
        throw new src/* InputError */.dz('stack-file', `required variable(s) not set in ${files}: ${[...new Set(problems.required)].join(', ')}`, {
            hint: 'set them with the env or env-file input',
        });
    if (problems.unset.size) {
        throw new src/* InputError */.dz('stack-file', `variable(s) used in ${files} but not set: ${[...problems.unset].sort().join(', ')}`, {
            hint: 'set them with the env or env-file input, or give a default: ${VAR:-default}',
        });
    }
    const services = composeServices(mergeDocs(docs));
    if (services.length === 0)
        throw new src/* InputError */.dz('stack-file', `${files}: no services defined`);
    checkImages(services, composeServices(mergeDocs(inputs.stackFile.map((f) => f.doc))), inputs, env);
    const pins = planPins(services, inputs.releaseFile?.services, inputs.allowUnpinned);
    if (pins.missingImage.length)
        throw new src/* InputError */.dz('stack-file', `service(s) without an image: ${pins.missingImage.join(', ')} (docker stack deploy does not build images)`);
    const release = inputs.releaseFile;
    if (pins.unusedRelease.length && release) {
        const list = pins.unusedRelease.map((n) => `${n} (${release.services[n]?.image})`).join(', ');
        throw new src/* InputError */.dz('release-file', `names service(s) no service of the stack uses: ${list}`, {
            hint: 'is this the release of another stack? Stack images: ' + services.map((s) => s.image).join(', '),
        });
    }
    if (pins.unpinned.length) {
        const list = pins.unpinned.map((n) => `${n} (${pins.images.get(n)?.from})`).join(', ');
        throw new src/* InputError */.dz('release-file', `service image(s) in neither the release nor allow-unpinned: ${list}`, {
            hint: 'add them to the release, pin them by digest in the stack file, or list their repositories in allow-unpinned',
        });
    }
    const pinned = [...pins.images].filter(([, p]) => p.to !== p.from);
    const version = composeVersion(docs);
    const lines = version ? [`version: ${JSON.stringify(version)}`] : [];
    lines.push('services:');
    for (const [name, p] of pinned)
        lines.push(`  ${JSON.stringify(name)}:`, `    image: ${JSON.stringify(p.to.replace(/\$/g, '$$$$'))}`);
    return { env, services: services.map((s) => s.name), pins, override: pinned.length ? `${lines.join('\n')}\n` : undefined };
}
/**
 * Every service image must be a valid reference once interpolated, before
 * docker sees it. The error names where the bad value came from: the `env`
 * or `env-file` input and the variable, or the stack file itself.
 */
function checkImages(services, written, inputs, env) {
    for (const s of services) {
        if (s.image === undefined)
            continue;
        try {
            (0,src/* parseImageReference */.o_)(s.image);
        }
        catch (e) {
            if (!(e instanceof src/* InvalidReferenceError */.x_))
                throw e;
            const why = e.message.replace(/^image reference "[^"]*" /, '');
            const raw = written.find((w) => w.name === s.name)?.image ?? s.image;
            const vars = raw === s.image ? [] : [...new Set(variableRefs(raw).map((v) => v.name))];
            const from = (name) => (inputs.env.has(name) ? 'env' : inputs.envFile.has(name) ? 'env-file' : undefined);
            const source = vars.map(from).find((input) => input !== undefined) ?? 'stack-file';
            const values = vars.map((v) => `${v}=${(0,src/* show */.WU)(env[v] ?? '')}${from(v) ? ` (from ${from(v)})` : env[v] === undefined ? ' (default)' : ' (from the job environment)'}`);
            throw new src/* InputError */.dz(source, `service ${s.name}: image ${(0,src/* show */.WU)(raw)}${values.length ? ` with ${values.join(', ')}` : ''} is ${(0,src/* show */.WU)(s.image)}, which ${why}`, { hint: 'an image is [registry/]repository[:tag][@sha256:digest]: check the variables the stack file uses for it' });
        }
    }
}
/** The stack file as docker itself renders it (client ≥ 25): images must be the pinned ones. */
function checkRendered(rendered, plan) {
    const services = rendered?.services ?? {};
    for (const [name, p] of plan.pins.images) {
        const got = services[name]?.image;
        if (got !== p.to)
            throw new src/* Failure */.HR(`docker stack config renders service ${name} with image ${got ?? '(none)'}, expected ${p.to}`);
    }
}

;// CONCATENATED MODULE: ./actions/deploy-swarm-stack/src/main.ts









/** The ssh key directory, handed to the post step so a cancelled run still removes it. */
const sshDirState = (0,src/* stateSlot */.OT)('sshDir');
async function run() {
    const inputs = await getInputs();
    const plan = makePlan(inputs);
    await src/* core.group */.I8.group(`Plan: stack ${inputs.stackName}`, async () => logPlan(inputs, plan));
    const runnerTemp = process.env.RUNNER_TEMP || (0,external_node_os_.tmpdir)();
    const work = (0,external_node_fs_.mkdtempSync)((0,external_node_path_.join)(runnerTemp, 'deploy-swarm-stack-'));
    let sshDir;
    try {
        let docker = new Docker({ variables: plan.env });
        if (inputs.dockerHost) {
            const ssh = setUpSsh({ parent: runnerTemp, host: inputs.dockerHost, privateKey: inputs.sshPrivateKey, knownHosts: inputs.sshKnownHosts });
            sshDir = ssh.dir;
            sshDirState.save(ssh.dir);
            docker = docker.with(ssh.endpoint);
        }
        const files = inputs.stackFile.map((f) => f.path);
        if (plan.override) {
            const override = (0,external_node_path_.join)(work, 'pins.yml');
            (0,external_node_fs_.writeFileSync)(override, plan.override, { mode: 0o600 });
            files.push(override);
        }
        await src/* core.group */.I8.group(`Check the stack file and Docker on ${docker.describeEndpoint()}`, async () => {
            await validateWithDocker(docker, files, plan);
            await connect(docker, inputs);
        });
        // The deploy and convergence code loads once the inputs are good: the fail-fast path stays a cold start of kit and the inputs.
        const { deployStack } = await __nccwpck_require__.e(/* import() */ 91).then(__nccwpck_require__.bind(__nccwpck_require__, 9091));
        const result = await deployStack(docker, {
            stack: inputs.stackName,
            files,
            withRegistryAuth: inputs.withRegistryAuth,
            prune: inputs.prune,
            timeoutMs: inputs.timeout,
            pendingGraceMs: inputs.pendingGrace,
            rollbackOnFailure: inputs.rollbackOnFailure,
            log: (line) => src/* core.info */.I8.info(line),
            group: src/* core.group */.I8.group,
        });
        report(inputs, result);
        if (!result.ok) {
            const hint = failureHint(inputs, result);
            throw new src/* Failure */.HR(result.reason, hint ? { hint } : {});
        }
        src/* core.info */.I8.info(`Stack ${inputs.stackName} converged in ${(0,src/* formatDuration */.a3)(result.convergedMs ?? 0)}`);
    }
    finally {
        (0,external_node_fs_.rmSync)(work, { recursive: true, force: true });
        if (sshDir)
            await cleanUpSsh(sshDir, runnerTemp);
    }
}
/** The post step: removes the ssh directory if main could not (cancelled, killed). */
async function post() {
    const dir = sshDirState.read();
    if (!dir)
        return;
    const runnerTemp = process.env.RUNNER_TEMP || (0,external_node_os_.tmpdir)();
    if (await cleanUpSsh(dir, runnerTemp))
        src/* core.info */.I8.info(`Removed the ssh key directory ${dir}`);
}
function logPlan(inputs, plan) {
    src/* core.info */.I8.info(`Stack ${inputs.stackName}: ${plan.services.length} service(s) from ${inputs.stackFile.map((f) => f.path).join(', ')}`);
    for (const [name, p] of plan.pins.images) {
        const how = {
            release: `pinned from release ${inputs.releaseFile?.version ?? ''}`,
            digest: 'pinned by digest in the stack file',
            allowed: 'allowed unpinned',
            unpinned: 'not pinned (no release-file)',
        }[p.how];
        src/* core.info */.I8.info(`  ${name}: ${p.to}  (${how})`);
    }
    if (!inputs.releaseFile && [...plan.pins.images.values()].some((p) => p.how === 'unpinned')) {
        src/* core.warning */.I8.warning('No release-file: images are deployed by tag, so the running bits are whatever the tag points at when Swarm resolves it.');
    }
}
/** Docker's own merge + interpolation + schema check, where the client has `docker stack config`. */
async function validateWithDocker(docker, files, plan) {
    const features = await docker.detectFeatures();
    if (!features.stackConfig) {
        src/* core.info */.I8.info('This docker client has no `docker stack config` (client < 25): the stack was checked by our own parser only.');
        return;
    }
    // A client-only command: rendered locally, without opening a connection to the endpoint.
    const r = await docker.with({ host: null }).query(['stack', 'config', ...files.flatMap((f) => ['--compose-file', f])], { allowFailure: true });
    if (r.code !== 0)
        throw new src/* ConfigurationError */.j1(`The stack file is not valid for docker: ${(r.stderr || r.stdout).trim()}`);
    const { parse } = await __nccwpck_require__.e(/* import() */ 9).then(__nccwpck_require__.t.bind(__nccwpck_require__, 8009, 19));
    checkRendered(parse(r.stdout), plan);
    src/* core.info */.I8.info('docker stack config: the merged stack file is valid and every image is the planned one');
}
async function connect(docker, inputs) {
    const where = docker.describeEndpoint();
    try {
        const [v, info] = await Promise.all([docker.version(), docker.query(['info', '--format', '{{.Swarm.LocalNodeState}} {{.Swarm.ControlAvailable}}'])]);
        const [state, manager] = info.stdout.trim().split(' ');
        src/* core.info */.I8.info(`Docker on ${where}: engine ${v.server} (API ${v.serverApi}), client ${v.client}, swarm ${state}${manager === 'true' ? ', manager' : ''}`);
        if (state !== 'active')
            throw new src/* ConfigurationError */.j1(`Docker on ${where} is not part of a swarm (state ${state})`, {
                hint: 'run `docker swarm init` there, or point docker-host at a manager',
            });
        if (manager !== 'true')
            throw new src/* ConfigurationError */.j1(`Docker on ${where} is a swarm worker, not a manager: stacks can only be deployed on a manager`);
    }
    catch (e) {
        if (!(e instanceof src/* ExecError */.cI))
            throw e;
        const msg = (0,src/* errorMessage */.gJ)(e);
        const hostKey = /Host key verification failed|REMOTE HOST IDENTIFICATION HAS CHANGED|No .* host key is known/i.test(msg);
        throw new src/* Failure */.HR(`Cannot reach Docker on ${where}: ${msg}`, {
            hint: hostKey
                ? 'the host key the server presented is not in ssh-known-hosts: check the host and the pinned key (never disable the check)'
                : inputs.dockerHost
                    ? 'check docker-host, that the ssh user may run docker, and ssh-private-key'
                    : 'is the Docker daemon running and is this job allowed to use its socket?',
        });
    }
}
function report(inputs, result) {
    const services = result.services.map((s) => ({
        name: s.name,
        mode: s.mode,
        image: s.image,
        digest: s.digest,
        desired: s.desired,
        running: s.running,
        state: s.state,
        changed: result.changed.includes(s.name),
        ...(s.reason ? { reason: s.reason } : {}),
        hosts: s.placement,
        runningDigests: s.runningDigests,
    }));
    const outputs = {
        services,
        'converged-seconds': result.convergedMs === undefined ? '' : (result.convergedMs / 1000).toFixed(1),
        'rolled-back': result.rolledBack,
    };
    (0,src/* setOutputs */.n0)(outputs);
    const s = new src/* Summary */.BD().heading(`Stack ${inputs.stackName}: ${result.ok ? 'converged' : result.rolledBack ? 'failed, rolled back' : 'failed'}`);
    const settled = result.settledMs > 0
        ? ` Re-checked for ${(0,src/* formatDuration */.a3)(result.settledMs)} after that (Swarm counts a node that just died as Ready for up to its heartbeat window): still converged.`
        : '';
    s.text(result.ok
        ? `Converged in ${(0,src/* formatDuration */.a3)(result.convergedMs ?? 0)}${inputs.releaseFile ? `, release \`${inputs.releaseFile.version}\`` : ''}${inputs.dockerHost ? ` on \`${inputs.dockerHost.url}\`` : ''}.${settled}`
        : result.reason);
    s.table(['Service', 'Mode', 'Image', 'Tasks', 'Hosts', 'State', 'Changed'], result.services.map((x) => [
        x.name,
        x.mode,
        x.image,
        `${x.running}/${x.desired}${x.mode.endsWith('job') ? ' completed' : ' running'}`,
        (0,nodes/* formatPlacement */.Hv)(x.placement),
        x.state === 'failed' ? `❌ ${x.reason}` : x.state === 'converged' ? '✅ converged' : `⏳ ${x.reason}`,
        result.changed.includes(x.name) ? 'yes' : 'no',
    ]));
    if (result.diagnostics)
        s.details('docker stack ps and task logs', `\`\`\`\n${result.diagnostics.replace(/```/g, "'''")}\n\`\`\``);
    s.write();
}
/** The fix that applies to a failed deploy, when we know it. */
function failureHint(inputs, result) {
    if (/No such image/i.test(result.reason)) {
        return inputs.withRegistryAuth
            ? 'the Swarm nodes could not pull the image with the credentials sent: log the runner in to that registry (docker/login-action, or `docker login`) before this step, with an account that may pull it'
            : 'a private registry? The Swarm nodes pull with the credentials the deploy sends: log the runner in to the registry (docker/login-action, or `docker login`) before this step and set with-registry-auth: true';
    }
    return undefined;
}

;// CONCATENATED MODULE: ./actions/deploy-swarm-stack/src/index.ts


// One bundle for both stages: kit's runAction tells the post stage from the main one.
void (0,src/* runAction */.Cs)(run, post);

