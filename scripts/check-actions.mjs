#!/usr/bin/env node
// Checks every actions/*/action.yml for marketplace readiness:
//  1. the offline schema validator (@action-validator/core) — with exactly one finding
//     filtered: its schema predates `runs.using: node24` and rejects it, so the
//     "using is not in the enum" branch of the /runs oneOf is ignored for node24;
//  2. our own rules: name, description, author, branding (icon + color), every input
//     and output described, every optional input states its default, runs on node24
//     from a committed dist/ entry.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { validateAction } from '@action-validator/core';
import { parse } from 'yaml';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** The validator's known false positive for node24 (and only that). */
function isNode24FalsePositive(error, doc) {
  if (doc?.runs?.using !== 'node24' || error.code !== 'one_of' || error.path !== '/runs') return false;
  return (error.states ?? []).some((s) => s.errors.length === 1 && s.errors[0].code === 'enum' && s.errors[0].path === '/runs/using');
}

export function checkAction(dir) {
  const file = join(dir, 'action.yml');
  const text = readFileSync(file, 'utf8');
  const doc = parse(text);
  const problems = [];
  for (const e of validateAction(text).errors) {
    if (!isNode24FalsePositive(e, doc)) problems.push(`schema: ${e.path} ${e.title}${e.detail ? ` (${e.detail})` : ''}`);
  }
  for (const key of ['name', 'description', 'author']) if (!doc?.[key]) problems.push(`missing ${key}`);
  if (!doc?.branding?.icon || !doc?.branding?.color) problems.push('missing branding.icon or branding.color');
  for (const [name, input] of Object.entries(doc?.inputs ?? {})) {
    if (!input?.description) problems.push(`input ${name}: no description`);
    const required = input?.required === true || input?.required === 'true';
    if (!required && !('default' in (input ?? {}))) problems.push(`input ${name}: optional but states no default (use default: "" for none)`);
  }
  for (const [name, output] of Object.entries(doc?.outputs ?? {})) if (!output?.description) problems.push(`output ${name}: no description`);
  if (doc?.runs?.using !== 'node24') problems.push(`runs.using is ${JSON.stringify(doc?.runs?.using)}, expected node24`);
  for (const stage of ['pre', 'main', 'post']) {
    const entry = doc?.runs?.[stage];
    if (entry && !existsSync(join(dir, entry))) problems.push(`runs.${stage}: ${entry} does not exist (run pnpm build)`);
  }
  return problems;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  let bad = 0;
  for (const name of readdirSync(join(root, 'actions')).sort()) {
    const dir = join(root, 'actions', name);
    if (!existsSync(join(dir, 'action.yml'))) continue;
    const problems = checkAction(dir);
    if (problems.length) {
      bad++;
      console.error(`✗ actions/${name}/action.yml\n${problems.map((p) => `    ${p}`).join('\n')}`);
    } else console.log(`✓ actions/${name}/action.yml`);
  }
  process.exit(bad ? 1 : 0);
}
