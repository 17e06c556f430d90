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

/***/ 4434:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("events");

/***/ }),

/***/ 9896:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("fs");

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

;// CONCATENATED MODULE: ./packages/kit/src/pool.ts
/**
 * Maps over items with at most `limit` calls in flight, keeping input order in
 * the result. After the first failure no further item is started; the calls
 * already in flight settle, then the first error is thrown.
 */
async function mapConcurrent(items, limit, fn) {
    const results = new Array(items.length);
    let next = 0;
    let failed;
    const worker = async () => {
        while (failed === undefined && next < items.length) {
            const i = next++;
            try {
                results[i] = await fn(items[i], i);
            }
            catch (error) {
                failed ??= { error };
            }
        }
    };
    await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
    if (failed)
        throw failed.error;
    return results;
}

;// CONCATENATED MODULE: ./packages/kit/src/index.ts

















;// CONCATENATED MODULE: ./packages/http-checks/src/path.ts
function parsePath(path) {
    let p = path.trim();
    if (p === '$')
        return [];
    if (p.startsWith('$.'))
        p = p.slice(2);
    else if (p.startsWith('$['))
        p = p.slice(1);
    const out = [];
    const re = /\.?([A-Za-z_$][\w$-]*)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]/y;
    let i = 0;
    while (i < p.length) {
        re.lastIndex = i;
        const m = re.exec(p);
        if (!m || (m.index === 0 && p[0] === '.'))
            throw new Error(`malformed path ${JSON.stringify(path)} at character ${i + 1}`);
        if (m[1] !== undefined)
            out.push(m[1]);
        else if (m[2] !== undefined)
            out.push(Number(m[2]));
        else
            out.push(JSON.parse(m[3]));
        i = re.lastIndex;
    }
    if (out.length === 0)
        throw new Error(`empty path ${JSON.stringify(path)}`);
    return out;
}
/** Reads a path; `found: false` when any segment is missing. */
function readPath(value, path) {
    let cur = value;
    for (const seg of path) {
        if (typeof seg === 'number') {
            if (!Array.isArray(cur) || seg >= cur.length)
                return { found: false };
            cur = cur[seg];
        }
        else {
            if (typeof cur !== 'object' || cur === null || Array.isArray(cur) || !Object.hasOwn(cur, seg))
                return { found: false };
            cur = cur[seg];
        }
    }
    return { found: true, value: cur };
}
function deepEqual(a, b) {
    if (a === b)
        return true;
    if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object')
        return false;
    if (Array.isArray(a) !== Array.isArray(b))
        return false;
    if (Array.isArray(a)) {
        const bb = b;
        return a.length === bb.length && a.every((x, i) => deepEqual(x, bb[i]));
    }
    const ak = Object.keys(a);
    const bk = Object.keys(b);
    return (ak.length === bk.length && ak.every((k) => Object.hasOwn(b, k) && deepEqual(a[k], b[k])));
}

;// CONCATENATED MODULE: ./packages/http-checks/src/spec.ts


const KEYS = [
    'name',
    'url',
    'method',
    'headers',
    'body',
    'status',
    'body-contains',
    'body-matches',
    'json',
    'max-latency',
    'version-json',
    'version-header',
];
const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];
/**
 * Validates the checks document (a YAML list) into checks. Every problem
 * names the input, the check (by position and name) and the bad value.
 */
