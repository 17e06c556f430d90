import { createRequire as __WEBPACK_EXTERNAL_createRequire } from "module";
/******/ var __webpack_modules__ = ({

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

/***/ 6982:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("crypto");

/***/ }),

/***/ 4434:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("events");

/***/ }),

/***/ 9896:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("fs");

/***/ }),

/***/ 9278:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("net");

/***/ }),

/***/ 6698:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:async_hooks");

/***/ }),

/***/ 1421:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:child_process");

/***/ }),

/***/ 7598:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:crypto");

/***/ }),

/***/ 3053:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:diagnostics_channel");

/***/ }),

/***/ 3024:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs");

/***/ }),

/***/ 1455:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs/promises");

/***/ }),

/***/ 7067:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:http");

/***/ }),

/***/ 2467:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:http2");

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

/***/ 1708:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:process");

/***/ }),

/***/ 7075:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:stream");

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

/***/ 2203:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("stream");

/***/ }),

/***/ 3193:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("string_decoder");

/***/ }),

/***/ 3557:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("timers");

/***/ }),

/***/ 4756:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("tls");

/***/ }),

/***/ 7016:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("url");

/***/ }),

/***/ 9023:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("util");

/***/ }),

/***/ 3106:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("zlib");

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
/******/ 		__webpack_modules__[moduleId].call(module.exports, module, module.exports, __nccwpck_require__);
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
class errors_ConfigurationError extends Failure {
    name = 'ConfigurationError';
}
/** A configuration error about one input: the message always names the input and the bad value. */
class errors_InputError extends errors_ConfigurationError {
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
        return parseUrl(name, v, opts.protocols);
    }
    /** Multi-line (or comma-separated with `commas: true`) list; blank lines and `#` comments dropped. */
    list(name, opts = {}) {
        return splitList(this.source(name), opts.commas ?? false);
    }
}
function parseUrl(name, value, protocols = ['http:', 'https:']) {
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
    const retryable = opts.retryable ?? ((e) => !(e instanceof errors_ConfigurationError));
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
                throw new RetryError(`${opts.label}: gave up after ${tries} attempt${tries === 1 ? '' : 's'} in ${spent}: ${errors_errorMessage(e)}`, tries, e);
            }
            opts.log?.(`${opts.label}: attempt ${tries} failed (${errors_errorMessage(e)}); retrying in ${formatDuration(delay)}`);
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
        throw new errors_InputError('aws-region', 'is not set and neither AWS_REGION nor AWS_DEFAULT_REGION is', {
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

class InvalidReferenceError extends (/* unused pure expression or super */ null && (ConfigurationError)) {
    name = 'InvalidReferenceError';
}
/** The one digest pattern (unanchored, for composing): only sha256 is accepted. */
const DIGEST_PATTERN = 'sha256:[a-f0-9]{64}';
const reference_DIGEST_RE = new RegExp(`^${DIGEST_PATTERN}$`);
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
    return reference_DIGEST_RE.test(digest);
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
function reference_splitImageReference(text) {
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
function reference_parseImageReference(ref, opts = {}) {
    const fail = (why) => {
        throw new InvalidReferenceError(`image reference ${show(ref)} ${why}`);
    };
    const text = ref.trim();
    if (!text)
        fail('is empty');
    const { repository: name, tag, digest } = reference_splitImageReference(text);
    if (digest !== undefined && !reference_DIGEST_RE.test(digest))
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
class ManifestError extends (/* unused pure expression or super */ null && (ConfigurationError)) {
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
        text = readFileSync(path, 'utf8');
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

















;// CONCATENATED MODULE: ./actions/init-db/src/sql.ts
/**
 * A small MySQL/MariaDB lexer that does two jobs in one pass over a migration
 * file, the way the `mysql` command-line client reads it:
 *
 * - splits it into statements on the current delimiter (`;`, or whatever a
 *   `DELIMITER xx` line sets, for procedures and triggers), never inside a
 *   string ('…', "…", `…`, with backslash and doubled-quote escapes) or a
 *   comment (`-- `, `#`, `/* … *\/`);
 * - builds the text the checksum is computed over: line endings normalised,
 *   comments removed, and every run of whitespace outside strings collapsed to
 *   one space. So comment-only and whitespace-only edits keep the checksum;
 *   any change to a statement, a string literal or an identifier changes it.
 *
 * Executable comments (`/*! … *\/`, `/*M! … *\/`) and optimizer hints
 * (`/*+ … *\/`) are code to the server: they are kept and count in the checksum.
 * Backslash escapes in strings are read as with the default SQL mode (not
 * NO_BACKSLASH_ESCAPES).
 */

/** A file the splitter cannot read (an unterminated string or comment), with the line. */
class SqlSyntaxError extends Error {
    line;
    name = 'SqlSyntaxError';
    constructor(message, line) {
        super(`line ${line}: ${message}`);
        this.line = line;
    }
}
const isSpace = (c) => c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f' || c === '\v';
const DELIMITER_LINE = /DELIMITER[ \t]+(\S+)[^\n]*(?:\n|$)/iy;
/** Normalises line endings (CRLF, CR → LF) and drops a byte-order mark. */
function normalizeNewlines(text) {
    return text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
}
function parseSql(input) {
    const text = normalizeNewlines(input);
    const n = text.length;
    const newlines = [];
    for (let i = 0; i < n; i++)
        if (text.charCodeAt(i) === 10)
            newlines.push(i);
    const lineAt = (pos) => {
        let lo = 0;
        let hi = newlines.length;
        while (lo < hi) {
            const mid = (lo + hi) >> 1;
            if (newlines[mid] < pos)
                lo = mid + 1;
            else
                hi = mid;
        }
        return lo + 1;
    };
    const statements = [];
    let norm = '';
    const space = () => {
        if (norm !== '' && !norm.endsWith(' '))
            norm += ' ';
    };
    let delimiter = ';';
    let start = -1; // first significant character of the current statement
    let end = -1; // end (exclusive) of its last significant token
    const significant = (from, to) => {
        if (start < 0)
            start = from;
        end = to;
    };
    const finish = () => {
        if (start >= 0)
            statements.push({ index: statements.length + 1, line: lineAt(start), sql: text.slice(start, end) });
        start = -1;
        end = -1;
    };
    let i = 0;
    while (i < n) {
        const c = text[i];
        // A client-side DELIMITER command, only where a statement may begin.
        if (start < 0 && (c === 'D' || c === 'd')) {
            DELIMITER_LINE.lastIndex = i;
            const m = DELIMITER_LINE.exec(text);
            if (m) {
                delimiter = m[1];
                space();
                norm += `DELIMITER ${delimiter}`;
                space();
                i = DELIMITER_LINE.lastIndex;
                continue;
            }
        }
        if (c === "'" || c === '"' || c === '`') {
            let j = i + 1;
            for (;;) {
                if (j >= n)
                    throw new SqlSyntaxError(`unterminated ${c === '`' ? 'quoted identifier' : 'string'} starting here`, lineAt(i));
                const d = text[j];
                if (d === '\\' && c !== '`')
                    j += 2;
                else if (d === c && text[j + 1] === c)
                    j += 2;
                else if (d === c)
                    break;
                else
                    j++;
            }
            norm += text.slice(i, j + 1);
            significant(i, j + 1);
            i = j + 1;
            continue;
        }
        if (c === '#' || (c === '-' && text[i + 1] === '-' && (i + 2 >= n || isSpace(text[i + 2])))) {
            const eol = text.indexOf('\n', i);
            i = eol < 0 ? n : eol;
            space();
            continue;
        }
        if (c === '/' && text[i + 1] === '*') {
            const close = text.indexOf('*/', i + 2);
            if (close < 0)
                throw new SqlSyntaxError('unterminated /* comment starting here', lineAt(i));
            const executable = text[i + 2] === '!' || text[i + 2] === '+' || text.startsWith('M!', i + 2);
            if (executable) {
                norm += text.slice(i, close + 2);
                significant(i, close + 2);
            }
            else
                space();
            i = close + 2;
            continue;
        }
        if (text.startsWith(delimiter, i)) {
            norm = norm.trimEnd() + (delimiter === ';' ? ';' : ` ${delimiter}`);
            space();
            finish();
            i += delimiter.length;
            continue;
        }
        if (isSpace(c)) {
            space();
            i++;
            continue;
        }
        norm += c;
        significant(i, i + 1);
        i++;
    }
    finish();
    const normalized = norm.trim();
    return { statements, normalized, checksum: (0,external_node_crypto_.createHash)('sha256').update(normalized).digest('hex') };
}
/** The statement's first line, for listings ("CREATE TABLE orders ("), shortened. */
function firstLine(sql, max = 100) {
    const line = (sql.split('\n')[0] ?? '').trim();
    return line.length > max ? `${line.slice(0, max)}…` : line;
}

;// CONCATENATED MODULE: ./actions/init-db/src/files.ts
/**
 * Reads the migration files: `V<version>__<description>.sql` (versioned, applied
 * once, in numeric version order), `R__<name>.sql` (repeatable, re-applied when
 * its checksum changes) and the seed directory's `*.sql` (QA data, applied after
 * migrations in file-name order, re-applied when changed). Every mistake in the
 * directory is reported before anything touches the database.
 */




const VERSIONED = /^V(\d+(?:[._]\d+)*)__(.+)\.sql$/;
const REPEATABLE = /^R__(.+)\.sql$/;
/** Splits "1_2" / "1.2" into digit strings without leading zeros; trailing zero parts dropped (1.0 = 1). */
function versionParts(version) {
    const parts = version.split(/[._]/).map((p) => p.replace(/^0+(?=\d)/, ''));
    while (parts.length > 1 && parts[parts.length - 1] === '0')
        parts.pop();
    return parts;
}
/** The canonical form of a version ("01_10_0" → "1.10"). */
const normalizeVersion = (version) => versionParts(version).join('.');
/** Parts per version seen: sorting and planning compare each version many times. */
const partsSeen = new Map();
const partsOf = (v) => partsSeen.get(v) ?? partsSeen.set(v, versionParts(v)).get(v);
/** Numeric comparison, part by part: 1.2 < 1.10 < 2; works for timestamps of any length. */
function compareVersions(a, b) {
    const pa = partsOf(a);
    const pb = partsOf(b);
    for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
        const x = pa[i] ?? '0';
        const y = pb[i] ?? '0';
        if (x.length !== y.length)
            return x.length - y.length;
        if (x !== y)
            return x < y ? -1 : 1;
    }
    return 0;
}
/** A valid version as an input value ("1.2", "1_2", "20261126"). */
const VERSION_PATTERN = /^\d+(?:[._]\d+)*$/;
/** What a file name says, or undefined when it is not a migration name. */
function parseFileName(name) {
    const v = VERSIONED.exec(name);
    if (v)
        return { kind: 'versioned', version: normalizeVersion(v[1]), description: v[2].replace(/_/g, ' ').trim() };
    const r = REPEATABLE.exec(name);
    if (r)
        return { kind: 'repeatable', description: r[1].replace(/_/g, ' ').trim() };
    return undefined;
}
/** Files that are not read and not errors: dotfiles (.gitkeep) and Markdown notes. */
const ignored = (name) => name.startsWith('.') || /\.md$/i.test(name);
function listDir(input, dir) {
    let entries;
    try {
        if (!(0,external_node_fs_.statSync)(dir).isDirectory())
            throw new errors_InputError(input, `${errors_show(dir)} is not a directory`);
        entries = (0,external_node_fs_.readdirSync)(dir, { withFileTypes: true });
    }
    catch (e) {
        if (e instanceof errors_InputError)
            throw e;
        throw new errors_InputError(input, `${errors_show(dir)} does not exist or cannot be read`);
    }
    const dirs = entries.filter((e) => e.isDirectory() && !ignored(e.name)).map((e) => e.name);
    if (dirs.length)
        throw new errors_InputError(input, `${errors_show(dir)} contains sub-directories (${dirs.map((d) => errors_show(d)).join(', ')}): only the files directly in it are read, so move them up or elsewhere`);
    return entries.filter((e) => !e.isDirectory() && !ignored(e.name)).map((e) => e.name);
}
/** The header marker of a contract migration: a comment line before the first statement. */
const PHASE_MARKER = /^\s*(?:--|#)\s*init-db:\s*(\S*)/i;
/**
 * A migration's phase from its header: `-- init-db: contract` on a comment line before the
 * first statement marks it contract; without one it is expand. (Comments are outside the
 * checksum, so marking an applied file is not drift.)
 */
function phaseOf(input, name, text, firstLine) {
    const header = text.split(/\r?\n/).slice(0, Math.max(0, firstLine - 1));
    for (const line of header) {
        const m = PHASE_MARKER.exec(line);
        if (!m)
            continue;
        const value = m[1].toLowerCase();
        if (value === 'contract' || value === 'expand')
            return value;
        throw new errors_InputError(input, `${name}: header ${errors_show(line.trim())} names phase ${errors_show(m[1])}; write -- init-db: contract (or leave the marker out for expand)`);
    }
    return 'expand';
}
function load(input, dir, name, kind, description, version) {
    const path = (0,external_node_path_.join)(dir, name);
    const text = (0,external_node_fs_.readFileSync)(path, 'utf8');
    const parsed = (() => {
        try {
            return parseSql(text);
        }
        catch (e) {
            if (e instanceof SqlSyntaxError)
                throw new errors_InputError(input, `${name}: ${e.message}`);
            throw e;
        }
    })();
    const phase = phaseOf(input, name, text, parsed.statements[0]?.line ?? Number.MAX_SAFE_INTEGER);
    return { kind, script: name, path, version, description, checksum: parsed.checksum, statements: parsed.statements, phase };
}
/** Reads migrations-dir: versioned files sorted by version, then repeatables sorted by name. */
function readMigrations(dir, input = 'migrations-dir') {
    const names = listDir(input, dir).sort();
    const malformed = [];
    const versioned = [];
    const repeatable = [];
    for (const name of names) {
        const p = parseFileName(name);
        if (!p || !p.description)
            malformed.push(name);
        else if (p.kind === 'versioned')
            versioned.push(load(input, dir, name, 'versioned', p.description, p.version));
        else
            repeatable.push(load(input, dir, name, 'repeatable', p.description));
    }
    if (malformed.length) {
        throw new errors_InputError(input, `malformed migration file name${malformed.length > 1 ? 's' : ''} in ${errors_show(dir)}: ${malformed.map((m) => errors_show(m)).join(', ')}; expected V<version>__<description>.sql (e.g. V1_2__add_orders.sql) or R__<name>.sql`);
    }
    versioned.sort((a, b) => compareVersions(a.version, b.version));
    for (let i = 1; i < versioned.length; i++) {
        const [a, b] = [versioned[i - 1], versioned[i]];
        if (a.version === b.version)
            throw new errors_InputError(input, `two files have version ${a.version}: ${errors_show(a.script)} and ${errors_show(b.script)}; give each migration its own version`);
    }
    return [...versioned, ...repeatable];
}
/** Reads seed-dir: every *.sql file, in file-name order. */
function readSeeds(dir, input = 'seed-dir') {
    const names = listDir(input, dir).sort();
    const other = names.filter((n) => !n.endsWith('.sql'));
    if (other.length)
        throw new errors_InputError(input, `${errors_show(dir)} holds files that are not .sql: ${other.map((o) => errors_show(o)).join(', ')}`);
    return names.map((name) => load(input, dir, name, 'seed', name.replace(/\.sql$/, '').replace(/_/g, ' ')));
}

;// CONCATENATED MODULE: ./actions/init-db/src/model.ts
/**
 * init-db's model: the database target, the migration files and their
 * statements, the history rows, and what a run reports. Every other module
 * imports its types from here; this module imports nothing of init-db.
 */
const SSL_MODES = ['auto', 'disabled', 'required', 'verify-ca', 'verify-identity'];
/** Label of a file in messages: "V3 (V3__add_orders.sql)" or "R__views.sql". */
const label = (f) => f.kind === 'versioned' && f.version ? `V${f.version} (${f.script})` : f.script;
/** What a run found and did, filled as it goes, so outputs and the summary tell the truth even when it stops half-way. */
class RunState {
    currentVersion = '';
    applied = [];
    pending = [];
    snapshotId = '';
    rows = [];
    dryRun = false;
    target = '';
    phase = 'all';
    /** Every pending statement's class (the `lint` output). */
    lint = [];
    row(file) {
        return this.rows.find((r) => r.script === file.script && r.kind === file.kind);
    }
}
/** The `phase` input: which migrations a run applies. */
const PHASES = ['all', 'expand', 'contract'];
/** The `online-ddl` input: clauses appended to ALTER TABLE and CREATE INDEX. */
const ONLINE_DDL = ['off', 'inplace', 'instant'];

;// CONCATENATED MODULE: ./actions/init-db/src/inputs.ts




const IDENTIFIER = /^[A-Za-z0-9_$]{1,59}$/; // room for the `_lock` table beside it
const DATABASE = /^[A-Za-z0-9_$-]{1,64}$/;
/** The URL with its password replaced, safe to show in an error. */
function redactedUrl(raw) {
    return raw.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:@/]*:)[^@/]*@/i, '$1***@');
}
/** Registers every form of the database URL and its password as secrets. Runs before any validation. */
function maskConnectionSecrets(url, password) {
    addSecret(password);
    if (!url)
        return;
    addSecret(url);
    addSecret(url.trim());
    const raw = /^[a-z][a-z0-9+.-]*:\/\/[^:@/]*:([^@/]*)@/i.exec(url)?.[1];
    if (raw) {
        addSecret(raw);
        try {
            addSecret(decodeURIComponent(raw));
        }
        catch {
            /* not valid percent-encoding: the raw form is masked */
        }
    }
    try {
        const u = new URL(url);
        addSecret(u.href);
        addSecret(u.password);
        addSecret(decodeURIComponent(u.password));
    }
    catch {
        /* reported by parseDatabaseUrl */
    }
}
/** Parses `mysql://user:pass@host:port/db?ssl-mode=…`; errors name `database-url` and never show the password. */
function parseDatabaseUrl(raw) {
    const input = 'database-url';
    const shown = errors_show(redactedUrl(raw));
    let u;
    try {
        u = new URL(raw);
    }
    catch {
        throw new errors_InputError(input, `${shown} is not a valid URL: expected mysql://user:password@host:port/database`);
    }
    if (u.protocol !== 'mysql:' && u.protocol !== 'mariadb:')
        throw new errors_InputError(input, `${shown} has protocol ${u.protocol}; expected mysql: (or mariadb:)`);
    if (!u.hostname)
        throw new errors_InputError(input, `${shown} has no host`);
    const database = decodeURIComponent(u.pathname.replace(/^\//, ''));
    if (!database)
        throw new errors_InputError(input, `${shown} names no database: add /<database> after the host`);
    if (!DATABASE.test(database))
        throw new errors_InputError(input, `database ${errors_show(database)} is not a plain database name (letters, digits, _ $ -)`);
    if (!u.username)
        throw new errors_InputError(input, `${shown} has no user name`);
    let sslMode;
    for (const [key, value] of u.searchParams) {
        if (key === 'ssl-mode' || key === 'sslmode' || key === 'ssl') {
            const v = value.toLowerCase();
            const mode = v === 'true' ? 'verify-identity' : v === 'false' ? 'disabled' : v;
            if (!SSL_MODES.includes(mode))
                throw new errors_InputError(input, `${key}=${errors_show(value)} is not one of ${SSL_MODES.join(', ')} (or true/false)`);
            sslMode = mode;
        }
        else {
            throw new errors_InputError(input, `unknown parameter ${errors_show(key)}: only ssl-mode is understood (use the ssl-ca input for a CA bundle)`);
        }
    }
    return {
        host: u.hostname.replace(/^\[|\]$/g, ''),
        port: u.port ? Number(u.port) : 3306,
        user: decodeURIComponent(u.username),
        password: decodeURIComponent(u.password),
        database,
        sslMode,
    };
}
function getInputs(source) {
    const r = new Inputs(source);
    // Secrets first: nothing, not even an input error, is printed before they are masked.
    const databaseUrl = r.raw('database-url');
    const passwordInput = r.raw('password');
    maskConnectionSecrets(databaseUrl, passwordInput);
    const rdsInstanceId = r.string('rds-instance-id', {
        pattern: /^[A-Za-z][A-Za-z0-9-]{0,62}$/,
        patternHint: 'an RDS DB instance identifier (letters, digits, hyphens)',
    });
    let sslMode = r.enum('ssl-mode', SSL_MODES, { default: 'auto' });
    let conn;
    if (databaseUrl) {
        for (const name of ['host', 'user', 'password', 'database']) {
            if (r.raw(name))
                throw new errors_InputError(name, 'is set together with database-url: give one or the other');
        }
        if (rdsInstanceId)
            throw new errors_InputError('rds-instance-id', 'is set together with database-url: the instance endpoint comes from RDS; give user, password and database instead');
        conn = parseDatabaseUrl(databaseUrl);
        if (conn.sslMode) {
            if (r.raw('ssl-mode') && r.raw('ssl-mode') !== 'auto' && r.raw('ssl-mode') !== conn.sslMode) {
                throw new errors_InputError('ssl-mode', `${errors_show(r.raw('ssl-mode'))} contradicts ssl-mode=${conn.sslMode} in database-url`);
            }
            sslMode = conn.sslMode;
        }
    }
    else {
        const host = r.string('host');
        if (!host && !rdsInstanceId)
            throw new errors_InputError('database-url', 'is required (or give host, or rds-instance-id, with user, password and database)');
        if (host && rdsInstanceId)
            throw new errors_InputError('host', 'is set together with rds-instance-id: the endpoint comes from RDS');
        if (host && !/^[A-Za-z0-9.:_-]+$/.test(host))
            throw new errors_InputError('host', `${errors_show(host)} is not a host name or address`);
        conn = {
            host,
            port: r.int('port', { default: 3306, min: 1, max: 65535 }),
            user: r.string('user', { required: true }),
            password: passwordInput,
            database: r.string('database', { required: true, pattern: DATABASE, patternHint: 'a database name (letters, digits, _ $ -)' }),
        };
    }
    const migrationsDir = r.string('migrations-dir', { required: true });
    const historyTable = r.string('history-table', {
        default: 'schema_history',
        pattern: IDENTIFIER,
        patternHint: 'a table name (letters, digits, _ $; at most 59 characters)',
    });
    const targetVersion = r.string('target-version', { pattern: VERSION_PATTERN, patternHint: 'a version such as 3, 1.2 or 1_10' });
    const snapshotBefore = r.bool('snapshot-before', { default: false });
    if (snapshotBefore && !rdsInstanceId)
        throw new errors_InputError('snapshot-before', 'is true but rds-instance-id is not set: snapshots are taken of an RDS instance');
    const sslCa = r.string('ssl-ca');
    if (sslCa && !(0,external_node_fs_.existsSync)(sslCa))
        throw new errors_InputError('ssl-ca', `${errors_show(sslCa)} does not exist: give the path of a PEM CA bundle`);
    if (sslCa && (sslMode === 'disabled' || sslMode === 'required'))
        throw new errors_InputError('ssl-ca', `is set but ssl-mode is ${sslMode}, which does not verify the server: use verify-ca or verify-identity`);
    const endpointUrl = r.string('endpoint-url');
    if (endpointUrl)
        r.url('endpoint-url');
    // With rds-instance-id, host and port are '' and 3306 until the lookup fills them in.
    const target = { ...conn, sslMode, sslCa, rds: false };
    return {
        target,
        databaseUrl,
        host: conn.host,
        port: conn.port,
        user: conn.user,
        password: conn.password,
        database: conn.database,
        sslMode,
        sslCa,
        rdsInstanceId,
        awsRegion: r.string('aws-region'),
        endpointUrl,
        snapshotBefore,
        rdsTimeout: r.duration('rds-timeout', { default: '30m', min: 1000 }),
        migrationsDir,
        seedDir: r.string('seed-dir'),
        historyTable,
        targetVersion: targetVersion ? normalizeVersion(targetVersion) : '',
        dryRun: r.bool('dry-run', { default: false }),
        createDatabase: r.bool('create-database', { default: false }),
        repair: r.bool('repair', { default: false }),
        phase: r.enum('phase', PHASES, { default: 'all' }),
        onlineDdl: r.enum('online-ddl', ONLINE_DDL, { default: 'off' }),
        connectTimeout: r.duration('connect-timeout', { default: '60s', min: 1000 }),
        lockTimeout: r.duration('lock-timeout', { default: '10m' }),
    };
}

;// CONCATENATED MODULE: ./actions/init-db/src/db.ts
/**
 * Connections (mysql2, loaded on first use), server-error formatting, and the
 * history table. Every error text that leaves this module went through
 * `redact()`: drivers can echo connection details.
 */


/** The TLS mode in force: `auto` is verify-identity for RDS and disabled otherwise. */
const effectiveSslMode = (t) => t.sslMode === 'auto' ? (t.rds ? 'verify-identity' : 'disabled') : t.sslMode;
/** mysql2 `ssl` options for a TLS mode (CA from ssl-ca, else the Amazon RDS bundle for RDS, else Node's store). */
async function sslOptions(t) {
    const mode = effectiveSslMode(t);
    if (mode === 'disabled')
        return undefined;
    if (mode === 'required')
        return { rejectUnauthorized: false };
    let ca;
    if (t.sslCa)
        ca = (0,external_node_fs_.readFileSync)(t.sslCa, 'utf8');
    else if (t.rds) {
        const m = (await __nccwpck_require__.e(/* import() */ 965).then(__nccwpck_require__.t.bind(__nccwpck_require__, 965, 23)));
        ca = m.default?.ca ?? m.ca;
    }
    return {
        ...(ca ? { ca } : {}),
        rejectUnauthorized: true,
        ...(mode === 'verify-ca' ? { checkServerIdentity: () => undefined } : {}),
    };
}
/** `mysql://user@host:port/db`: how we name a server in logs (never with the password). */
const describeTarget = (t, withDb = true) => `mysql://${t.user}@${t.host.includes(':') ? `[${t.host}]` : t.host}:${t.port}${withDb ? `/${t.database}` : ''}`;
/**
 * MariaDB numbers its own errors from 1880 on (its ER_LAST_MYSQL_ERROR_MESSAGE), where MySQL's
 * numbers mean other things: the driver's names there are MySQL's. The MariaDB names of the ones a
 * migration meets; any other is shown by its number alone.
 */
const MARIADB_ERRORS = {
    1918: 'ER_BAD_OPTION_VALUE',
    1927: 'ER_CONNECTION_KILLED',
    1969: 'ER_STATEMENT_TIMEOUT',
    4025: 'ER_CONSTRAINT_FAILED',
    4031: 'ER_NET_READ_INTERRUPTED',
    4078: 'ER_ILLEGAL_PARAMETER_DATA_TYPES2_FOR_OPERATION',
    4092: 'ER_UNKNOWN_SEQUENCES',
    4161: 'ER_UNKNOWN_DATA_TYPE',
};
const FIRST_MARIADB_ERRNO = 1880;
/** The error's name and number as the server means it: "ER_NO_SUCH_TABLE 1146", "MariaDB error 4168". */
function errorCode(d, server) {
    if (d.errno && server?.mariadb && d.errno >= FIRST_MARIADB_ERRNO) {
        const name = MARIADB_ERRORS[d.errno];
        return name ? `${name} ${d.errno}` : `MariaDB error ${d.errno}`;
    }
    return d.code && d.errno ? `${d.code} ${d.errno}` : (d.code ?? '');
}
/** "Table 'x' doesn't exist (ER_NO_SUCH_TABLE 1146)", redacted. */
function dbErrorText(e, server) {
    const d = (e ?? {});
    const msg = d.sqlMessage ?? d.message ?? String(e);
    const code = d.errno ? ` (${errorCode(d, server)})` : d.code && !msg.includes(d.code) ? ` (${d.code})` : '';
    return secrets_redact(`${msg}${code}`);
}
/** The server's version string and flavour, from the connection's handshake (no round trip). */
function serverInfo(conn) {
    const core = conn.connection;
    const version = core?._handshakePacket?.serverVersion ?? '';
    return { version, mariadb: /mariadb/i.test(version) };
}
const TRANSIENT = new Set([
    'ECONNREFUSED',
    'ECONNRESET',
    'ETIMEDOUT',
    'EHOSTUNREACH',
    'ENETUNREACH',
    'ENOTFOUND',
    'EAI_AGAIN',
    'EPIPE',
    'PROTOCOL_CONNECTION_LOST',
    'ER_CON_COUNT_ERROR',
    'ER_SERVER_SHUTDOWN',
    'ER_TOO_MANY_USER_CONNECTIONS',
]);
/** Errors worth another connection attempt: the server is not (yet) reachable or is starting. */
function isTransient(e) {
    const code = e?.code;
    return code !== undefined && TRANSIENT.has(code);
}
/**
 * Opens one connection, retrying while the server is unreachable or starting. The waits are cut
 * to the deadline and one last attempt is made at it, so connect-timeout is honoured to its end.
 */
async function connect(t, opts) {
    const mysql = await Promise.all(/* import() */[__nccwpck_require__.e(965), __nccwpck_require__.e(247)]).then(__nccwpck_require__.t.bind(__nccwpck_require__, 4247, 19));
    const ssl = await sslOptions(t);
    const where = describeTarget(t, opts.withDatabase);
    const now = opts.timing?.now ?? Date.now;
    const sleep = opts.timing?.sleep ?? realSleep;
    const started = now();
    const deadline = started + opts.timeoutMs;
    const label = `connect to ${where}`;
    try {
        return await retry(async (attempt) => {
            try {
                const conn = await mysql.createConnection({
                    host: t.host,
                    port: t.port,
                    user: t.user,
                    password: t.password,
                    database: opts.withDatabase ? t.database : undefined,
                    ssl,
                    connectTimeout: Math.max(1000, Math.min(10_000, deadline - now())),
                    // The migration connection sends its bookkeeping in the same round trip as the statements.
                    multipleStatements: opts.multipleStatements ?? false,
                    dateStrings: true,
                    supportBigNumbers: true,
                    charset: 'utf8mb4',
                });
                // A dropped connection is reported by the next query; keep the event from crashing the process.
                conn.on('error', () => undefined);
                return conn;
            }
            catch (e) {
                if (isTransient(e) && now() >= deadline) {
                    const tries = attempt + 1;
                    throw new RetryError(`${label}: gave up after ${tries} attempt${tries === 1 ? '' : 's'} in ${formatDuration(now() - started)}: ${errors_errorMessage(e)}`, tries, e);
                }
                throw e;
            }
        }, {
            label,
            initialMs: 250,
            maxMs: 2000,
            retryable: isTransient,
            log: (line) => opts.log(secrets_redact(line)),
            ...opts.timing,
            now,
            sleep: (ms) => sleep(Math.max(0, Math.min(ms, deadline - now()))),
        });
    }
    catch (e) {
        throw connectError(e, t, where);
    }
}
function connectError(e, t, where) {
    if (e instanceof RetryError) {
        return new Failure(secrets_redact(`Cannot reach ${where}: ${e.message.replace(/^connect to \S+: /, '')}`), {
            hint: 'the server did not accept connections within connect-timeout; check host/port (or the RDS instance), security groups, and that the database is running',
        });
    }
    const d = (e ?? {});
    const text = dbErrorText(e);
    if (d.code === 'ER_ACCESS_DENIED_ERROR' || d.code === 'ER_DBACCESS_DENIED_ERROR' || d.code === 'ER_ACCESS_DENIED_NO_PASSWORD_ERROR') {
        return new errors_ConfigurationError(`Cannot log in to ${where}: ${text}`, {
            hint: 'check the user and password (or database-url) and the user’s grants for this database and client host',
        });
    }
    if (d.code === 'ER_BAD_DB_ERROR') {
        return new errors_ConfigurationError(`Database ${t.database} does not exist on ${describeTarget(t, false)}: ${text}`, {
            hint: 'create it, or set create-database: true (QA)',
        });
    }
    if (/certificate|ssl|tls|handshake/i.test(text) || (d.code ?? '').startsWith('ERR_TLS') || (d.code ?? '').includes('CERT')) {
        return new Failure(`TLS connection to ${where} failed (ssl-mode ${effectiveSslMode(t)}): ${text}`, {
            hint: 'check ssl-mode and ssl-ca (a PEM bundle that signs the server certificate)',
        });
    }
    return new Failure(`Cannot connect to ${where}: ${text}`);
}
/** A UNIX_TIMESTAMP() value as "2026-11-26 06:40:01" (UTC), whatever the session time zone. */
const utc = (seconds) => new Date(Number(seconds) * 1000).toISOString().slice(0, 19).replace('T', ' ');
/**
 * Sends statements in one round trip (a connection with multipleStatements). The server stops at
 * the first error; the error then says in `completed` how many statements ended before it: the
 * results the driver received (mysql2 counts them, its result index), also when the connection
 * is lost half-way. The server answers each statement as it ends: `ended(i)` is told that
 * statements 0..i have ended (a statement that returns rows is told with the next one that does
 * not, or at the end).
 */
function sendBatch(conn, statements, ended) {
    const core = conn.connection;
    return new Promise((resolve, reject) => {
        const q = core.query(statements.join(';\n'), (err) => {
            const completed = q._resultIndex;
            if (!err) {
                ended?.(statements.length - 1);
                return resolve();
            }
            reject(Object.assign(err, { completed: typeof completed === 'number' ? completed : undefined }));
        });
        // With a callback, the driver still emits each statement's OK packet as it arrives (rows it collects).
        if (ended)
            q.on('result', () => typeof q._resultIndex === 'number' && ended(q._resultIndex));
    });
}
async function query(conn, sql, values = []) {
    const [rows] = await conn.query(sql, values);
    return rows;
}
/** A backtick-quoted identifier (names are validated; quoting is belt and braces). */
const ident = (name) => `\`${name.replace(/`/g, '``')}\``;
/**
 * A file's start on the server's clock, set in the round trip before its first statement: its
 * record's execution_ms is measured there, as the server ran it (`elapsed` in insertSql/updateSql),
 * also when the file shares a round trip with others. With `held` (an SQL condition: the
 * migration lock is still ours) the server also stops the round trip there when it is not: the
 * other branch is a subquery of two rows, ER_SUBQUERY_NO_1_ROW (1242), evaluated only then.
 */
const startClock = (held) => `SET @switchyard_file_started = ${held ? `IF(${held}, SYSDATE(6), (SELECT 1 UNION ALL SELECT 2))` : 'SYSDATE(6)'}`;
const ER_SUBQUERY_NO_1_ROW = 1242;
const ELAPSED_MS = 'COALESCE(ROUND(TIMESTAMPDIFF(MICROSECOND, @switchyard_file_started, SYSDATE(6)) / 1000), 0)';
class History {
    conn;
    database;
    table;
    server;
    /** `db`.`table`: qualified, so a migration's USE statement cannot redirect the records. */
    qualified;
    constructor(conn, database, table, server) {
        this.conn = conn;
        this.database = database;
        this.table = table;
        this.server = server;
        this.qualified = `${ident(database)}.${ident(table)}`;
    }
    /** Creates the table when it is missing, in one round trip with the check for the phase column (the connection takes several statements). */
    async ensure() {
        const [results] = await this.conn.query(`CREATE TABLE IF NOT EXISTS ${this.qualified} (
  installed_rank INT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  version VARCHAR(100) NULL COMMENT 'normalised version; NULL for repeatable and seed files',
  description VARCHAR(200) NOT NULL,
  type VARCHAR(20) NOT NULL COMMENT 'versioned, repeatable or seed',
  script VARCHAR(255) NOT NULL,
  checksum CHAR(64) NOT NULL COMMENT 'sha256 of the file without comments, whitespace runs collapsed',
  applied_at TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  applied_by VARCHAR(100) NOT NULL COMMENT 'GitHub actor',
  run_id VARCHAR(100) NOT NULL COMMENT 'GitHub run id/attempt',
  run_url VARCHAR(500) NOT NULL DEFAULT '',
  execution_ms INT NOT NULL,
  success TINYINT(1) NOT NULL,
  failed_statement INT NULL COMMENT '1-based statement that failed (success = 0)',
  committed_statements INT NULL COMMENT 'statements 1..n of a failed file that stay committed (success = 0)',
  error TEXT NULL COMMENT 'the server error (success = 0)',
  phase VARCHAR(10) NULL COMMENT 'expand or contract (the file''s header)',
  KEY ${ident(`${this.table}_version`.slice(0, 64))} (version)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COMMENT='Switchyard init-db migration history';
SHOW COLUMNS FROM ${this.qualified} LIKE 'phase'`);
        // Tables written before phases were recorded get the column (an instant, additive change).
        const phase = results[1] ?? [];
        if (phase.length === 0)
            await this.conn.query(`ALTER TABLE ${this.qualified} ADD COLUMN phase VARCHAR(10) NULL COMMENT 'expand or contract'`);
    }
    /** The records in order; none when the table does not exist yet. */
    async read() {
        const select = (phase) => query(this.conn, `SELECT installed_rank, version, description, type, script, checksum, UNIX_TIMESTAMP(applied_at) AS applied_at,
                applied_by, run_id, execution_ms, success, failed_statement, committed_statements, error, ${phase} AS phase
           FROM ${this.qualified} ORDER BY installed_rank`);
        let rows;
        try {
            rows = await select('phase');
        }
        catch (e) {
            if (e.code === 'ER_NO_SUCH_TABLE')
                return [];
            // A dry run against a table written before phases were recorded.
            if (e.code === 'ER_BAD_FIELD_ERROR')
                rows = await select("''");
            else
                throw e;
        }
        return rows.map((r) => ({
            rank: Number(r.installed_rank),
            version: r.version,
            description: String(r.description),
            type: String(r.type),
            script: String(r.script),
            checksum: String(r.checksum),
            appliedAt: utc(r.applied_at),
            appliedBy: String(r.applied_by),
            runId: String(r.run_id),
            executionMs: Number(r.execution_ms),
            success: Number(r.success) === 1,
            failedStatement: r.failed_statement === null ? null : Number(r.failed_statement),
            committedStatements: r.committed_statements === null ? null : Number(r.committed_statements),
            error: r.error,
            phase: String(r.phase ?? ''),
        }));
    }
    /** The INSERT of a record, as SQL text (values escaped), to send on its own or in a batch. */
    insertSql(row, elapsed = false) {
        return this.conn.format(`INSERT INTO ${this.qualified} (version, description, type, script, checksum, applied_by, run_id, run_url, execution_ms, success, failed_statement, committed_statements, error, phase)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ${elapsed ? ELAPSED_MS : '?'}, ?, ?, ?, ?, ?)`, [
            row.version,
            row.description.slice(0, 200),
            row.type,
            row.script,
            row.checksum,
            row.appliedBy.slice(0, 100),
            row.runId.slice(0, 100),
            row.runUrl.slice(0, 500),
            ...(elapsed ? [] : [row.executionMs]),
            row.success ? 1 : 0,
            row.failedStatement,
            row.committedStatements,
            row.error,
            row.phase,
        ]);
    }
    async record(row) {
        await this.conn.query(this.insertSql(row));
    }
    /**
     * A progress record (see apply.ts) is the file's one open record (success = 0): the lock keeps
     * other runs out, and an earlier failed record of the file blocks the run until repair deletes
     * it. So it is addressed by the file's version and script (the version index finds it), and its
     * updates share a round trip with the migration's own statements without reading anything back.
     */
    where(key) {
        return this.conn.format('WHERE version <=> ? AND script = ? AND success = 0', [key.version, key.script]);
    }
    /** Statements 1..n of the progress record's file are committed; n + 1 runs next. */
    progressSql(committed, key) {
        return this.conn.format(`UPDATE ${this.qualified} SET committed_statements = ?, failed_statement = ? ${this.where(key)}`, [committed, committed + 1]);
    }
    /** Turns the progress record into the file's outcome (success, or the failure). */
    updateSql(row, key, elapsed = false) {
        return this.conn.format(`UPDATE ${this.qualified} SET execution_ms = ${elapsed ? ELAPSED_MS : '?'}, success = ?, failed_statement = ?, committed_statements = ?, error = ?, applied_at = CURRENT_TIMESTAMP(3) ${this.where(key)}`, [...(elapsed ? [] : [row.executionMs]), row.success ? 1 : 0, row.failedStatement, row.committedStatements, row.error]);
    }
    /** Runs updateSql; false when there is no progress record of the file to update (it was never written). */
    async update(row, key) {
        const [r] = await this.conn.query(this.updateSql(row, key));
        return r.affectedRows > 0;
    }
    /** Deletes the failed records (success = 0), and only them; returns how many. */
    async deleteFailed() {
        const [r] = await this.conn.query(`DELETE FROM ${this.qualified} WHERE success = 0`);
        return r.affectedRows;
    }
}
/** The database's current columns (information_schema), for classifying MODIFY and CHANGE. */
async function currentColumns(conn, database) {
    const rows = await query(conn, 'SELECT TABLE_NAME AS t, COLUMN_NAME AS c, COLUMN_TYPE AS type, IS_NULLABLE AS nullable, COLUMN_DEFAULT AS def FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ?', [database]);
    return new Map(rows.map((r) => [`${String(r.t)}.${String(r.c)}`.toLowerCase(), { type: String(r.type), nullable: r.nullable === 'YES', hasDefault: r.def !== null }]));
}

;// CONCATENATED MODULE: ./actions/init-db/src/classify.ts
/** Worst first, for sorting and for a statement's overall class. */
const SEVERITY = { additive: 0, data: 1, locking: 2, incompatible: 3, destructive: 4 };
const worst = (classes) => classes.reduce((a, c) => (SEVERITY[c] > SEVERITY[a] ? c : a), 'additive');
/** Words, quoted identifiers, strings and punctuation; comments dropped, executable comments read as code. */
function tokenize(sql) {
    const out = [];
    let i = 0;
    const n = sql.length;
    while (i < n) {
        const c = sql[i];
        if (/\s/.test(c)) {
            i++;
        }
        else if (c === '#' || (c === '-' && sql[i + 1] === '-')) {
            const e = sql.indexOf('\n', i);
            i = e < 0 ? n : e;
        }
        else if (c === '/' && sql[i + 1] === '*') {
            if (sql[i + 2] === '!' || sql.startsWith('M!', i + 2)) {
                i += sql[i + 2] === '!' ? 3 : 4;
                while (/\d/.test(sql[i] ?? ''))
                    i++; // version number of /*!50100 … */
            }
            else {
                const e = sql.indexOf('*/', i + 2);
                i = e < 0 ? n : e + 2;
            }
        }
        else if (c === '*' && sql[i + 1] === '/') {
            i += 2; // end of an executable comment
        }
        else if (c === "'" || c === '"' || c === '`') {
            let j = i + 1;
            while (j < n && sql[j] !== c)
                j += sql[j] === '\\' && c !== '`' ? 2 : 1;
            const text = sql.slice(i + 1, j);
            out.push(c === '`' ? { t: text.toUpperCase(), raw: text, quoted: true } : { t: "'", raw: text, quoted: true });
            i = j + 1;
        }
        else if (/[A-Za-z0-9_$@]/.test(c)) {
            let j = i;
            while (j < n && /[A-Za-z0-9_$@.]/.test(sql[j]))
                j++;
            const raw = sql.slice(i, j);
            out.push({ t: raw.toUpperCase(), raw, quoted: false });
            i = j;
        }
        else {
            out.push({ t: c, raw: c, quoted: false });
            i++;
        }
    }
    return out;
}
/** Splits tokens on commas outside parentheses. */
function clauses(tokens) {
    const out = [[]];
    let depth = 0;
    for (const tok of tokens) {
        if (!tok.quoted && tok.t === '(')
            depth++;
        if (!tok.quoted && tok.t === ')')
            depth--;
        if (!tok.quoted && tok.t === ',' && depth === 0)
            out.push([]);
        else
            out[out.length - 1].push(tok);
    }
    return out.filter((c) => c.length > 0);
}
const word = (tok, ...words) => tok !== undefined && !tok.quoted && words.includes(tok.t);
const classify_name = (tok) => (tok ? tok.raw.replace(/^.*\./, '') : '?');
const has = (tokens, w) => tokens.some((t) => !t.quoted && t.t === w);
const hasSeq = (tokens, ...ws) => tokens.some((_, i) => ws.every((w, k) => word(tokens[i + k], w)));
/** Reads a column definition: its type (as written, lower case), NOT NULL, DEFAULT, and what makes NOT NULL harmless. */
function columnDef(def) {
    const typeEnd = def.findIndex((t, i) => i > 0 && !t.quoted && /^[A-Z]/.test(t.t) && !['UNSIGNED', 'ZEROFILL', 'BINARY'].includes(t.t) && def[i - 1]?.t !== '(');
    const typeTokens = def.slice(0, typeEnd < 0 ? def.length : typeEnd);
    return {
        type: typeTokens
            .map((t) => t.raw)
            .join('')
            .toLowerCase()
            .replace(/unsigned/, ' unsigned'),
        notNull: hasSeq(def, 'NOT', 'NULL'),
        hasDefault: has(def, 'DEFAULT') || has(def, 'AUTO_INCREMENT') || has(def, 'AS') || has(def, 'GENERATED'),
    };
}
const INT_RANK = { tinyint: 1, smallint: 2, mediumint: 3, int: 4, integer: 4, bigint: 5 };
/** Whether a new type holds every value of the old one (same family, not shorter); undefined when it cannot be told. */
function widens(from, to) {
    const parse = (t) => {
        const m = /^([a-z]+)(?:\((\d+)(?:,(\d+))?\))?( unsigned)?/.exec(t.replace(/\s+/g, ' ').trim());
        return m ? { base: m[1], len: m[2] ? Number(m[2]) : undefined, scale: m[3] ? Number(m[3]) : undefined, unsigned: !!m[4] } : undefined;
    };
    const a = parse(from);
    const b = parse(to);
    if (!a || !b)
        return undefined;
    if (a.base in INT_RANK && b.base in INT_RANK)
        return INT_RANK[b.base] >= INT_RANK[a.base] + (a.unsigned && !b.unsigned ? 1 : 0) && (!b.unsigned || a.unsigned);
    const text = ['char', 'varchar'];
    if (text.includes(a.base) && text.includes(b.base))
        return (b.len ?? 1) >= (a.len ?? 1);
    const blobs = ['tinytext', 'text', 'mediumtext', 'longtext'];
    if (blobs.includes(a.base) && blobs.includes(b.base))
        return blobs.indexOf(b.base) >= blobs.indexOf(a.base);
    if (a.base === 'decimal' && b.base === 'decimal')
        return (b.len ?? 10) - (b.scale ?? 0) >= (a.len ?? 10) - (a.scale ?? 0) && (b.scale ?? 0) >= (a.scale ?? 0);
    if (a.base === b.base && a.len === b.len && a.scale === b.scale && a.unsigned === b.unsigned)
        return true;
    if (a.base !== b.base)
        return false;
    return undefined;
}
/** Same type as written (length, scale, sign): a change that leaves the type alone. */
const sameType = (from, to) => from.replace(/\s+/g, '').replace(/^int\(\d+\)/, 'int') === to.replace(/\s+/g, '').replace(/^int\(\d+\)/, 'int');
function alterClause(table, c, columns, out) {
    const at = (i) => c[i];
    const first = at(0);
    if (!first)
        return;
    const push = (cls, why) => void out.push([cls, why]);
    if (word(first, 'ALGORITHM', 'LOCK'))
        return;
    if (word(first, 'ADD')) {
        let i = 1;
        if (word(at(i), 'COLUMN'))
            i++;
        if (word(at(i), 'IF') && word(at(i + 1), 'NOT') && word(at(i + 2), 'EXISTS'))
            i += 3;
        const k = at(i);
        if (word(k, 'INDEX', 'KEY', 'UNIQUE'))
            return push('additive', `adds index on ${table}`);
        if (word(k, 'FULLTEXT', 'SPATIAL'))
            return push('locking', `adds a ${k.t} index to ${table}: the server blocks writes while it builds it (LOCK=NONE is refused)`);
        if (word(k, 'PRIMARY'))
            return push('locking', `adds a primary key to ${table}: the table is rebuilt`);
        if (word(k, 'CONSTRAINT', 'FOREIGN', 'CHECK')) {
            if (has(c, 'FOREIGN'))
                return push('locking', `adds a foreign key to ${table}: the server copies the table (INPLACE needs foreign_key_checks=0)`);
            if (has(c, 'CHECK'))
                return push('incompatible', `adds a CHECK constraint to ${table}: running code’s writes that break it fail, and every row is checked`);
            if (has(c, 'UNIQUE'))
                return push('additive', `adds unique key on ${table}`);
            if (has(c, 'PRIMARY'))
                return push('locking', `adds a primary key to ${table}: the table is rebuilt`);
        }
        if (word(k, 'PARTITION'))
            return push('locking', `adds a partition to ${table}`);
        if (k?.t === '(')
            return push('additive', `adds columns to ${table}`);
        const def = columnDef(c.slice(i + 1));
        if (def.notNull && !def.hasDefault)
            return push('incompatible', `adds NOT NULL column ${table}.${classify_name(k)} without a default: running code’s INSERTs that do not name it fail`);
        return push('additive', `adds column ${table}.${classify_name(k)}`);
    }
    if (word(first, 'DROP')) {
        let i = 1;
        const k = at(i);
        if (word(k, 'PRIMARY'))
            return push('locking', `drops the primary key of ${table}: the table is copied`);
        if (word(k, 'INDEX', 'KEY'))
            return push('destructive', `drops index ${table}.${classify_name(at(i + 1 + (word(at(i + 1), 'IF') ? 2 : 0)))}: queries that use it slow down`);
        if (word(k, 'FOREIGN', 'CONSTRAINT', 'CHECK'))
            return push('additive', `drops a constraint of ${table} (relaxes)`);
        if (word(k, 'PARTITION'))
            return push('destructive', `drops a partition of ${table} and its rows`);
        if (word(k, 'COLUMN'))
            i++;
        if (word(at(i), 'IF') && word(at(i + 1), 'EXISTS'))
            i += 2;
        return push('destructive', `drops column ${table}.${classify_name(at(i))}: code that reads or writes it fails`);
    }
    if (word(first, 'RENAME')) {
        if (word(at(1), 'COLUMN'))
            return push('incompatible', `renames column ${table}.${classify_name(at(2))} to ${classify_name(at(4))}: running code uses the old name`);
        if (word(at(1), 'INDEX', 'KEY'))
            return push('additive', `renames an index of ${table}`);
        return push('incompatible', `renames table ${table} to ${classify_name(at(word(at(1), 'TO', 'AS') ? 2 : 1))}: running code uses the old name`);
    }
    if (word(first, 'MODIFY', 'CHANGE')) {
        let i = 1;
        if (word(at(i), 'COLUMN'))
            i++;
        if (word(at(i), 'IF') && word(at(i + 1), 'EXISTS'))
            i += 2;
        const old = classify_name(at(i));
        const renamed = first.t === 'CHANGE' ? classify_name(at(i + 1)) : old;
        const def = columnDef(c.slice(i + (first.t === 'CHANGE' ? 2 : 1)));
        if (renamed.toLowerCase() !== old.toLowerCase())
            push('incompatible', `renames column ${table}.${old} to ${renamed}: running code uses the old name`);
        const current = columns?.get(`${table}.${old}`.toLowerCase());
        if (def.notNull && !def.hasDefault && (!current || current.nullable))
            push('incompatible', `makes ${table}.${renamed} NOT NULL without a default: running code that writes no value (or NULL) fails`);
        if (current) {
            const wider = widens(current.type, def.type);
            if (sameType(current.type, def.type)) {
                if (!def.notNull && !current.nullable)
                    push('additive', `lets ${table}.${renamed} be NULL`);
                else
                    push('additive', `changes attributes of ${table}.${renamed}`);
            }
            else if (wider === false)
                push('incompatible', `narrows ${table}.${renamed} from ${current.type} to ${def.type}: values running code writes may no longer fit`);
            else
                push('locking', `changes the type of ${table}.${renamed} from ${current.type} to ${def.type}: the table is copied, writes wait`);
        }
        else
            push('locking', `changes column ${table}.${renamed} (${def.type}): a type change copies the table, writes wait`);
        return;
    }
    if (word(first, 'ALTER')) {
        const i = word(at(1), 'COLUMN') ? 2 : 1;
        if (word(at(i + 1), 'DROP') && word(at(i + 2), 'DEFAULT'))
            return push('incompatible', `drops the default of ${table}.${classify_name(at(i))}: running code’s INSERTs that do not name it fail`);
        return push('additive', `changes the default of ${table}.${classify_name(at(i))}`);
    }
    if (word(first, 'ENGINE', 'CONVERT', 'FORCE', 'ROW_FORMAT', 'ORDER') || (word(first, 'DEFAULT') && has(c, 'CHARSET')))
        return push('locking', `rebuilds ${table} (${c.map((t) => t.raw).join(' ')}): the table is copied, writes wait`);
    if (word(first, 'CHARACTER', 'CHARSET', 'COLLATE'))
        return push('additive', `changes the default character set of ${table} (new columns only)`);
    if (word(first, 'COMMENT', 'AUTO_INCREMENT'))
        return push('additive', `changes table options of ${table}`);
    if (word(first, 'PARTITION', 'REMOVE', 'COALESCE', 'REORGANIZE', 'EXCHANGE', 'TRUNCATE'))
        return push('locking', `repartitions ${table}`);
    push('locking', `${c
        .slice(0, 3)
        .map((t) => t.raw)
        .join(' ')} on ${table}: not known to be online`);
}
/** Classifies one statement (see the module comment). */
function classify(sql, columns) {
    const tokens = tokenize(sql);
    const t = (i) => tokens[i];
    const verdict = (cls, why, onlineDdl = false) => ({ class: cls, reasons: [why], onlineDdl });
    const head = t(0)?.t ?? '';
    if (head === 'CREATE') {
        let i = 1;
        if (word(t(i), 'OR') && word(t(i + 1), 'REPLACE'))
            i += 2;
        while (word(t(i), 'DEFINER', '=', 'TEMPORARY', 'ALGORITHM', 'SQL', 'SECURITY', 'INVOKER', 'UNDEFINED', 'MERGE', 'TEMPTABLE', 'AGGREGATE') ||
            t(i)?.raw.includes('@'))
            i++;
        const what = t(i)?.t ?? '';
        if (what === 'UNIQUE' || what === 'INDEX')
            return verdict('additive', 'adds an index', true);
        if (what === 'FULLTEXT' || what === 'SPATIAL')
            return verdict('locking', `adds a ${what} index: the server blocks writes while it builds it`, true);
        return verdict('additive', `creates ${what.toLowerCase() || 'an object'} ${classify_name(t(i + (word(t(i + 1), 'IF') ? 4 : 1)))}`);
    }
    if (head === 'DROP') {
        const what = t(1)?.t === 'TEMPORARY' ? (t(2)?.t ?? '') : (t(1)?.t ?? '');
        const target = classify_name(tokens.slice(2).find((x) => !word(x, 'IF', 'EXISTS', 'TABLE', 'TEMPORARY', 'VIEW')));
        // No online-DDL clauses here: MariaDB 10.11 refuses them on DROP INDEX (a syntax error); dropping an index is online anyway.
        if (what === 'INDEX')
            return verdict('destructive', `drops index ${target}: queries that use it slow down`);
        return verdict('destructive', `drops ${what.toLowerCase()} ${target}: code that uses it fails`);
    }
    if (head === 'TRUNCATE')
        return verdict('destructive', `empties table ${classify_name(tokens.find((x, k) => k > 0 && !word(x, 'TABLE')))}`);
    if (head === 'RENAME')
        return verdict('incompatible', `renames ${classify_name(t(2))} to ${classify_name(t(4))}: running code uses the old name`);
    if (head === 'DELETE' || head === 'UPDATE') {
        if (!has(tokens, 'WHERE'))
            return verdict('destructive', `${head} without WHERE changes every row`);
        return verdict('data', head === 'UPDATE' ? 'updates rows (backfill)' : 'deletes some rows');
    }
    if (head === 'INSERT' || head === 'REPLACE' || head === 'LOAD')
        return verdict('data', 'writes rows');
    if (head === 'ALTER') {
        let i = 1;
        while (word(t(i), 'ONLINE', 'IGNORE'))
            i++;
        if (!word(t(i), 'TABLE')) {
            const what = t(i)?.t.toLowerCase() ?? '';
            return verdict(what === 'view' ? 'incompatible' : 'additive', `alters ${what} ${classify_name(t(i + 1))}`);
        }
        i++;
        if (word(t(i), 'IF') && word(t(i + 1), 'EXISTS'))
            i += 2;
        const table = classify_name(t(i));
        const found = [];
        for (const c of clauses(tokens.slice(i + 1)))
            alterClause(table, c, columns, found);
        if (found.length === 0)
            return verdict('additive', `alters ${table}`, true);
        const cls = worst(found.map(([c]) => c));
        const reasons = found.filter(([c]) => cls === 'additive' || c !== 'additive').map(([, why]) => why);
        return { class: cls, reasons: [...new Set(reasons)], onlineDdl: true };
    }
    return verdict('additive', `${head.toLowerCase() || 'empty'} statement (no schema change)`);
}
/** Functions of a literal row that cannot wait or read anything. */
const CONSTANT_FUNCTIONS = ['NOW', 'CURRENT_TIMESTAMP', 'CURRENT_DATE', 'UTC_TIMESTAMP', 'UUID'];
/**
 * An INSERT or REPLACE … VALUES of literal rows (strings, numbers, NULL, DEFAULT, a few constant
 * functions): it reads no table and calls nothing that could wait, so it runs in a moment, as
 * long as its own text. `INSERT … SELECT`, `ON DUPLICATE KEY UPDATE`, SET and subqueries are not.
 */
function isLiteralInsert(sql) {
    const tokens = tokenize(sql);
    if (!word(tokens[0], 'INSERT', 'REPLACE'))
        return false;
    const values = tokens.findIndex((t) => word(t, 'VALUES', 'VALUE'));
    if (values < 0 || tokens.slice(0, values).some((t) => word(t, 'SELECT')))
        return false;
    return tokens
        .slice(values + 1)
        .every((t) => t.quoted
        ? t.t === "'"
        : /^[(),+-]$/.test(t.t) || /^\d[\d.]*(E[+-]?\d+)?$/.test(t.t) || ['NULL', 'TRUE', 'FALSE', 'DEFAULT', ...CONSTANT_FUNCTIONS].includes(t.t));
}
/**
 * Appends `ALGORITHM=…, LOCK=…` to an ALTER TABLE or CREATE INDEX so the server refuses a
 * plan that would lock or copy the table, instead of taking the lock. Statements that name
 * an algorithm or lock themselves are left as written.
 */
function withOnlineDdl(sql, mode) {
    const tokens = tokenize(sql);
    if (tokens.some((x) => word(x, 'ALGORITHM', 'LOCK')))
        return sql;
    const clause = mode === 'instant' ? 'ALGORITHM=INSTANT' : 'ALGORITHM=INPLACE, LOCK=NONE';
    // ALTER TABLE takes them as clauses; CREATE INDEX as trailing options.
    return word(tokens[0], 'ALTER') ? `${sql}, ${clause}` : `${sql} ${clause.replace(',', '')}`;
}
/** Every statement of the files, classified: the `lint` output, in apply order. */
function lint(files, columns) {
    return files.flatMap((f) => f.statements.map((s) => {
        const k = classify(s.sql, columns);
        return { script: f.script, statement: s.index, line: s.line, phase: f.phase, class: k.class, reason: k.reasons.join('; ') };
    }));
}
/** Whether the files hold a MODIFY or CHANGE, which the current columns would make more precise. */
const wantsColumns = (files) => files.some((f) => f.statements.some((s) => /^\s*ALTER\b[\s\S]*\b(MODIFY|CHANGE)\b/i.test(s.sql)));

;// CONCATENATED MODULE: ./actions/init-db/src/apply.ts
/**
 * Applies files in order and records each outcome honestly: a success row only
 * after every statement of the file ran; on the first failing statement a
 * failure row (success = 0) with its number and the server's error, then a
 * Failure that names the file, the line and the statement. Consecutive files
 * share round trips (their bookkeeping rides along), so the server is never
 * left waiting for the client between them.
 */





class MigrationFailedError extends Failure {
    file;
    statement;
    ms;
    serverError;
    name = 'MigrationFailedError';
    constructor(message, file, statement, ms, serverError) {
        super(message);
        this.file = file;
        this.statement = statement;
        this.ms = ms;
        this.serverError = serverError;
    }
}
/** The first lines of a statement, indented, for an error report. */
function excerpt(sql, lines = 6) {
    const all = sql.split('\n');
    const shown = all.slice(0, lines).map((l) => `    ${l}`);
    if (all.length > lines)
        shown.push(`    … (${all.length - lines} more line${all.length - lines === 1 ? '' : 's'})`);
    return shown.join('\n');
}
/**
 * Statements that never commit implicitly. A file's trailing run of them (all of a
 * data-only file, the INSERTs after a CREATE TABLE) runs in one transaction together
 * with the file's history record: they are recorded exactly when they are committed,
 * and one commit is paid instead of one per statement.
 */
const isPlainDml = (sql) => /^(INSERT|UPDATE|DELETE|REPLACE)\b/i.test(sql);
/** Statements that answer with rows (one result set or, for CALL and EXECUTE, possibly several). */
const mayReturnRows = (sql) => /^(SELECT|SHOW|CALL|EXECUTE|DESCRIBE|DESC|EXPLAIN|WITH|VALUES|TABLE|HANDLER|CHECK|CHECKSUM|ANALYZE|OPTIMIZE|REPAIR|\()/i.test(sql);
const span = (from, to, one, many) => (from === to ? `${one} ${from}` : `${many} ${from}–${to}`);
/** What a failure at statement `failed` left behind, given `committed` statements known committed. */
function leftBehind(failed, committed) {
    const done = committed > 0
        ? `${span(1, committed, 'Statement', 'Statements')} of this file ran and ${committed === 1 ? 'is' : 'are'} committed (each on its own: MySQL commits DDL at once).`
        : 'No statement of this file is committed.';
    const rolled = failed - 1 > committed
        ? ` ${span(committed + 1, failed - 1, 'Statement', 'Statements')} ran in one transaction with the failing one and ${failed - 1 - committed === 1 ? 'was' : 'were'} rolled back (on transactional tables such as InnoDB).`
        : '';
    return done + rolled;
}
/** The error a progress record carries until the file finishes: what the next run reads if this one never does. */
const INTERRUPTED = 'interrupted: the run stopped before this file finished (runner cancelled or killed, or the connection to the server lost)';
/** Largest round trip (bytes of SQL) that files share or a long trailing transaction is cut into: far below any max_allowed_packet. */
const MAX_BATCH = 1 << 20;
/**
 * A file's statements in round trips: each statement that commits on its own (DDL) before the last
 * one gets its own (a cancel is checked between them); the last one that commits on its own and the
 * trailing transaction after it share one, cut at MAX_BATCH.
 */
function roundTrips(statements, tail, skip, maxBytes = MAX_BATCH) {
    const trips = [];
    let bytes = 0;
    for (const s of statements.slice(skip)) {
        const current = trips.at(-1);
        if (s.index > tail && current && current[0].index >= tail && bytes + s.sql.length <= maxBytes) {
            current.push(s);
            bytes += s.sql.length;
        }
        else {
            trips.push([s]);
            bytes = s.sql.length;
        }
    }
    return trips;
}
/** Most files one round trip carries (a cancel interrupts the statement in flight; the next round trip is not sent). */
const FILES_PER_TRIP = 20;
/**
 * Which of the files' round trips go together (indexes into `sizes`, [file, trip]): a file's first
 * round trip joins the one before when that one ends its file, up to `files` files and `maxBytes`
 * of SQL. A file's own round trips stay apart (a cancel is checked between them).
 */
function composeTrips(sizes, files = FILES_PER_TRIP, maxBytes = MAX_BATCH) {
    const out = [];
    let bytes = 0;
    sizes.forEach((trips, f) => trips.forEach((size, t) => {
        const current = out.at(-1);
        const [pf, pt] = current?.at(-1) ?? [-1, -1];
        if (current && t === 0 && pt === sizes[pf].length - 1 && current.length < files && bytes + size <= maxBytes) {
            current.push([f, t]);
            bytes += size;
        }
        else {
            out.push([[f, t]]);
            bytes = size;
        }
    }));
    return out;
}
/**
 * A file whose statements commit one by one (DDL) gets a progress record (success = 0,
 * "interrupted") once its first statement committed, and an update after each further one, so a run
 * that dies — the server killed, the runner gone — leaves a record of exactly which statements
 * committed. The record becomes the success (or the failure) when the file ends.
 */
function prepare(history, file, run, sqlFor, skip, clock) {
    const base = {
        version: file.version ?? null,
        description: file.description,
        type: file.kind,
        script: file.script,
        checksum: file.checksum,
        appliedBy: run.appliedBy,
        runId: run.runId,
        runUrl: run.runUrl,
        phase: file.phase,
    };
    let tail = file.statements.length;
    while (tail > 0 && isPlainDml(file.statements[tail - 1].sql))
        tail--;
    const inTransaction = tail < file.statements.length;
    const last = file.statements.length;
    // After the file's last statement that commits on its own, a trailing run of literal INSERTs
    // (isLiteralInsert) ends in a moment, as the progress write itself would: the record of that
    // statement rides in the final commit instead of a commit of its own (see the README's
    // "Performance"). Anything that may run long after it (a backfill UPDATE, INSERT … SELECT) keeps it.
    const quickTail = inTransaction && file.statements.slice(tail).every((s) => isLiteralInsert(s.sql));
    const recordAfter = (k) => k < tail || !quickTail;
    // A progress record exists when the outcome is written: written before the first statement that
    // runs (resuming), or after one that is not the last (statement 1 of 2+, unless a quick tail follows it).
    const progress = tail > skip && (skip > 0 || tail > 1 || (inTransaction && !quickTail));
    // The outcome's execution_ms is measured on the server, from the file's clock piece.
    const done = { executionMs: 0, success: true, failedStatement: null, committedStatements: null, error: null };
    const outcome = () => (progress ? history.updateSql(done, base, true) : history.insertSql({ ...base, ...done }, true));
    const startRecord = (committed) => history.insertSql({ ...base, executionMs: 0, success: false, failedStatement: committed + 1, committedStatements: committed, error: INTERRUPTED });
    // Bookkeeping rides in the round trip of the statement it belongs to; the server stops a batch at
    // its first error. The progress record is written right after the first statement commits (a run
    // that dies before that has committed nothing of the file: the next run applies it from the start),
    // or, when resuming, before the first statement that runs; "committed" follows each statement
    // that commits on its own; the success record and COMMIT go with the last statement of the
    // final transaction.
    let before = [{ part: { role: 'clock' }, sql: clock }];
    if (progress && skip > 0)
        before.push({ part: { role: 'progress', after: skip }, sql: startRecord(skip) });
    const trips = [];
    for (const trip of roundTrips(file.statements, tail, skip)) {
        let pieces = before;
        before = [];
        const add = (part, sql) => pieces.push({ part, sql });
        for (const s of trip) {
            if (s.index === tail + 1)
                add({ role: 'start', before: s.index }, 'START TRANSACTION');
            add({ role: 'statement', index: s.index }, sqlFor(s));
            // The driver counts result sets, not statements (a CALL may answer with several): a statement
            // that may return rows ends its round trip, so every count before it stays exact, and its
            // bookkeeping opens the next one.
            if (mayReturnRows(s.sql)) {
                trips.push(pieces);
                pieces = [];
            }
            if (s.index === last) {
                // The file's outcome right after its last statement: in its transaction, or (no transaction)
                // as the record of the statement that committed last.
                if (inTransaction) {
                    add({ role: 'outcome' }, outcome());
                    add({ role: 'outcome' }, 'COMMIT');
                }
                else
                    add({ role: 'progress', after: last }, outcome());
            }
            else if (progress && s.index <= tail && recordAfter(s.index)) {
                add({ role: 'progress', after: s.index }, s.index === 1 ? startRecord(1) : history.progressSql(s.index, base));
            }
        }
        if (pieces.length)
            trips.push(pieces);
    }
    // A file without statements (only comments): its record on its own.
    if (trips.length === 0)
        trips.push([...before, { part: { role: 'empty' }, sql: outcome() }]);
    return { file, base, tail, progress, trips, committed: skip, started: 0 };
}
/**
 * Applies files in order, in as few round trips as their statements allow (composeTrips): the
 * server runs the next file while the last one is being logged. Each file is recorded as
 * prepare's comment says; on the first error the files before it stay applied, and a
 * MigrationFailedError names the file, the statement and what stays committed.
 */
async function applyFiles(conn, history, work, run, opts = {}) {
    const sqlFor = opts.sqlFor ?? ((s) => s.sql);
    const clock = startClock(opts.lock?.held);
    const runs = work.map((w) => prepare(history, w.file, run, sqlFor, w.resumeAfter ?? 0, clock));
    const sizes = runs.map((r) => r.trips.map((t) => t.reduce((n, p) => n + p.sql.length, 0)));
    for (const composed of composeTrips(sizes)) {
        const flat = composed.flatMap(([f, t]) => {
            const r = runs[f];
            const ends = t === r.trips.length - 1;
            return r.trips[t].map((p, i, all) => ({ ...p, run: r, ends: ends && i === all.length - 1 }));
        });
        const head = flat[0].run;
        const startsFile = composed[0][1] === 0;
        const cancel = opts.cancelled?.();
        if (cancel && startsFile)
            throw new Failure(`${cancel} before ${label(head.file)} started: nothing of it ran`, { hint: 'run the job again: it goes on from there' });
        if (startsFile)
            await opts.lock?.check();
        if (startsFile)
            head.started = performance.now();
        // Statements as the server reaches them: the next one starts when the one before has ended.
        const starts = (k) => {
            const p = flat[k];
            if (p?.part.role === 'statement') {
                const s = p.run.file.statements[p.part.index - 1];
                opts.debug?.(`${label(p.run.file)} statement ${s.index} (line ${s.line}) starts`);
            }
        };
        let cursor = 0;
        const ended = (upTo) => {
            for (; cursor <= upTo && cursor < flat.length; cursor++) {
                const p = flat[cursor];
                const at = performance.now();
                if (p.ends)
                    opts.applied?.(p.run.file, Math.round(at - p.run.started));
                const next = flat[cursor + 1];
                if (next && next.run !== p.run)
                    next.run.started = at;
                starts(cursor + 1);
            }
        };
        try {
            // A round trip of bookkeeping only (after a statement that returned rows) still goes: it records what ran.
            const next = statementsOf(flat, head)[0];
            if (cancel && next)
                throw new CancelledError(`${cancel}: cancelled before statement ${next} ran`);
            if (opts.debug) {
                const files = [...new Set(flat.map((p) => label(p.run.file)))];
                opts.debug(`one round trip of ${flat.length} statements (bookkeeping included): ${files.length === 1 ? files[0] : `${files.length} files, ${files[0]} to ${files.at(-1)}`}`);
                starts(0);
            }
            opts.running?.(true);
            try {
                await sendBatch(conn, flat.map((p) => p.sql), ended);
            }
            finally {
                opts.running?.(false);
            }
            for (const p of flat)
                if (p.part.role === 'statement')
                    p.run.committed = Math.max(p.run.committed, Math.min(p.part.index, p.run.tail));
        }
        catch (e) {
            // A statement that returns several result sets (CALL) ends its round trip: a count beyond the last piece is that statement.
            const completed = e.completed;
            const stopped = e instanceof CancelledError || completed === undefined ? undefined : flat[Math.min(completed, flat.length - 1)];
            await recordFailure(conn, history, stopped?.run ?? head, flat, stopped?.part, e, sqlFor, opts);
        }
    }
}
/** The statements (1-based) of file `r` in a round trip. */
const statementsOf = (flat, r) => flat.flatMap((p) => (p.run === r && p.part.role === 'statement' ? [p.part.index] : []));
/**
 * Where the round trip stopped in file `r` (`part`: the statement the server was at, or undefined:
 * before the first one), what stays committed, the failure record, and the error. Always throws.
 */
async function recordFailure(conn, history, r, flat, part, e, sqlFor, opts) {
    const { file, base, tail, progress } = r;
    const last = file.statements.length;
    const mine = statementsOf(flat, r);
    const several = mine.length > 1;
    const cancel = opts.cancelled?.();
    const error = e instanceof CancelledError ? e.message : `${cancel ? `${cancel}: ` : ''}${dbErrorText(e, history.server)}`;
    // Roll back our transaction, or one the file opened (as the mysql client does on exit).
    await conn.query('ROLLBACK').catch(() => undefined);
    if (part?.role === 'clock') {
        // Stopped before anything of the file ran: nothing to record.
        if (e.errno === ER_SUBQUERY_NO_1_ROW && opts.lock)
            throw opts.lock.lost();
        throw new Failure(secrets_redact(cancel ? `${cancel} before ${label(file)} started: nothing of it ran` : `${label(file)} did not start: ${error}. Nothing of it ran.`), {
            hint: 'run the job again: it goes on from there',
        });
    }
    if (part?.role === 'empty' || last === 0)
        throw new Failure(secrets_redact(`${label(file)} has no statements, and recording it in ${history.table} failed: ${error}.`));
    if (part?.role === 'progress' && part.after === last)
        // Every statement committed; only the success record is missing.
        throw new Failure(secrets_redact(`${label(file)} ran, but recording it in ${history.table} failed: ${error}. ${span(1, tail, 'Statement', 'Statements')} stay${tail === 1 ? 's' : ''} committed. The history does not show the file as applied: check the schema before the next run.`));
    // The file's first statement in this round trip (or, in one of bookkeeping only, the next to run).
    const first = file.statements[(mine[0] ?? Math.min(r.committed + 1, last)) - 1];
    let failure = {
        at: first,
        committed: first.index > tail ? tail : Math.max(r.committed, first.index - 1),
        error,
    };
    if (part?.role === 'statement' || part?.role === 'start') {
        const k = part.role === 'statement' ? part.index : part.before;
        failure = { at: file.statements[k - 1], committed: k > tail ? tail : k - 1, error };
    }
    else if (part?.role === 'outcome')
        failure = { at: file.statements[last - 1], committed: tail, error: `recording the file as applied failed: ${error}` };
    else if (part?.role === 'progress' && part.after > 0)
        failure = {
            at: file.statements[part.after],
            committed: part.after,
            error: `statement ${part.after} committed, but recording its progress failed: ${error}`,
        };
    const { at: stmt, committed, error: text } = failure;
    const ms = Math.round(performance.now() - r.started);
    const sent = sqlFor(stmt);
    let recorded = `recorded as failed in ${history.table} (success = 0, statement ${stmt.index})`;
    const row = { executionMs: ms, success: false, failedStatement: stmt.index, committedStatements: committed, error: text.slice(0, 60_000) };
    try {
        if (!(progress && (await history.update(row, base))))
            await history.record({ ...base, ...row });
    }
    catch (re) {
        recorded = progress
            ? several
                ? `not recorded (${dbErrorText(re, history.server)}), but its progress record in ${history.table}, written in the round trip of each statement that commits on its own, says how far the server got: statements ${first.index}–${mine.at(-1)} were sent in one round trip`
                : `not recorded (${dbErrorText(re, history.server)}), but its progress record in ${history.table} says statement${committed === 1 ? '' : 's'} ${committed ? `1–${committed}` : 'none'} committed and statement ${stmt.index} was running`
            : `AND COULD NOT BE RECORDED in ${history.table} (${dbErrorText(re, history.server)}): check the schema by hand before the next run`;
    }
    const where = (0,external_node_path_.relative)(opts.cwd ?? process.cwd(), file.path) || file.path;
    throw new MigrationFailedError(secrets_redact([
        `${label(file)} failed at statement ${stmt.index} of ${file.statements.length} (${where}, line ${stmt.line}): ${text}`,
        excerpt(stmt.sql),
        ...(sent !== stmt.sql ? [onlineDdlNote(sent.slice(stmt.sql.length).replace(/^,?\s*/, ''), e.errno)] : []),
        `${leftBehind(stmt.index, committed)} The failure is ${recorded}; the next run refuses to continue until the schema is checked and the run is repeated with repair: true.`,
    ].join('\n')), file, stmt.index, ms, text);
}
/** A cancel noticed between statements. */
class CancelledError extends Error {
}
/** What the appended online-DDL clauses mean for a failure: the server's refusal to lock or copy, or something else. */
function onlineDdlNote(clauses, errno) {
    if (errno === 1845 || errno === 1846)
        return `Sent with ${clauses} (online-ddl): the server refuses to run this statement without locking or copying the table, so nothing of it ran. Run it in a quiet window with online-ddl: off, or with an online schema-change tool (gh-ost, pt-online-schema-change), or rewrite it as an expand step the server can do online.`;
    return `Sent with ${clauses} appended (online-ddl).`;
}

;// CONCATENATED MODULE: ./actions/init-db/src/lock.ts
/**
 * The migration lock: a MySQL named lock (GET_LOCK) held for the whole run on
 * its own connection. The server frees it when that connection ends, so a
 * killed run never leaves a stuck lock. Beside it, a one-row-per-lock table
 * records who holds it (run id, actor, job, runner, connection id), so a
 * waiting run can say whom it waits for; the row counts only while its
 * connection id is the lock's holder (IS_USED_LOCK), so a stale row is never
 * believed.
 */




/** The lock's name: per database and history table, at most 64 characters (MySQL's limit). */
function lockName(database, historyTable) {
    const plain = `switchyard-init-db:${database}.${historyTable}`;
    return plain.length <= 64 ? plain : `switchyard-init-db:${(0,external_node_crypto_.createHash)('sha256').update(plain).digest('hex').slice(0, 40)}`;
}
function ownerFromContext(ctx, url) {
    return { runId: `${ctx.runId}/${ctx.runAttempt}`, actor: ctx.actor, runUrl: url, job: [ctx.repository, ctx.workflow, ctx.job].filter(Boolean).join(' / ') };
}
/** The owner table (the lock connection sends it with our row: it takes several statements a query). */
function ownerTableSql(table) {
    return `CREATE TABLE IF NOT EXISTS ${table} (
  lock_name VARCHAR(64) NOT NULL PRIMARY KEY,
  connection_id BIGINT UNSIGNED NOT NULL,
  run_id VARCHAR(100) NOT NULL,
  actor VARCHAR(100) NOT NULL,
  job VARCHAR(300) NOT NULL,
  run_url VARCHAR(500) NOT NULL,
  runner_host VARCHAR(255) NOT NULL,
  acquired_at TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3)
) ENGINE=MEMORY DEFAULT CHARSET=utf8mb4 COMMENT='Switchyard init-db: who holds the migration lock (valid while connection_id holds it)'`;
}
/** Who holds the lock now, as a sentence for the log; '' when nobody does. */
async function describeHolder(conn, name, ownerTable) {
    const [used] = await query(conn, 'SELECT IS_USED_LOCK(?) AS holder', [name]);
    const holder = used?.holder;
    if (holder === null || holder === undefined)
        return '';
    let rows;
    try {
        rows = await query(conn, `SELECT run_id, actor, job, run_url, runner_host, UNIX_TIMESTAMP(acquired_at) AS since FROM ${ownerTable} WHERE lock_name = ? AND connection_id = ?`, [name, holder]);
    }
    catch {
        rows = []; // no owner table yet: the holder is not a Switchyard run that got this far
    }
    const o = rows[0];
    if (!o)
        return `held by connection ${holder}, which recorded no owner (not an init-db run, or one that just took it); see SHOW PROCESSLIST`;
    return `held by run ${o.run_id} (${o.actor}${o.job ? `, ${o.job}` : ''}) on ${o.runner_host} since ${utc(o.since)} UTC, connection ${holder}${o.run_url ? `: ${o.run_url}` : ''}`;
}
class MigrationLock {
    conn;
    name;
    connectionId;
    ownerTable;
    keepAlive;
    /** Set when the lock connection reports an error or closes: the server has freed the lock. */
    lost = false;
    lastCheck = 0;
    constructor(conn, name, connectionId, ownerTable) {
        this.conn = conn;
        this.name = name;
        this.connectionId = connectionId;
        this.ownerTable = ownerTable;
    }
    /** Waits for the lock up to timeoutMs, printing the holder whenever it changes; then records us as owner. */
    static async acquire(conn, opts) {
        const slice = opts.sliceMs ?? 2000;
        const now = opts.timing?.now ?? Date.now;
        const deadline = now() + opts.timeoutMs;
        let lastHolder = '';
        let attempt = 0;
        let connectionId = 0;
        try {
            await waitFor(async () => {
                // First a try without waiting, so a busy lock is reported at once; then waits of up to
                // `slice` (short while the holder has not recorded itself yet), reporting between them.
                const want = attempt++ === 0 ? 0 : lastHolder.startsWith('held by run') ? slice : Math.min(slice, 250);
                const wait = Math.max(0, Math.min(want, deadline - now())) / 1000;
                const [row] = await query(conn, 'SELECT GET_LOCK(?, ?) AS got, CONNECTION_ID() AS id', [opts.name, wait]);
                const got = row?.got;
                if (got === null || got === undefined)
                    throw new Failure(`GET_LOCK(${opts.name}) returned NULL: the server refused the lock`);
                connectionId = Number(row?.id);
                if (Number(got) === 1)
                    return { done: true, value: true };
                lastHolder = (await describeHolder(conn, opts.name, opts.ownerTable)) || 'just released';
                return { done: false, progress: lastHolder };
            }, {
                label: `waiting for the migration lock ${opts.name}`,
                timeoutMs: opts.timeoutMs,
                initialMs: 1,
                maxMs: 1,
                factor: 1,
                log: opts.log,
                ...opts.timing,
                now,
            });
        }
        catch (e) {
            if (e instanceof WaitTimeoutError) {
                throw new Failure(`Could not take the migration lock ${opts.name} within lock-timeout ${formatDuration(opts.timeoutMs)}: ${lastHolder}`, {
                    hint: 'another run is migrating this database; it keeps the lock until it ends. A run that died frees it at once (the server drops its connection), so a long wait means a long migration or a hung session: check that run, or SHOW PROCESSLIST for the connection',
                });
            }
            throw e;
        }
        const lock = new MigrationLock(conn, opts.name, connectionId, opts.ownerTable);
        // The owner table and our row in one round trip (the lock connection takes several statements).
        await conn.query(`${ownerTableSql(opts.ownerTable)};\nREPLACE INTO ${opts.ownerTable} (lock_name, connection_id, run_id, actor, job, run_url, runner_host) VALUES (?, CONNECTION_ID(), ?, ?, ?, ?, ?)`, [
            opts.name,
            opts.owner.runId.slice(0, 100),
            opts.owner.actor.slice(0, 100),
            opts.owner.job.slice(0, 300),
            opts.owner.runUrl.slice(0, 500),
            (0,external_node_os_.hostname)().slice(0, 255),
        ]);
        conn.on('error', () => (lock.lost = true));
        conn.on('end', () => (lock.lost = true));
        lock.lastCheck = performance.now();
        // Keep the idle lock connection from timing out during a long migration.
        lock.keepAlive = setInterval(() => void conn.query('SELECT 1').catch(() => undefined), 60_000);
        lock.keepAlive.unref();
        return lock;
    }
    /**
     * Fails when the lock is no longer ours, before another migration starts. A dropped lock
     * connection is noticed at once (its close event); the server is also asked (IS_USED_LOCK)
     * whenever `everyMs` has passed since it last was, so short migrations cost no round trip.
     * Files that start inside a round trip are checked by the server itself (`heldSql`).
     */
    async assertHeld(via, everyMs = 2000) {
        let ours = !this.lost;
        if (ours && performance.now() - this.lastCheck >= everyMs) {
            const [row] = await query(via, `SELECT ${this.heldSql(via)} AS ours`);
            ours = Number(row?.ours) === 1;
            this.lastCheck = performance.now();
        }
        if (!ours)
            throw this.lostError();
    }
    /** An SQL condition, true while our connection holds the lock (any connection may evaluate it). */
    heldSql(via) {
        return via.format('IS_USED_LOCK(?) <=> ?', [this.name, this.connectionId]);
    }
    lostError() {
        return new Failure(`Lost the migration lock ${this.name} (its connection ${this.connectionId} closed); stopped before the next migration so no two runs migrate at once. Re-run the job.`);
    }
    /** Interrupts the statement running on another of our connections (a cancelled run). Never throws. */
    async killQuery(connectionId) {
        await this.conn.query(`KILL QUERY ${Number(connectionId)}`).catch(() => undefined);
    }
    /** Removes our owner row, releases the lock and closes its connection. Never throws. */
    async release() {
        if (this.keepAlive)
            clearInterval(this.keepAlive);
        try {
            await this.conn.query(`DELETE FROM ${this.ownerTable} WHERE lock_name = ? AND connection_id = CONNECTION_ID();\nSELECT RELEASE_LOCK(?)`, [
                this.name,
                this.name,
            ]);
        }
        catch {
            /* the connection is gone: the server has freed the lock already */
        }
        await this.conn.end().catch(() => this.conn.destroy());
    }
}

;// CONCATENATED MODULE: ./actions/init-db/src/plan.ts
/**
 * Compares the files with the history table and decides, before anything is
 * applied: what is pending, what already ran, and what must stop the run
 * (a failed record, drift, a version that would run out of order).
 */



const maxVersion = (versions) => versions.reduce((a, v) => (a === '' || compareVersions(v, a) > 0 ? v : a), '');
function makePlan(files, history, opts = {}) {
    const failed = history.filter((r) => !r.success);
    const ok = history.filter((r) => r.success);
    const byVersion = new Map();
    for (const r of ok)
        if (r.type === 'versioned' && r.version !== null)
            byVersion.set(r.version, r);
    // Repeatables and seeds: the latest successful record of each script counts.
    const latest = new Map();
    for (const r of ok)
        if (r.type !== 'versioned')
            latest.set(`${r.type}:${r.script}`, r);
    const currentVersion = maxVersion([...byVersion.keys()]);
    const drift = [];
    const applied = [];
    const outOfOrder = [];
    const pending = [];
    const beyondTarget = [];
    const fileVersions = new Set();
    for (const file of files) {
        if (file.kind !== 'versioned')
            continue;
        const v = file.version;
        fileVersions.add(v);
        const row = byVersion.get(v);
        if (row) {
            (row.checksum === file.checksum ? applied : drift).push({ file, row });
        }
        else if (currentVersion && compareVersions(v, currentVersion) < 0) {
            outOfOrder.push(file);
        }
        else if (opts.targetVersion && compareVersions(v, opts.targetVersion) > 0) {
            beyondTarget.push(file);
        }
        else {
            pending.push(file);
        }
    }
    for (const file of files) {
        if (file.kind === 'versioned')
            continue;
        const row = latest.get(`${file.kind}:${file.script}`);
        if (!row || row.checksum !== file.checksum)
            pending.push(file);
    }
    const missing = [...byVersion.values()].filter((r) => !fileVersions.has(r.version));
    return { failed, drift, outOfOrder, missing, pending, beyondTarget, applied, currentVersion };
}
/** The refusal for failed records: what happened, what to check, how to go on. */
function failedMessage(rows, historyTable) {
    const lines = rows.map((r) => {
        const stmt = r.failedStatement ?? 0;
        const committed = r.committedStatements ?? Math.max(0, stmt - 1);
        const done = committed === 0 ? 'none of its statements is committed' : committed === 1 ? 'statement 1 is committed' : `statements 1–${committed} are committed`;
        const rolled = stmt - 1 > committed
            ? ` (${stmt - 1 - committed === 1 ? `statement ${stmt - 1} was` : `statements ${committed + 1}–${stmt - 1} were`} rolled back with the failing one)`
            : '';
        return `- ${label({ kind: r.type, version: r.version, script: r.script })} failed at statement ${stmt} in run ${r.runId} by ${r.appliedBy} at ${r.appliedAt} UTC: ${r.error ?? 'unknown error'}; ${done}${rolled}.`;
    });
    return [
        `${rows.length === 1 ? 'A migration' : `${rows.length} migrations`} failed in an earlier run and the database may be half-migrated; refusing to continue past it:`,
        ...lines,
        ...(rows.some((r) => r.error?.startsWith('interrupted') || /cancelled/.test(r.error ?? ''))
            ? [
                `A run that was cut off (interrupted or cancelled) left its file unfinished: the statements counted as committed did commit; the one it was running had not completed (a server kill can leave a DDL statement done, so check that one). To resume, leave the file unchanged and run once with repair: true: it goes on from the first statement that did not commit, and nothing runs twice.`,
            ]
            : []),
        `Check the schema against the statements of that file: undo what the committed statements did (or make them safe to run again), fix the file, then run once with repair: true. Repair deletes only the failed record(s) (success = 0) from ${historyTable}; a changed file then runs again from its first statement, an unchanged one resumes after its committed statements.`,
    ].join('\n');
}
function driftMessage(drift) {
    return [
        `${drift.length === 1 ? 'An applied migration has changed since it ran' : `${drift.length} applied migrations have changed since they ran`} (drift); nothing was applied:`,
        ...drift.map(({ file, row }) => `- ${file.script}: applied at ${row.appliedAt} UTC by ${row.appliedBy} (run ${row.runId}) with checksum ${row.checksum.slice(0, 12)}…, the file now has ${file.checksum.slice(0, 12)}…`),
        'Comments and whitespace outside strings do not count, so a statement, string or identifier was changed. Restore the file as it was applied and put the change in a new V<version>__ migration.',
    ].join('\n');
}
function outOfOrderMessage(files, currentVersion) {
    return [
        `${files.length === 1 ? 'A migration is' : `${files.length} migrations are`} older than the database's current version ${currentVersion} but never ran; nothing was applied:`,
        ...files.map((f) => `- ${f.script}`),
        `Give ${files.length === 1 ? 'it a version' : 'them versions'} above ${currentVersion} (rename the file${files.length === 1 ? '' : 's'}), so every database applies migrations in one order.`,
    ].join('\n');
}
/**
 * Splits the pending files by phase, keeping the one version order: `expand` applies the
 * versioned expand files up to the first contract file (it and everything after it wait);
 * `contract` applies the contract files that come first (everything before them is applied,
 * so their expand side is live) up to the next expand file; `all` applies everything.
 * Repeatable and seed files go with the phase their header names.
 */
function selectPhase(pending, phase) {
    if (phase === 'all')
        return { apply: pending, waiting: [] };
    const apply = [];
    const waiting = [];
    let blocker;
    for (const f of pending.filter((p) => p.kind === 'versioned')) {
        if (!blocker && f.phase === phase)
            apply.push(f);
        else {
            if (!blocker)
                blocker = f;
            const why = f === blocker
                ? f.phase === 'contract'
                    ? 'contract migration: applied by phase contract, after the switch'
                    : 'expand migration: applied by phase expand, before the next deploy'
                : `after ${label(blocker)}, which ${blocker.phase === 'contract' ? 'waits for phase contract' : 'waits for phase expand'}`;
            waiting.push({ file: f, why });
        }
    }
    for (const f of pending.filter((p) => p.kind !== 'versioned')) {
        if (f.phase === phase)
            apply.push(f);
        else
            waiting.push({ file: f, why: `${f.phase} file: applied by phase ${f.phase}` });
    }
    return { apply, waiting };
}
/** Findings that an expand migration must not contain: they break the colour that is still live. */
const breaksLiveColour = (f) => f.phase === 'expand' && (f.class === 'destructive' || f.class === 'incompatible');
/** The expand-phase refusal: each statement, why, and the fix. */
function unsafeExpandMessage(findings, files) {
    const scripts = [...new Set(findings.map((f) => f.script))];
    const lines = findings.map((f) => {
        const file = files.find((x) => x.script === f.script);
        const stmt = file?.statements[f.statement - 1];
        return `- ${file ? label(file) : f.script} statement ${f.statement} (line ${f.line}): ${stmt ? firstLine(stmt.sql, 80) : ''} — ${f.class}: ${f.reason}`;
    });
    return [
        `${scripts.length === 1 ? 'An expand migration' : `${scripts.length} expand migrations`} would break the colour that is still live; refusing phase expand before applying anything:`,
        ...lines,
        `Fix: an expand migration may only add (tables, nullable columns or columns with a default, indexes, backfills). Split ${scripts.length === 1 ? 'it' : 'each'}: keep the additions, and move the drop / rename / NOT NULL into a new migration whose first line is -- init-db: contract; phase contract applies it after the switch, once no running colour uses the old schema. (If the file already is that contract step, add the marker.)`,
    ].join('\n');
}

;// CONCATENATED MODULE: ./actions/init-db/src/rds.ts

/** Statuses an instance does not leave by itself: waiting for `available` would be pointless. */
const STUCK = new Set([
    'failed',
    'stopped',
    'stopping',
    'deleting',
    'inaccessible-encryption-credentials',
    'inaccessible-encryption-credentials-recoverable',
    'incompatible-network',
    'incompatible-option-group',
    'incompatible-parameters',
    'incompatible-restore',
    'incompatible-credentials',
    'restore-error',
    'storage-full',
]);
async function createRdsClient(opts) {
    const { RDSClient } = await __nccwpck_require__.e(/* import() */ 605).then(__nccwpck_require__.t.bind(__nccwpck_require__, 1605, 19));
    const config = awsClientConfig({ region: opts.region, endpointUrl: opts.endpointUrl, action: 'init-db' });
    return new RDSClient(config);
}
const errorName = (e) => e?.name ?? '';
/** DescribeDBInstances until the instance is `available`; returns its endpoint. */
async function waitForInstance(client, instanceId, opts) {
    const { DescribeDBInstancesCommand } = await __nccwpck_require__.e(/* import() */ 605).then(__nccwpck_require__.t.bind(__nccwpck_require__, 1605, 19));
    return waitFor(async () => {
        let out;
        try {
            out = await client.send(new DescribeDBInstancesCommand({ DBInstanceIdentifier: instanceId }));
        }
        catch (e) {
            if (errorName(e) === 'DBInstanceNotFoundFault' || errorName(e) === 'DBInstanceNotFound') {
                throw new errors_ConfigurationError(`RDS instance ${instanceId} was not found in region ${await client.config.region()}`, {
                    hint: 'check rds-instance-id and aws-region (and the credentials’ account)',
                });
            }
            throw e;
        }
        const db = out.DBInstances?.[0];
        if (!db)
            throw new Failure(`RDS instance ${instanceId} was not found (DescribeDBInstances returned no instance)`);
        const status = db.DBInstanceStatus ?? 'unknown';
        if (STUCK.has(status))
            throw new Failure(`RDS instance ${instanceId} is ${status}; it will not become available by waiting`, {
                hint: status === 'stopped' ? 'start the instance first' : 'see the RDS console for the instance',
            });
        if (status === 'available' && db.Endpoint?.Address) {
            return { done: true, value: { host: db.Endpoint.Address, port: db.Endpoint.Port ?? 3306, engine: db.Engine ?? '', status } };
        }
        return { done: false, progress: `status ${status}${db.Endpoint?.Address ? '' : ', no endpoint yet'}` };
    }, {
        label: `RDS instance ${instanceId}`,
        timeoutMs: opts.timeoutMs,
        initialMs: opts.pollMs ?? 5000,
        maxMs: opts.maxPollMs ?? 30_000,
        log: opts.log,
        ...opts.timing,
    });
}
/**
 * A manual snapshot identifier from the instance, the version being migrated
 * to and the run: `<instance>-before-v<version>-run<id>-<attempt>`, within
 * RDS rules (letters, digits, single hyphens, starts with a letter, ≤ 255).
 */
function snapshotId(instanceId, version, runId, attempt) {
    const raw = `${instanceId}-before-v${version || '0'}-run${runId}-${attempt}`;
    let id = raw
        .replace(/[^A-Za-z0-9-]/g, '-')
        .replace(/-+/g, '-')
        .replace(/-$/, '');
    if (!/^[A-Za-z]/.test(id))
        id = `s-${id}`;
    return id.slice(0, 255).replace(/-$/, '');
}
/** CreateDBSnapshot (reusing one of this name from a retried step), then waits until it is `available`. */
async function createSnapshot(client, instanceId, id, opts) {
    const { CreateDBSnapshotCommand, DescribeDBSnapshotsCommand } = await __nccwpck_require__.e(/* import() */ 605).then(__nccwpck_require__.t.bind(__nccwpck_require__, 1605, 19));
    try {
        await client.send(new CreateDBSnapshotCommand({
            DBInstanceIdentifier: instanceId,
            DBSnapshotIdentifier: id,
            Tags: Object.entries(opts.tags ?? {}).map(([Key, Value]) => ({ Key, Value })),
        }));
        opts.log(`Creating snapshot ${id} of ${instanceId}`);
    }
    catch (e) {
        if (errorName(e) !== 'DBSnapshotAlreadyExistsFault')
            throw e;
        opts.log(`Snapshot ${id} already exists (this step ran before); waiting for it`);
    }
    await waitFor(async () => {
        const out = await client.send(new DescribeDBSnapshotsCommand({ DBSnapshotIdentifier: id }));
        const snap = out.DBSnapshots?.[0];
        const status = snap?.Status ?? 'not visible yet';
        if (status === 'available')
            return { done: true, value: true };
        if (status === 'failed' || status === 'deleted' || status === 'deleting')
            throw new Failure(`Snapshot ${id} of ${instanceId} is ${status}; no migration was applied`);
        return { done: false, progress: `${status}${snap?.PercentProgress !== undefined ? ` ${snap.PercentProgress}%` : ''}` };
    }, { label: `snapshot ${id}`, timeoutMs: opts.timeoutMs, initialMs: opts.pollMs ?? 5000, maxMs: opts.maxPollMs ?? 30_000, log: opts.log, ...opts.timing });
    return id;
}

;// CONCATENATED MODULE: ./actions/init-db/src/migrate.ts










async function migrate(inputs, state, deps) {
    const log = (line) => deps.log(secrets_redact(line));
    const group = deps.group ?? ((_name, fn) => fn());
    const timing = deps.timing;
    const rdsPoll = { pollMs: deps.rdsPollMs, maxPollMs: deps.rdsPollMs };
    state.dryRun = inputs.dryRun;
    state.target = inputs.targetVersion;
    state.phase = inputs.phase;
    // Everything about the files is checked before any connection.
    const files = [...readMigrations(inputs.migrationsDir), ...(inputs.seedDir ? readSeeds(inputs.seedDir) : [])];
    const ctx = runContext(deps.env);
    const url = runUrl(ctx);
    let rds;
    let target = inputs.target;
    const conns = await group('Connect and lock', async () => {
        if (inputs.rdsInstanceId) {
            rds = await (deps.rdsClient ?? (() => createRdsClient({ region: inputs.awsRegion, endpointUrl: inputs.endpointUrl })))();
            log(`Looking up RDS instance ${inputs.rdsInstanceId}`);
            const ep = await waitForInstance(rds, inputs.rdsInstanceId, { timeoutMs: inputs.rdsTimeout, log, timing, ...rdsPoll });
            target = { ...target, host: ep.host, port: ep.port, rds: true };
            log(`RDS instance ${inputs.rdsInstanceId} is available at ${ep.host}:${ep.port} (${ep.engine})`);
        }
        const versions = files.filter((f) => f.kind === 'versioned').length;
        log(`${versions} versioned, ${files.length - versions} repeatable/seed file(s) read; connecting to ${describeTarget(target)} (TLS ${effectiveSslMode(target)})${inputs.dryRun ? ' for a dry run' : ''}`);
        // Both take several statements a query (bookkeeping shares round trips). The lock gets its own
        // connection: it must outlive anything a migration does to the other one. Both are opened at once
        // (the lock's retries are not logged twice).
        const connectOpts = { withDatabase: false, timeoutMs: inputs.connectTimeout, timing, multipleStatements: true };
        const [main, side] = await Promise.allSettled([
            connect(target, { ...connectOpts, log }),
            inputs.dryRun ? Promise.resolve(undefined) : connect(target, { ...connectOpts, log: () => undefined }),
        ]);
        if (main.status === 'fulfilled' && side.status === 'fulfilled')
            return { conn: main.value, lockConn: side.value };
        if (main.status === 'fulfilled')
            await closeQuietly(main.value);
        if (side.status === 'fulfilled' && side.value)
            await closeQuietly(side.value);
        throw main.status === 'rejected' ? main.reason : side.reason;
    });
    const { conn, lockConn } = conns;
    const server = serverInfo(conn);
    let lock;
    try {
        const { exists, connectionId } = await useDatabase(conn, inputs.database);
        const history = new History(conn, inputs.database, inputs.historyTable, server);
        if (!exists && !inputs.createDatabase)
            throw new errors_ConfigurationError(`Database ${inputs.database} does not exist on ${describeTarget(target, false)} (or ${inputs.user} has no rights on it)`, {
                hint: 'create it, or set create-database: true (QA)',
            });
        lock = await group('Lock', async () => {
            if (!exists) {
                if (inputs.dryRun)
                    log(`Database ${inputs.database} does not exist: it would be created`);
                else {
                    await conn.query(`CREATE DATABASE IF NOT EXISTS ${ident(inputs.database)} CHARACTER SET utf8mb4`);
                    await conn.query(`USE ${ident(inputs.database)}`);
                    log(`Created database ${inputs.database}`);
                }
            }
            if (!lockConn)
                return undefined;
            const name = lockName(inputs.database, inputs.historyTable);
            const held = await MigrationLock.acquire(lockConn, {
                name,
                ownerTable: `${ident(inputs.database)}.${ident(`${inputs.historyTable}_lock`)}`,
                owner: ownerFromContext(ctx, url),
                timeoutMs: inputs.lockTimeout,
                log,
                timing,
            });
            log(`Holding the migration lock ${name} (connection ${held.connectionId}) for run ${ctx.runId}/${ctx.runAttempt}`);
            try {
                await history.ensure();
            }
            catch (e) {
                await held.release();
                throw e;
            }
            return held;
        });
        const resume = new Map();
        const phase = await group('Plan', async () => {
            // Read under the lock: another run may have created the database and migrated it meanwhile.
            let rows = exists || lock ? await history.read() : [];
            if (inputs.repair) {
                const failed = rows.filter((r) => !r.success);
                // An unchanged file whose record says some statements committed resumes after them.
                for (const r of failed) {
                    const f = files.find((x) => x.kind === r.type && x.script === r.script);
                    if (f && f.checksum === r.checksum && (r.committedStatements ?? 0) > 0) {
                        resume.set(f, r.committedStatements);
                        log(`repair: ${label(f)} is unchanged since it stopped: ${inputs.dryRun ? 'would resume' : 'resuming'} at statement ${r.committedStatements + 1} (statements 1–${r.committedStatements} stay committed and do not run again)`);
                    }
                }
                if (failed.length === 0)
                    log('repair: no failed record to clear');
                for (const r of failed)
                    log(`repair: ${inputs.dryRun ? 'would clear' : 'clearing'} the failed record of ${label({ kind: r.type, version: r.version, script: r.script })} (statement ${r.failedStatement}, run ${r.runId}: ${r.error ?? ''})`);
                if (!inputs.dryRun && failed.length) {
                    await history.deleteFailed();
                    rows = await history.read();
                }
                else
                    rows = rows.filter((r) => r.success);
            }
            const plan = makePlan(files, rows, { targetVersion: inputs.targetVersion });
            state.currentVersion = plan.currentVersion;
            state.pending = plan.pending;
            refuse(plan, inputs.historyTable);
            // Classify every pending statement before anything is applied (current columns only when a MODIFY/CHANGE wants them).
            const columns = exists && wantsColumns(plan.pending) ? await currentColumns(conn, inputs.database) : undefined;
            state.lint = lint(plan.pending, columns);
            const phased = selectPhase(plan.pending, inputs.phase);
            state.rows = planRows(plan, state.lint, phased);
            for (const m of plan.missing)
                deps.warn(`V${m.version} (${m.script}) was applied here (at ${m.appliedAt} UTC by ${m.appliedBy}) but is not in ${inputs.migrationsDir}: the database is ahead of these files (an older release?)`);
            log(`Current version: ${plan.currentVersion || 'none'}; ${plan.applied.length} applied, ${plan.pending.length} pending${plan.beyondTarget.length ? `, ${plan.beyondTarget.length} above target-version ${inputs.targetVersion}` : ''}`);
            reportLint(state.lint, plan.pending, inputs.onlineDdl, log, deps.warn);
            const unsafe = state.lint.filter(breaksLiveColour);
            if (unsafe.length && inputs.phase === 'expand')
                throw new errors_ConfigurationError(unsafeExpandMessage(unsafe, plan.pending));
            if (unsafe.length && inputs.phase === 'all')
                deps.warn(`${unsafeExpandMessage(unsafe, plan.pending).split('\n').slice(1, -1).join('\n')}\nApplied anyway (phase all, one stack); in blue-green, phase expand refuses these.`);
            if (inputs.dryRun) {
                dryRunListing(plan, inputs.phase, log);
                if (rds && inputs.snapshotBefore && phased.apply.length)
                    log(`would create snapshot ${snapshotName(inputs, plan, ctx)} first`);
            }
            else if (plan.pending.length === 0)
                log('Nothing to apply: the database is up to date');
            else if (phased.apply.length === 0)
                log(`Nothing to apply in phase ${inputs.phase}: ${phased.waiting.map((w) => `${label(w.file)} (${w.why})`).join('; ')}`);
            for (const w of phased.waiting)
                if (!inputs.dryRun && phased.apply.length)
                    log(`${label(w.file)} waits: ${w.why}`);
            return { plan, apply: phased.apply };
        });
        if (!lock || phase.apply.length === 0)
            return;
        const held = lock;
        const { plan } = phase;
        const mode = inputs.onlineDdl;
        const sqlFor = mode === 'off' ? undefined : (s) => (classify(s.sql).onlineDdl ? withOnlineDdl(s.sql, mode) : s.sql);
        if (rds && inputs.snapshotBefore) {
            const client = rds;
            await group('Snapshot', async () => {
                const id = snapshotName(inputs, plan, ctx);
                state.snapshotId = await createSnapshot(client, inputs.rdsInstanceId, id, {
                    timeoutMs: inputs.rdsTimeout,
                    log,
                    tags: {
                        'switchyard:run-id': `${ctx.runId}/${ctx.runAttempt}`,
                        'switchyard:repository': ctx.repository || 'local',
                        'switchyard:database': inputs.database,
                    },
                    timing,
                    ...rdsPoll,
                });
                log(`Snapshot ${state.snapshotId} is available`);
            });
        }
        await group('Apply', async () => {
            const run = { appliedBy: ctx.actor, runId: `${ctx.runId}/${ctx.runAttempt}`, runUrl: url };
            // A cancel (the runner's SIGINT/SIGTERM) interrupts the statement in flight from the lock's connection.
            const signal = deps.signal;
            const cancelled = () => (signal?.aborted ? `cancelled (${String(signal.reason)})` : undefined);
            const mainId = connectionId ?? Number((await query(conn, 'SELECT CONNECTION_ID() AS id'))[0]?.id);
            // KILL QUERY only while a round trip of files is in flight (never the failure record written after
            // it), again every 100 ms, so a kill that reaches the server just before the statement is repeated.
            let inFlight = false;
            let killer;
            const onAbort = () => {
                const kill = () => void (inFlight && held.killQuery(mainId));
                kill();
                killer = setInterval(kill, 100);
            };
            signal?.addEventListener('abort', onAbort, { once: true });
            try {
                await applyFiles(conn, history, phase.apply.map((file) => ({ file, resumeAfter: resume.get(file) })), run, {
                    sqlFor,
                    cancelled,
                    debug: deps.debug,
                    running: (r) => (inFlight = r),
                    lock: { check: () => held.assertHeld(conn), held: held.heldSql(conn), lost: () => held.lostError() },
                    applied: (file, ms) => {
                        const row = state.row(file);
                        if (row)
                            Object.assign(row, { status: 'applied', ms });
                        state.applied.push(file.script);
                        if (file.version && (!state.currentVersion || compareVersions(file.version, state.currentVersion) > 0))
                            state.currentVersion = file.version;
                        log(`✓ ${label(file)}: ${file.statements.length} statement(s) in ${ms} ms`);
                    },
                }).catch((e) => {
                    const row = e instanceof MigrationFailedError ? state.row(e.file) : undefined;
                    if (e instanceof MigrationFailedError && row)
                        Object.assign(row, { status: 'failed', ms: e.ms, note: `statement ${e.statement}: ${e.serverError}` });
                    throw e;
                });
            }
            finally {
                signal?.removeEventListener('abort', onAbort);
                clearInterval(killer);
            }
            log(`Applied ${state.applied.length} file(s)${inputs.phase === 'all' ? '' : ` in phase ${inputs.phase}`}; current version ${state.currentVersion || 'none'}`);
        });
    }
    finally {
        // Every statement has ended: the lock is released while the other connection closes.
        await Promise.all([lock ? lock.release() : lockConn && closeQuietly(lockConn), closeQuietly(conn)]);
    }
}
/** USE the database (and learn the connection's id in the same round trip); not `exists` when it does not exist (or the user may not see it). */
async function useDatabase(conn, database) {
    try {
        const [results] = await conn.query(`USE ${ident(database)};\nSELECT CONNECTION_ID() AS id`);
        return { exists: true, connectionId: Number(results[1]?.[0]?.id) };
    }
    catch (e) {
        if (e.code === 'ER_BAD_DB_ERROR')
            return { exists: false };
        throw new errors_ConfigurationError(`Cannot use database ${database}: ${dbErrorText(e, serverInfo(conn))}`, { hint: 'check the user’s grants on this database' });
    }
}
async function closeQuietly(conn) {
    await conn.end().catch(() => conn.destroy());
}
function refuse(plan, historyTable) {
    if (plan.failed.length)
        throw new errors_ConfigurationError(failedMessage(plan.failed, historyTable));
    if (plan.drift.length)
        throw new errors_ConfigurationError(driftMessage(plan.drift));
    if (plan.outOfOrder.length)
        throw new errors_ConfigurationError(outOfOrderMessage(plan.outOfOrder, plan.currentVersion));
}
function snapshotName(inputs, plan, ctx) {
    const to = plan.pending.filter((f) => f.version).at(-1)?.version ?? plan.currentVersion;
    return snapshotId(inputs.rdsInstanceId, to, ctx.runId, ctx.runAttempt);
}
function planRows(plan, findings, phased) {
    const row = (f, status, extra = {}) => ({
        script: f.script,
        kind: f.kind,
        version: f.version ?? '',
        status,
        statements: f.statements.length,
        phase: f.phase,
        class: '',
        ...extra,
    });
    const classOf = (f) => worst(findings.filter((x) => x.script === f.script).map((x) => x.class));
    return [
        ...plan.applied.map(({ file, row: r }) => row(file, 'up to date', { note: `applied ${r.appliedAt} UTC by ${r.appliedBy} (run ${r.runId}) in ${r.executionMs} ms` })),
        ...phased.apply.map((f) => row(f, 'pending', { class: classOf(f) })),
        ...phased.waiting.map(({ file, why }) => row(file, 'other phase', { class: classOf(file), note: why })),
        ...plan.beyondTarget.map((f) => row(f, 'beyond target')),
        ...plan.drift.map(({ file }) => row(file, 'pending', { note: 'changed since applied (drift)' })),
        ...plan.outOfOrder.map((f) => row(f, 'pending', { note: 'older than the current version' })),
    ];
}
/** Logs each pending file's classes, and each statement that is not additive; warns of locking ones. */
function reportLint(findings, pending, onlineDdl, log, warn) {
    if (pending.length === 0)
        return;
    const counts = new Map();
    for (const f of findings)
        counts.set(f.class, (counts.get(f.class) ?? 0) + 1);
    log(`Zero-downtime lint of ${findings.length} pending statement(s): ${[...counts].map(([c, n]) => `${n} ${c}`).join(', ')}`);
    for (const file of pending) {
        const mine = findings.filter((f) => f.script === file.script);
        const notable = mine.filter((f) => f.class !== 'additive' && f.class !== 'data');
        if (notable.length === 0)
            continue;
        log(`  ${label(file)} [${file.phase}]: ${worst(mine.map((f) => f.class))}`);
        for (const f of notable)
            log(`    ${f.statement}. line ${f.line}: ${f.class} — ${f.reason}`);
    }
    for (const f of findings.filter((x) => x.class === 'locking'))
        if (onlineDdl === 'off')
            warn(`${f.script} statement ${f.statement} (line ${f.line}) may lock or copy its table while it runs: ${f.reason}. With online-ddl: inplace the server refuses such a plan instead of taking the lock.`);
}
/** The dry run's listing: what each phase would apply, in order. */
function dryRunListing(plan, phase, log) {
    const listFile = (f) => {
        log(`would apply ${label(f)}: ${f.statements.length} statement(s)`);
        for (const s of f.statements)
            log(`    ${s.index}. line ${s.line}: ${firstLine(s.sql)}`);
    };
    if (phase === 'all') {
        plan.pending.forEach(listFile);
        const expand = selectPhase(plan.pending, 'expand');
        if (expand.waiting.length) {
            const contract = selectPhase(expand.waiting.map((w) => w.file), 'contract');
            log(`In blue-green: phase expand would apply ${names(expand.apply)}; phase contract then ${names(contract.apply)}`);
        }
        return;
    }
    const first = selectPhase(plan.pending, phase);
    log(`phase ${phase} would apply ${names(first.apply)}:`);
    first.apply.forEach(listFile);
    const other = phase === 'expand' ? 'contract' : 'expand';
    const next = selectPhase(first.waiting.map((w) => w.file), other);
    log(`then phase ${other} would apply ${names(next.apply)}${next.waiting.length ? `; still waiting after that: ${names(next.waiting.map((w) => w.file))}` : ''}`);
}
const names = (files) => (files.length ? files.map(label).join(', ') : 'nothing');

;// CONCATENATED MODULE: ./actions/init-db/src/report.ts

const icon = {
    applied: '✅ applied',
    failed: '❌ failed',
    pending: '⏳ pending',
    'would apply': '📝 would apply',
    'up to date': '✔️ up to date',
    'beyond target': '⏭️ above target',
    'other phase': '⏸️ other phase',
};
const classIcon = {
    additive: '🟢 additive',
    data: '🟢 data',
    locking: '🟠 locking',
    incompatible: '🔴 incompatible',
    destructive: '🔴 destructive',
};
/** The job summary: one line of outcome, then every migration with its status and duration. */
function summary(state, database, failure) {
    const s = new Summary();
    const applied = state.applied.length;
    const verdict = failure ? 'failed' : state.dryRun ? 'dry run' : applied ? `${applied} applied` : 'up to date';
    s.heading(`init-db ${database}: ${verdict}`);
    const facts = [`current version **${state.currentVersion || 'none'}**`];
    if (state.target)
        facts.push(`target version ${state.target}`);
    if (state.phase !== 'all')
        facts.push(`phase **${state.phase}**`);
    if (state.snapshotId)
        facts.push(`snapshot \`${state.snapshotId}\``);
    s.text(facts.join(' · '));
    if (failure)
        s.text(`**Failure:** ${escapeHtml(secrets_redact(failure).split('\n')[0] ?? '')}`);
    if (state.rows.length) {
        s.table(['Migration', 'Type', 'Status', 'Duration', 'Statements', 'Note', 'Phase', 'Class'], state.rows.map((r) => [
            r.script,
            r.kind,
            icon[state.dryRun && r.status === 'pending' ? 'would apply' : r.status],
            r.ms === undefined ? '' : formatDuration(r.ms),
            r.statements,
            secrets_redact(r.note ?? ''),
            r.phase,
            r.class ? classIcon[r.class] : '',
        ]));
    }
    const notable = state.lint.filter((f) => f.class !== 'additive' && f.class !== 'data');
    if (notable.length) {
        s.heading('Zero-downtime lint', 3);
        s.table(['Migration', 'Statement', 'Line', 'Phase', 'Class', 'Why'], notable.map((f) => [f.script, f.statement, f.line, f.phase, classIcon[f.class], escapeHtml(f.reason)]));
    }
    return s;
}

;// CONCATENATED MODULE: ./actions/init-db/src/main.ts





async function run() {
    const inputs = getInputs();
    const state = new RunState();
    // The runner cancels a step with SIGINT, then SIGTERM: stop after recording exactly what committed.
    const cancel = new AbortController();
    for (const sig of ['SIGINT', 'SIGTERM'])
        process.once(sig, () => cancel.abort(sig));
    let failure;
    try {
        await migrate(inputs, state, {
            log: (line) => info(line),
            warn: (line) => warning(secrets_redact(line)),
            group: group,
            signal: cancel.signal,
            // A line per round trip: sent only when the runner shows step-debug lines (RUNNER_DEBUG=1), not written to be thrown away.
            debug: process.env.RUNNER_DEBUG === '1' ? (line) => debug(secrets_redact(line)) : undefined,
        });
    }
    catch (e) {
        failure = e;
        throw e;
    }
    finally {
        const outputs = {
            'current-version': state.currentVersion,
            applied: state.applied,
            'applied-count': state.applied.length,
            'pending-count': state.pending.length - state.applied.length,
            'snapshot-id': state.snapshotId,
            lint: state.lint,
        };
        setOutputs(outputs);
        summary(state, inputs.database, failure === undefined ? undefined : errors_errorMessage(failure)).write();
    }
}

;// CONCATENATED MODULE: ./actions/init-db/src/index.ts


void runAction(run);

