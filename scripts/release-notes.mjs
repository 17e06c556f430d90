#!/usr/bin/env node
// Prints the CHANGELOG.md section of a version (`node scripts/release-notes.mjs v1.2.3`).
// Fails when the section is missing or empty, so a release never ships without notes.
import { readFileSync } from 'node:fs';

const tag = process.argv[2] ?? '';
const version = tag.replace(/^v/, '');
if (!/^\d+\.\d+\.\d+$/.test(version)) {
  console.error(`expected a tag like v1.2.3, got ${JSON.stringify(tag)}`);
  process.exit(2);
}
const text = readFileSync(new URL('../CHANGELOG.md', import.meta.url), 'utf8');
const lines = text.split('\n');
const start = lines.findIndex((l) => new RegExp(`^## \\[${version.replace(/\./g, '\\.')}\\]`).test(l));
if (start < 0) {
  console.error(`CHANGELOG.md has no "## [${version}]" section`);
  process.exit(1);
}
const end = lines.findIndex((l, i) => i > start && /^## \[/.test(l));
const body = lines
  .slice(start + 1, end < 0 ? undefined : end)
  .join('\n')
  .trim();
if (!body) {
  console.error(`CHANGELOG.md section ${version} is empty`);
  process.exit(1);
}
console.log(body);
