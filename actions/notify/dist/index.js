import { createRequire as __WEBPACK_EXTERNAL_createRequire } from "module";
/******/ var __webpack_modules__ = ({

/***/ 4941:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   DU: () => (/* binding */ fullText),
/* harmony export */   Ng: () => (/* binding */ eventBlocks),
/* harmony export */   Vc: () => (/* binding */ statusBlocks),
/* harmony export */   Y6: () => (/* binding */ buildMessage),
/* harmony export */   cj: () => (/* binding */ eventText),
/* harmony export */   qS: () => (/* binding */ statusText),
/* harmony export */   qy: () => (/* binding */ html)
/* harmony export */ });
/* unused harmony exports displayName, clock, mrkdwn */
/* harmony import */ var _switchyard_kit__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(9501);
/* harmony import */ var _status__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(9308);
// The one formatter: a release's status and the event, built once into a
// Message, then rendered as plain text, Slack blocks and HTML mail. Every
// channel says the same thing.


const ICONS = { started: '⏳', succeeded: '✓', failed: '✗', 'rolled-back': '↩' };
const WORDS = { started: 'deploying', succeeded: 'succeeded', failed: 'failed', 'rolled-back': 'rolled back' };
const PENDING = '·';
/** How an environment name reads: short names in capitals (qa → QA), others capitalised (prod → Prod). */
function displayName(env) {
    if (env.length <= 3)
        return env.toUpperCase();
    return env.charAt(0).toUpperCase() + env.slice(1);
}
function clock(iso, timeZone) {
    return new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone }).format(new Date(iso));
}
function stamp(iso, timeZone) {
    const d = new Date(iso);
    const date = new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit', timeZone }).format(d);
    return `${date} ${clock(iso, timeZone)} ${timeZone}`;
}
const shortSha = (sha) => sha.slice(0, 7);
const shortDigest = (digest) => digest.replace(/^(sha256:[0-9a-f]{12})[0-9a-f]*$/, '$1');
function statusLine(name, s, timeZone) {
    if (!s)
        return { environment: displayName(name), icon: PENDING, text: 'not yet' };
    const d = (0,_status__WEBPACK_IMPORTED_MODULE_1__/* .durationMs */ .pc)(s);
    const parts = [`${clock(s.at, timeZone)} ${WORDS[s.state]}${d === undefined ? '' : ` in ${(0,_switchyard_kit__WEBPACK_IMPORTED_MODULE_0__/* .formatDuration */ .a3)(d)}`}`];
    if (s.color)
        parts.push(s.color);
    return { environment: displayName(name), icon: ICONS[s.state], text: parts.join(', ') };
}
function buildMessage(status, event, opts) {
    const env = displayName(event.environment);
    const mine = status.environments.find((e) => e.name === event.environment)?.status;
    const d = mine ? (0,_status__WEBPACK_IMPORTED_MODULE_1__/* .durationMs */ .pc)(mine) : undefined;
    const word = WORDS[event.kind] === 'deploying' ? 'started' : WORDS[event.kind];
    const color = event.color ? ` (${event.color})` : '';
    let headline = `${env} ${ICONS[event.kind]} ${word}: release ${event.version}${color}`;
    if (event.kind === 'rolled-back' && event.previousVersion)
        headline += `; ${event.previousVersion} is live again`;
    const fields = [
        { label: 'Environment', value: env },
        { label: 'Result', value: word },
        ...(event.color ? [{ label: 'Color', value: event.color }] : []),
        ...(d !== undefined ? [{ label: 'Duration', value: (0,_switchyard_kit__WEBPACK_IMPORTED_MODULE_0__/* .formatDuration */ .a3)(d) }] : []),
        { label: 'Time', value: stamp(event.at, opts.timeZone) },
        ...(event.actor ? [{ label: 'By', value: event.actor }] : []),
        ...(event.commit ? [{ label: 'Commit', value: shortSha(event.commit) }] : []),
        ...(event.previousVersion ? [{ label: 'Previous version', value: event.previousVersion }] : []),
        ...(event.runUrl ? [{ label: 'Run', value: event.workflow || 'workflow run', link: event.runUrl }] : []),
    ];
    const repo = status.repository ? ` · ${status.repository}` : '';
    return {
        subject: `${status.repository ? `[${status.repository}] ` : ''}${env} ${ICONS[event.kind]} ${word}: ${event.version}`,
        title: `Release ${status.version}${repo}`,
        lines: status.environments.map((e) => statusLine(e.name, e.status, opts.timeZone)),
        headline,
        fields,
        services: Object.entries(event.services)
            .sort(([a], [b]) => a.localeCompare(b))
            .map(([name, s]) => [name, `${s.image}@${shortDigest(s.digest)}`]),
        rollbackCommand: event.rollbackCommand,
        details: event.details,
    };
}
// ---- plain text -------------------------------------------------------------
/** The live status: title and a line per environment (the Slack message's text, the top of the mail). */
function statusText(m) {
    const width = Math.max(0, ...m.lines.map((l) => l.environment.length));
    return [m.title, ...m.lines.map((l) => `${l.environment.padEnd(width)}  ${l.icon} ${l.text}`)].join('\n');
}
/** The event: headline and details (the thread reply's text). */
function eventText(m) {
    const out = [m.headline];
    if (m.details)
        out.push(m.details);
    const width = Math.max(0, ...m.fields.map((f) => f.label.length));
    for (const f of m.fields)
        out.push(`${`${f.label}:`.padEnd(width + 1)} ${f.value}${f.link ? ` <${f.link}>` : ''}`);
    if (m.services.length) {
        out.push('Services:');
        const w = Math.max(...m.services.map(([n]) => n.length));
        for (const [name, ref] of m.services)
            out.push(`  ${name.padEnd(w)}  ${ref}`);
    }
    if (m.rollbackCommand)
        out.push('Roll back with:', `  ${m.rollbackCommand}`);
    return out.join('\n');
}
/** The whole message as plain text (the mail's text part). */
function fullText(m) {
    return `${statusText(m)}\n\n${eventText(m)}\n`;
}
// ---- Slack blocks -------------------------------------------------------------
/** Escapes the three characters Slack's mrkdwn treats as control characters. */
const mrkdwn = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
function statusBlocks(m) {
    return [
        { type: 'header', text: { type: 'plain_text', text: m.title.slice(0, 150), emoji: true } },
        { type: 'section', text: { type: 'mrkdwn', text: m.lines.map((l) => `*${mrkdwn(l.environment)}*  ${l.icon} ${mrkdwn(l.text)}`).join('\n') } },
        { type: 'context', elements: [{ type: 'mrkdwn', text: `Latest: ${mrkdwn(m.headline)}` }] },
    ];
}
function eventBlocks(m) {
    const value = (f) => (f.link ? `<${f.link}|${mrkdwn(f.value)}>` : mrkdwn(f.value));
    const blocks = [{ type: 'section', text: { type: 'mrkdwn', text: `*${mrkdwn(m.headline)}*${m.details ? `\n${mrkdwn(m.details)}` : ''}` } }];
    // A section holds at most 10 fields.
    for (let i = 0; i < m.fields.length; i += 10) {
        blocks.push({ type: 'section', fields: m.fields.slice(i, i + 10).map((f) => ({ type: 'mrkdwn', text: `*${mrkdwn(f.label)}*\n${value(f)}` })) });
    }
    if (m.services.length) {
        blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: m.services.map(([n, r]) => `*${mrkdwn(n)}* \`${mrkdwn(r)}\``).join('\n') }] });
    }
    if (m.rollbackCommand)
        blocks.push({ type: 'section', text: { type: 'mrkdwn', text: `Roll back with:\n\`\`\`${mrkdwn(m.rollbackCommand)}\`\`\`` } });
    return blocks;
}
// ---- HTML mail ---------------------------------------------------------------
function html(m) {
    const e = _switchyard_kit__WEBPACK_IMPORTED_MODULE_0__/* .escapeHtml */ .ZD;
    const td = 'style="padding:2px 12px 2px 0;vertical-align:top"';
    const rows = (cells) => cells.map((c) => `<tr>${c.map((x) => `<td ${td}>${x}</td>`).join('')}</tr>`).join('\n');
    const value = (f) => (f.link ? `<a href="${e(f.link)}">${e(f.value)}</a>` : e(f.value));
    return [
        '<!doctype html>',
        '<html><body style="font-family:sans-serif;font-size:14px">',
        `<h2 style="margin:0 0 8px">${e(m.title)}</h2>`,
        `<table>\n${rows(m.lines.map((l) => [`<b>${e(l.environment)}</b>`, e(l.icon), e(l.text)]))}\n</table>`,
        `<h3 style="margin:16px 0 8px">${e(m.headline)}</h3>`,
        m.details ? `<p>${e(m.details)}</p>` : '',
        `<table>\n${rows(m.fields.map((f) => [e(f.label), value(f)]))}\n</table>`,
        m.services.length
            ? `<h4 style="margin:16px 0 4px">Services</h4>\n<table>\n${rows(m.services.map(([n, r]) => [e(n), `<code>${e(r)}</code>`]))}\n</table>`
            : '',
        m.rollbackCommand ? `<h4 style="margin:16px 0 4px">Roll back with</h4>\n<pre>${e(m.rollbackCommand)}</pre>` : '',
        '</body></html>',
        '',
    ]
        .filter((s) => s !== '')
        .join('\n');
}


