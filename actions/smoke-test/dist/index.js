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

;// CONCATENATED MODULE: external "node:fs"
const external_node_fs_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs");
;// CONCATENATED MODULE: external "node:crypto"
const external_node_crypto_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:crypto");
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
    const delimiter = `ghadelimiter_${(0,external_node_crypto_namespaceObject.randomUUID)()}`;
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
        core.setSecret(form);
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

;// CONCATENATED MODULE: external "node:http"
const external_node_http_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:http");
var external_node_http_default = /*#__PURE__*/__nccwpck_require__.n(external_node_http_namespaceObject);
;// CONCATENATED MODULE: external "node:https"
const external_node_https_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:https");
var external_node_https_default = /*#__PURE__*/__nccwpck_require__.n(external_node_https_namespaceObject);
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
    const sleep = opts.sleep ?? retry_realSleep;
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
            const delay = retry_backoffDelay(attempts - 1, { initialMs: opts.initialMs ?? 200, maxMs: opts.maxMs ?? 2000 }, opts.random);
            await sleep(Math.min(delay, remaining - MIN_ATTEMPT_MS));
        }
    });
}

;// CONCATENATED MODULE: ./packages/http-checks/src/index.ts






;// CONCATENATED MODULE: ./actions/smoke-test/src/inputs.ts



async function getInputs(source) {
    const r = new Inputs(source);
    const inline = r.raw('checks');
    const checksFile = r.string('checks-file');
    if (inline && checksFile)
        throw new errors_InputError('checks-file', `is set together with checks: give one of them`);
    if (!inline && !checksFile)
        throw new errors_InputError('checks', 'is required (or give checks-file)');
    let doc;
    if (checksFile) {
        let text;
        try {
            text = (0,external_node_fs_namespaceObject.readFileSync)(checksFile, 'utf8');
        }
        catch {
            throw new errors_InputError('checks-file', `${errors_show(checksFile)} cannot be read: no such file`);
        }
        doc = await parseYaml('checks-file', text, checksFile);
    }
    else {
        doc = await parseYaml('checks', inline);
    }
    const baseUrl = r.url('base-url');
    const expectVersion = r.optionalString('expect-version');
    const hostHeader = r.string('host-header', { pattern: /^[A-Za-z0-9.-]+(:\d+)?$/, patternHint: 'a host name, optionally with :port' });
    const resolve = new Map();
    for (const line of r.list('resolve')) {
        const m = /^([A-Za-z0-9.-]+):(\d{1,5}):(\[[0-9a-fA-F:]+\]|[0-9.]+|[0-9a-fA-F:]+)$/.exec(line);
        if (!m)
            throw new errors_InputError('resolve', `${errors_show(line)} is not host:port:address`);
        resolve.set(`${m[1]}:${m[2]}`, m[3].replace(/^\[|\]$/g, ''));
    }
    const checks = parseChecks(doc, { input: checksFile ? 'checks-file' : 'checks', baseUrl, expectVersion });
    return {
        checks,
        checksFile,
        baseUrl,
        hostHeader,
        resolve,
        expectVersion,
        timeout: r.duration('timeout', { default: '60s', min: 1 }),
        requestTimeout: r.duration('request-timeout', { default: '10s', min: 1 }),
        concurrency: r.int('concurrency', { default: 8, min: 1, max: 64 }),
        failOnError: r.bool('fail-on-error', { default: true }),
    };
}

;// CONCATENATED MODULE: ./actions/smoke-test/src/main.ts



async function run() {
    const inputs = await getInputs();
    const target = inputs.hostHeader ? ` with Host: ${inputs.hostHeader}` : '';
    const started = Date.now();
    const results = await group(`Run ${inputs.checks.length} check(s)${target}, ${inputs.concurrency} at a time, deadline ${duration_formatDuration(inputs.timeout)}`, async () => {
        const done = await runChecks(inputs.checks, {
            timeoutMs: inputs.timeout,
            requestTimeoutMs: inputs.requestTimeout,
            concurrency: inputs.concurrency,
            hostHeader: inputs.hostHeader,
            resolve: inputs.resolve,
            expectVersion: inputs.expectVersion,
            log: (line) => info(line),
        });
        for (const r of done)
            info(`${r.passed ? '✓' : '✗'} ${r.name}: ${line(r)}`);
        return done;
    });
    const failed = results.filter((r) => !r.passed);
    const outputs = { passed: failed.length === 0, 'failed-checks': failed.map((r) => r.name), report: results };
    setOutputs(outputs);
    summary(results, Date.now() - started, inputs.expectVersion, inputs.failOnError).write();
    if (failed.length > 0) {
        const list = failed.map((r) => `- ${r.name} (${r.method} ${r.url}): ${r.reason} after ${r.attempts} attempt(s)`).join('\n');
        if (inputs.failOnError)
            throw new Failure(`${failed.length} of ${results.length} smoke check(s) failed:\n${list}`);
        warning(`${failed.length} of ${results.length} smoke check(s) did not pass (fail-on-error is false: a warning, the step succeeds):\n${list}`);
    }
    else {
        info(`All ${results.length} check(s) passed in ${duration_formatDuration(Date.now() - started)}`);
    }
}
function line(r) {
    const status = r.status === undefined ? 'no response' : `HTTP ${r.status}`;
    const latency = r.latencyMs === undefined ? '' : `, ${r.latencyMs}ms`;
    return `${status}${latency}, ${r.attempts} attempt(s)${r.passed ? '' : `: ${r.reason}`}`;
}
/**
 * The job summary. With fail-on-error false (a probe whose answer the
 * workflow reads from `passed`, such as "is a release live here?") a check
 * that does not pass is a warning, not a failure: the step succeeds, and the
 * summary says so instead of reading like a failed smoke test.
 */
function summary(results, elapsedMs, expectVersion, failOnError = true) {
    const failed = results.filter((r) => !r.passed).length;
    const verdict = failed === 0 ? 'passed' : failOnError ? `${failed} failed` : `${failed} of ${results.length} did not pass (a warning: fail-on-error is false)`;
    const s = new Summary().heading(`Smoke test: ${verdict}`);
    s.text(`${results.length} check(s) in ${duration_formatDuration(elapsedMs)}${expectVersion ? `, expecting version \`${expectVersion}\`` : ''}.`);
    if (failed > 0 && !failOnError)
        s.text('The step succeeds: its `passed` output (`false`) tells the workflow what to do next.');
    s.table(['Check', 'Result', 'Attempts', 'Status', 'Latency', 'Reason'], results.map((r) => [
        `${r.name}`,
        r.passed ? '✅ passed' : failOnError ? '❌ failed' : '⚠️ did not pass',
        r.attempts,
        r.status ?? '—',
        r.latencyMs === undefined ? '—' : `${r.latencyMs} ms`,
        r.reason ?? '',
    ]));
    return s;
}

;// CONCATENATED MODULE: ./actions/smoke-test/src/index.ts


void runAction(run);