function parseChecks(doc, opts) {
    const { input } = opts;
    if (doc === null || doc === undefined)
        throw new errors_InputError(input, 'is empty: give at least one check');
    const list = Array.isArray(doc) ? doc : doc.checks;
    if (!Array.isArray(list))
        throw new errors_InputError(input, 'must be a YAML list of checks (or a mapping with a `checks:` list)');
    if (list.length === 0)
        throw new errors_InputError(input, 'is an empty list: give at least one check');
    const checks = list.map((item, i) => parseCheck(item, i, opts));
    const names = new Set();
    for (const c of checks) {
        if (names.has(c.name))
            throw new errors_InputError(input, `two checks are named ${errors_show(c.name)}: names must be unique`);
        names.add(c.name);
    }
    if (opts.expectVersion && !checks.some((c) => c.versionJson || c.versionHeader)) {
        throw new errors_InputError('expect-version', `is ${errors_show(opts.expectVersion)} but no check says where to read the version: add version-json or version-header to a check`);
    }
    return checks;
}
function parseCheck(item, index, opts) {
    const raw = typeof item === 'string' ? { url: item } : item;
    const where = (name) => `check ${index + 1}${typeof name === 'string' ? ` (${errors_show(name)})` : ''}`;
    const fail = (why) => {
        throw new errors_InputError(opts.input, `${where(raw?.name)}: ${why}`);
    };
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
        fail(`must be a URL or a mapping, got ${errors_show(item)}`);
    for (const key of Object.keys(raw)) {
        if (!KEYS.includes(key))
            fail(`unknown key ${errors_show(key)} (known keys: ${KEYS.join(', ')})`);
    }
    const str = (key) => {
        const v = raw[key];
        if (v === undefined || v === null)
            return undefined;
        if (typeof v !== 'string' && typeof v !== 'number')
            fail(`${key} must be a string, got ${errors_show(v)}`);
        return String(v);
    };
    const strList = (key) => {
        const v = raw[key];
        if (v === undefined || v === null)
            return [];
        const arr = Array.isArray(v) ? v : [v];
        return arr.map((x) => (typeof x === 'string' || typeof x === 'number' ? String(x) : fail(`${key} must be a string or a list of strings, got ${errors_show(v)}`)));
    };
    const urlText = str('url') ?? fail('url is required');
    const url = resolveUrl(urlText, opts.baseUrl, fail);
    const method = (str('method') ?? 'GET').toUpperCase();
    if (!METHODS.includes(method))
        fail(`method ${errors_show(method)} is not one of ${METHODS.join(', ')}`);
    const headers = {};
    if (raw.headers !== undefined) {
        if (typeof raw.headers !== 'object' || raw.headers === null || Array.isArray(raw.headers))
            fail('headers must be a mapping of name: value');
        for (const [k, v] of Object.entries(raw.headers)) {
            if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(k))
                fail(`header name ${errors_show(k)} is not valid`);
            if (typeof v !== 'string' && typeof v !== 'number')
                fail(`header ${k} must be a string`);
            headers[k.toLowerCase()] = String(v);
        }
    }
    let body;
    if (raw.body !== undefined && raw.body !== null) {
        if (typeof raw.body === 'string')
            body = raw.body;
        else {
            body = JSON.stringify(raw.body);
            headers['content-type'] ??= 'application/json';
        }
    }
    const status = parseStatus(raw.status, fail);
    const bodyMatches = strList('body-matches').map((src) => {
        try {
            return new RegExp(src);
        }
        catch (e) {
            return fail(`body-matches ${errors_show(src)} is not a valid regular expression: ${e.message}`);
        }
    });
    const json = [];
    if (raw.json !== undefined) {
        if (typeof raw.json !== 'object' || raw.json === null || Array.isArray(raw.json))
            fail('json must be a mapping of path: expected value, e.g. { "data.items[0].id": 1 }');
        for (const [path, equals] of Object.entries(raw.json))
            json.push({ path, segments: segments(path, 'json', fail), equals });
    }
    let maxLatencyMs;
    if (raw['max-latency'] !== undefined) {
        const v = raw['max-latency'];
        const ms = typeof v === 'number' ? v : typeof v === 'string' ? parseDuration(v, 'ms') : undefined;
        if (ms === undefined || !(ms > 0))
            fail(`max-latency ${errors_show(v)} is not a positive duration (e.g. 500 or 500ms)`);
        maxLatencyMs = ms;
    }
    const vj = str('version-json');
    const vh = str('version-header');
    const name = str('name') ?? `${method} ${url.pathname}${url.search}`;
    return {
        name,
        url,
        method,
        headers,
        ...(body !== undefined ? { body } : {}),
        status,
        bodyContains: strList('body-contains'),
        bodyMatches,
        json,
        ...(maxLatencyMs !== undefined ? { maxLatencyMs } : {}),
        ...(vj ? { versionJson: { path: vj, segments: segments(vj, 'version-json', fail) } } : {}),
        ...(vh ? { versionHeader: vh.toLowerCase() } : {}),
    };
}
function segments(path, key, fail) {
    try {
        return parsePath(path);
    }
    catch (e) {
        return fail(`${key}: ${e.message}`);
    }
}
function resolveUrl(text, base, fail) {
    if (/^[a-z][a-z0-9+.-]*:/i.test(text)) {
        let u;
        try {
            u = new URL(text);
        }
        catch {
            return fail(`url ${errors_show(text)} is not a valid URL`);
        }
        if (u.protocol !== 'http:' && u.protocol !== 'https:')
            fail(`url ${errors_show(text)} must be http or https`);
        return u;
    }
    if (!base)
        return fail(`url ${errors_show(text)} is relative but base-url is not set`);
    // Join so that base paths are kept: base http://h/api + /healthz → http://h/api/healthz.
    const joined = new URL(base.href.replace(/\/?$/, '/') + text.replace(/^\//, ''));
    return joined;
}
function parseStatus(v, fail) {
    if (v === undefined || v === null)
        return [[200, 299]];
    const items = Array.isArray(v) ? v : [v];
    if (items.length === 0)
        fail('status must not be an empty list');
    return items.map((s) => {
        if (typeof s === 'number' && Number.isInteger(s) && s >= 100 && s <= 599)
            return [s, s];
        if (typeof s === 'string') {
            const t = s.trim();
            if (/^[1-5]xx$/i.test(t))
                return [Number(t[0]) * 100, Number(t[0]) * 100 + 99];
            if (/^[1-5]\d\d$/.test(t))
                return [Number(t), Number(t)];
            const r = /^([1-5]\d\d)-([1-5]\d\d)$/.exec(t);
            if (r && Number(r[1]) <= Number(r[2]))
                return [Number(r[1]), Number(r[2])];
        }
        return fail(`status ${errors_show(s)} is not a status code, a class like 2xx, or a range like 200-204`);
    });
}
function describeStatus(ranges) {
    return ranges.map(([a, b]) => (a === b ? String(a) : b - a === 99 && a % 100 === 0 ? `${a / 100}xx` : `${a}-${b}`)).join(' or ');
}

// EXTERNAL MODULE: external "node:http"
var external_node_http_ = __nccwpck_require__(7067);
var external_node_http_default = /*#__PURE__*/__nccwpck_require__.n(external_node_http_);
// EXTERNAL MODULE: external "node:https"
var external_node_https_ = __nccwpck_require__(4708);
var external_node_https_default = /*#__PURE__*/__nccwpck_require__.n(external_node_https_);
;// CONCATENATED MODULE: ./packages/http-checks/src/http.ts


const MAX_BODY = 1 << 20;
/** The request did not complete within its timeout. */
class RequestTimeoutError extends Error {
    timeoutMs;
    constructor(timeoutMs) {
        super(`no complete response within ${timeoutMs}ms`);
        this.timeoutMs = timeoutMs;
    }
}
/** Turns socket-level failures into short, readable reasons. */
function describeNetworkError(e) {
    switch (e.code) {
        case 'ECONNREFUSED':
            return 'connection refused';
        case 'ECONNRESET':
            return 'connection reset by peer';
        case 'ENOTFOUND':
            return `host not found (${e.message.split(' ').pop()})`;
        case 'EAI_AGAIN':
            return 'DNS lookup failed (temporary)';
        case 'EHOSTUNREACH':
            return 'host unreachable';
        case 'UND_ERR_SOCKET':
        case 'EPIPE':
            return 'connection closed';
        default:
            return e.message.includes('socket hang up') ? 'connection closed before a response (socket hang up)' : `${e.code ?? 'error'}: ${e.message}`;
    }
}
/** One HTTP request with a hard timeout, a fresh connection, and a bounded body. */
function http_send(check, target) {
    const url = check.url;
    const isHttps = url.protocol === 'https:';
    const port = url.port || (isHttps ? '443' : '80');
    const override = target.resolve?.get(`${url.hostname}:${port}`);
    const lookup = override
        ? (_host, options, cb) => {
            const family = override.includes(':') ? 6 : 4;
            if (options.all)
                cb(null, [{ address: override, family }]);
            else
                cb(null, override, family);
        }
        : undefined;
    const headers = { 'user-agent': 'switchyard-smoke-test', accept: '*/*', ...check.headers };
    if (target.hostHeader)
        headers.host = target.hostHeader;
    if (check.body !== undefined)
        headers['content-length'] = String(Buffer.byteLength(check.body));
    const started = performance.now();
    return new Promise((resolve, reject) => {
        const options = {
            method: check.method,
            headers,
            agent: false,
            ...(lookup ? { lookup } : {}),
            ...(isHttps && target.hostHeader ? { servername: target.hostHeader.replace(/:\d+$/, '') } : {}),
        };
        const req = (isHttps ? (external_node_https_default()) : (external_node_http_default())).request(url, options, (res) => {
            const chunks = [];
            let size = 0;
            res.on('data', (c) => {
                size += c.length;
                if (size <= MAX_BODY)
                    chunks.push(c);
            });
            res.on('end', () => {
                clearTimeout(timer);
                const flat = {};
                for (const [k, v] of Object.entries(res.headers))
                    if (v !== undefined)
                        flat[k] = Array.isArray(v) ? v.join(', ') : v;
                resolve({
                    status: res.statusCode ?? 0,
                    headers: flat,
                    body: Buffer.concat(chunks).toString('utf8'),
                    latencyMs: Math.round(performance.now() - started),
                });
            });
            res.on('error', (e) => fail(e));
            res.on('aborted', () => fail(Object.assign(new Error('response aborted'), { code: 'ECONNRESET' })));
        });
        const fail = (e) => {
            clearTimeout(timer);
            reject(new Error(describeNetworkError(e)));
        };
        const timer = setTimeout(() => {
            req.destroy();
            reject(new RequestTimeoutError(target.timeoutMs));
        }, target.timeoutMs);
        req.on('error', fail);
        req.end(check.body);
    });
}

;// CONCATENATED MODULE: ./packages/http-checks/src/match.ts


const match_short = (v) => {
    const s = JSON.stringify(v) ?? String(v);
    return s.length > 60 ? `${s.slice(0, 60)}…` : s;
};
/**
 * Compares a response with a check's expectations. Returns the reasons it
 * does not match (empty: it matches). Pure: no I/O.
 */
function mismatches(check, res, expectVersion) {
    const out = [];
    if (!check.status.some(([a, b]) => res.status >= a && res.status <= b)) {
        out.push(`status ${res.status}, expected ${describeStatus(check.status)}`);
    }
    for (const s of check.bodyContains)
        if (!res.body.includes(s))
            out.push(`body does not contain ${match_short(s)}`);
    for (const re of check.bodyMatches)
        if (!re.test(res.body))
            out.push(`body does not match /${re.source}/`);
    let parsed;
    const json = () => {
        if (!parsed) {
            try {
                parsed = { ok: true, value: JSON.parse(res.body) };
            }
            catch {
                parsed = { ok: false };
            }
        }
        return parsed;
    };
    for (const j of check.json) {
        const doc = json();
        if (!doc.ok) {
            out.push(`body is not JSON (needed for ${j.path})`);
            break;
        }
        const got = readPath(doc.value, j.segments);
        if (!got.found)
            out.push(`JSON ${j.path} is missing, expected ${match_short(j.equals)}`);
        else if (!deepEqual(got.value, j.equals))
            out.push(`JSON ${j.path} is ${match_short(got.value)}, expected ${match_short(j.equals)}`);
    }
    if (check.maxLatencyMs !== undefined && res.latencyMs > check.maxLatencyMs) {
        out.push(`latency ${res.latencyMs}ms exceeds ${check.maxLatencyMs}ms`);
    }
    if (expectVersion !== undefined) {
        if (check.versionHeader) {
            const v = res.headers[check.versionHeader];
            if (v !== expectVersion)
                out.push(`version header ${check.versionHeader} is ${v === undefined ? 'missing' : match_short(v)}, expected ${match_short(expectVersion)}`);
        }
        if (check.versionJson) {
            const doc = json();
            const got = doc.ok ? readPath(doc.value, check.versionJson.segments) : { found: false };
            if (!got.found)
                out.push(`version field ${check.versionJson.path} is missing, expected ${match_short(expectVersion)}`);
            else if (String(got.value) !== expectVersion)
                out.push(`version is ${match_short(got.value)}, expected ${match_short(expectVersion)}`);
        }
    }
    return out;
}

;// CONCATENATED MODULE: ./packages/http-checks/src/runner.ts



/** An attempt needs at least this much of the deadline left to be worth starting. */
const MIN_ATTEMPT_MS = 100;
/**
 * Runs every check in parallel (bounded), each retried with full-jitter
 * backoff until it passes or the shared deadline passes. Connection errors
 * and non-matching responses are both retried.
 */
async function runChecks(checks, opts) {
    const now = opts.now ?? Date.now;
    const sleep = opts.sleep ?? realSleep;
    const send = opts.send ?? http_send;
    const started = now();
    const deadline = started + opts.timeoutMs;
    return mapConcurrent(checks, opts.concurrency, async (check) => {
        let attempts = 0;
        let last = {};
        let lastReason = '';
        for (;;) {
            attempts++;
            const timeoutMs = Math.max(1, Math.min(opts.requestTimeoutMs, deadline - now()));
            let reason;
            try {
                const res = await send(check, {
                    timeoutMs,
                    ...(opts.hostHeader ? { hostHeader: opts.hostHeader } : {}),
                    ...(opts.resolve ? { resolve: opts.resolve } : {}),
                });
                last = { status: res.status, latencyMs: res.latencyMs };
                const why = mismatches(check, res, opts.expectVersion);
                if (why.length === 0) {
                    if (attempts > 1)
                        opts.log?.(`✓ ${check.name}: passed on attempt ${attempts}`);
                    return { name: check.name, method: check.method, url: check.url.href, passed: true, attempts, ...last, elapsedMs: now() - started };
                }
                reason = why.join('; ');
            }
            catch (e) {
                // An attempt cut short by the overall deadline says less than the one before it.
                const cut = e instanceof RequestTimeoutError && timeoutMs < opts.requestTimeoutMs && lastReason !== '';
                reason = cut ? lastReason : errors_errorMessage(e);
            }
            if (reason !== lastReason) {
                opts.log?.(`… ${check.name}: attempt ${attempts}: ${reason}`);
                lastReason = reason;
            }
            // Wait with backoff, but never past the deadline: a last attempt runs at the deadline's edge.
            const remaining = deadline - now();
            if (remaining <= MIN_ATTEMPT_MS) {
                return { name: check.name, method: check.method, url: check.url.href, passed: false, attempts, ...last, reason, elapsedMs: now() - started };
            }
            const delay = backoffDelay(attempts - 1, { initialMs: opts.initialMs ?? 200, maxMs: opts.maxMs ?? 2000 }, opts.random);
            await sleep(Math.min(delay, remaining - MIN_ATTEMPT_MS));
        }
    });
}

;// CONCATENATED MODULE: ./packages/http-checks/src/index.ts






;// CONCATENATED MODULE: ./actions/switch-traffic/src/prometheus.ts

/** Prometheus could not be asked (refused, reset, timed out, 5xx, 429): worth another try. */
class PrometheusUnavailable extends Error {
}
/** Prometheus's HTTP API `/api/v1/query` (instant queries), shared by the Prometheus gate and the analysis. */
class PrometheusClient {
    opts;
    constructor(opts) {
        this.opts = opts;
    }
    get origin() {
        return this.opts.url.origin;
    }
    endpoint(query) {
        const base = new URL(this.opts.url.href.replace(/\/?$/, '/'));
        const u = new URL('api/v1/query', base);
        u.searchParams.set('query', query);
        return u;
    }
    /**
     * One instant query. Throws PrometheusUnavailable when Prometheus cannot
     * answer (retry it), and a Failure when it rejects the query (do not).
     */
    async query(query, timeoutMs) {
        const doFetch = this.opts.fetch ?? fetch;
        let res;
        try {
            res = await doFetch(this.endpoint(query), {
                headers: { accept: 'application/json', ...(this.opts.token ? { authorization: `Bearer ${this.opts.token}` } : {}) },
                signal: AbortSignal.timeout(Math.max(1, Math.min(10_000, timeoutMs))),
            });
        }
        catch (e) {
            // fetch's cause carries the socket error (an AggregateError with a code for refused connections).
            const cause = e.cause;
            throw new PrometheusUnavailable(`Prometheus unreachable at ${this.opts.url.origin}: ${cause?.code ?? (cause?.message || errors_errorMessage(e))}`);
        }
        const text = await res.text();
        if (res.status >= 500 || res.status === 429)
            throw new PrometheusUnavailable(`Prometheus answered HTTP ${res.status}: ${errors_show(text, 160)}`);
        let body;
        try {
            body = JSON.parse(text);
        }
        catch {
            throw new Failure(`Prometheus answered HTTP ${res.status} with a body that is not JSON: ${errors_show(text, 160)}`);
        }
        if (res.status !== 200 || body.status !== 'success') {
            throw new Failure(`Prometheus rejected the query ${errors_show(query)}: HTTP ${res.status} ${body.errorType ?? ''} ${body.error ?? ''}`.trim());
        }
        const samples = samplesOf(body);
        return samples ? { samples } : { wrongType: body.data?.resultType ?? 'missing' };
    }
}
function samplesOf(body) {
    const data = body.data;
    if (data?.resultType === 'scalar') {
        const v = data.result;
        return [{ labels: '', value: Number(v[1]) }];
    }
    if (data?.resultType === 'vector' && Array.isArray(data.result)) {
        return data.result.map((r) => {
            const labels = Object.entries(r.metric ?? {})
                .map(([k, v]) => `${k}="${v}"`)
                .join(',');
            return { labels: labels ? `{${labels}}` : '', value: Number(r.value?.[1]) };
        });
    }
    return undefined;
}

;// CONCATENATED MODULE: ./actions/switch-traffic/src/gate.ts



class HttpChecksGate {
    opts;
    name = 'HTTP checks';
    constructor(opts) {
        this.opts = opts;
    }
    async evaluate() {
        const { checks, timeoutMs, requestTimeoutMs, hostHeader, log, now, sleep } = this.opts;
        const results = await runChecks(checks, {
            timeoutMs,
            requestTimeoutMs: Math.min(requestTimeoutMs ?? 10_000, timeoutMs),
            concurrency: 8,
            hostHeader,
            log,
            now,
            sleep,
        });
        return {
            passed: results.every((r) => r.passed),
            evidence: results.map((r) => r.passed
                ? `✓ ${r.name}: HTTP ${r.status}${r.latencyMs === undefined ? '' : `, ${r.latencyMs}ms`}`
                : `✗ ${r.name} (${r.method} ${r.url}): ${r.reason} after ${r.attempts} attempt(s)`),
        };
    }
}
/** Parses `prometheus-threshold`, e.g. `< 0.01` or `>= 0.99`: every sample must satisfy it. */
function parseThreshold(input, text) {
    const m = /^\s*(<=|>=|==|!=|<|>)\s*(-?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)\s*$/.exec(text);
    if (!m)
        throw new errors_InputError(input, `${errors_show(text)} is not a comparison such as "< 0.01" or ">= 0.99" (operators <, <=, >, >=, ==, !=)`);
    return { op: m[1], value: Number(m[2]) };
}
function satisfies(v, t) {
    switch (t.op) {
        case '<':
            return v < t.value;
        case '<=':
            return v <= t.value;
        case '>':
            return v > t.value;
        case '>=':
            return v >= t.value;
        case '==':
            return v === t.value;
        case '!=':
            return v !== t.value;
    }
}
/**
 * An instant query against Prometheus's HTTP API (`/api/v1/query`). The gate
 * passes when the query returns at least one sample and every sample
 * satisfies the threshold. No data, NaN, a query error, or a Prometheus that
 * stays unreachable until the gate's deadline all fail the gate: no evidence
 * of health is not health.
 */
class PrometheusGate {
    opts;
    name = 'Prometheus';
    client;
    constructor(opts) {
        this.opts = opts;
        this.client = new PrometheusClient(opts);
    }
    async evaluate() {
        const t = this.opts.threshold;
        const want = `${t.op} ${t.value}`;
        const { query, timeoutMs, log, now, sleep, random } = this.opts;
        let result;
        try {
            result = await retry(() => this.client.query(query, timeoutMs), {
                label: 'Prometheus query',
                timeoutMs,
                initialMs: 250,
                maxMs: 2000,
                retryable: (e) => e instanceof PrometheusUnavailable,
                log,
                now,
                sleep,
                random,
            });
        }
        catch (e) {
            return { passed: false, evidence: [`✗ ${errors_errorMessage(e)}`] };
        }
        if ('wrongType' in result)
            return {
                passed: false,
                evidence: [`✗ query ${errors_show(query)} returned a ${result.wrongType} result: use an instant query that yields a vector or a scalar`],
            };
        const samples = result.samples;
        if (samples.length === 0)
            return { passed: false, evidence: [`✗ query ${errors_show(query)} returned no data (threshold ${want})`] };
        const evidence = samples.map((s) => {
            const ok = !Number.isNaN(s.value) && satisfies(s.value, t);
            return `${ok ? '✓' : '✗'} ${query}${s.labels} = ${s.value} (threshold ${want})`;
        });
        return { passed: evidence.every((e) => e.startsWith('✓')), evidence };
    }
}
/** Runs every gate; the step passes only if all pass. */
async function evaluateGates(gates) {
    const results = await Promise.all(gates.map(async (g) => ({ gate: g.name, result: await g.evaluate() })));
    return { passed: results.every((r) => r.result.passed), results };
}

;// CONCATENATED MODULE: ./actions/switch-traffic/src/weights.ts

const COLORS = ['blue', 'green'];
const other = (c) => (c === 'blue' ? 'green' : 'blue');
function liveColor(w) {
    if (w.blue > 0 && w.green === 0)
        return 'blue';
    if (w.green > 0 && w.blue === 0)
        return 'green';
    return 'mixed';
}
/** The colour receiving no traffic, or '' when the state is mixed. */
function idleColor(w) {
    const live = liveColor(w);
    return live === 'mixed' ? '' : other(live);
}
const sameWeights = (a, b) => a.blue === b.blue && a.green === b.green;
const formatWeights = (w) => `blue ${w.blue} / green ${w.green}`;
/** Weights for a canary step: `percent` of traffic to `to`, the rest to the other colour. */
function stepWeights(to, percent) {
    return { [to]: percent, [other(to)]: 100 - percent };
}
/** Parses `previous-weights` (the JSON this action outputs), e.g. {"blue":100,"green":0}. */
function parseWeights(input, text) {
    let doc;
    try {
        doc = JSON.parse(text);
    }
    catch {
        throw new errors_InputError(input, `${errors_show(text)} is not JSON: expected e.g. {"blue":100,"green":0} (the previous-weights output of an earlier step)`);
    }
    if (typeof doc !== 'object' || doc === null || Array.isArray(doc))
        throw new errors_InputError(input, `${errors_show(text)} must be a JSON object like {"blue":100,"green":0}`);
    const keys = Object.keys(doc).sort();
    if (keys.join(',') !== 'blue,green')
        throw new errors_InputError(input, `${errors_show(text)} must have exactly the keys blue and green, found ${keys.join(', ') || 'none'}`);
    const w = doc;
    for (const c of COLORS) {
        if (typeof w[c] !== 'number' || !Number.isInteger(w[c]))
            throw new errors_InputError(input, `${c} weight ${errors_show(w[c])} is not a whole number`);
    }
    return { blue: w.blue, green: w.green };
}
/**
 * Validates target weights against the provider's range, before anything is
 * written. `input` names where the weights came from (for the error).
 */
function validateTarget(target, maxWeight, input) {
    for (const c of COLORS) {
        const v = target[c];
        if (!Number.isInteger(v) || v < 0 || v > maxWeight)
            throw new errors_InputError(input, `${c} weight ${v} is outside 0–${maxWeight}`);
    }
    if (target.blue === 0 && target.green === 0) {
        throw new errors_InputError(input, 'sets every weight to 0: Route53 would spread traffic evenly and a proxy would answer 503; give one colour a weight above 0');
    }
}
/** Parses canary `steps` like `10,50,100`: percentages, strictly increasing, ending at 100. */
function parseSteps(input, items) {
    if (items.length === 0)
        throw new errors_InputError(input, 'is required for mode canary, e.g. 10,50,100');
    const steps = items.map((s) => {
        const t = s.trim().replace(/%$/, '');
        if (!/^\d+$/.test(t))
            throw new errors_InputError(input, `${errors_show(s)} is not a whole percentage`);
        const n = Number(t);
        if (n < 1 || n > 100)
            throw new errors_InputError(input, `${n} is outside 1–100 (percent of traffic to the new colour)`);
        return n;
    });
    for (let i = 1; i < steps.length; i++) {
        if (steps[i] <= steps[i - 1])
            throw new errors_InputError(input, `${errors_show(items.join(','))} must be strictly increasing`);
    }
    if (steps[steps.length - 1] !== 100)
        throw new errors_InputError(input, `${errors_show(items.join(','))} must end at 100 so the new colour ends up live`);
    return steps;
}
/** The colour `to: idle` means, resolved against what was read. */
function resolveTarget(to, current) {
    if (to !== 'idle')
        return to;
    const idle = idleColor(current);
    if (idle === '') {
        throw new errors_InputError('to', `"idle" is ambiguous: the current weights are ${formatWeights(current)} (mixed), so neither colour is idle`, {
            hint: 'name the colour (to: blue or to: green), or restore a clean state first with mode: rollback',
        });
    }
    return idle;
}

;// CONCATENATED MODULE: ./actions/switch-traffic/src/flow.ts



/** How long a proxy's old colour may take to finish its requests in flight, unless drain-wait says otherwise. */
const DEFAULT_DRAIN_DEADLINE_MS = 30_000;
/** Every target weight the plan will write, resolved and validated against what was read, before any write. */
function planTargets(plan, state, maxWeight) {
    switch (plan.mode) {
        case 'status':
            return { targets: [] };
        case 'rollback':
            validateTarget(plan.weights, maxWeight, 'previous-weights');
            return { targets: [{ label: 'rollback', weights: plan.weights, input: 'previous-weights' }] };
        case 'switch': {
            const to = resolveTarget(plan.to, state.weights);
            refuseUnavailable(state, to);
            const weights = stepWeights(to, 100);
            validateTarget(weights, maxWeight, 'to');
            return { to, targets: [{ label: `switch to ${to}`, weights, input: 'to' }] };
        }
        case 'canary': {
            const to = resolveTarget(plan.to, state.weights);
            refuseUnavailable(state, to);
            // Never move traffic backwards: steps at or below the share `to` already has are skipped.
            const total = state.weights.blue + state.weights.green;
            const share = total === 0 ? 50 : (100 * state.weights[to]) / total;
            const steps = plan.steps.filter((p) => p > share || p === 100);
            const targets = steps.map((p) => ({ label: `${p}% to ${to}`, weights: stepWeights(to, p), input: 'steps' }));
            for (const t of targets)
                validateTarget(t.weights, maxWeight, t.input);
            return { to, targets };
        }
    }
}
/** Traffic never moves to a target that cannot serve it (a rollback is never blocked: it goes back to what served). */
function refuseUnavailable(state, to) {
    const m = state.members.find((x) => x.color === to);
    if (m?.unavailable)
        throw new Failure(`Refusing to move traffic to ${to}: ${m.unavailable}`, {
            hint: 'bring it back first (e.g. `set server … state ready`), or fix its health check',
        });
}
/**
 * read → plan (validated against what was read) → for each step: apply
 * atomically → wait until effective → verify → wait → gate. A failing gate
 * restores the weights read at the start, in one change. Never throws for a
 * failing gate: the report carries it so outputs can be set first.
 */
async function flow_execute(plan, deps) {
    const { provider } = deps;
    const log = deps.log ?? (() => { });
    const sleep = deps.sleep ?? realSleep;
    const now = deps.now ?? Date.now;
    const group = deps.group ?? ((_name, fn) => fn());
    const state = await provider.read();
    log(`Current weights (${state.where}): ${formatWeights(state.weights)}`);
    const { to, targets } = planTargets(plan, state, provider.maxWeight);
    deps.onRead?.(state);
    const skipped = plan.mode === 'canary' ? plan.steps.length - targets.length : 0;
    if (skipped > 0)
        log(`Skipping ${skipped} canary step(s) at or below the share ${to} already has`);
    const stepWaitMs = plan.mode === 'switch' || plan.mode === 'canary' ? plan.stepWaitMs : 0;
    const report = {
        mode: plan.mode,
        where: state.where,
        previous: state.weights,
        final: state.weights,
        members: [],
        to,
        steps: [],
        changeId: '',
        effectiveMs: 0,
        drainMs: 0,
    };
    let current = state;
    let submitted = 0;
    const change = async (weights) => {
        const t0 = now();
        const changeId = await provider.apply(current, weights);
        submitted++;
        log(`Submitted change ${changeId}: ${formatWeights(current.weights)} → ${formatWeights(weights)}`);
        await provider.waitEffective(changeId, weights);
        const effectiveMs = now() - t0;
        // Verify: read back what the traffic layer now says.
        current = await provider.read();
        if (!sameWeights(current.weights, weights)) {
            throw new Failure(`After change ${changeId} the weights are ${formatWeights(current.weights)}, not ${formatWeights(weights)}: someone else changed them meanwhile`);
        }
        log(`Change ${changeId} is effective after ${formatDuration(effectiveMs)}`);
        report.changeId = changeId;
        report.effectiveMs = effectiveMs;
        report.final = current.weights;
        return { changeId, effectiveMs };
    };
    try {
        await steps();
    }
    catch (e) {
        // After a change went out, say how to get back (unless the error already does).
        if (!(e instanceof Failure) || submitted === 0 || e.hint?.includes('previous-weights'))
            throw e;
        const back = `traffic may be left part-way (at step ${report.steps.at(-1).label}); restore it with mode: rollback and previous-weights: ${JSON.stringify(state.weights)} (this step's previous-weights output)`;
        throw new Failure(errors_errorMessage(e), { hint: e.hint ? `${e.hint}; ${back}` : back, cause: e });
    }
    report.members = state.members.map((m) => ({ color: m.color, id: m.id, before: m.weight, after: report.final[m.color] }));
    const changed = report.steps.some((st) => st.changeId !== '');
    if (changed && !report.failure) {
        const old = COLORS.find((c) => state.weights[c] > 0 && report.final[c] === 0);
        const inFlight = provider.inFlight?.bind(provider);
        if (old && inFlight) {
            const deadlineMs = deps.drainWaitMs ?? DEFAULT_DRAIN_DEADLINE_MS;
            if (deadlineMs > 0)
                report.drain = await group(`Drain ${old}`, () => drain(old, inFlight, deadlineMs));
            report.drainMs = report.drain?.ms ?? 0;
        }
        else {
            report.drainMs = deps.drainWaitMs ?? state.drainMs;
            const drainMs = report.drainMs;
            if (drainMs > 0)
                await group('Drain', () => wait('for resolvers and clients holding the old answer (drain-wait)', drainMs));
        }
    }
    return report;
    async function steps() {
        for (const [i, target] of targets.entries()) {
            const last = i === targets.length - 1;
            const step = { label: target.label, weights: target.weights, changeId: '', effectiveMs: 0 };
            report.steps.push(step);
            const ctx = to && {
                label: target.label,
                percent: target.weights[to],
                to,
                ids: { blue: idOf('blue'), green: idOf('green') },
                stepWaitMs,
            };
            const analysis = deps.analysis && ctx ? { a: deps.analysis, ctx } : undefined;
            let verdict;
            await group(`Step ${target.label}`, async () => {
                if (analysis) {
                    verdict = await guarded(() => analysis.a.baselines(analysis.ctx));
                    if (!verdict.passed)
                        return;
                }
                if (sameWeights(current.weights, target.weights)) {
                    log(`Step ${target.label}: weights already ${formatWeights(target.weights)}; nothing to change`);
                }
                else {
                    Object.assign(step, await change(target.weights));
                }
                if (analysis)
                    return;
                if (deps.gates.length === 0 && !last && stepWaitMs > 0)
                    await wait(`before the next step`, stepWaitMs);
                if (deps.gates.length > 0 && stepWaitMs > 0)
                    await wait(`before the gate of step ${target.label}`, stepWaitMs);
            });
            if (analysis && verdict?.passed) {
                const baseline = verdict;
                verdict = await group(`Analysis at step ${target.label}`, async () => {
                    const start = now();
                    const v = await guarded(() => analysis.a.run(analysis.ctx, start, baseline.baselines));
                    v.measurements.unshift(...baseline.measurements);
                    log(`Analysis ${v.passed ? 'passed' : 'failed'} at step ${target.label}${v.passed ? '' : `: ${v.reasons.join('; ')}`}`);
                    const rest = stepWaitMs - (now() - start);
                    if (v.passed && rest > 0 && (!last || deps.gates.length > 0))
                        await wait(`for the rest of step-wait`, rest);
                    return v;
                });
            }
            if (verdict)
                step.analysis = { passed: verdict.passed, reasons: verdict.reasons, measurements: verdict.measurements };
            if (verdict && !verdict.passed) {
                await restore(target.label, verdict.reasons.map((r) => `[Analysis] ${r}`));
                break;
            }
            if (deps.gates.length === 0)
                continue;
            const passed = await group(`Gate at step ${target.label}`, async () => {
                const verdict = await evaluateGates(deps.gates);
                step.gates = verdict.results;
                step.gatePassed = verdict.passed;
                for (const g of verdict.results)
                    for (const line of g.result.evidence)
                        log(`  [${g.gate}] ${line}`);
                if (verdict.passed)
                    log(`Gate passed at step ${target.label}`);
                return verdict.passed;
            });
            if (passed)
                continue;
            await restore(target.label, (step.gates ?? []).flatMap((g) => g.result.evidence.filter((l) => !l.startsWith('✓')).map((l) => `[${g.gate}] ${l}`)));
            break;
        }
    }
    /** A failed gate or analysis: restore the weights read at the start, in one change. */
    async function restore(label, evidence) {
        const failure = { step: label, evidence };
        report.failure = failure;
        await group(`Restore ${formatWeights(state.weights)}`, async () => {
            log(`Gate failed at step ${label}; restoring ${formatWeights(state.weights)}`);
            if (sameWeights(current.weights, state.weights))
                return;
            try {
                failure.restore = await change(state.weights);
            }
            catch (e) {
                throw new Failure(`Gate failed at step ${label} and restoring ${formatWeights(state.weights)} failed too: ${errors_errorMessage(e)}`, {
                    hint: `restore by hand: mode rollback with previous-weights ${JSON.stringify(state.weights)}`,
                    cause: e,
                });
            }
        });
    }
    /** An analysis that throws is a failed analysis (so the weights are restored), never an escape past the restore. */
    async function guarded(fn) {
        try {
            return await fn();
        }
        catch (e) {
            return { passed: false, reasons: [`analysis error: ${errors_errorMessage(e)}`], measurements: [], baselines: {} };
        }
    }
    function idOf(c) {
        return state.members.find((m) => m.color === c)?.id ?? c;
    }
    /** Polls the old colour's requests in flight until none are left, or the deadline. */
    async function drain(color, inFlight, deadlineMs) {
        const t0 = now();
        let left = await inFlight(color);
        log(`Waiting up to ${formatDuration(deadlineMs)} until ${color} has nothing in flight (now ${left})`);
        while (left > 0 && now() - t0 < deadlineMs) {
            await sleep(Math.min(100, Math.max(1, deadlineMs - (now() - t0))));
            left = await inFlight(color);
        }
        const ms = now() - t0;
        log(left === 0
            ? `${color} drained: nothing in flight after ${formatDuration(ms)}`
            : `${color} still has ${left} request(s) in flight after ${formatDuration(ms)} (drain-wait)`);
        return { color, ms, left, deadlineMs };
    }
    async function wait(what, ms) {
        log(`Waiting ${formatDuration(ms)} ${what}`);
        await sleep(ms);
    }
}

;// CONCATENATED MODULE: ./actions/switch-traffic/src/analysis.ts


const VARIABLES = new Set(['new', 'old', 'new_id', 'old_id', 'window']);
const NUM = String.raw `-?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?`;
const CONDITION = new RegExp(String.raw `^\s*(<=|>=|==|!=|<|>)\s*(?:(${NUM})|baseline(?:\s*\*\s*(${NUM}))?(?:\s*([+-])\s*(${NUM}))?)\s*$`);
function parseCondition(text) {
    const m = CONDITION.exec(text);
    if (!m)
        return undefined;
    if (m[2] !== undefined)
        return { text: text.trim(), op: m[1], relative: false, factor: 0, offset: Number(m[2]) };
    const offset = m[5] === undefined ? 0 : Number(m[5]) * (m[4] === '-' ? -1 : 1);
    return { text: text.trim(), op: m[1], relative: true, factor: m[3] === undefined ? 1 : Number(m[3]), offset };
}
/**
 * Reads and validates an analysis file. Every mistake names the input, the
 * file and the line and column, e.g.
 * `Input 'analysis-file': canary.yml line 7, column 14: window 30s is longer than step-wait 10s …`.
 */
async function parseAnalysis(input, text, origin, opts) {
    const src = await parseYamlSource(input, text, origin);
    const fail = (path, message) => {
        throw new errors_InputError(input, `${origin} ${src.at(path)}: ${message}`);
    };
    const isMap = (v) => typeof v === 'object' && v !== null && !Array.isArray(v);
    const keys = (v, path, allowed) => {
        for (const k of Object.keys(v))
            if (!allowed.includes(k))
                fail([...path, k], `unknown key ${errors_show(k)} (allowed: ${allowed.join(', ')})`);
    };
    const duration = (v, path, min) => {
        const ms = typeof v === 'string' || typeof v === 'number' ? parseDuration(String(v)) : undefined;
        if (ms === undefined)
            return fail(path, `${errors_show(v)} is not a duration such as 5s or 1m`);
        if (ms < min)
            fail(path, `${errors_show(v)} is shorter than ${formatDuration(min)}`);
        return ms;
    };
    const integer = (v, path, min) => {
        if (typeof v !== 'number' || !Number.isInteger(v) || v < min)
            fail(path, `${errors_show(v)} is not a whole number ≥ ${min}`);
        return v;
    };
    const template = (v, path) => {
        if (typeof v !== 'string' || v.trim() === '')
            return fail(path, 'must be a PromQL query (a non-empty string)');
        for (const m of v.matchAll(/\{\{\s*([^}]*?)\s*\}\}/g))
            if (!VARIABLES.has(m[1]))
                fail(path, `unknown variable {{${m[1]}}} (known: ${[...VARIABLES].map((x) => `{{${x}}}`).join(', ')})`);
        return v.trim();
    };
    const doc = src.value;
    if (!isMap(doc))
        return fail([], 'must be a mapping with `metrics:` (see the README, "Analysis")');
    keys(doc, [], ['interval', 'window', 'metrics']);
    const defaultInterval = doc.interval === undefined ? 5000 : duration(doc.interval, ['interval'], 1000);
    const windowMs = doc.window === undefined ? opts.stepWaitMs : duration(doc.window, ['window'], 2000);
    if (windowMs > opts.stepWaitMs)
        fail(['window'], `window ${formatDuration(windowMs)} is longer than step-wait ${formatDuration(opts.stepWaitMs)}: a rate over it would mix in traffic from before the step (a true 20 % error ratio would read lower); shorten the window or lengthen step-wait`);
    if (windowMs < 2000)
        fail(['window'], `the window is ${formatDuration(windowMs)} (from step-wait): a rate needs at least 2s; set step-wait (or window) to 2s or more`);
    if (!Array.isArray(doc.metrics) || doc.metrics.length === 0)
        fail(['metrics'], 'must be a non-empty list of metrics');
    const names = new Set();
    const metrics = doc.metrics.map((m, i) => {
        const at = ['metrics', i];
        if (!isMap(m))
            return fail(at, 'each metric must be a mapping with name, query and success');
        keys(m, at, ['name', 'query', 'baseline', 'success', 'interval', 'count', 'failure-limit', 'no-data']);
        if (typeof m.name !== 'string' || !/^[A-Za-z0-9_.-]{1,64}$/.test(m.name))
            fail([...at, 'name'], `${errors_show(m.name)} is not a metric name (letters, digits, _ . -)`);
        const name = m.name;
        if (names.has(name))
            fail([...at, 'name'], `${errors_show(name)} is defined twice`);
        names.add(name);
        const query = template(m.query, [...at, 'query']);
        const baseline = m.baseline === undefined ? undefined : template(m.baseline, [...at, 'baseline']);
        const success = typeof m.success === 'string' ? parseCondition(m.success) : undefined;
        if (!success)
            return fail([...at, 'success'], `${errors_show(m.success)} is not a condition such as "< 0.01" or "<= baseline * 1.5 + 0.005"`);
        if (success.relative && !baseline)
            fail([...at, 'success'], `${errors_show(success.text)} compares with the baseline, but the metric has no baseline query`);
        if (!success.relative && baseline)
            fail([...at, 'baseline'], `is set, but success ${errors_show(success.text)} does not use it (e.g. "<= baseline + 0.01")`);
        const noData = m['no-data'] ?? 'inconclusive';
        if (noData !== 'inconclusive' && noData !== 'fail')
            fail([...at, 'no-data'], `${errors_show(noData)} must be inconclusive (retry until the deadline, then fail) or fail`);
        return {
            name,
            query,
            baseline,
            success,
            intervalMs: m.interval === undefined ? defaultInterval : duration(m.interval, [...at, 'interval'], 1000),
            count: m.count === undefined ? undefined : integer(m.count, [...at, 'count'], 1),
            failureLimit: m['failure-limit'] === undefined ? 0 : integer(m['failure-limit'], [...at, 'failure-limit'], 0),
            noData: noData,
        };
    });
    return { origin, windowMs, metrics };
}
/** Fills a query template's variables. */
function render(template, vars) {
    return template.replace(/\{\{\s*([^}]*?)\s*\}\}/g, (_, name) => vars[name] ?? '');
}
/** A duration as PromQL writes it (whole seconds). */
const promDuration = (ms) => `${Math.max(1, Math.floor(ms / 1000))}s`;
function limitOf(c, baseline) {
    return c.relative ? c.factor * (baseline ?? NaN) + c.offset : c.offset;
}
function holds(op, v, limit) {
    switch (op) {
        case '<':
            return v < limit;
        case '<=':
            return v <= limit;
        case '>':
            return v > limit;
        case '>=':
            return v >= limit;
        case '==':
            return v === limit;
        case '!=':
            return v !== limit;
    }
}
const analysis_other = (c) => (c === 'blue' ? 'green' : 'blue');
/**
 * The analysis between canary steps: before each step, the baseline of every
 * relative metric (the old colour, over a full window); after the change,
 * every metric measured each `interval` until it has `count` conclusive
 * measurements. A measurement with no data is inconclusive: retried until
 * the deadline (the step's length plus `graceMs`), then a failure; never a
 * pass. The step fails as soon as one metric has more failed measurements
 * than its `failure-limit`.
 */
