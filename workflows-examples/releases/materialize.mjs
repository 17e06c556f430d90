#!/usr/bin/env node
// Materializes one release of the sample shop as a service repository would
// hold it at that release's commit:
//
//   node workflows-examples/releases/materialize.mjs <release> <target-dir>
//
// `first` is workflows-examples/ itself. Later releases are the tree plus
// the overlays below, applied in order (files replaced or added, never
// deleted): see releases/README.md. The target gets a copy of the tree
// without releases/, local/, node_modules/ and dist/; each service's
// node_modules is a symlink to the working tree's, so `npm run build` works
// there without installing anything.
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const tree = resolve(here, '..');

/** Overlays of each release, oldest first. */
export const RELEASES = {
  first: [],
  second: ['second'],
  third: ['second', 'third'],
  broken: ['second', 'broken'],
  degraded: ['second', 'degraded'],
  unsafe: ['unsafe'],
};

const SKIP = new Set(['releases', 'local', 'node_modules', 'dist', 'release']);

export function materialize(release, target) {
  const overlays = RELEASES[release];
  if (!overlays) throw new Error(`unknown release '${release}' (known: ${Object.keys(RELEASES).join(', ')})`);
  const dest = resolve(target);
  if (dest === tree || dest.startsWith(tree + '/')) throw new Error(`target ${dest} must be outside ${tree}`);
  rmSync(dest, { recursive: true, force: true });
  mkdirSync(dest, { recursive: true });
  cpSync(tree, dest, {
    recursive: true,
    filter: (src) =>
      !relative(tree, src)
        .split('/')
        .some((part) => SKIP.has(part)),
  });
  for (const o of overlays) cpSync(join(here, o), dest, { recursive: true });
  const services = join(tree, 'services');
  for (const s of readdirSync(services)) {
    const modules = join(services, s, 'node_modules');
    if (existsSync(modules) && existsSync(join(dest, 'services', s))) symlinkSync(modules, join(dest, 'services', s, 'node_modules'), 'dir');
  }
  return dest;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [release, target] = process.argv.slice(2);
  if (!release || !target) {
    console.error('usage: node materialize.mjs <first|second|third|broken|degraded|unsafe> <target-dir>');
    process.exit(2);
  }
  console.log(materialize(release, target));
}