/***/ }),

/***/ 6785:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   q: () => (/* binding */ EVENTS)
/* harmony export */ });
/** The events a workflow reports, in the order a deployment goes through them. */
const EVENTS = ['started', 'succeeded', 'failed', 'rolled-back'];


/***/ }),

/***/ 9308:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Db: () => (/* binding */ toMetadata),
/* harmony export */   U7: () => (/* binding */ fromMetadata),
/* harmony export */   Z8: () => (/* binding */ applyEvent),
/* harmony export */   pc: () => (/* binding */ durationMs)
/* harmony export */ });
/* unused harmony export METADATA_EVENT_TYPE */
/* harmony import */ var _model__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(6785);

/** Slack metadata event type of a release's live message. */
const METADATA_EVENT_TYPE = 'switchyard_release';
/**
 * The release's status after `event`: the environment's line is replaced,
 * environments keep their order (`order` first, then first seen), and a
 * finished event keeps the start time the started event recorded.
 */
function applyEvent(previous, event, order = []) {
    const known = new Map((previous?.environments ?? []).map((e) => [e.name, e.status]));
    const names = [];
    for (const n of [...order, ...known.keys(), event.environment])
        if (!names.includes(n))
            names.push(n);
    const before = known.get(event.environment);
    const startedAt = event.kind === 'started' ? event.at : event.startedAt || (before?.state === 'started' ? before.at : before?.startedAt);
    const status = {
        state: event.kind,
        at: event.at,
        ...(startedAt ? { startedAt } : {}),
        ...(event.color ? { color: event.color } : {}),
        ...(event.runUrl ? { runUrl: event.runUrl } : {}),
    };
    known.set(event.environment, status);
    return {
        repository: event.repository,
        version: event.version,
        commit: event.commit || previous?.commit || '',
        environments: names.map((name) => {
            const s = known.get(name);
            return s ? { name, status: s } : { name };
        }),
    };
}
/** Milliseconds from start to the last event, for a finished environment. */
function durationMs(s) {
    if (s.state === 'started' || !s.startedAt)
        return undefined;
    const ms = Date.parse(s.at) - Date.parse(s.startedAt);
    return Number.isFinite(ms) && ms >= 0 ? ms : undefined;
}
function toMetadata(s) {
    return {
        event_type: METADATA_EVENT_TYPE,
        event_payload: { schema: 1, repository: s.repository, version: s.version, commit: s.commit, status: JSON.stringify(s.environments) },
    };
}
/** The status a message's metadata carries, or undefined when it is not a release message of ours (or not this release). */
function fromMetadata(metadata, match) {
    if (typeof metadata !== 'object' || metadata === null)
        return undefined;
    const m = metadata;
    if (m.event_type !== METADATA_EVENT_TYPE || typeof m.event_payload !== 'object' || m.event_payload === null)
        return undefined;
    const p = m.event_payload;
    if (p.schema !== 1 || p.repository !== match.repository || p.version !== match.version || typeof p.status !== 'string')
        return undefined;
    let raw;
    try {
        raw = JSON.parse(p.status);
    }
    catch {
        return undefined;
    }
    if (!Array.isArray(raw))
        return undefined;
    const environments = [];
    for (const e of raw) {
        if (typeof e !== 'object' || e === null || typeof e.name !== 'string')
            return undefined;
        const { name, status } = e;
        environments.push(isEnvStatus(status) ? { name, status } : { name });
    }
    return { repository: p.repository, version: p.version, commit: typeof p.commit === 'string' ? p.commit : '', environments };
}
function isEnvStatus(v) {
    if (typeof v !== 'object' || v === null)
        return false;
    const s = v;
    return _model__WEBPACK_IMPORTED_MODULE_0__/* .EVENTS */ .q.includes(s.state) && typeof s.at === 'string';
}


