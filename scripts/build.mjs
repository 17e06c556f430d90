#!/usr/bin/env node
// Bundles every action (actions/<name>/src/index.ts) with @vercel/ncc into
// actions/<name>/dist/. With --check, builds into memory and fails when the
// committed dist/ differs (missing, extra or changed files).
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ncc from '@vercel/ncc';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const check = process.argv.includes('--check');
const only = process.argv.slice(2).filter((a) => !a.startsWith('--'));

function listFiles(dir, base = dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? listFiles(join(dir, e.name), base) : [relative(base, join(dir, e.name))]));
}

async function bundle(actionDir) {
  const { code, assets } = await ncc(join(actionDir, 'src/index.ts'), {
    quiet: true,
    minify: false,
    sourceMap: false,
    license: 'licenses.txt',
    target: 'es2023',
  });
  const files = new Map([['index.js', code]]);
  for (const [name, asset] of Object.entries(assets ?? {})) files.set(name, asset.source);
  if (!files.has('package.json')) files.set('package.json', '{\n  "type": "module"\n}\n');
  return files;
}

const actions = readdirSync(join(root, 'actions'))
  .filter((n) => existsSync(join(root, 'actions', n, 'src/index.ts')))
  .filter((n) => only.length === 0 || only.includes(n))
  .sort();
let stale = 0;
for (const name of actions) {
  const dir = join(root, 'actions', name);
  const dist = join(dir, 'dist');
  const t0 = Date.now();
  const files = await bundle(dir);
  if (check) {
    const committed = new Set(listFiles(dist));
    const problems = [];
    for (const [file, content] of files) {
      const path = join(dist, file);
      if (!committed.has(file)) problems.push(`missing ${file}`);
      else if (!readFileSync(path).equals(Buffer.from(content))) problems.push(`changed ${file}`);
      committed.delete(file);
    }
    for (const extra of committed) problems.push(`extra ${extra}`);
    if (problems.length) {
      stale++;
      console.error(`✗ actions/${name}/dist is out of date: ${problems.join(', ')}`);
    } else console.log(`✓ actions/${name}/dist is in sync`);
  } else {
    rmSync(dist, { recursive: true, force: true });
    for (const [file, content] of files) {
      mkdirSync(dirname(join(dist, file)), { recursive: true });
      writeFileSync(join(dist, file), content);
    }
    const kb = Math.round(Buffer.byteLength(files.get('index.js')) / 1024);
    console.log(`built actions/${name}/dist (${files.size} files, index.js ${kb} KiB) in ${Date.now() - t0} ms`);
  }
}
if (stale) {
  console.error(`${stale} action(s) have a stale dist/: run \`pnpm build\` and commit the result.`);
  process.exit(1);
}
