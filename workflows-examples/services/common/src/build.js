#!/usr/bin/env node
// `npm run build` of a service: bundles src/index.js and every dependency
// with @vercel/ncc into dist/ (ESM), and adds the healthcheck script. The
// Dockerfile copies dist/ and nothing else, so the image needs no package
// manager and no registry access at build time.
import { copyFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ncc from '@vercel/ncc';

const serviceDir = process.cwd();
const dist = join(serviceDir, 'dist');
const started = Date.now();
const { code, assets } = await ncc(join(serviceDir, 'src/index.js'), {
  quiet: true,
  minify: false,
  sourceMap: false,
  license: 'licenses.txt',
  target: 'es2023',
});
rmSync(dist, { recursive: true, force: true });
mkdirSync(dist, { recursive: true });
writeFileSync(join(dist, 'index.js'), code);
for (const [name, asset] of Object.entries(assets ?? {})) {
  mkdirSync(dirname(join(dist, name)), { recursive: true });
  writeFileSync(join(dist, name), asset.source);
}
writeFileSync(join(dist, 'package.json'), '{\n  "type": "module"\n}\n');
copyFileSync(join(dirname(fileURLToPath(import.meta.url)), 'healthcheck.js'), join(dist, 'healthcheck.js'));
console.log(`built ${join(serviceDir, 'dist')} in ${Date.now() - started} ms`);