/***/ }),

/***/ 2198:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   M0: () => (/* binding */ formatAddress),
/* harmony export */   Mb: () => (/* binding */ parseAddressList),
/* harmony export */   NO: () => (/* binding */ parseSmtpUrl),
/* harmony export */   or: () => (/* binding */ parseAddress),
/* harmony export */   pn: () => (/* binding */ parseChannel)
/* harmony export */ });
/* harmony import */ var _switchyard_kit__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(9501);
// Pure parsers for where notifications go: e-mail address lists, the SMTP URL,
// the Slack channel ID. Every error names the input and shows the bad value.

const LOCAL = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]+$/;
const DOMAIN = /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;
function isAddress(a) {
    const at = a.lastIndexOf('@');
    if (at <= 0)
        return false;
    const local = a.slice(0, at);
    return LOCAL.test(local) && !local.startsWith('.') && !local.endsWith('.') && !local.includes('..') && DOMAIN.test(a.slice(at + 1));
}
/** `ann@example.com` or `Ann Example <ann@example.com>`. */
function parseAddress(input, text) {
    const t = text.trim();
    const named = /^([^<>"]*?)\s*<([^<>\s]+)>$/.exec(t);
    const address = named ? named[2] : t;
    if (!isAddress(address)) {
        throw new _switchyard_kit__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(input, `${(0,_switchyard_kit__WEBPACK_IMPORTED_MODULE_0__/* .show */ .WU)(t)} is not an e-mail address: expected name@example.com or Name <name@example.com>`);
    }
    const name = named?.[1]?.trim();
    return name ? { name, address } : { address };
}
/** A comma- or newline-separated list of addresses; at least one. */
function parseAddressList(input, text) {
    const items = text.split(/[\n,]/).map((s) => s.trim());
    if (items.every((s) => s === ''))
        throw new _switchyard_kit__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(input, 'is empty: give one or more e-mail addresses');
    return items.filter((s) => s !== '').map((s) => parseAddress(input, s));
}
const formatAddress = (a) => (a.name ? `"${a.name.replace(/["\\]/g, '\\$&')}" <${a.address}>` : a.address);
function parseSmtpUrl(input, value) {
    const m = /^(smtps?):\/\/(.*)$/i.exec(value);
    if (!m)
        throw new _switchyard_kit__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(input, `${(0,_switchyard_kit__WEBPACK_IMPORTED_MODULE_0__/* .show */ .WU)(value)} is not an SMTP URL: expected smtp://host[:port] (STARTTLS) or smtps://host[:port] (TLS)`);
    const authority = m[2].split(/[/?#]/)[0].replace(/^.*@/, '');
    if (authority === '' || authority.startsWith(':'))
        throw new _switchyard_kit__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(input, `${(0,_switchyard_kit__WEBPACK_IMPORTED_MODULE_0__/* .show */ .WU)(value)} has no host: expected e.g. smtp://mail.example.com:587`);
    let url;
    try {
        url = new URL(value);
    }
    catch {
        throw new _switchyard_kit__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(input, `${(0,_switchyard_kit__WEBPACK_IMPORTED_MODULE_0__/* .show */ .WU)(value)} is not a valid URL`);
    }
    if (url.hostname === '')
        throw new _switchyard_kit__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(input, `${(0,_switchyard_kit__WEBPACK_IMPORTED_MODULE_0__/* .show */ .WU)(value)} has no host: expected e.g. smtp://mail.example.com:587`);
    if ((url.pathname !== '' && url.pathname !== '/') || url.search || url.hash) {
        throw new _switchyard_kit__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(input, `${(0,_switchyard_kit__WEBPACK_IMPORTED_MODULE_0__/* .show */ .WU)(value)} has a path or query; an SMTP URL is only scheme://[user@]host[:port]`);
    }
    const secure = m[1].toLowerCase() === 'smtps';
    const port = url.port === '' ? (secure ? 465 : 587) : Number(url.port);
    return {
        host: url.hostname.replace(/^\[|\]$/g, ''),
        port,
        secure,
        username: decodeURIComponent(url.username),
        password: decodeURIComponent(url.password),
    };
}
/** Slack channel IDs: C… (public), G… (private), D… (direct). conversations.history needs the ID, not a name. */
function parseChannel(input, value) {
    if (/^[CGD][A-Z0-9]{6,}$/.test(value))
        return value;
    if (/^#/.test(value) || /^[a-z0-9._-]+$/.test(value)) {
        throw new _switchyard_kit__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(input, `${(0,_switchyard_kit__WEBPACK_IMPORTED_MODULE_0__/* .show */ .WU)(value)} is a channel name; give the channel's ID (e.g. C0123ABCD)`, {
            hint: "In Slack: the channel's name → About → the Channel ID at the bottom.",
        });
    }
    throw new _switchyard_kit__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(input, `${(0,_switchyard_kit__WEBPACK_IMPORTED_MODULE_0__/* .show */ .WU)(value)} is not a Slack channel ID (C…, G… or D… followed by letters and digits)`);
}


/***/ }),

/***/ 9501:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  j1: () => (/* reexport */ ConfigurationError),
  B2: () => (/* reexport */ Deadline),
  HR: () => (/* reexport */ Failure),
  dz: () => (/* reexport */ errors_InputError),
  G0: () => (/* reexport */ Inputs),
  BD: () => (/* reexport */ Summary),
  Ck: () => (/* reexport */ addSecret),
  I8: () => (/* reexport */ core_namespaceObject),
  gJ: () => (/* reexport */ errors_errorMessage),
  ZD: () => (/* reexport */ escapeHtml),
  a3: () => (/* reexport */ duration_formatDuration),
  rO: () => (/* reexport */ readManifestsInput),
  uk: () => (/* reexport */ retry_realSleep),
  E$: () => (/* reexport */ secrets_redact),
  L5: () => (/* reexport */ retry),
  Cs: () => (/* reexport */ runAction),
  pO: () => (/* reexport */ runContext),
  Vp: () => (/* reexport */ runUrl),
  n0: () => (/* reexport */ setOutputs),
  WU: () => (/* reexport */ errors_show)
});

