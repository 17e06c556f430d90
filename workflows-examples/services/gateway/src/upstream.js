// Timeouts of the gateway's requests to the services, and two small helpers
// the proxy and the health probes share.
//
// Why so short: a node that dies drops packets without a reset, so a
// connection to it neither fails nor succeeds, it just hangs. Inside the
// Swarm overlay a live task accepts a connection in a few milliseconds, so
// 500 ms without a connection means "try another address".

/** A new connection must be up within this, or the address counts as failed. */
export const CONNECT_TIMEOUT_MS = 500;
/** GET/HEAD: response headers within this, or try another address (when one is left). */
export const RESPONSE_TIMEOUT_MS = 2_000;
/** Any request: no byte from the upstream for this long ends it (504). */
export const IDLE_TIMEOUT_MS = 15_000;

/**
 * Fails `req` with an ETIMEDOUT error whose `stage` is 'connect' when its
 * socket does not connect within `ms`, and calls `onConnected()` once the
 * socket is connected (at once for a reused keep-alive socket). Every error
 * of `req` gets `stage` — 'connect' (nothing was sent: any request may go
 * elsewhere) or 'sent' — and `reused` (it came over a reused keep-alive socket).
 */
export function watchConnect(req, ms, onConnected = () => {}) {
  let connected = false;
  let reused = false;
  req.on('error', (e) => {
    e.stage ??= connected ? 'sent' : 'connect';
    e.reused = reused;
  });
  req.once('socket', (socket) => {
    let timer;
    const done = () => {
      connected = true;
      clearTimeout(timer);
      onConnected();
    };
    if (!socket.connecting) {
      reused = true;
      return done();
    }
    timer = setTimeout(() => req.destroy(Object.assign(new Error(`connect timed out after ${ms} ms`), { code: 'ETIMEDOUT', stage: 'connect' })), ms);
    socket.once('connect', done);
    socket.once('close', () => clearTimeout(timer));
  });
}

/**
 * Destroys the agent's idle keep-alive sockets to `address:port`, so that no
 * later request reuses a socket to an address that just failed.
 */
export function dropIdleSockets(agent, address, port) {
  const name = agent.getName({ host: address, port });
  for (const socket of agent.freeSockets[name] ?? []) socket.destroy();
}
