// The gateway's health and version checks of a service: GET <path> on each
// of its addresses in turn (addresses.js), until one answers 200.
//
// Each attempt opens its own connection (`Connection: close`, no agent):
// a pool of keep-alive sockets would keep pointing at a node that died.
// An attempt has CONNECT_TIMEOUT_MS to connect and `attemptTimeoutMs` in
// all; the whole probe ends within `totalTimeoutMs`, well inside the 3 s of
// the container healthcheck and the 5 s of the front's checks.
import http from 'node:http';
import { createAddressPool } from './addresses.js';
import { CONNECT_TIMEOUT_MS, watchConnect } from './upstream.js';

export const PROBE_ATTEMPT_TIMEOUT_MS = 1_000;
export const PROBE_TOTAL_TIMEOUT_MS = 2_500;

/**
 * GET <base><path> as JSON: `{ status, body }` of the first address that
 * answers 200, else the last answer, else `{ error }` (an error code such
 * as ECONNREFUSED or ETIMEDOUT).
 */
export async function probe(
  base,
  path,
  { pool, connectTimeoutMs = CONNECT_TIMEOUT_MS, attemptTimeoutMs = PROBE_ATTEMPT_TIMEOUT_MS, totalTimeoutMs = PROBE_TOTAL_TIMEOUT_MS, now = Date.now } = {},
) {
  const target = new URL(base);
  pool ??= createAddressPool(target.hostname);
  const deadline = now() + totalTimeoutMs;
  let answer;
  let error;
  try {
    for (const address of await pool.candidates()) {
      const left = deadline - now();
      if (left <= 0) break;
      try {
        answer = await getJson(target, address, path, { connectTimeoutMs, timeoutMs: Math.min(attemptTimeoutMs, left) });
        pool.markOk(address);
        if (answer.status === 200) return answer;
      } catch (e) {
        error = e;
        if (e.code === 'ETIMEDOUT' || e.stage === 'connect') pool.markFailed(address);
      }
    }
  } catch (e) {
    error = e; // the name did not resolve
  }
  return answer ?? { error: error?.code ?? error?.message ?? 'no address' };
}

/** One GET on one address, on a connection of its own: `{ status, body }`. */
function getJson(target, address, path, { connectTimeoutMs, timeoutMs }) {
  return new Promise((resolve, reject) => {
    const req = http.get(
      { host: address, port: target.port || 80, path, agent: false, headers: { host: target.host, connection: 'close', accept: 'application/json' } },
      async (res) => {
        try {
          let text = '';
          for await (const chunk of res) text += chunk;
          clearTimeout(timer);
          let body;
          try {
            body = JSON.parse(text);
          } catch {
            body = undefined; // not JSON: the status alone tells
          }
          resolve({ status: res.statusCode, body });
        } catch (e) {
          reject(e);
        }
      },
    );
    watchConnect(req, connectTimeoutMs);
    const timer = setTimeout(() => req.destroy(Object.assign(new Error(`no answer within ${timeoutMs} ms`), { code: 'ETIMEDOUT' })), timeoutMs);
    req.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
  });
}