// UNUSED EXPORTS: DIGEST_PATTERN, DIGEST_RE, DOCKER_HUB, ExecError, InvalidReferenceError, ManifestError, Masker, REPOSITORY_PATH_RE, RetryError, SERVICE_RE, TAG_RE, VERSION_RE, WaitTimeoutError, awsClientConfig, backoffDelay, describeCommand, execute, formatImageReference, isRepository, isValidDigest, isValidRegistryHost, isValidRepositoryPath, isValidTag, mapConcurrent, markdownTable, mergeManifests, normalizeRepository, parseDuration, parseImageReference, parseKeyValues, parseManifest, parseUrl, parseYaml, parseYamlSource, pinnedRef, readManifest, readManifests, registryOfAuthKey, reportFailure, runnerInputs, splitImageReference, splitList, stateSlot, validateManifest, waitFor, withService, writeManifest

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
function errors_errorMessage(e) {
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
            throw new InputError(name, `${show(line)} is not KEY=value`);
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
                throw new RetryError(`${opts.label}: gave up after ${tries} attempt${tries === 1 ? '' : 's'} in ${spent}: ${errors_errorMessage(e)}`, tries, e);
            }
            opts.log?.(`${opts.label}: attempt ${tries} failed (${errors_errorMessage(e)}); retrying in ${duration_formatDuration(delay)}`);
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
function secrets_redact(text) {
    return known.redact(text);
}

