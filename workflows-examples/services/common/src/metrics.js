// RED metrics of a service (rate, errors, duration) with prom-client, the
// standard Node client for Prometheus, served on GET /metrics. Every series
// carries the service, its release version and its colour (DEPLOY_COLOR from
// the stack: blue or green in UAT/Prod, none in QA), so a canary analysis can
// compare the new colour with the old one:
//
//   shop_http_requests_total{service, version, color, method, route, code}
//   shop_http_request_duration_seconds_bucket{…, le}   (a histogram: p95 via histogram_quantile)
//
// Errors are the requests with code=~"5..". Health probes and scrapes
// (/healthz, /metrics) are not traffic and are not counted.
import { Counter, Histogram, Registry } from 'prom-client';

export const NOT_TRAFFIC = new Set(['/healthz', '/metrics']);

export function createMetrics({ service, version, color = process.env.DEPLOY_COLOR || 'none' }) {
  const registry = new Registry();
  registry.setDefaultLabels({ service, version, color });
  const labelNames = ['method', 'route', 'code'];
  const requests = new Counter({
    name: 'shop_http_requests_total',
    help: 'HTTP requests answered, by route and status code.',
    labelNames,
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'shop_http_request_duration_seconds',
    help: 'Time to answer an HTTP request, by route and status code.',
    labelNames,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  return {
    registry,
    /** Records one answered request; `route` is the route's pattern (bounded cardinality), never the raw path. */
    observe(method, route, status, seconds) {
      const labels = { method, route, code: String(status) };
      requests.inc(labels);
      duration.observe(labels, seconds);
    },
    /** GET /metrics: the Prometheus text format. */
    async handle(res) {
      const text = await registry.metrics();
      res.writeHead(200, { 'content-type': registry.contentType, 'cache-control': 'no-store' });
      res.end(text);
    },
  };
}