class Analysis {
    opts;
    client;
    now;
    sleep;
    constructor(opts) {
        this.opts = opts;
        this.client = new PrometheusClient(opts);
        this.now = opts.now ?? Date.now;
        this.sleep = opts.sleep ?? realSleep;
    }
    get spec() {
        return this.opts.spec;
    }
    vars(ctx, windowMs) {
        const old = analysis_other(ctx.to);
        return { new: ctx.to, old, new_id: ctx.ids[ctx.to], old_id: ctx.ids[old], window: promDuration(windowMs) };
    }
    /** Samples of one query, why there are none (inconclusive), or why the query itself is wrong (a failure). */
    async sample(query) {
        try {
            const r = await this.client.query(query, 5000);
            if ('wrongType' in r)
                return { error: `query ${errors_show(query)} returned a ${r.wrongType} result: use an instant query (a vector or a scalar)` };
            if (r.samples.length === 0)
                return { none: 'no data' };
            const values = r.samples.map((s) => s.value);
            if (values.some((v) => Number.isNaN(v)))
                return { none: 'NaN (no traffic to compute it from?)' };
            return { values };
        }
        catch (e) {
            if (e instanceof PrometheusUnavailable)
                return { none: errors_errorMessage(e) };
            return { error: errors_errorMessage(e) };
        }
    }
    /** Every relative metric's baseline, measured before the step's change; inconclusive ones retried until `graceMs`. */
    async baselines(ctx) {
        const measurements = [];
        const baselines = {};
        const started = this.now();
        const vars = this.vars(ctx, this.spec.windowMs);
        for (const m of this.spec.metrics) {
            if (!m.baseline)
                continue;
            const query = render(m.baseline, vars);
            for (;;) {
                const s = await this.sample(query);
                if ('error' in s)
                    return { passed: false, reasons: [`${m.name} (baseline): ${s.error}`], measurements, baselines };
                const row = {
                    step: ctx.label,
                    percent: ctx.percent,
                    metric: `${m.name} (baseline)`,
                    n: 0,
                    atMs: started - this.now(),
                    window: vars.window,
                    values: 'values' in s ? s.values : [],
                    condition: `one sample of the ${vars.old} colour`,
                    verdict: 'pass',
                };
                measurements.push(row);
                if ('values' in s && s.values.length === 1) {
                    baselines[m.name] = s.values[0];
                    this.opts.log?.(`Baseline ${m.name} before step ${ctx.label}: ${s.values[0]} (${vars.old}, over ${vars.window})`);
                    break;
                }
                row.verdict = 'inconclusive';
                row.note = 'values' in s ? `${s.values.length} samples: the baseline query must return one` : s.none;
                this.opts.log?.(`Baseline ${m.name} before step ${ctx.label}: inconclusive (${row.note})`);
                if (m.noData === 'fail' || this.now() + m.intervalMs > started + this.opts.graceMs) {
                    row.verdict = 'fail';
                    return {
                        passed: false,
                        reasons: [`${m.name}: no baseline for the ${vars.old} colour (${row.note}) — a relative check without a baseline never passes`],
                        measurements,
                        baselines,
                    };
                }
                await this.sleep(m.intervalMs);
            }
        }
        return { passed: true, reasons: [], measurements, baselines };
    }
    /** Measures every metric after the step's change (made effective at `start`) until each has its count, or one fails. */
    async run(ctx, start, baselines) {
        const measurements = [];
        const state = this.spec.metrics.map((m) => {
            const count = m.count ?? Math.max(1, Math.floor(ctx.stepWaitMs / m.intervalMs));
            return { m, count, conclusive: 0, failed: 0, n: 0, next: start + m.intervalMs };
        });
        const planned = Math.max(ctx.stepWaitMs, ...state.map((s) => s.count * s.m.intervalMs));
        const deadline = start + planned + this.opts.graceMs;
        const fail = (reason) => ({ passed: false, reasons: [reason], measurements, baselines });
        for (;;) {
            const pending = state.filter((s) => s.conclusive < s.count);
            if (pending.length === 0)
                return { passed: true, reasons: [], measurements, baselines };
            const due = Math.min(...pending.map((s) => s.next));
            if (due > deadline) {
                const s = pending[0];
                const last = measurements.filter((x) => x.metric === s.m.name).at(-1);
                return fail(`${s.m.name}: only ${s.conclusive} of ${s.count} measurements conclusive by the deadline (${formatDuration(deadline - start)} after the change)${last?.note ? `; last: ${last.note}` : ''} — no data is never a pass`);
            }
            if (due > this.now())
                await this.sleep(due - this.now());
            for (const s of pending.filter((x) => x.next <= this.now())) {
                s.next += s.m.intervalMs;
                s.n++;
                const elapsed = this.now() - start;
                const windowMs = Math.max(2000, Math.min(this.spec.windowMs, elapsed));
                const vars = this.vars(ctx, windowMs);
                const baseline = s.m.baseline ? baselines[s.m.name] : undefined;
                const limit = limitOf(s.m.success, baseline);
                const got = await this.sample(render(s.m.query, vars));
                if ('error' in got)
                    return fail(`${s.m.name}: ${got.error}`);
                const row = {
                    step: ctx.label,
                    percent: ctx.percent,
                    metric: s.m.name,
                    n: s.n,
                    atMs: elapsed,
                    window: vars.window,
                    values: 'values' in got ? got.values : [],
                    baseline,
                    limit,
                    condition: s.m.success.text,
                    verdict: 'inconclusive',
                };
                measurements.push(row);
                if ('none' in got) {
                    row.note = got.none;
                    if (s.m.noData === 'fail') {
                        row.verdict = 'fail';
                        s.failed++;
                    }
                }
                else {
                    s.conclusive++;
                    row.verdict = got.values.every((v) => holds(s.m.success.op, v, limit)) ? 'pass' : 'fail';
                    if (row.verdict === 'fail')
                        s.failed++;
                }
                this.opts.log?.(formatMeasurement(row));
                if (s.failed > s.m.failureLimit) {
                    const shown = row.values.length ? row.values.map(formatValue).join(', ') : (row.note ?? 'no data');
                    return fail(`${s.m.name}: ${s.failed} failed measurement${s.failed === 1 ? '' : 's'} (failure-limit ${s.m.failureLimit}); last ${shown} against ${s.m.success.text}${baseline === undefined ? '' : ` (baseline ${formatValue(baseline)}, limit ${formatValue(limit)})`}`);
                }
            }
        }
    }
}
const formatValue = (v) => (Number.isInteger(v) ? String(v) : Math.abs(v) >= 100 ? v.toFixed(1) : Number(v.toPrecision(4)).toString());
function formatMeasurement(r) {
    const mark = r.verdict === 'pass' ? '✓' : r.verdict === 'fail' ? '✗' : '?';
    const value = r.values.length ? r.values.map(formatValue).join(', ') : (r.note ?? 'no data');
    const base = r.baseline === undefined ? '' : ` (baseline ${formatValue(r.baseline)}, limit ${formatValue(r.limit ?? NaN)})`;
    return `${mark} ${r.metric} #${r.n} at ${formatDuration(Math.max(0, r.atMs))} over ${r.window}: ${value} ${r.condition}${base}${r.verdict === 'inconclusive' ? ' — inconclusive, retried' : ''}`;
}