;// CONCATENATED MODULE: ./packages/kit/src/exec.ts



class ExecError extends Failure {
    command;
    result;
    name = 'ExecError';
    constructor(command, result) {
        const tail = (result.stderr.trim() || result.stdout.trim()).split('\n').slice(-15).join('\n');
        super(`${command} exited with code ${result.code}${tail ? `:\n${secrets_redact(tail)}` : ''}`);
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
        core.info(`$ ${command}`);
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
            throw new ManifestError(`${origin}: version ${errors_show(manifest.version)} differs from ${errors_show(out.version)} in ${first.origin}`);
        if (manifest.commit !== out.commit)
            throw new ManifestError(`${origin}: commit ${errors_show(manifest.commit)} differs from ${errors_show(out.commit)} in ${first.origin}`);
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
    return { save: (value) => core.saveState(name, value), read: () => core.getState(name) };
}
/**
 * A Failure (or ConfigurationError) becomes a single `::error::` annotation with
 * its hint and exit code 1; anything else is a bug, reported with its stack.
 */
function reportFailure(e) {
    if (e instanceof Failure) {
        setFailed(secrets_redact(e.hint ? `${e.message}\nHint: ${e.hint}` : e.message));
        return;
    }
    if (e instanceof Error && e.stack)
        info(secrets_redact(e.stack));
    setFailed(secrets_redact(`Unexpected error: ${errors_errorMessage(e)} (this is a bug in Switchyard; please report it with the log)`));
}

;// CONCATENATED MODULE: ./packages/kit/src/index.ts


















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

/***/ 1421:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:child_process");

/***/ }),

/***/ 7598:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:crypto");

/***/ }),

/***/ 610:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:dns");

/***/ }),

/***/ 8474:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:events");

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

/***/ 7030:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:net");

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

/***/ 1692:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:tls");

/***/ }),

/***/ 3136:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:url");

/***/ }),

/***/ 7975:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:util");

/***/ }),

