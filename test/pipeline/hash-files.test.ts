// hashFiles() for real: @actions/glob in a child process with the workspace as cwd, as the runner
// does it. Expected hashes are computed independently: sha256 over the sha256 of each file.
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { beforeAll, describe, expect, it } from '@jest/globals';
import { evaluateCondition } from '../../packages/local-pipeline/src/expr';
import { hashFiles } from '../../packages/local-pipeline/src/hash-files';

const sha = (b: Buffer | string) => createHash('sha256').update(b).digest();
/** The runner's result for files hashed in this order. */
const expected = (...contents: string[]) => {
  const outer = createHash('sha256');
  for (const c of contents) outer.update(sha(c));
  return outer.digest('hex');
};

let root: string;
let ws: string;
const put = (rel: string, content: string) => {
  mkdirSync(dirname(join(ws, rel)), { recursive: true });
  writeFileSync(join(ws, rel), content);
};

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'pipeline-hashfiles-'));
  ws = join(root, 'workspace');
  mkdirSync(ws);
  put('package-lock.json', 'root lock');
  put('services/cart/package-lock.json', 'cart lock');
  put('services/catalog/deep/er/package-lock.json', 'catalog lock');
  put('services/cart/a1.txt', 'a1');
  put('services/cart/a22.txt', 'a22');
  put('docs/readme.md', 'docs');
  mkdirSync(join(root, 'outside'));
  writeFileSync(join(root, 'outside/package-lock.json'), 'outside lock');
});

describe('hashFiles() through @actions/glob', () => {
  it('matches one file: sha256 of its sha256', () => {
    expect(hashFiles(ws, ['docs/readme.md'])).toBe(expected('docs'));
  });

  it('**/x matches at every depth, the root included (the old regex matched nothing)', () => {
    const all = hashFiles(ws, ['**/package-lock.json']);
    expect(all).toMatch(/^[0-9a-f]{64}$/);
    expect(all).toBe(hashFiles(ws, ['package-lock.json', 'services/**/package-lock.json']));
    expect(all).not.toBe(hashFiles(ws, ['services/**/package-lock.json']));
  });

  it('? matches exactly one character', () => {
    expect(hashFiles(ws, ['services/cart/a?.txt'])).toBe(expected('a1'));
    expect(hashFiles(ws, ['services/cart/a??.txt'])).toBe(expected('a22'));
  });

  it('! excludes what an earlier pattern matched, and pattern order counts', () => {
    expect(hashFiles(ws, ['**/package-lock.json', '!services/**'])).toBe(expected('root lock'));
    expect(hashFiles(ws, ['**/package-lock.json', '!**/cart/**', '!**/catalog/**'])).toBe(expected('root lock'));
    // an exclude before the include it should filter does not remove what the later include adds
    expect(hashFiles(ws, ['!services/**', 'services/cart/package-lock.json'])).toBe(expected('cart lock'));
  });

  it('a directory pattern matches the files under it; directories themselves are not hashed', () => {
    expect(hashFiles(ws, ['docs'])).toBe(expected('docs'));
    expect(hashFiles(ws, ['services/catalog'])).toBe(expected('catalog lock'));
    expect(hashFiles(ws, ['services/catalog'])).toBe(hashFiles(ws, ['services/catalog/**']));
  });

  it('several patterns hash every match once', () => {
    expect(hashFiles(ws, ['docs/readme.md', 'services/cart/a1.txt'])).toBe(expected('docs', 'a1'));
    expect(hashFiles(ws, ['docs/readme.md', 'docs/*.md'])).toBe(expected('docs'));
  });

  it("gives '' when nothing matches, ignores files outside the workspace, refuses ..", () => {
    expect(hashFiles(ws, ['nothing/**'])).toBe('');
    expect(hashFiles(ws, [join(root, 'outside/package-lock.json')])).toBe('');
    expect(() => hashFiles(ws, ['../outside/package-lock.json'])).toThrow(
      /hashFiles\('\.\.\/outside\/package-lock\.json'\) failed in .*Relative pathing '\.' and '\.\.' is not allowed/,
    );
  });

  it("follows symbolic links inside the workspace (the runner's --follow-symbolic-links)", () => {
    const linked = join(root, 'linked-workspace');
    mkdirSync(linked);
    writeFileSync(join(linked, 'package-lock.json'), 'root lock');
    symlinkSync(join(root, 'outside'), join(linked, 'vendor'));
    expect(hashFiles(linked, ['vendor/package-lock.json'])).toBe(expected('outside lock'));
    expect(hashFiles(linked, ['**/package-lock.json'])).toBe(expected('root lock', 'outside lock'));
  });

  it("makes an if: on hashFiles('**/package-lock.json') go the right way", () => {
    const hooks = { hashFiles: (p: string[]) => hashFiles(ws, p) };
    expect(evaluateCondition("hashFiles('**/package-lock.json') != ''", {}, hooks)).toBe(true);
    expect(evaluateCondition("hashFiles('**/yarn.lock') != ''", {}, hooks)).toBe(false);
    expect(evaluateCondition("hashFiles('**/package-lock.json', '!**/cart/**') == hashFiles('**/package-lock.json')", {}, hooks)).toBe(false);
  });
});