;// CONCATENATED MODULE: external "node:net"
const external_node_net_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:net");
;// CONCATENATED MODULE: ./actions/switch-traffic/src/haproxy.ts





function parseAdminAddress(input, text) {
    const t = text.replace(/^unix:\/\//, '').replace(/^(tcp|ipv4)(:\/\/|@)/, '');
    if (t.startsWith('/'))
        return { path: t };
    const m = /^(\[[0-9a-fA-F:]+\]|[A-Za-z0-9.-]+):(\d{1,5})$/.exec(t);
    if (!m || Number(m[2]) < 1 || Number(m[2]) > 65535) {
        throw new errors_InputError(input, `${errors_show(text)} is not an HAProxy runtime API address: use host:port (stats socket ipv4@host:port level admin) or an absolute unix socket path`);
    }
    return { host: m[1].replace(/^\[|\]$/g, ''), port: Number(m[2]) };
}
const describeAddress = (a) => ('path' in a ? a.path : `${a.host}:${a.port}`);
/**
 * Sends one line to the runtime API (non-interactive mode: HAProxy answers
 * and closes) and returns the answer. Several commands may be joined by `;`;
 * HAProxy runs them back to back in one go.
 */
function runtimeCommand(addr, command, timeoutMs = 5000) {
    return new Promise((resolve, reject) => {
        const socket = 'path' in addr ? (0,external_node_net_namespaceObject.connect)({ path: addr.path }) : (0,external_node_net_namespaceObject.connect)({ host: addr.host, port: addr.port });
        let data = '';
        const timer = setTimeout(() => socket.destroy(new Error(`no answer within ${timeoutMs}ms`)), timeoutMs);
        socket.setEncoding('utf8');
        socket.on('connect', () => socket.end(`${command}\n`));
        socket.on('data', (chunk) => (data += chunk));
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
/** Why a server cannot take traffic, from its operational and admin state; undefined when it can. */
function unavailability(s) {
    if (s.adminState & 0x67)
        return 'is in maintenance';
    if (s.adminState & 0x18)
        return 'is draining';
    if (s.opState === 0)
        return 'is down (failing its health check)';
    if (s.opState === 3)
        return 'is stopping';
    return undefined;
}
/** Parses `show servers state` (format version 1): a version line, a `#` header naming the columns, one line per server. */
function parseServersState(text) {
    const lines = text
        .split('\n')
        .map((l) => l.trim())
        .filter(Boolean);
    const header = lines.find((l) => l.startsWith('# '));
    if (!header)
        throw new Error(`unexpected answer to "show servers state": ${errors_show(text, 200)}`);
    const cols = header.slice(2).split(/\s+/);
    const at = (name) => {
        const i = cols.indexOf(name);
        if (i < 0)
            throw new Error(`"show servers state" has no column ${name}`);
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
        backend: f[be],
        server: f[srv],
        address: f[addr],
        weight: Number(f[uw]),
        initialWeight: Number(f[iw]),
        opState: Number(f[op]),
        adminState: Number(f[admin]),
    }));
}
/**
 * A self-hosted HAProxy front: one backend with a server per colour. Weights
 * change through the runtime API, without a reload, so no connection, idle
 * keep-alive ones included, is ever closed by a switch.
 */
class HaproxyProvider {
    opts;
    kind = 'haproxy';
    maxWeight = 256;
    changes = 0;
    constructor(opts) {
        this.opts = opts;
    }
    async command(command) {
        const where = describeAddress(this.opts.admin);
        const { log, now, sleep, random } = this.opts;
        const answer = await retry(() => runtimeCommand(this.opts.admin, command), {
            label: `HAProxy runtime API at ${where}`,
            timeoutMs: Math.min(this.opts.timeoutMs, 15_000),
            initialMs: 200,
            maxMs: 2000,
            // Refused or reset connections happen while a proxy restarts; anything else is final.
            retryable: (e) => ['ECONNREFUSED', 'ECONNRESET', 'ENOENT', 'EPIPE'].includes(e.code ?? ''),
            log,
            now,
            sleep,
            random,
        }).catch((e) => {
            throw new Failure(`Cannot use the HAProxy runtime API at ${where}: ${errors_errorMessage(e)}`, {
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
    async servers() {
        const answer = await this.command(`show servers state ${this.opts.backend}`);
        if (/can't find backend/i.test(answer))
            throw new errors_InputError('haproxy-backend', `${errors_show(this.opts.backend)} is not a backend of the HAProxy at ${describeAddress(this.opts.admin)}`);
        return parseServersState(answer);
    }
    async read() {
        if (this.opts.stateFile) {
            // Checked before any change: a switch whose state a restart would lose is not done.
            try {
                (0,external_node_fs_.accessSync)((0,external_node_path_.dirname)(this.opts.stateFile), external_node_fs_.constants.W_OK);
            }
            catch {
                throw new errors_InputError('haproxy-state-file', `${errors_show(this.opts.stateFile)}: its directory is not writable, so the weights would not survive a proxy restart`);
            }
        }
        const servers = await this.servers();
        const members = [];
        for (const color of COLORS) {
            const id = this.opts.ids[color];
            const s = servers.find((x) => x.server === id);
            if (!s) {
                throw new errors_InputError(`${color}-id`, `${errors_show(id)} is not a server of backend ${errors_show(this.opts.backend)}; found: ${servers.map((x) => x.server).join(', ') || 'none'}`);
            }
            const why = unavailability(s);
            members.push({ color, id, weight: s.weight, unavailable: why && `server ${this.opts.backend}/${id} (${s.address}) ${why}` });
        }
        const weight = (c) => members.find((m) => m.color === c).weight;
        return {
            weights: { blue: weight('blue'), green: weight('green') },
            members,
            drainMs: 0,
            where: `HAProxy ${describeAddress(this.opts.admin)} backend ${this.opts.backend}`,
        };
    }
    async apply(state, target) {
        // Raise weights before lowering any, all in one runtime API request: there
        // is never a moment with every server at 0.
        const order = [...COLORS].filter((c) => state.weights[c] !== target[c]).sort((a, b) => target[b] - state.weights[b] - (target[a] - state.weights[a]));
        const commands = order.map((c) => `set server ${this.opts.backend}/${this.opts.ids[c]} weight ${target[c]}`);
        const answer = await this.command(commands.join('; '));
        if (answer.trim() !== '')
            throw new Failure(`HAProxy did not accept ${errors_show(commands.join('; '), 200)}: ${answer.trim()}`);
        this.changes++;
        if (this.opts.stateFile)
            await this.saveState(this.opts.stateFile);
        this.opts.log?.(`HAProxy ${this.opts.backend}: ${formatWeights(state.weights)} → ${formatWeights(target)}${this.opts.stateFile ? ` (state saved to ${this.opts.stateFile})` : ''}`);
        return `haproxy-${Date.now().toString(36)}-${this.changes}`;
    }
    /** Requests the colour's server is handling now (`show stat` scur: its current sessions). */
    async inFlight(color) {
        const csv = await this.command(`show stat ${this.opts.backend} 4 -1`);
        const lines = csv.split('\n');
        const cols = (lines[0] ?? '').replace(/^# /, '').split(',');
        const [px, sv, scur] = ['pxname', 'svname', 'scur'].map((c) => cols.indexOf(c));
        const row = lines.map((l) => l.split(',')).find((f) => f[px] === this.opts.backend && f[sv] === this.opts.ids[color]);
        if (!row || scur < 0)
            throw new Failure(`HAProxy's "show stat" has no current sessions for ${this.opts.backend}/${this.opts.ids[color]}: ${errors_show(csv, 160)}`);
        return Number(row[scur]);
    }
    /** Writes every server's state where HAProxy's `server-state-file` points, atomically. */
    async saveState(file) {
        const dump = await this.command('show servers state');
        if (!dump.startsWith('1\n'))
            throw new Failure(`HAProxy returned an unexpected server state dump: ${errors_show(dump, 120)}`);
        const tmp = `${file}.${process.pid}.tmp`;
        try {
            (0,external_node_fs_.writeFileSync)(tmp, dump);
            (0,external_node_fs_.renameSync)(tmp, file);
        }
        catch (e) {
            throw new errors_InputError('haproxy-state-file', `${errors_show(file)} cannot be written: ${errors_errorMessage(e)} (the weights were changed, but a restarted proxy would not load them)`);
        }
    }
    async waitEffective(_changeId, target) {
        // The runtime API applies at once; read back to prove it.
        await waitFor(async () => {
            const s = await this.read();
            return s.weights.blue === target.blue && s.weights.green === target.green
                ? { done: true, value: undefined }
                : { done: false, progress: `weights are ${formatWeights(s.weights)}` };
        }, {
            label: `HAProxy weights ${formatWeights(target)}`,
            timeoutMs: Math.min(this.opts.timeoutMs, 10_000),
            initialMs: 100,
            maxMs: 1000,
            sleep: this.opts.sleep,
        });
    }
}

;// CONCATENATED MODULE: ./actions/switch-traffic/src/inputs.ts








const HAPROXY_NAME = /^[A-Za-z0-9_.:-]{1,64}$/;
/**
 * Reads and validates every input, and their combinations, before anything
 * talks to a traffic layer, and returns what the action will execute: a bad
 * or conflicting input fails here, with nothing submitted.
 */
async function getInputs(source) {
    const r = new Inputs(source);
    const mode = r.enum('mode', ['status', 'switch', 'canary', 'rollback'], { default: 'status' });
    const provider = r.enum('provider', ['route53', 'haproxy']);
    const isSet = (name) => r.raw(name) !== '';
    const conflict = (name, why) => {
        if (isSet(name))
            throw new errors_InputError(name, `${errors_show(r.raw(name))} conflicts with ${why}`);
    };
    // ---- what to do -------------------------------------------------------
    const to = r.raw('to') === '' ? undefined : r.enum('to', ['blue', 'green', 'idle']);
    const gateInputs = [
        'gate-checks',
        'gate-base-url',
        'gate-host-header',
        'prometheus-url',
        'prometheus-query',
        'prometheus-threshold',
        'prometheus-token',
        'analysis-file',
    ];
    if (mode === 'status' || mode === 'rollback') {
        for (const name of ['to', 'steps', 'step-wait'])
            conflict(name, `mode ${mode}`);
        for (const name of gateInputs)
            conflict(name, `mode ${mode}${mode === 'rollback' ? ' (a rollback is never gated: nothing may block it)' : ' (which changes nothing)'}`);
    }
    if (mode === 'status')
        conflict('previous-weights', 'mode status (which changes nothing)');
    if ((mode === 'switch' || mode === 'canary') && !to)
        throw new errors_InputError('to', `is required for mode ${mode}: blue, green or idle`);
    if (mode === 'switch' || mode === 'canary')
        conflict('previous-weights', `mode ${mode} (previous-weights is for mode rollback)`);
    if (mode === 'switch')
        conflict('steps', 'mode switch (steps are for mode canary)');
    if (mode === 'switch')
        conflict('analysis-file', 'mode switch (an analysis runs between canary steps)');
    const steps = mode === 'canary' ? parseSteps('steps', r.list('steps', { commas: true })) : [];
    const stepWait = r.raw('step-wait') === '' ? (mode === 'canary' ? 30_000 : 0) : r.duration('step-wait');
    let previousWeights;
    let plan = { mode: 'status' };
    if ((mode === 'switch' || mode === 'canary') && to) {
        plan = mode === 'switch' ? { mode, to, stepWaitMs: stepWait } : { mode, to, steps, stepWaitMs: stepWait };
    }
    else if (mode === 'rollback') {
        if (!isSet('previous-weights'))
            throw new errors_InputError('previous-weights', 'is required for mode rollback: the previous-weights output of the step that changed traffic');
        previousWeights = parseWeights('previous-weights', r.raw('previous-weights'));
        plan = { mode, weights: previousWeights };
    }
    // ---- where ------------------------------------------------------------
    const blueId = r.string('blue-id', { default: 'blue' });
    const greenId = r.string('green-id', { default: 'green' });
    if (blueId === greenId)
        throw new errors_InputError('green-id', `${errors_show(greenId)} is the same as blue-id: each colour needs its own identifier`);
    const route53Inputs = ['hosted-zone-id', 'hosted-zone-name', 'record-name', 'aws-region', 'endpoint-url'];
    const haproxyInputs = ['haproxy-admin', 'haproxy-backend', 'haproxy-state-file'];
    let haproxyAdmin;
    if (provider === 'route53') {
        for (const name of haproxyInputs)
            conflict(name, 'provider route53');
        if (isSet('hosted-zone-id') && isSet('hosted-zone-name'))
            throw new errors_InputError('hosted-zone-name', 'is set together with hosted-zone-id: give one of them');
        if (!isSet('hosted-zone-id') && !isSet('hosted-zone-name'))
            throw new errors_InputError('hosted-zone-id', 'is required for provider route53 (or give hosted-zone-name)');
        if (!isSet('record-name'))
            throw new errors_InputError('record-name', "is required for provider route53: the weighted records' name, e.g. shop.example.com");
        for (const [name, id] of [
            ['blue-id', blueId],
            ['green-id', greenId],
        ]) {
            if (id.length > 128)
                throw new errors_InputError(name, `${errors_show(id)} is longer than a Route53 SetIdentifier (128 characters)`);
        }
    }
    else {
        for (const name of route53Inputs)
            conflict(name, 'provider haproxy');
        haproxyAdmin = parseAdminAddress('haproxy-admin', r.string('haproxy-admin', { required: true }));
        // These end up in runtime API commands: no spaces, no `;`.
        r.string('haproxy-backend', { required: true, pattern: HAPROXY_NAME, patternHint: 'an HAProxy backend name (letters, digits, _ . : -)' });
        r.string('blue-id', { pattern: HAPROXY_NAME, patternHint: 'an HAProxy server name (letters, digits, _ . : -)' });
        r.string('green-id', { pattern: HAPROXY_NAME, patternHint: 'an HAProxy server name (letters, digits, _ . : -)' });
        const stateFile = r.raw('haproxy-state-file');
        if (stateFile && !stateFile.startsWith('/'))
            throw new errors_InputError('haproxy-state-file', `${errors_show(stateFile)} must be an absolute path (the proxy's server-state-file)`);
    }
    // ---- gates ------------------------------------------------------------
    const gateBaseUrl = r.url('gate-base-url');
    let gateChecks = [];
    if (isSet('gate-checks')) {
        gateChecks = parseChecks(await parseYaml('gate-checks', r.raw('gate-checks')), { input: 'gate-checks', baseUrl: gateBaseUrl });
    }
    else {
        for (const name of ['gate-base-url', 'gate-host-header'])
            conflict(name, 'an empty gate-checks (it only applies to gate checks)');
    }
    const withAnalysis = isSet('analysis-file');
    if (withAnalysis && !isSet('prometheus-url'))
        throw new errors_InputError('prometheus-url', 'is required with analysis-file: the Prometheus the analysis queries, e.g. http://prometheus:9090');
    // With an analysis, prometheus-url alone is fine; a Prometheus gate still needs its query and threshold.
    const gateNames = withAnalysis ? ['prometheus-query', 'prometheus-threshold'] : ['prometheus-url', 'prometheus-query', 'prometheus-threshold'];
    const promSet = gateNames.filter(isSet);
    if (promSet.length > 0 && promSet.length < gateNames.length) {
        const missing = gateNames.find((n) => !isSet(n));
        throw new errors_InputError(missing, `is required when ${promSet.join(' and ')} ${promSet.length === 1 ? 'is' : 'are'} set: a Prometheus gate needs a URL, a query and a threshold`);
    }
    const prometheusToken = r.raw('prometheus-token');
    addSecret(prometheusToken);
    if (prometheusToken && promSet.length === 0 && !withAnalysis)
        throw new errors_InputError('prometheus-token', 'is set but prometheus-url is not');
    const prometheusUrl = r.url('prometheus-url');
    const prometheusThreshold = isSet('prometheus-threshold') ? parseThreshold('prometheus-threshold', r.raw('prometheus-threshold')) : undefined;
    const analysisFile = withAnalysis ? await readAnalysis(r.raw('analysis-file'), stepWait) : undefined;
    const inputs = {
        mode,
        provider,
        to,
        steps,
        stepWait,
        previousWeights,
        blueId,
        greenId,
        drainWait: r.raw('drain-wait') === '' ? undefined : r.duration('drain-wait'),
        timeout: r.duration('timeout', { default: '5m', min: 1000 }),
        hostedZoneId: r.string('hosted-zone-id', { pattern: /^(\/?hostedzone\/)?[A-Z0-9]{1,32}$/, patternHint: 'a hosted zone id such as Z0123456789ABCDEFGHIJ' }),
        hostedZoneName: r.string('hosted-zone-name', { pattern: /^[A-Za-z0-9_.-]+\.?$/, patternHint: 'a DNS name such as example.com' }),
        recordName: r.string('record-name', { pattern: /^(\*\.)?[A-Za-z0-9_.-]+\.?$/, patternHint: 'a DNS name such as shop.example.com' }),
        recordType: r.string('record-type', {
            default: 'A',
            pattern: /^(A|AAAA|CNAME|TXT|MX|SRV|CAA|NS|PTR|SPF|NAPTR|DS|HTTPS|SSHFP|SVCB|TLSA)$/,
            patternHint: 'a record type such as A, AAAA or CNAME (upper case)',
        }),
        awsRegion: r.string('aws-region'),
        endpointUrl: r.url('endpoint-url') ? r.raw('endpoint-url') : '',
        haproxyAdmin,
        haproxyBackend: r.string('haproxy-backend'),
        haproxyStateFile: r.string('haproxy-state-file'),
        gateChecks,
        gateBaseUrl,
        gateHostHeader: r.string('gate-host-header', { pattern: /^[A-Za-z0-9.-]+(:\d+)?$/, patternHint: 'a host name, optionally with :port' }),
        gateTimeout: r.duration('gate-timeout', { default: '60s', min: 1 }),
        prometheusUrl,
        prometheusQuery: r.string('prometheus-query'),
        prometheusThreshold,
        prometheusToken,
        analysisFile,
    };
    const ids = { blue: blueId, green: greenId };
    const target = haproxyAdmin
        ? {
            kind: 'haproxy',
            haproxy: { admin: haproxyAdmin, backend: inputs.haproxyBackend, ids, stateFile: inputs.haproxyStateFile || undefined, timeoutMs: inputs.timeout },
        }
        : {
            kind: 'route53',
            route53: {
                hostedZoneId: inputs.hostedZoneId || undefined,
                hostedZoneName: inputs.hostedZoneId ? undefined : inputs.hostedZoneName,
                recordName: inputs.recordName,
                recordType: inputs.recordType,
                ids,
                timeoutMs: inputs.timeout,
                callTimeoutMs: inputs.timeout,
                client: { region: inputs.awsRegion, endpointUrl: inputs.endpointUrl },
            },
        };
    const gates = [];
    const hostHeader = inputs.gateHostHeader || undefined;
    if (gateChecks.length > 0)
        gates.push({ kind: 'http', http: { checks: gateChecks, timeoutMs: inputs.gateTimeout, hostHeader } });
    if (prometheusUrl && prometheusThreshold) {
        const token = prometheusToken || undefined;
        gates.push({
            kind: 'prometheus',
            prometheus: { url: prometheusUrl, query: inputs.prometheusQuery, threshold: prometheusThreshold, token, timeoutMs: inputs.gateTimeout },
        });
    }
    const analysis = analysisFile && prometheusUrl ? { spec: analysisFile, url: prometheusUrl, token: prometheusToken || undefined, graceMs: inputs.gateTimeout } : undefined;
    return { ...inputs, plan, target, gates, analysis };
}
/** Reads `analysis-file` (relative to the workspace) and validates it against the step wait. */
async function readAnalysis(path, stepWaitMs) {
    const file = (0,external_node_path_.isAbsolute)(path) ? path : (0,external_node_path_.resolve)(process.env.GITHUB_WORKSPACE || process.cwd(), path);
    let text;
    try {
        text = (0,external_node_fs_.readFileSync)(file, 'utf8');
    }
    catch (e) {
        throw new errors_InputError('analysis-file', `${errors_show(path)} cannot be read (${e.code ?? String(e)}): give a path relative to the workspace`);
    }
    return parseAnalysis('analysis-file', text, path, { stepWaitMs });
}

;// CONCATENATED MODULE: ./actions/switch-traffic/src/report.ts



function outputsOf(report) {
    return {
        'previous-weights': report.previous,
        weights: report.final,
        'live-color': liveColor(report.final),
        'idle-color': idleColor(report.final),
        'change-id': report.changeId,
        'effective-seconds': (report.effectiveMs / 1000).toFixed(3),
    };
}
/** The job summary: before → after per identifier, each step with its gate, time to effective. */
function summaryOf(report, provider) {
    const live = liveColor(report.final);
    const title = report.mode === 'status'
        ? `Traffic status: ${live === 'mixed' ? 'mixed (no colour clearly live)' : `${live} is live`}`
        : report.failure
            ? `Traffic ${report.mode} to ${report.to ?? '?'} failed its gate at ${report.failure.step}; weights restored`
            : `Traffic ${report.mode}${report.to ? ` to ${report.to}` : ''}: ${live === 'mixed' ? 'mixed' : `${live} is live`}`;
    const s = new Summary().heading(title);
    s.text(escapeHtml(`${provider}: ${report.where}`));
    s.table(['Identifier', 'Colour', 'Before', 'After'], report.members.map((m) => [m.id, m.color, m.before, m.after]));
    if (report.steps.length > 0) {
        s.table(['Step', 'Weights', 'Change', 'Effective after', 'Gate'], report.steps.map((st) => [
            st.label,
            formatWeights(st.weights),
            st.changeId || 'none (already so)',
            st.changeId ? formatDuration(st.effectiveMs) : '—',
            st.gatePassed === undefined
                ? '—'
                : `${st.gatePassed ? '✅ passed' : '❌ failed'}: ${(st.gates ?? []).flatMap((g) => g.result.evidence.map((e) => `[${g.gate}] ${e}`)).join('\n')}`,
        ]));
    }
    const measurements = report.steps.flatMap((st) => st.analysis?.measurements ?? []);
    if (measurements.length > 0) {
        s.heading('Analysis', 3);
        for (const st of report.steps)
            if (st.analysis && !st.analysis.passed)
                s.text(`❌ **${escapeHtml(st.label)}**: ${escapeHtml(st.analysis.reasons.join('; '))}`);
        s.text(mermaidChart(measurements, report.to));
        s.table(['Step', 'Metric', '#', 'At', 'Window', 'Value', 'Baseline', 'Condition', 'Verdict'], measurements.map((m) => [
            m.step,
            m.metric,
            m.n || 'before',
            m.n ? formatDuration(m.atMs) : '—',
            m.window,
            m.values.length ? m.values.map(formatValue).join(', ') : (m.note ?? 'no data'),
            m.baseline === undefined ? '' : formatValue(m.baseline),
            m.limit === undefined || m.baseline === undefined ? m.condition : `${m.condition} (limit ${formatValue(m.limit)})`,
            m.verdict === 'pass' ? '✅ pass' : m.verdict === 'fail' ? '❌ fail' : '⚪ inconclusive',
        ]));
    }
    if (report.failure) {
        const r = report.failure.restore;
        s.text(r
            ? `Restored ${formatWeights(report.previous)} in change \`${r.changeId}\`, effective after ${formatDuration(r.effectiveMs)}.`
            : `The weights were still ${formatWeights(report.previous)}; nothing to restore.`);
    }
    else if (report.changeId) {
        const d = report.drain;
        const drained = d
            ? d.left === 0
                ? `; the old colour ${d.color} had nothing in flight after ${formatDuration(d.ms)}`
                : `; ⚠️ the old colour ${d.color} still had ${d.left} request(s) in flight at the drain deadline (${formatDuration(d.deadlineMs)}): stopping it now would cut them`
            : report.drainMs
                ? `; then waited ${formatDuration(report.drainMs)} (drain-wait)`
                : '';
        s.text(`Last change \`${report.changeId}\` effective after ${formatDuration(report.effectiveMs)}${drained}. Roll back with \`previous-weights: ${JSON.stringify(report.previous)}\`.`);
    }
    return s;
}
/**
 * A Mermaid xychart (GitHub renders it in job summaries): per measurement of
 * the first metric, the new colour's share of traffic (bars) and the metric
 * as a percentage of its limit (line; above 100 is over the limit).
 * Without a positive limit, the metric's own values and its limit are drawn.
 */
function mermaidChart(measurements, to) {
    const key = measurements.find((m) => m.n > 0)?.metric;
    const rows = measurements.filter((m) => m.n > 0 && m.metric === key);
    if (!key || rows.length === 0)
        return '';
    const label = (m) => `"${m.percent}% #${m.n}"`;
    const value = (m) => (m.values.length ? Math.max(...m.values) : 0);
    const relative = rows.every((m) => m.limit !== undefined && m.limit > 0);
    const num = (v) => (Number.isFinite(v) ? Number(v.toPrecision(4)) : 0);
    const lines = ['```mermaid', 'xychart-beta'];
    if (relative) {
        const pct = rows.map((m) => num((100 * value(m)) / m.limit));
        lines.push(`  title "Traffic to ${to ?? 'the new colour'} (bars, %) and ${key} (line, % of its limit)"`, `  x-axis [${rows.map(label).join(', ')}]`, `  y-axis "percent" 0 --> ${Math.ceil(Math.max(100, ...pct) * 1.1)}`, `  bar [${rows.map((m) => m.percent).join(', ')}]`, `  line [${pct.join(', ')}]`, `  line [${rows.map(() => 100).join(', ')}]`);
    }
    else {
        lines.push(`  title "${key} (line) and its limit, per measurement (x: traffic to ${to ?? 'the new colour'})"`, `  x-axis [${rows.map(label).join(', ')}]`, `  line [${rows.map((m) => num(value(m))).join(', ')}]`, `  line [${rows.map((m) => num(m.limit ?? 0)).join(', ')}]`);
    }
    lines.push('```');
    return lines.join('\n');
}

;// CONCATENATED MODULE: ./actions/switch-traffic/src/route53.ts


/** Fully qualified, lower-case, trailing dot, Route53's octal escapes (`\052` = `*`) decoded. */
function fqdn(name) {
    const decoded = name.replace(/\\(\d{3})/g, (_, oct) => String.fromCharCode(parseInt(oct, 8)));
    return decoded.toLowerCase().replace(/\.?$/, '.');
}
const RETRYABLE_CODES = new Set([
    'PriorRequestNotComplete',
    'Throttling',
    'ThrottlingException',
    'RequestThrottled',
    'TooManyRequestsException',
    'ServiceUnavailable',
    'InternalFailure',
]);
const NETWORK_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN', 'TimeoutError', 'RequestTimeout']);
/** PriorRequestNotComplete (one batch per zone at a time), throttling, 5xx and network errors are worth another try. */
function isRetryable(e) {
    const err = e;
    if (err?.name && RETRYABLE_CODES.has(err.name))
        return true;
    if ((err?.name && NETWORK_CODES.has(err.name)) || (err?.code && NETWORK_CODES.has(err.code)))
        return true;
    const status = err?.$metadata?.httpStatusCode;
    return status !== undefined && status >= 500;
}
/** Turns an SDK error that no retry will fix into a Failure with a useful hint. */
function explain(e, zone) {
    if (e instanceof Failure)
        return e;
    const name = e?.name ?? '';
    const msg = errors_errorMessage(e);
    if (name === 'NoSuchHostedZone')
        return new errors_InputError('hosted-zone-id', `${errors_show(zone)} is not a hosted zone these credentials can see: ${msg}`);
    if (name === 'InvalidChangeBatch' || name === 'InvalidInput')
        return new errors_ConfigurationError(`Route53 rejected the change: ${msg}`);
    if (name === 'AccessDenied' || name === 'AccessDeniedException' || name === 'UnrecognizedClientException' || name === 'InvalidClientTokenId') {
        return new errors_ConfigurationError(`Route53 refused the credentials: ${msg}`, {
            hint: 'the role needs route53:ListResourceRecordSets, route53:ChangeResourceRecordSets, route53:GetChange (and route53:ListHostedZonesByName for hosted-zone-name)',
        });
    }
    if (name === 'CredentialsProviderError')
        return new errors_ConfigurationError(`No AWS credentials: ${msg}`, { hint: 'run aws-actions/configure-aws-credentials (OIDC) before this step' });
    return e;
}
/**
 * Route53 weighted records: one record per colour sharing a name and type,
 * told apart by SetIdentifier. Every field but Weight is copied exactly as
 * read; all changes go in one UPSERT batch; GetChange is polled until INSYNC.
 */
class Route53Provider {
    client;
    sdk;
    opts;
    kind = 'route53';
    maxWeight = 255;
    zoneId = '';
    records = new Map();
    name;
    constructor(client, sdk, opts) {
        this.client = client;
        this.sdk = sdk;
        this.opts = opts;
        this.name = fqdn(opts.recordName);
    }
    /**
     * Calls the API, retrying what is worth retrying with jittered backoff.
     * This is the one retry layer: the client is made with `maxAttempts: 1`
     * (createRoute53Provider), so a call's deadline is `callTimeoutMs`, not a
     * product of two layers.
     */
    call(label, fn) {
        const { log, now, sleep, random } = this.opts;
        return retry(fn, {
            label,
            timeoutMs: this.opts.callTimeoutMs ?? 120_000,
            initialMs: 500,
            maxMs: 8_000,
            retryable: isRetryable,
            log,
            now,
            sleep,
            random,
        }).catch((e) => {
            throw explain(e, this.zoneId || this.opts.hostedZoneId || '');
        });
    }
    async resolveZone() {
        if (this.zoneId)
            return this.zoneId;
        if (this.opts.hostedZoneId) {
            this.zoneId = this.opts.hostedZoneId.replace(/^\/?hostedzone\//, '');
            return this.zoneId;
        }
        const zoneName = fqdn(this.opts.hostedZoneName ?? '');
        if (this.name !== zoneName && !this.name.endsWith(`.${zoneName}`)) {
            throw new errors_InputError('record-name', `${errors_show(this.opts.recordName)} is not inside the zone ${errors_show(zoneName)} (hosted-zone-name)`);
        }
        const r = await this.call(`look up hosted zone ${zoneName}`, () => this.client.send(new this.sdk.ListHostedZonesByNameCommand({ DNSName: zoneName, MaxItems: 100 })));
        const matches = (r.HostedZones ?? []).filter((z) => fqdn(z.Name ?? '') === zoneName);
        if (matches.length === 0)
            throw new errors_InputError('hosted-zone-name', `${errors_show(this.opts.hostedZoneName)}: no hosted zone of that name is visible to these credentials`);
        if (matches.length > 1) {
            const ids = matches.map((z) => `${(z.Id ?? '').replace(/^\/hostedzone\//, '')}${z.Config?.PrivateZone ? ' (private)' : ' (public)'}`);
            throw new errors_InputError('hosted-zone-name', `${errors_show(this.opts.hostedZoneName)} matches ${matches.length} hosted zones (${ids.join(', ')}): set hosted-zone-id to choose one`);
        }
        this.zoneId = (matches[0].Id ?? '').replace(/^\/hostedzone\//, '');
        this.opts.log?.(`Hosted zone ${zoneName} is ${this.zoneId}`);
        return this.zoneId;
    }
    /** Every record set of our name and type, following ListResourceRecordSets paging. */
    async listRecords(zoneId) {
        const out = [];
        const type = this.opts.recordType;
        let start = { StartRecordName: this.name, StartRecordType: type };
        for (;;) {
            const page = await this.call(`list ${type} records ${this.name}`, () => this.client.send(new this.sdk.ListResourceRecordSetsCommand({ HostedZoneId: zoneId, ...start, MaxItems: 100 })));
            for (const rr of page.ResourceRecordSets ?? []) {
                // Record sets come sorted by name and type: the first other one ends our set.
                if (fqdn(rr.Name ?? '') !== this.name || rr.Type !== type)
                    return out;
                out.push(rr);
            }
            if (!page.IsTruncated || !page.NextRecordName)
                return out;
            if (fqdn(page.NextRecordName) !== this.name || page.NextRecordType !== type)
                return out;
            start = { StartRecordName: page.NextRecordName, StartRecordType: page.NextRecordType, StartRecordIdentifier: page.NextRecordIdentifier };
        }
    }
    async read() {
        const zoneId = await this.resolveZone();
        const where = `zone ${zoneId} ${this.name} ${this.opts.recordType}`;
        const all = await this.listRecords(zoneId);
        if (all.length === 0) {
            throw new errors_InputError('record-name', `${errors_show(this.opts.recordName)}: hosted zone ${zoneId} holds no ${this.opts.recordType} record of that name (record-type ${errors_show(this.opts.recordType)})`);
        }
        const found = all.map((r) => r.SetIdentifier ?? '(no set identifier)');
        const records = new Map();
        const members = [];
        for (const color of COLORS) {
            const id = this.opts.ids[color];
            const rr = all.find((r) => r.SetIdentifier === id);
            if (!rr)
                throw new errors_InputError(`${color}-id`, `${errors_show(id)} is not a set identifier of the ${this.opts.recordType} records ${this.name} in zone ${zoneId}; found: ${found.join(', ')}`);
            if (rr.Weight === undefined)
                throw new errors_InputError(`${color}-id`, `record ${errors_show(id)} of ${this.name} is not a weighted record (it has no Weight)`);
            records.set(color, rr);
            members.push({ color, id, weight: rr.Weight });
        }
        this.records = records;
        const ttls = [...records.values()].map((r) => (r.TTL !== undefined ? r.TTL : 60));
        return {
            weights: { blue: records.get('blue').Weight, green: records.get('green').Weight },
            members,
            drainMs: Math.max(...ttls) * 1000,
            where,
        };
    }
    async apply(state, target) {
        const changes = COLORS.filter((c) => state.weights[c] !== target[c]).map((c) => {
            const rr = this.records.get(c);
            if (!rr)
                throw new Error(`bug: apply before read (${c})`);
            return { Action: 'UPSERT', ResourceRecordSet: { ...rr, Weight: target[c] } };
        });
        if (changes.length === 0)
            throw new Error('bug: apply called without a change');
        const comment = `switchyard switch-traffic: ${formatWeights(state.weights)} -> ${formatWeights(target)}${this.opts.commentSuffix ? ` ${this.opts.commentSuffix}` : ''}`.slice(0, 256);
        const r = await this.call(`change weights of ${this.name}`, () => this.client.send(new this.sdk.ChangeResourceRecordSetsCommand({ HostedZoneId: this.zoneId, ChangeBatch: { Comment: comment, Changes: changes } })));
        const id = (r.ChangeInfo?.Id ?? '').replace(/^\/change\//, '');
        if (!id)
            throw new Error('Route53 returned no change id');
        return id;
    }
    async waitEffective(changeId) {
        try {
            await waitFor(async () => {
                const r = await this.call(`get change ${changeId}`, () => this.client.send(new this.sdk.GetChangeCommand({ Id: changeId })));
                const status = r.ChangeInfo?.Status ?? 'unknown';
                return status === 'INSYNC' ? { done: true, value: undefined } : { done: false, progress: `change ${changeId} is ${status}` };
            }, {
                label: `change ${changeId} to reach INSYNC`,
                timeoutMs: this.opts.timeoutMs,
                initialMs: 1000,
                maxMs: 10_000,
                factor: 2,
                log: this.opts.log,
                sleep: this.opts.sleep,
                now: this.opts.now,
            });
        }
        catch (e) {
            if (e instanceof WaitTimeoutError) {
                throw new Failure(`Route53 change ${changeId} did not reach INSYNC within ${formatDuration(this.opts.timeoutMs)} (last: ${e.lastProgress})`, {
                    hint: `the change was accepted and will still propagate; check it with: aws route53 get-change --id ${changeId}`,
                });
            }
            throw e;
        }
    }
}
/**
 * Creates the provider, loading the AWS SDK only now (it is the heavy part of
 * the bundle). The SDK's own retries are off (`maxAttempts: 1`): `call()`
 * retries PriorRequestNotComplete, throttling, 5xx and network errors with
 * its own deadline, logging each attempt.
 */
async function createRoute53Provider(config, opts) {
    const sdk = await __nccwpck_require__.e(/* import() */ 195).then(__nccwpck_require__.t.bind(__nccwpck_require__, 7195, 19));
    return new Route53Provider(new sdk.Route53Client({ ...config, maxAttempts: 1 }), sdk, opts);
}

;// CONCATENATED MODULE: ./actions/switch-traffic/src/setup.ts





/** The provider the target names; the AWS SDK is loaded only for route53. */
async function createProvider(target, log, timing = {}) {
    if (target.kind === 'haproxy')
        return new HaproxyProvider({ ...target.haproxy, log, ...timing });
    const { client, ...records } = target.route53;
    const config = awsClientConfig({ region: client.region, endpointUrl: client.endpointUrl, action: 'switch-traffic' });
    const url = runUrl(runContext());
    return createRoute53Provider(config, { ...records, commentSuffix: url ? `(${url})` : undefined, log, ...timing });
}
function createGates(specs, log) {
    return specs.map((g) => (g.kind === 'http' ? new HttpChecksGate({ ...g.http, log }) : new PrometheusGate({ ...g.prometheus, log })));
}
function createAnalysis(setup, log, timing = {}) {
    return setup && new Analysis({ ...setup, log, ...timing });
}

;// CONCATENATED MODULE: ./actions/switch-traffic/src/main.ts






async function run() {
    const { plan, target, gates, analysis, drainWait } = await getInputs();
    const log = (line) => info(line);
    const provider = await createProvider(target, log);
    if (target.kind === 'haproxy' && !target.haproxy.stateFile && plan.mode !== 'status') {
        warning('haproxy-state-file is not set: a restarted proxy will load the weights of its configuration, not these');
    }
    const report = await flow_execute(plan, {
        provider,
        gates: createGates(gates, log),
        analysis: createAnalysis(analysis, log),
        drainWaitMs: drainWait,
        log,
        group: group,
        // Set before any change, so an `if: failure()` rollback step has it even when this step fails part-way.
        onRead: (state) => setOutput('previous-weights', JSON.stringify(state.weights)),
    });
    const { 'previous-weights': _previous, ...outputs } = outputsOf(report);
    setOutputs(outputs);
    summaryOf(report, provider.kind).write();
    if (report.failure) {
        const restored = report.failure.restore
            ? `restored ${formatWeights(report.previous)} (change ${report.failure.restore.changeId})`
            : `weights unchanged (${formatWeights(report.previous)})`;
        throw new Failure(`Gate failed at step ${report.failure.step}; ${restored}:\n${report.failure.evidence.join('\n')}`);
    }
    if (report.drain && report.drain.left > 0)
        warning(`${report.drain.color} still has ${report.drain.left} request(s) in flight after ${formatDuration(report.drain.ms)} (drain-wait): stopping it now would cut them`);
    if (outputs['live-color'] === 'mixed')
        warning(`Neither colour is clearly live: ${formatWeights(report.final)}`);
    const what = report.changeId ? `effective after ${formatDuration(report.effectiveMs)}` : 'nothing changed';
    info(`Done: ${formatWeights(report.final)} (live: ${outputs['live-color']}); ${what}`);
}

;// CONCATENATED MODULE: ./actions/switch-traffic/src/index.ts


void runAction(run);

