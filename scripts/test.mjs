#!/usr/bin/env node
// Runs Jest in native ESM mode on the current node (CI runs it on Node 24,
// the actions' runtime). Extra arguments go to Jest; a leading `--` (pnpm passes the one of
// `pnpm test -- <paths> --selectProjects unit` on) is dropped, or Jest would read every flag after
// it as a path pattern.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const jest = join(dirname(createRequire(import.meta.url).resolve('jest/package.json')), 'bin/jest.js');
const env = { ...process.env, NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --experimental-vm-modules --no-warnings=ExperimentalWarning`.trim() };
const args = process.argv.slice(2);
if (args[0] === '--') args.shift();
const r = spawnSync(process.execPath, [jest, ...args], { stdio: 'inherit', env });
process.exit(r.status ?? 1);
