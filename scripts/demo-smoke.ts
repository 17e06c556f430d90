// Quick-start demo until the full local pipeline lands: starts a small local
// "shop" HTTP target and runs the bundled smoke-test action against it exactly
// as the GitHub runner would, then prints the outputs and the job summary.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { actionDir, runBundledAction } from '@switchyard/testkit';

const version = '2026.11.26-demo';
let starting = 2;
const server = http.createServer((req, res) => {
  const send = (status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };
  if (req.url === '/healthz') return starting-- > 0 ? send(503, { status: 'starting' }) : send(200, { status: 'ok' });
  if (req.url === '/version') return send(200, { version });
  if (req.url === '/catalog/products') return send(200, { items: [{ sku: 'TEA-001', name: 'Green tea' }] });
  return send(404, { error: 'not found' });
});
await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
console.log(`demo target on ${base} (healthz answers 503 twice, then 200)\n`);

const r = await runBundledAction(actionDir('smoke-test'), {
  inputs: {
    'base-url': base,
    'host-header': 'shop.example.com',
    'expect-version': version,
    timeout: '20s',
    checks: ['- /healthz', '- url: /version', '  version-json: version', '- url: /catalog/products', '  json: { "items[0].sku": "TEA-001" }', '  max-latency: 500ms'].join('\n'),
  },
  onOutput: (chunk) => process.stdout.write(chunk),
});
server.close();
console.log(`\nexit code ${r.code}; outputs: passed=${r.outputs.passed}\n\n--- job summary ---\n${r.summary}`);
process.exit(r.code);
