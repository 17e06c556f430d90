// The container HEALTHCHECK: `node /app/healthcheck.js`. It uses node itself,
// so it works on node:24-slim (which has neither wget nor curl) as well as on
// minimal runtime images. Exit 0 when GET http://127.0.0.1:$PORT$HEALTH_PATH
// answers 200 within the timeout, 1 otherwise.
const port = process.env.PORT || '8080';
const path = process.env.HEALTH_PATH || '/healthz';
try {
  const res = await fetch(`http://127.0.0.1:${port}${path}`, { signal: AbortSignal.timeout(2_500) });
  process.exit(res.status === 200 ? 0 : 1);
} catch {
  process.exit(1);
}
