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

/***/ 8611:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("http");

/***/ }),

/***/ 5692:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("https");

/***/ }),

/***/ 9278:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("net");

/***/ }),

/***/ 4589:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:assert");

/***/ }),

/***/ 6698:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:async_hooks");

/***/ }),

/***/ 4573:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:buffer");

/***/ }),

/***/ 7540:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:console");

/***/ }),

/***/ 7598:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:crypto");

/***/ }),

/***/ 3053:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:diagnostics_channel");

/***/ }),

/***/ 610:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:dns");

/***/ }),

/***/ 8474:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:events");

/***/ }),

/***/ 7067:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:http");

/***/ }),

/***/ 2467:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:http2");

/***/ }),

/***/ 7030:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:net");

/***/ }),

/***/ 643:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:perf_hooks");

/***/ }),

/***/ 1792:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:querystring");

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

/***/ 3429:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:util/types");

/***/ }),

/***/ 5919:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:worker_threads");

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

/***/ }),

/***/ 4756:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("tls");

/***/ }),

/***/ 9023:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("util");

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

;// CONCATENATED MODULE: external "node:fs"
const external_node_fs_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs");
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __nccwpck_require__(7598);
;// CONCATENATED MODULE: external "node:os"
const external_node_os_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:os");
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
    process.stdout.write(`::${name}${p ? ` ${p}` : ''}::${escapeData(message)}${external_node_os_namespaceObject.EOL}`);
}
/** Appends `name<<delimiter` blocks to a runner file (GITHUB_OUTPUT, GITHUB_STATE, GITHUB_ENV). */
function appendKeyValue(file, name, value) {
    const delimiter = `ghadelimiter_${(0,external_node_crypto_.randomUUID)()}`;
    if (name.includes(delimiter) || value.includes(delimiter))
        throw new Error('unexpected delimiter collision');
    (0,external_node_fs_namespaceObject.appendFileSync)(file, `${name}<<${delimiter}${external_node_os_namespaceObject.EOL}${value}${external_node_os_namespaceObject.EOL}${delimiter}${external_node_os_namespaceObject.EOL}`, 'utf8');
}
function info(message) {
    process.stdout.write(message + external_node_os_namespaceObject.EOL);
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
        (0,external_node_fs_namespaceObject.appendFileSync)(file, markdown.endsWith(external_node_os_namespaceObject.EOL) ? markdown : markdown + external_node_os_namespaceObject.EOL, 'utf8');
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

;// CONCATENATED MODULE: external "node:path"
const external_node_path_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:path");
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
        text = (0,external_node_fs_namespaceObject.readFileSync)(path, 'utf8');
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
    (0,external_node_fs_namespaceObject.mkdirSync)((0,external_node_path_namespaceObject.dirname)(path), { recursive: true });
    const tmp = `${path}.${process.pid}.tmp`;
    (0,external_node_fs_namespaceObject.writeFileSync)(tmp, `${JSON.stringify(checked, null, 2)}\n`);
    (0,external_node_fs_namespaceObject.renameSync)(tmp, path);
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

















// EXTERNAL MODULE: external "node:stream"
var external_node_stream_ = __nccwpck_require__(7075);
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

;// CONCATENATED MODULE: ./packages/registry/src/credentials.ts




/** The Docker config file's path for a lookup. */
function dockerConfigPath(opts = {}) {
    const env = opts.env ?? process.env;
    const dir = opts.dockerConfigDir || env.DOCKER_CONFIG || (0,external_node_path_namespaceObject.join)(env.HOME || (0,external_node_os_namespaceObject.homedir)(), '.docker');
    return (0,external_node_path_namespaceObject.join)(dir, 'config.json');
}
/**
 * Normalises a key of the config's `auths` (`https://index.docker.io/v1/`,
 * `https://ghcr.io`, `127.0.0.1:5001`, `http://host:5000/v2/`) to the
 * registry name it stands for.
 */
const normaliseAuthKey = registryOfAuthKey;
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
            throw new ConfigurationError(`registry ${registry}: give both a username and a password (only the ${opts.username ? 'username' : 'password'} is set)`);
        addSecret(opts.password);
        return { username: opts.username, password: opts.password, source: 'inputs' };
    }
    const path = dockerConfigPath(opts);
    let config;
    try {
        config = JSON.parse((0,external_node_fs_namespaceObject.readFileSync)(path, 'utf8'));
    }
    catch (e) {
        if (e.code === 'ENOENT')
            return undefined;
        throw new ConfigurationError(`Docker config ${path} cannot be read: ${e.message}`);
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
            throw new ConfigurationError(`Docker config ${path}: an 'auth' entry is not base64 of username:password`);
        username = decoded.slice(0, colon);
        password = decoded.slice(colon + 1);
    }
    addSecret(entry.auth);
    addSecret(password);
    addSecret(entry.identitytoken);
    if (entry.identitytoken)
        return { username: username || '<token>', password, identityToken: entry.identitytoken, source: path };
    if (!username && !password)
        return undefined;
    return { username, password, source: path };
}
async function fromHelper(helper, registry, optional = false) {
    if (!/^[A-Za-z0-9_.-]+$/.test(helper))
        throw new ConfigurationError(`Docker config names credential helper ${JSON.stringify(helper)}, which is not a program name`);
    const program = `docker-credential-${helper}`;
    const candidates = registry === 'docker.io' ? ['https://index.docker.io/v1/', registry] : [registry, `https://${registry}`];
    for (const server of candidates) {
        const r = await execute(program, ['get'], { input: server, allowFailure: true }).catch((e) => {
            if (optional)
                return undefined;
            throw new Failure(`credential helper ${program} for ${registry} could not be run: ${e.message}`);
        });
        if (!r || r.code !== 0)
            continue;
        const out = JSON.parse(r.stdout);
        if (!out.Secret)
            continue;
        addSecret(out.Secret);
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
class RegistryError extends Failure {
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
class DigestMismatchError extends Failure {
    name = 'DigestMismatchError';
}
/** A manifest in a format we refuse (Docker schema 1, unknown media types). */
class UnsupportedManifestError extends Failure {
    name = 'UnsupportedManifestError';
}
/**
 * An https request met a server speaking plain http (TLS saw an HTTP answer).
 * Never retried: a registry without TLS must be named among the caller's
 * insecure registries, which only belongs on a trusted network.
 */
class PlainHttpRegistryError extends Failure {
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
class RegistryNetworkError extends Failure {
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
    return new errors_InputError(input, `${e.message}; ${r} is not in ${input}`, {
        hint: `if the network to ${r} is trusted (as for a Docker daemon with it in insecure-registries), add ${r} to ${input}${opts.hint ? ` (${opts.hint})` : ''}; otherwise serve the registry over https`,
        cause: e,
    });
}

// EXTERNAL MODULE: external "node:http"
var external_node_http_ = __nccwpck_require__(7067);
var external_node_http_default = /*#__PURE__*/__nccwpck_require__.n(external_node_http_);
;// CONCATENATED MODULE: external "node:https"
const external_node_https_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:https");
var external_node_https_default = /*#__PURE__*/__nccwpck_require__.n(external_node_https_namespaceObject);
// EXTERNAL MODULE: external "node:net"
var external_node_net_ = __nccwpck_require__(7030);
;// CONCATENATED MODULE: ./packages/registry/src/reference.ts
/**
 * Image references are parsed by kit (one parser, one digest pattern, for
 * every package and action); this module adds what only the registry client
 * needs: where to connect and over which scheme.
 */



/** The host to connect to for a registry name (`docker.io` is served by `registry-1.docker.io`). */
function registryEndpointHost(registry) {
    return registry === DOCKER_HUB ? 'registry-1.docker.io' : registry;
}
/**
 * The host part of a registry name, without the port or IPv6 brackets
 * (`[::1]:5000` → `::1`); a bare IPv6 address (`::ffff:7f00:1`) is all host.
 */
function hostOf(registry) {
    if (registry.startsWith('['))
        return registry.slice(1, registry.indexOf(']'));
    return (0,external_node_net_.isIP)(registry) === 6 ? registry : registry.replace(/:\d+$/, '');
}
/**
 * The loopback networks: 127.0.0.0/8 and ::1. BlockList also matches an
 * IPv4 rule against the IPv4-mapped IPv6 form of an address
 * (`::ffff:127.0.0.1`, `::ffff:7f00:1`), and compares addresses, not their
 * spelling (`0:0:0:0:0:0:0:1` is `::1`).
 */
const LOOPBACK = new external_node_net_.BlockList();
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
    const family = (0,external_node_net_.isIP)(host);
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
        throw new InvalidReferenceError(`${errors_show(entry)} ${why}`);
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
    if (!isValidRegistryHost(e))
        fail('is not a registry host[:port] or an IP network (CIDR)');
    const port = /:(\d+)$/.exec(e.startsWith('[') ? e.slice(e.indexOf(']')) : e)?.[1];
    if (port !== undefined && (Number(port) < 1 || Number(port) > 65535))
        fail(`has port ${port}, outside 1-65535`);
    return e;
}
function parseCidr(entry) {
    const m = /^([0-9a-f.:]+)\/(\d{1,3})$/.exec(entry);
    const v = m ? (0,external_node_net_.isIP)(m[1]) : 0;
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
    const family = (0,external_node_net_.isIP)(host);
    for (const raw of insecureRegistries) {
        const entry = parseInsecureRegistry(raw);
        if (entry === name)
            return 'http';
        const cidr = entry.includes('/') ? parseCidr(entry) : undefined;
        // An IPv4 network also holds its addresses written as IPv4-mapped IPv6 (::ffff:198.18.100.254), as Docker's does.
        if (cidr && family !== 0 && (family === 6 || cidr.family === 'ipv4')) {
            const net = new external_node_net_.BlockList();
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
            if (e instanceof InvalidReferenceError)
                throw new errors_InputError(input, e.message, { hint: 'list registries as host[:port] or IP networks as a.b.c.d/n' });
            throw e;
        }
    });
}

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
        const scheme = opts.scheme ?? registryScheme(registry, opts.insecureRegistries);
        this.baseUrl = `${scheme}://${registryEndpointHost(registry)}`;
        this.agent = scheme === 'https' ? new (external_node_https_default()).Agent({ keepAlive: true, maxSockets: 16 }) : new (external_node_http_default()).Agent({ keepAlive: true, maxSockets: 16 });
    }
    /** Closes idle keep-alive sockets and stops retrying. */
    close() {
        this.closed = true;
        this.agent.destroy();
    }
    /** Runs an operation with retries on transient failures. */
    retrying(label, fn) {
        return retry(fn, {
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
                const where = `${x.method} ${redact(url.origin + url.pathname)}`;
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
    return text ? ` (${redact(text)})` : '';
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
            addSecret(opts.password);
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
            addSecret(value.slice(6));
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
        addSecret(value);
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
function isIndexType(mediaType) {
    return mediaType === MediaType.ociIndex || mediaType === MediaType.dockerManifestList;
}

;// CONCATENATED MODULE: external "node:stream/promises"
const promises_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:stream/promises");
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
    (0,promises_namespaceObject.pipeline)(input, t, out).catch((e) => out.destroy(e));
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
        if (!digest || !mediaType || !DIGEST_RE.test(digest)) {
            const m = await this.getManifest(repository, reference);
            return { digest: m.digest, mediaType: m.mediaType, size: m.size };
        }
        checkMediaType(mediaType, label);
        if (DIGEST_RE.test(reference) && digest !== reference)
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
        if (DIGEST_RE.test(reference) && digest !== reference)
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
        if (DIGEST_RE.test(reference) && reference !== digest)
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
        if (!DIGEST_RE.test(digest))
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
    return `${repository}${DIGEST_RE.test(reference) ? '@' : ':'}${reference}`;
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










;// CONCATENATED MODULE: ./actions/promote-version/src/plan.ts


/** Placeholders a tag template may use. */
const TAG_PLACEHOLDERS = ['env', 'from', 'version', 'service', 'commit', 'short-commit'];
/** Expands `{env}`, `{from}`, `{version}`, `{service}`, `{commit}`, `{short-commit}` in one tag template. */
function expandTag(template, ctx, service) {
    const values = {
        env: ctx.env,
        from: ctx.from,
        version: ctx.release.version,
        service,
        commit: ctx.release.commit,
        'short-commit': ctx.release.commit.slice(0, 7),
    };
    return template.replace(/\{([a-z-]+)\}/g, (whole, name) => {
        const v = values[name];
        if (v === undefined)
            throw new errors_InputError('tags', `${errors_show(template)} uses unknown placeholder ${whole}; known: ${TAG_PLACEHOLDERS.map((p) => `{${p}}`).join(' ')}`);
        return v;
    });
}
/** One service's tags from the templates; each must be a valid tag, and no two the same. */
function expandTags(templates, ctx, service) {
    const seen = new Set();
    for (const t of templates) {
        const tag = expandTag(t, ctx, service);
        if (!isValidTag(tag))
            throw new errors_InputError('tags', `${errors_show(t)} expands to ${errors_show(tag)} for ${service}, which is not a valid tag (up to 128 of A-Z a-z 0-9 _ . -, not starting with . or -)`);
        if (seen.has(tag))
            throw new errors_InputError('tags', `${errors_show(t)} expands to ${errors_show(tag)} twice for ${service}`);
        seen.add(tag);
    }
    return [...seen];
}
/** Checks every template expands to a valid, unique tag for every service, without planning anything else. */
function checkTagTemplates(templates, ctx) {
    for (const service of Object.keys(ctx.release.services))
        expandTags(templates, ctx, service);
}
/**
 * Where a service's image goes: the target registry (default: its own) and
 * the prefix + the image's last path component (default: its own path).
 */
function targetLocation(source, opts) {
    const registry = opts.targetRegistry || source.registry;
    let repository = source.repository;
    if (opts.targetRepositoryPrefix) {
        const prefix = opts.targetRepositoryPrefix.replace(/\{env\}/g, opts.env).replace(/\{from\}/g, opts.from);
        const name = source.repository.split('/').pop();
        repository = `${prefix}/${name}`;
        if (!isValidRepositoryPath(repository))
            throw new errors_InputError('target-repository-prefix', `gives repository ${errors_show(repository)}, which is not a valid repository path`);
    }
    return { registry, repository };
}
/**
 * The pure part of the plan: source and target locations and tags per
 * service, in service-name order. Bad tags or target paths are InputErrors.
 */
function planRelease(release, opts) {
    const ctx = { env: opts.env, from: opts.from, release };
    return Object.keys(release.services)
        .sort()
        .map((service) => {
        const s = release.services[service];
        const ref = parseImageReference(s.image);
        const source = { registry: ref.registry, repository: ref.repository };
        return {
            service,
            digest: s.digest,
            source,
            target: targetLocation(source, opts),
            tags: expandTags(opts.tags, ctx, service),
            sourceTag: s.tags?.[0],
        };
    });
}
function tagAction(current, digest) {
    if (current === undefined)
        return 'create';
    return current === digest ? 'unchanged' : 'move';
}
/**
 * Every reason not to write anything: digests missing from the source, and
 * (under `immutable`) target tags held by another digest. Empty means go.
 */
function problems(plans, inspections, immutable) {
    const out = [];
    const owners = new Map();
    for (const p of plans) {
        for (const tag of p.tags) {
            const ref = `${p.target.registry}/${p.target.repository}:${tag}`;
            const other = owners.get(ref);
            if (other && other.digest !== p.digest)
                out.push(`${p.service}: tag ${ref} is also the target of ${other.service} (another digest); add {service} to the tags or use target-repository-prefix`);
            owners.set(ref, p);
        }
    }
    plans.forEach((p, i) => {
        const ins = inspections[i];
        if (!ins.source)
            out.push(`${p.service}: ${p.source.registry}/${p.source.repository}@${p.digest} does not exist in the source registry`);
        if (immutable) {
            for (const tag of p.tags) {
                const current = ins.tags[tag];
                if (tagAction(current, p.digest) === 'move')
                    out.push(`${p.service}: tag ${p.target.registry}/${p.target.repository}:${tag} already points at ${current} (immutable: not moving it to ${p.digest})`);
            }
        }
    });
    return out;
}
/** The target environment's release manifest: same version, commit and digests; images in the target repositories. */
function targetRelease(release, plans) {
    const services = {};
    for (const p of plans)
        services[p.service] = { image: `${p.target.registry}/${p.target.repository}`, digest: p.digest, tags: p.tags };
    return { ...release, services };
}

;// CONCATENATED MODULE: ./actions/promote-version/src/inputs.ts




const ENV_RE = /^[a-z0-9][a-z0-9_.-]{0,62}$/;
const DEFAULT_ENVIRONMENTS = 'qa, uat, prod';
const DEFAULT_TAGS = '{env}\n{env}-{version}';
/** Reads and validates every input, and plans the promotion, before anything touches a registry or GitHub. */
function getInputs(source, env = process.env) {
    const r = new Inputs(source);
    // Secrets first, so nothing below can echo them.
    const password = r.string('password');
    const sourcePassword = r.string('source-password');
    const githubToken = r.string('github-token');
    addSecret(password);
    addSecret(sourcePassword);
    addSecret(githubToken);
    if (githubToken.includes('${{'))
        throw new errors_InputError('github-token', 'holds an unevaluated expression; pass ${{ github.token }} from a workflow, or leave it empty');
    const mode = r.enum('mode', ['promote', 'record'], { default: 'promote' });
    const environments = splitList(r.raw('environments') || DEFAULT_ENVIRONMENTS, true);
    if (environments.length === 0)
        throw new errors_InputError('environments', 'is empty: list the environment names, e.g. qa, uat, prod');
    for (const e of environments)
        if (!ENV_RE.test(e))
            throw new errors_InputError('environments', `${errors_show(e)} is not a valid environment name (lowercase letters, digits, . _ -)`);
    const envName = (name, required) => {
        const v = r.string(name, { required });
        if (v && !environments.includes(v))
            throw new errors_InputError(name, `${errors_show(v)} is not a known environment: expected one of ${environments.join(', ')}`, {
                hint: 'add it to the environments input if it is new',
            });
        return v;
    };
    const to = envName('to', true);
    const from = envName('from', mode === 'promote');
    if (from && from === to)
        throw new errors_InputError('to', `${errors_show(to)} is the same environment as from`);
    const { releaseFile, release } = readRelease(r);
    if (Object.keys(release.services).length === 0)
        throw new errors_InputError(releaseFile.length ? 'release-file' : 'release', `field 'services' is empty: the release has no image to promote`);
    const targetRegistry = r.string('target-registry');
    if (targetRegistry && !isValidRegistryHost(targetRegistry))
        throw new errors_InputError('target-registry', `${errors_show(targetRegistry)} is not a registry host[:port] (no scheme, no path)`);
    const insecureRegistries = insecureRegistriesInput(splitList(r.raw('insecure-registries'), true));
    const targetRepositoryPrefix = r.string('target-repository-prefix').replace(/^\/+|\/+$/g, '');
    if (targetRepositoryPrefix && !isValidRepositoryPath(targetRepositoryPrefix.replace(/\{(env|from)\}/g, 'x')))
        throw new errors_InputError('target-repository-prefix', `${errors_show(targetRepositoryPrefix)} is not a repository path (lowercase components separated by /)`);
    const tags = splitList(r.raw('tags') || DEFAULT_TAGS, false);
    if (mode === 'promote' && tags.length === 0)
        throw new errors_InputError('tags', 'is empty: give at least one tag, e.g. {env}-{version}');
    const plans = mode === 'promote' ? planRelease(release, { tags, env: to, from, targetRegistry, targetRepositoryPrefix }) : [];
    const immutable = r.bool('immutable', { default: false });
    const requireVerified = r.bool('require-verified', { default: true });
    if (mode === 'promote' && requireVerified && !githubToken)
        throw new errors_InputError('require-verified', `is true but github-token is empty: the ${from} environment's deployments cannot be read`, {
            hint: 'pass github-token: ${{ github.token }} (permission deployments: read), or set require-verified: false',
        });
    if (mode === 'record' && !githubToken)
        throw new errors_InputError('github-token', 'is required in record mode: it records the deployment');
    const rawId = r.string('deployment-id');
    if (rawId && !/^[1-9]\d{0,15}$/.test(rawId))
        throw new errors_InputError('deployment-id', `${errors_show(rawId)} is not a deployment ID (a positive whole number)`);
    const environmentUrl = r.string('environment-url');
    if (environmentUrl)
        r.url('environment-url');
    const commitPath = r.string('commit-path').replace(/^\/+/, '');
    if (commitPath && (commitPath.split('/').some((p) => p === '..' || p === '') || /[\\\0]/.test(commitPath)))
        throw new errors_InputError('commit-path', `${errors_show(commitPath)} is not a relative path inside the repository`);
    if (commitPath && !githubToken)
        throw new errors_InputError('commit-path', 'is set but github-token is empty: the manifest cannot be committed');
    const commitBranch = r.string('commit-branch', { pattern: /^(?!.*\.\.)(?!\/)[A-Za-z0-9._/-]+$/, patternHint: 'a branch name' });
    const username = r.string('username');
    const sourceUsername = r.string('source-username');
    if (Boolean(username) !== Boolean(password))
        throw new errors_InputError(username ? 'password' : 'username', `is empty but ${username ? 'username' : 'password'} is set: give both or neither`);
    if (Boolean(sourceUsername) !== Boolean(sourcePassword))
        throw new errors_InputError(sourceUsername ? 'source-password' : 'source-username', `is empty but ${sourceUsername ? 'source-username' : 'source-password'} is set: give both or neither`);
    const outputFile = (r.string('output-file') || (0,external_node_path_namespaceObject.join)(env.RUNNER_TEMP || process.cwd(), 'release-{env}.json')).replace(/\{env\}/g, to);
    return {
        mode,
        releaseFile,
        release,
        from,
        to,
        environments,
        targetRegistry,
        insecureRegistries,
        targetRepositoryPrefix,
        tags,
        immutable,
        requireVerified,
        githubToken,
        deploymentId: rawId ? Number(rawId) : undefined,
        recordState: r.enum('record-state', ['success', 'failure', 'error'], { default: 'success' }),
        environmentUrl,
        commitPath: commitPath.replace(/\{env\}/g, to),
        commitBranch,
        outputFile,
        username,
        password,
        sourceUsername,
        sourcePassword,
        dryRun: r.bool('dry-run', { default: false }),
        plans,
    };
}
function readRelease(r) {
    const releaseFile = r.list('release-file');
    const inline = r.raw('release').trim();
    if (releaseFile.length && inline)
        throw new errors_InputError('release', 'is set together with release-file: give one of them');
    if (!releaseFile.length && !inline)
        throw new errors_InputError('release-file', 'is required (or give the manifest inline in release)');
    try {
        if (inline)
            return { releaseFile, release: mergeManifests([{ origin: "input 'release'", manifest: parseManifest(inline, "input 'release'") }]) };
        return { releaseFile, release: readManifests(releaseFile) };
    }
    catch (e) {
        if (e instanceof ManifestError)
            throw new errors_InputError(inline ? 'release' : 'release-file', e.message, { cause: e });
        throw e;
    }
}

;// CONCATENATED MODULE: ./actions/promote-version/src/registry.ts



/**
 * One client per registry host, each told the insecure-registries (source and
 * target alike). The target registry uses username/password;
 * other (source) registries use source-username/source-password; a registry
 * without explicit credentials falls back to the Docker config.
 */
class Clients {
    creds;
    targets;
    log;
    byHost = new Map();
    constructor(creds, targets, log = (l) => info(l)) {
        this.creds = creds;
        this.targets = targets;
        this.log = log;
    }
    get(registry) {
        let c = this.byHost.get(registry);
        if (!c) {
            const isTarget = this.targets.has(registry);
            const explicit = isTarget && this.creds.username
                ? { username: this.creds.username, password: this.creds.password }
                : !isTarget && this.creds.sourceUsername
                    ? { username: this.creds.sourceUsername, password: this.creds.sourcePassword }
                    : {};
            c = new RegistryClient({
                registry,
                ...explicit,
                insecureRegistries: this.creds.insecureRegistries,
                log: this.log,
                userAgent: 'switchyard-promote-version',
            });
            this.byHost.set(registry, c);
        }
        return c;
    }
    close() {
        for (const c of this.byHost.values())
            c.close();
    }
}
function clientsFor(plans, creds, log) {
    return new Clients(creds, new Set(plans.map((p) => p.target.registry)), log);
}
/** Checks every registry involved answers and accepts its credentials (one request each, before anything else). */
async function checkAccess(plans, clients) {
    const hosts = [...new Set(plans.flatMap((p) => [p.source.registry, p.target.registry]))];
    for (const h of hosts)
        if (clients.get(h).baseUrl.startsWith('http:') && !isLoopbackHost(h))
            clients.log(`${h}: plain http (listed in insecure-registries), not encrypted`);
    await Promise.all(hosts.map((h) => clients
        .get(h)
        .ping()
        .catch((e) => {
        throw e instanceof PlainHttpRegistryError ? notInInsecureRegistries(e) : e;
    })));
}
/** Reads everything the plan depends on, writing nothing: source digests, target digests, target tags. */
async function inspect(plans, clients) {
    return mapConcurrent(plans, 8, async (p) => {
        const src = clients.get(p.source.registry);
        const dst = clients.get(p.target.registry);
        const [source, targetDigest, tagDigests] = await Promise.all([
            src.headManifest(p.source.repository, p.digest),
            dst.headManifest(p.target.repository, p.digest),
            Promise.all(p.tags.map(async (t) => [t, (await dst.headManifest(p.target.repository, t))?.digest])),
        ]);
        return { source, targetHasDigest: targetDigest !== undefined, tags: Object.fromEntries(tagDigests) };
    });
}
/**
 * Applies a checked plan in two phases so no tag moves unless every image is
 * complete in its target: 1. copy every service's manifest(s) and blobs by
 * digest; 2. point the tags at the digests.
 */
async function apply(plans, inspections, clients, log = (l) => info(l)) {
    const blobCache = new Map();
    const copies = await mapConcurrent(plans, 3, async (p, i) => {
        if (inspections[i].targetHasDigest) {
            log(`${p.service}: already present in ${p.target.registry}/${p.target.repository}@${p.digest}`);
            return alreadyThere(p.digest, inspections[i].source);
        }
        const report = await copyImage({
            source: { client: clients.get(p.source.registry), repository: p.source.repository },
            target: { client: clients.get(p.target.registry), repository: p.target.repository },
            digest: p.digest,
            blobCache,
            log,
        });
        log(`${p.service}: ${report.alreadyPresent ? 'already present in' : 'copied to'} ${p.target.registry}/${p.target.repository}@${p.digest}${copyDetail(report)}`);
        return report;
    });
    return mapConcurrent(plans, 3, async (p, i) => {
        const dst = clients.get(p.target.registry);
        const current = inspections[i].tags;
        const tagged = [];
        let manifest;
        for (const tag of p.tags) {
            const action = tagAction(current[tag], p.digest);
            if (action !== 'unchanged') {
                manifest ??= await dst.getManifest(p.target.repository, p.digest);
                await dst.putManifest(p.target.repository, tag, manifest.body, manifest.mediaType);
                if (action === 'move')
                    warning(`${p.service}: moved tag ${p.target.registry}/${p.target.repository}:${tag} from ${current[tag]} to ${p.digest}`);
            }
            tagged.push({ tag, action, previous: current[tag] });
        }
        return { plan: p, copy: copies[i], tagged };
    });
}
function alreadyThere(digest, d) {
    return emptyCopyReport({ digest, mediaType: d?.mediaType ?? '', size: d?.size ?? 0 }, true);
}
function copyDetail(r) {
    if (r.alreadyPresent)
        return '';
    const parts = [`${r.manifestsCopied} manifest(s)`];
    if (r.blobsMounted)
        parts.push(`${r.blobsMounted} blob(s) mounted`);
    if (r.blobsCopied)
        parts.push(`${r.blobsCopied} blob(s) copied (${(r.bytesCopied / 1e6).toFixed(1)} MB)`);
    if (r.blobsPresent)
        parts.push(`${r.blobsPresent} blob(s) already there`);
    return ` (${parts.join(', ')})`;
}

;// CONCATENATED MODULE: ./actions/promote-version/src/github.ts

/** Lazily loads @actions/github (only runs that record pay for it); honours GITHUB_API_URL. */
async function connectGitHub(token) {
    const { getOctokit } = await __nccwpck_require__.e(/* import() */ 918).then(__nccwpck_require__.bind(__nccwpck_require__, 1918));
    const octokit = getOctokit(token, { userAgent: 'switchyard-promote-version' });
    return { request: (route, params) => octokit.request(route, params ?? {}) };
}
function repoFromEnv(env = process.env) {
    const full = env.GITHUB_REPOSITORY ?? '';
    const [owner, repo] = full.split('/');
    if (!owner || !repo)
        throw new ConfigurationError(`GITHUB_REPOSITORY is ${JSON.stringify(full)}: cannot record deployments outside a GitHub repository context`);
    return { owner, repo };
}
/** GitHub 5xx and network failures are retried briefly; 4xx are final. */
async function call(api, route, params) {
    const res = await retry(() => api.request(route, params), {
        label: route,
        timeoutMs: 60_000,
        maxAttempts: 5,
        initialMs: 300,
        retryable: (e) => {
            const status = e.status;
            return status === undefined || status >= 500 || status === 429;
        },
    }).catch((e) => {
        const status = e.status;
        if (status === 401 || status === 403 || status === 404) {
            throw new Failure(`GitHub API ${route}: HTTP ${status}: ${errorMessage(e)}`, {
                hint: 'the token needs `permissions: deployments: write` (and `contents: write` for commit-path)',
                cause: e,
            });
        }
        throw e;
    });
    return res.data;
}
/** The version a deployment is for: Switchyard's payload.version, if any. */
function payloadOf(d) {
    let p = d.payload;
    if (typeof p === 'string') {
        try {
            p = JSON.parse(p);
        }
        catch {
            return {};
        }
    }
    return typeof p === 'object' && p !== null ? p : {};
}
/**
 * A deployment is of `release` when its payload names the version, or (for
 * deployments not made by Switchyard, e.g. a job's `environment:`) when it
 * has no version in its payload and was made from the release's commit.
 */
function isDeploymentOf(d, release) {
    const version = payloadOf(d).version;
    if (typeof version === 'string')
        return version === release.version;
    return release.commit.length >= 7 && (d.sha === release.commit || d.ref === release.commit);
}
/**
 * Decides `require-verified`: reads the `from` environment's deployments
 * (newest first) of this release and their statuses. The newest one with a
 * final status decides: `success` (or `inactive` after `success`, i.e.
 * superseded by a later release) is verified; `failure`/`error` is not.
 * Deployments still in progress (promoted, not yet verified) are skipped.
 */
async function findVerification(api, repo, environment, release) {
    const deployments = await call(api, 'GET /repos/{owner}/{repo}/deployments', { ...repo, environment, per_page: 100 });
    const mine = deployments.filter((d) => isDeploymentOf(d, release));
    if (mine.length === 0)
        return { verified: false, reason: `no deployment of version ${release.version} is recorded for ${environment}` };
    const unfinished = [];
    for (const d of mine) {
        const statuses = await call(api, 'GET /repos/{owner}/{repo}/deployments/{deployment_id}/statuses', {
            ...repo,
            deployment_id: d.id,
            per_page: 100,
        });
        const latest = statuses[0];
        if (latest?.state === 'success')
            return { verified: true, reason: `deployment ${d.id} of ${release.version} in ${environment} succeeded`, deploymentId: d.id };
        if (latest?.state === 'inactive' && statuses.some((s) => s.state === 'success'))
            return { verified: true, reason: `deployment ${d.id} of ${release.version} in ${environment} succeeded (since superseded)`, deploymentId: d.id };
        if (latest?.state === 'failure' || latest?.state === 'error')
            return {
                verified: false,
                reason: `the latest deployment of ${release.version} in ${environment} (${d.id}) ended in ${latest.state}${latest.description ? `: ${latest.description}` : ''}`,
                deploymentId: d.id,
            };
        unfinished.push(`${d.id} (${latest?.state ?? 'no status'})`);
    }
    return { verified: false, reason: `deployment(s) of ${release.version} in ${environment} never verified: ${unfinished.join(', ')}` };
}
const SHA_RE = /^[0-9a-f]{7,40}$/;
/** Creates a deployment for `environment` with the version and digests in its payload. Returns its id. */
async function createDeployment(api, repo, r, log) {
    const body = (ref) => ({
        ...repo,
        ref,
        environment: r.environment,
        task: 'deploy',
        auto_merge: false,
        required_contexts: [],
        transient_environment: false,
        description: r.description.slice(0, 140),
        payload: { version: r.release.version, commit: r.release.commit, tool: 'switchyard', ...r.payload },
    });
    const first = SHA_RE.test(r.release.commit) ? r.release.commit : r.fallbackRef;
    try {
        const d = await call(api, 'POST /repos/{owner}/{repo}/deployments', body(first));
        if (!d.id)
            throw new Failure(`GitHub did not create the deployment: ${d.message ?? 'no id returned'}`);
        return d.id;
    }
    catch (e) {
        const status = e.status;
        if (status === 422 && first !== r.fallbackRef && r.fallbackRef) {
            log(`the release commit ${first} is not a ref of this repository; recording the deployment at ${r.fallbackRef}`);
            const d = await call(api, 'POST /repos/{owner}/{repo}/deployments', body(r.fallbackRef));
            if (d.id)
                return d.id;
        }
        throw e;
    }
}
async function setDeploymentStatus(api, repo, id, s) {
    await call(api, 'POST /repos/{owner}/{repo}/deployments/{deployment_id}/statuses', {
        ...repo,
        deployment_id: id,
        state: s.state,
        description: s.description.slice(0, 140),
        ...(s.logUrl ? { log_url: s.logUrl } : {}),
        ...(s.environmentUrl ? { environment_url: s.environmentUrl } : {}),
    });
}
/** Checks a deployment given by id belongs to the environment (and version) being recorded. */
async function checkDeployment(api, repo, id, environment, release) {
    const d = await call(api, 'GET /repos/{owner}/{repo}/deployments/{deployment_id}', { ...repo, deployment_id: id });
    if (d.environment !== environment)
        throw new Failure(`deployment ${id} is for environment ${d.environment}, not ${environment}`);
    const v = payloadOf(d).version;
    if (typeof v === 'string' && v !== release.version)
        throw new Failure(`deployment ${id} is of version ${v}, not ${release.version}`);
}
/** The newest deployment of this release in `environment` still waiting for its verification (latest status in_progress/queued/pending, or none). */
async function findAwaitingDeployment(api, repo, environment, release) {
    const deployments = await call(api, 'GET /repos/{owner}/{repo}/deployments', { ...repo, environment, per_page: 100 });
    for (const d of deployments.filter((x) => typeof payloadOf(x).version === 'string' && isDeploymentOf(x, release))) {
        const statuses = await call(api, 'GET /repos/{owner}/{repo}/deployments/{deployment_id}/statuses', {
            ...repo,
            deployment_id: d.id,
            per_page: 1,
        });
        const state = statuses[0]?.state;
        if (state === undefined || state === 'in_progress' || state === 'queued' || state === 'pending')
            return d.id;
        return undefined;
    }
    return undefined;
}
/**
 * Commits `content` to `path` through the contents API (one commit), unless
 * the file already holds exactly that. Retries once on a concurrent update.
 * Returns the commit SHA, or undefined when unchanged.
 */
async function commitFile(api, repo, path, branch, content, message) {
    for (let attempt = 0;; attempt++) {
        let sha;
        try {
            const existing = await api.request('GET /repos/{owner}/{repo}/contents/{path}', { ...repo, path, ...(branch ? { ref: branch } : {}) });
            const data = existing.data;
            if (data.type && data.type !== 'file')
                throw new ConfigurationError(`commit-path ${path} is a ${data.type} in the repository, not a file`);
            sha = data.sha;
            if (data.content !== undefined && Buffer.from(data.content, 'base64').toString('utf8') === content)
                return undefined;
        }
        catch (e) {
            if (e.status !== 404)
                throw e;
        }
        try {
            const res = await call(api, 'PUT /repos/{owner}/{repo}/contents/{path}', {
                ...repo,
                path,
                message,
                content: Buffer.from(content).toString('base64'),
                ...(sha ? { sha } : {}),
                ...(branch ? { branch } : {}),
            });
            return res.commit?.sha ?? '';
        }
        catch (e) {
            const status = e.status;
            if ((status === 409 || status === 422) && attempt < 2)
                continue;
            throw e;
        }
    }
}

;// CONCATENATED MODULE: ./actions/promote-version/src/report.ts


/** The `promoted` output: service → digest, target image and refs, source, status. */
function promotedOutput(plans, inspections, results) {
    const out = {};
    plans.forEach((p, i) => {
        const image = `${p.target.registry}/${p.target.repository}`;
        const present = results ? results[i].copy.alreadyPresent : inspections[i].targetHasDigest;
        out[p.service] = {
            digest: p.digest,
            image,
            refs: [...p.tags.map((t) => `${image}:${t}`), `${image}@${p.digest}`],
            source: `${p.source.registry}/${p.source.repository}@${p.digest}`,
            status: results ? (present ? 'already-present' : 'copied') : 'planned',
        };
    });
    return out;
}
const report_short = (d) => d.replace(/^sha256:/, '').slice(0, 12);
function summary(s) {
    const out = new Summary().heading(`Promote ${s.release.version}: ${s.from} → ${s.to}${s.dryRun ? ' (dry run)' : ''}`);
    out.text(`${s.plans.length} service(s) in ${duration_formatDuration(s.elapsedMs)}${s.deploymentId !== undefined ? `, GitHub deployment ${s.deploymentId}` : ''}. Images are copied by digest through the registry API; nothing was rebuilt or pulled.`);
    out.table(['Service', 'Digest', 'From', 'To', 'Tags', 'Image'], s.plans.map((p, i) => {
        const ins = s.inspections[i];
        const r = s.results?.[i];
        const from = `${p.source.registry}/${p.source.repository}${p.sourceTag ? `:${p.sourceTag}` : `@${report_short(p.digest)}`}`;
        const tags = p.tags.map((t) => `${t}${tagNote(r ? r.tagged.find((x) => x.tag === t)?.action : tagAction(ins.tags[t], p.digest))}`).join(', ');
        const image = r ? (r.copy.alreadyPresent ? 'already present' : `copied${report_detail(r)}`) : ins.targetHasDigest ? 'already present' : 'to copy';
        return [p.service, report_short(p.digest), from, `${p.target.registry}/${p.target.repository}`, tags, image];
    }));
    return out;
}
function tagNote(action) {
    if (action === 'move')
        return ' (moved)';
    if (action === 'unchanged')
        return ' (unchanged)';
    return '';
}
function report_detail(r) {
    const c = r.copy;
    const parts = [];
    if (c.blobsMounted)
        parts.push(`${c.blobsMounted} mounted`);
    if (c.blobsCopied)
        parts.push(`${c.blobsCopied} blobs, ${(c.bytesCopied / 1e6).toFixed(1)} MB`);
    if (c.manifestsCopied > 1)
        parts.push(`${c.manifestsCopied} manifests`);
    return parts.length ? ` (${parts.join(', ')})` : '';
}

;// CONCATENATED MODULE: ./actions/promote-version/src/main.ts






async function run() {
    const config = getInputs();
    const ctx = runContext();
    if (config.mode === 'record')
        return group(`Record the verification of ${config.release.version} in ${config.to}`, () => record(config, ctx));
    return promote(config, ctx);
}
/**
 * Four phases, each a log group: verify (the `from` environment's GitHub
 * deployments) and inspect (every registry) are read in parallel and nothing
 * is written until both agree; then copy (images by digest, then tags) and
 * record (release manifest, commit, deployment status).
 */
async function promote(config, ctx) {
    const started = Date.now();
    const { release, plans } = config;
    info(`Promoting ${release.version} (${plans.length} service(s)) from ${config.from} to ${config.to}${config.dryRun ? ' (dry run)' : ''}`);
    const ghP = config.githubToken
        ? connectGitHub(config.githubToken).then((api) => ({ api, repo: repoFromEnv() }))
        : Promise.resolve(undefined);
    const verifyP = ghP.then((g) => (g && config.requireVerified ? findVerification(g.api, g.repo, config.from, release) : undefined));
    // The registry clients' lines (retries) are held back while the verify group is open, then shown in the inspect group.
    const held = [];
    let log = (line) => held.push(line);
    const clients = clientsFor(plans, config, (line) => log(line));
    try {
        const inspectP = checkAccess(plans, clients).then(() => inspect(plans, clients));
        inspectP.catch(() => undefined);
        await group(`Verify ${release.version} in ${config.from}`, async () => {
            const v = await verifyP;
            if (!v) {
                info(config.requireVerified ? 'not checked: no github-token' : 'not checked: require-verified is false');
                return;
            }
            if (!v.verified)
                throw new Failure(`Refusing to promote ${release.version} to ${config.to}: it is not verified in ${config.from}: ${v.reason}`, {
                    hint: `record the ${config.from} verification with this action's mode: record after its smoke test, or set require-verified: false`,
                });
            info(`✓ verified in ${config.from}: ${v.reason}`);
        });
        const inspections = await group(`Inspect ${plans.length} service(s) in the source and target registries`, async () => {
            for (const line of held.splice(0))
                info(line);
            log = (line) => info(line);
            const found = await inspectP;
            logPlan(plans, found);
            const issues = problems(plans, found, config.immutable);
            if (issues.length)
                throw new Failure(`Nothing was promoted: ${issues.length} problem(s) found while checking every service first:\n- ${issues.join('\n- ')}`);
            return found;
        });
        const gh = await ghP;
        if (config.dryRun) {
            setOutputs({ promoted: promotedOutput(plans, inspections, undefined), 'deployment-id': '', 'release-file': '', version: release.version });
            summary({ release, from: config.from, to: config.to, plans, inspections, results: undefined, elapsedMs: Date.now() - started, dryRun: true }).write();
            info('Dry run: nothing written.');
            return;
        }
        const { results, deploymentId } = await group(`Copy ${plans.length} image(s) to ${config.to}`, async () => {
            // The deployment is recorded first, so that a failed copy is marked on it.
            const id = gh ? await createPromotion(gh, config, ctx) : undefined;
            try {
                return { results: await apply(plans, inspections, clients), deploymentId: id };
            }
            catch (e) {
                if (gh && id !== undefined)
                    await markFailed(gh, id, e, config, ctx);
                throw e;
            }
        });
        await group(`Record ${release.version} in ${config.to}`, async () => {
            try {
                const target = targetRelease(release, plans);
                writeManifest(config.outputFile, target);
                info(`Wrote ${config.outputFile}`);
                if (gh && config.commitPath) {
                    const message = `promote ${release.version}: ${config.from} → ${config.to}\n\n${plans.map((p) => `${p.service}: ${p.target.registry}/${p.target.repository}@${p.digest}`).join('\n')}\n\nRun: ${runUrl(ctx) || ctx.runId}`;
                    const sha = await commitFile(gh.api, gh.repo, config.commitPath, config.commitBranch, `${JSON.stringify(target, null, 2)}\n`, message);
                    info(sha === undefined ? `${config.commitPath} already records this release: no commit` : `Committed ${config.commitPath} (${sha.slice(0, 12)})`);
                }
            }
            catch (e) {
                if (gh && deploymentId !== undefined)
                    await markFailed(gh, deploymentId, e, config, ctx);
                throw e;
            }
            if (gh && deploymentId !== undefined) {
                await setDeploymentStatus(gh.api, gh.repo, deploymentId, {
                    state: 'in_progress',
                    description: `promoted from ${config.from}; awaiting verification in ${config.to}`,
                    logUrl: runUrl(ctx),
                    environmentUrl: config.environmentUrl,
                });
                info(`Deployment ${deploymentId}: in progress, awaiting verification in ${config.to}`);
            }
        });
        setOutputs({
            promoted: promotedOutput(plans, inspections, results),
            'deployment-id': deploymentId === undefined ? '' : String(deploymentId),
            'release-file': config.outputFile,
            version: release.version,
        });
        summary({ release, from: config.from, to: config.to, plans, inspections, results, elapsedMs: Date.now() - started, dryRun: false, deploymentId }).write();
        info(`Promoted ${release.version} to ${config.to} in ${duration_formatDuration(Date.now() - started)}; release manifest: ${config.outputFile}`);
    }
    finally {
        clients.close();
    }
}
/** Records the promotion as a GitHub deployment of `to` (payload: version, digests, run). */
async function createPromotion(gh, config, ctx) {
    const id = await createDeployment(gh.api, gh.repo, {
        environment: config.to,
        release: config.release,
        payload: { from: config.from, mode: 'promote', services: servicesPayload(config.plans), run: runUrl(ctx) || undefined },
        description: `promote ${config.release.version} from ${config.from}`,
        fallbackRef: ctx.sha,
    }, (l) => info(l));
    info(`Recorded deployment ${id} for ${config.to}`);
    return id;
}
async function markFailed(gh, id, e, config, ctx) {
    await setDeploymentStatus(gh.api, gh.repo, id, {
        state: 'failure',
        description: `promotion failed: ${errorMessage(e)}`,
        logUrl: runUrl(ctx),
        environmentUrl: config.environmentUrl,
    }).catch((se) => warning(`could not mark deployment ${id} failed: ${errorMessage(se)}`));
}
/** `mode: record`: marks the release's deployment in `to` with the verification outcome. */
async function record(inputs, ctx) {
    const { release } = inputs;
    const api = await connectGitHub(inputs.githubToken);
    const repo = repoFromEnv();
    let id = inputs.deploymentId;
    if (id !== undefined)
        await checkDeployment(api, repo, id, inputs.to, release);
    else
        id = await findAwaitingDeployment(api, repo, inputs.to, release);
    if (id === undefined) {
        id = await createDeployment(api, repo, {
            environment: inputs.to,
            release,
            payload: {
                mode: 'record',
                services: Object.fromEntries(Object.entries(release.services).map(([n, s]) => [n, { image: s.image, digest: s.digest }])),
                run: runUrl(ctx) || undefined,
            },
            description: `deploy ${release.version}`,
            fallbackRef: ctx.sha,
        }, (l) => info(l));
        info(`Created deployment ${id} of ${release.version} for ${inputs.to}`);
    }
    const description = inputs.recordState === 'success'
        ? `${release.version} verified in ${inputs.to}`
        : `${release.version} failed verification in ${inputs.to} (${inputs.recordState})`;
    await setDeploymentStatus(api, repo, id, { state: inputs.recordState, description, logUrl: runUrl(ctx), environmentUrl: inputs.environmentUrl });
    info(`Deployment ${id}: ${inputs.recordState} — ${description}`);
    setOutputs({ promoted: {}, 'deployment-id': String(id), 'release-file': '', version: release.version });
    appendSummary(`## Release ${release.version} in ${inputs.to}: ${inputs.recordState}\n\nRecorded on GitHub deployment ${id}.\n`);
}
function servicesPayload(plans) {
    return Object.fromEntries(plans.map((p) => [p.service, { image: `${p.target.registry}/${p.target.repository}`, digest: p.digest }]));
}
function logPlan(plans, inspections) {
    plans.forEach((p, i) => {
        const ins = inspections[i];
        const tags = p.tags.map((t) => `${t} (${tagAction(ins.tags[t], p.digest)})`).join(', ');
        info(`${p.service}: ${p.source.registry}/${p.source.repository}@${p.digest.slice(0, 19)} ${ins.source ? '✓' : '✗ missing'} → ${p.target.registry}/${p.target.repository} ${ins.targetHasDigest ? '(digest already there)' : '(to copy)'}; tags ${tags}`);
    });
}

;// CONCATENATED MODULE: ./actions/promote-version/src/index.ts


void runAction(run);