/***/ 8522:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:zlib");

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
// EXTERNAL MODULE: ./actions/notify/src/format.ts
var format = __nccwpck_require__(4941);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __nccwpck_require__(3024);
// EXTERNAL MODULE: ./actions/notify/src/model.ts
var model = __nccwpck_require__(6785);
// EXTERNAL MODULE: ./actions/notify/src/targets.ts
var targets = __nccwpck_require__(2198);
;// CONCATENATED MODULE: ./actions/notify/src/inputs.ts




const ENV_RE = /^[A-Za-z0-9][A-Za-z0-9 ._-]{0,39}$/;
const VERSION_RE = /^[A-Za-z0-9][A-Za-z0-9._+-]{0,127}$/;
/** Reads and checks every input before anything is sent; secrets are masked as soon as they are read. */
function getInputs(source) {
    const r = new src/* Inputs */.G0(source);
    const slackToken = r.string('slack-token');
    const smtpPassword = r.string('smtp-password');
    const webhookRaw = r.string('slack-webhook-url');
    (0,src/* addSecret */.Ck)(slackToken);
    (0,src/* addSecret */.Ck)(smtpPassword);
    (0,src/* addSecret */.Ck)(webhookRaw);
    const event = r.enum('event', model/* EVENTS */.q);
    const environment = r.string('environment', { required: true, pattern: ENV_RE, patternHint: 'a short name such as qa, uat or prod' });
    const environments = r.list('environments', { commas: true });
    for (const e of environments)
        if (!ENV_RE.test(e))
            throw new src/* InputError */.dz('environments', `${(0,src/* show */.WU)(e)} is not an environment name`);
    const releaseFile = (0,src/* readManifestsInput */.rO)('release-file', r.list('release-file', { commas: true }));
    const version = r.string('version', { pattern: VERSION_RE, patternHint: 'a release version such as 2026.12.01-3f2a9c1' });
    if (!releaseFile && !version)
        throw new src/* InputError */.dz('release-file', 'is required (or give version): the notification names a release');
    const startedAt = r.string('started-at');
    if (startedAt && Number.isNaN(Date.parse(startedAt)))
        throw new src/* InputError */.dz('started-at', `${(0,src/* show */.WU)(startedAt)} is not an ISO 8601 time`);
    // Slack: api mode (token + channel) or webhook mode, not both.
    const slackChannelRaw = r.string('slack-channel');
    const slackWebhookUrl = webhookRaw ? r.url('slack-webhook-url', { protocols: ['https:', 'http:'] }) : undefined;
    if (slackToken && slackWebhookUrl)
        throw new src/* InputError */.dz('slack-webhook-url', 'is set together with slack-token: use one of them');
    if (slackToken && !slackChannelRaw)
        throw new src/* InputError */.dz('slack-channel', 'is required with slack-token: the ID of the channel the bot posts in (e.g. C0123ABCD)');
    if (slackChannelRaw && !slackToken) {
        throw new src/* InputError */.dz('slack-token', `is required with slack-channel ${(0,src/* show */.WU)(slackChannelRaw)}`, {
            hint: slackWebhookUrl ? 'An incoming webhook posts to its own channel: drop slack-channel.' : 'Pass the bot token from a secret.',
        });
    }
    if (slackToken && !/^(xoxe\.)?xox[a-z]-/.test(slackToken))
        throw new src/* InputError */.dz('slack-token', 'is not a Slack token (xoxb-…)');
    const slackChannel = slackChannelRaw ? (0,targets/* parseChannel */.pn)('slack-channel', slackChannelRaw) : '';
    const slackApiUrl = r.url('slack-api-url') ?? new URL('https://slack.com/api');
    // E-mail.
    const smtpRaw = r.string('smtp-url');
    const mailToRaw = r.string('mail-to');
    const mailFromRaw = r.string('mail-from');
    const smtpUrl = smtpRaw ? (0,targets/* parseSmtpUrl */.NO)('smtp-url', smtpRaw) : undefined;
    (0,src/* addSecret */.Ck)(smtpUrl?.password);
    if (!smtpUrl && (mailToRaw || mailFromRaw))
        throw new src/* InputError */.dz('smtp-url', `is required with ${mailToRaw ? 'mail-to' : 'mail-from'}: the mail server to send through`);
    if (smtpUrl && !mailToRaw)
        throw new src/* InputError */.dz('mail-to', 'is required with smtp-url: one or more recipients');
    if (smtpUrl && !mailFromRaw)
        throw new src/* InputError */.dz('mail-from', 'is required with smtp-url: the sender address');
    const mailTo = mailToRaw ? (0,targets/* parseAddressList */.Mb)('mail-to', mailToRaw) : [];
    const mailFrom = mailFromRaw ? (0,targets/* parseAddress */.or)('mail-from', mailFromRaw) : undefined;
    const smtpUsername = r.string('smtp-username') || smtpUrl?.username || '';
    if (smtpPassword && !smtpUsername)
        throw new src/* InputError */.dz('smtp-username', 'is required with smtp-password');
    const smtpCaFile = r.optionalString('smtp-ca-file');
    if (smtpCaFile) {
        try {
            (0,external_node_fs_.readFileSync)(smtpCaFile, 'utf8');
        }
        catch {
            throw new src/* InputError */.dz('smtp-ca-file', `${(0,src/* show */.WU)(smtpCaFile)} cannot be read`);
        }
    }
    if (!slackToken && !slackWebhookUrl && !smtpUrl) {
        throw new src/* InputError */.dz('slack-channel', 'nothing to notify: set slack-token with slack-channel, or slack-webhook-url, or smtp-url with mail-to', {
            hint: 'In a workflow, guard the step with `if:` on the variables that configure it.',
        });
    }
    const timeZone = r.string('time-zone', { default: 'UTC' });
    try {
        new Intl.DateTimeFormat('en-GB', { timeZone });
    }
    catch {
        throw new src/* InputError */.dz('time-zone', `${(0,src/* show */.WU)(timeZone)} is not an IANA time zone (e.g. UTC, Europe/Berlin)`);
    }
    return {
        event,
        environment,
        environments,
        releaseFile,
        version: releaseFile?.version ?? version,
        color: r.string('color', { pattern: /^[A-Za-z0-9_-]{1,20}$/, patternHint: 'a colour name such as blue or green' }),
        startedAt,
        previousVersion: r.string('previous-version'),
        rollbackCommand: r.string('rollback-command'),
        details: r.string('details'),
        slackToken,
        slackChannel,
        slackWebhookUrl,
        slackApiUrl,
        slackHistoryLimit: r.int('slack-history-limit', { default: 200, min: 1, max: 1000 }),
        smtpUrl,
        smtpUsername,
        smtpPassword: smtpPassword || smtpUrl?.password || '',
        smtpCaFile,
        mailFrom,
        mailTo,
        timeZone,
        timeout: r.duration('timeout', { default: '30s', min: 1000 }),
        failOnError: r.bool('fail-on-error', { default: false }),
    };
}

// EXTERNAL MODULE: ./actions/notify/src/status.ts
var src_status = __nccwpck_require__(9308);
;// CONCATENATED MODULE: ./actions/notify/src/main.ts




function buildEvent(inputs, ctx, now) {
    const m = inputs.releaseFile;
    return {
        kind: inputs.event,
        environment: inputs.environment,
        at: now.toISOString(),
        version: inputs.version,
        commit: m?.commit || ctx.sha,
        services: m?.services ?? {},
        repository: ctx.repository,
        runUrl: (0,src/* runUrl */.Vp)(ctx),
        actor: ctx.actor,
        workflow: ctx.workflow,
        color: inputs.color,
        startedAt: inputs.startedAt ? new Date(inputs.startedAt).toISOString() : '',
        previousVersion: inputs.previousVersion,
        rollbackCommand: inputs.rollbackCommand,
        details: inputs.details,
    };
}
const describe = (e) => (0,src/* redact */.E$)(e instanceof src/* Failure */.HR && e.hint ? `${(0,src/* errorMessage */.gJ)(e)} (${e.hint})` : (0,src/* errorMessage */.gJ)(e));
async function run() {
    const inputs = getInputs();
    const event = buildEvent(inputs, (0,src/* runContext */.pO)(), new Date());
    const deadline = new src/* Deadline */.B2(inputs.timeout);
    const log = (line) => src/* core.info */.I8.info((0,src/* redact */.E$)(line));
    const render = (s) => (0,format/* buildMessage */.Y6)(s, event, { timeZone: inputs.timeZone });
    src/* core.info */.I8.info(`${event.environment}: ${event.kind}, release ${event.version}${event.color ? ` (${event.color})` : ''}`);
    let status = (0,src_status/* applyEvent */.Z8)(undefined, event, inputs.environments);
    const outputs = { ok: true, errors: [], 'slack-ts': '', 'slack-reply-ts': '', 'mail-message-id': '', 'event-time': event.at, text: '' };
    const deliveries = [];
    const failed = (channel, e) => {
        if (!(e instanceof src/* Failure */.HR) && e instanceof Error && e.stack)
            src/* core.debug */.I8.debug((0,src/* redact */.E$)(e.stack));
        const message = describe(e);
        outputs.errors.push({ channel, message });
        deliveries.push({ channel, ok: false, detail: message });
        log(`✗ ${message}`);
    };
    if (inputs.slackToken) {
        await src/* core.group */.I8.group(`Slack: the release's message in ${inputs.slackChannel}`, async () => {
            try {
                const { notifySlack } = await __nccwpck_require__.e(/* import() */ 685).then(__nccwpck_require__.bind(__nccwpck_require__, 8685));
                const target = { baseUrl: inputs.slackApiUrl, token: inputs.slackToken, channel: inputs.slackChannel, historyLimit: inputs.slackHistoryLimit };
                const r = await notifySlack(target, event, inputs.environments, render, { deadline, log });
                status = r.status;
                outputs['slack-ts'] = r.ts;
                outputs['slack-reply-ts'] = r.replyTs;
                deliveries.push({
                    channel: 'slack',
                    ok: true,
                    detail: `${r.updated ? 'updated' : 'posted'} message ${r.ts} in ${inputs.slackChannel}, thread reply ${r.replyTs}`,
                });
            }
            catch (e) {
                failed('slack', e);
            }
        });
    }
    else if (inputs.slackWebhookUrl) {
        const url = inputs.slackWebhookUrl;
        await src/* core.group */.I8.group('Slack: incoming webhook', async () => {
            try {
                const { notifyWebhook } = await __nccwpck_require__.e(/* import() */ 685).then(__nccwpck_require__.bind(__nccwpck_require__, 8685));
                await notifyWebhook(url, render(status), { deadline, log });
                deliveries.push({ channel: 'slack-webhook', ok: true, detail: 'posted a new message (webhooks cannot update one)' });
            }
            catch (e) {
                failed('slack-webhook', e);
            }
        });
    }
    const message = render(status);
    outputs.text = (0,format/* fullText */.DU)(message);
    const smtp = inputs.smtpUrl;
    if (smtp && inputs.mailFrom) {
        const from = inputs.mailFrom;
        await src/* core.group */.I8.group(`E-mail to ${inputs.mailTo.length} recipient(s) via ${smtp.host}:${smtp.port}`, async () => {
            try {
                const { sendMail } = await __nccwpck_require__.e(/* import() */ 13).then(__nccwpck_require__.bind(__nccwpck_require__, 2013));
                const target = { smtp, username: inputs.smtpUsername, password: inputs.smtpPassword, caFile: inputs.smtpCaFile, from, to: inputs.mailTo };
                const headers = { 'X-Switchyard-Release': event.version, 'X-Switchyard-Environment': event.environment, 'X-Switchyard-Event': event.kind };
                const r = await sendMail(target, { subject: message.subject, text: outputs.text, html: (0,format/* html */.qy)(message), headers }, { deadline, log });
                outputs['mail-message-id'] = r.messageId;
                log(`Sent ${r.messageId} to ${r.accepted.join(', ')}`);
                deliveries.push({ channel: 'email', ok: true, detail: `sent ${r.messageId} to ${r.accepted.join(', ')}` });
            }
            catch (e) {
                failed('email', e);
            }
        });
    }
    outputs.ok = outputs.errors.length === 0;
    (0,src/* setOutputs */.n0)(outputs);
    summary(message, deliveries).write();
    src/* core.info */.I8.info(outputs.text);
    if (outputs.errors.length === 0)
        return;
    const text = outputs.errors.map((e) => `${e.channel}: ${e.message}`).join('\n');
    if (inputs.failOnError)
        throw new src/* Failure */.HR(`Notification failed:\n${text}`);
    for (const e of outputs.errors)
        src/* core.warning */.I8.warning(`Notification (${e.channel}) not delivered; the deployment is not affected: ${e.message}`, { title: 'notify' });
}
function summary(m, deliveries) {
    const s = new src/* Summary */.BD().heading(`Notify: ${m.headline}`);
    s.table(['Environment', '', 'Status'], m.lines.map((l) => [l.environment, l.icon, l.text]));
    s.table(['Channel', 'Result', 'Detail'], deliveries.map((d) => [d.channel, d.ok ? '✅ delivered' : '⚠️ not delivered', d.detail]));
    s.details('The event as sent', `<pre>${(0,src/* escapeHtml */.ZD)((0,format/* eventText */.cj)(m))}</pre>`);
    return s;
}

;// CONCATENATED MODULE: ./actions/notify/src/index.ts


void (0,src/* runAction */.Cs)(run);

