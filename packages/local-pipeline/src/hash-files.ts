// hashFiles(): evaluated synchronously (expressions are), so @actions/glob runs in a child
// process (hash-files-child.mjs) with the workspace as its working directory, as on the runner.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const CHILD = fileURLToPath(new URL('./hash-files-child.mjs', import.meta.url));

/** sha256 over the sha256 of every file matching `patterns` (relative to `workspace`; `!` excludes), or '' when none does. */
export function hashFiles(workspace: string, patterns: string[], node = process.execPath): string {
  const r = spawnSync(node, [CHILD], {
    cwd: workspace,
    env: { PATH: process.env.PATH ?? '', HASHFILES_PATTERNS: patterns.join('\n') },
    encoding: 'utf8',
    timeout: 120_000,
  });
  const m = /(?:^|\n)hash=([0-9a-f]*)\n$/.exec(r.stdout ?? '');
  if (r.status !== 0 || !m) {
    const err = /^\w*Error(?: \[\w+\])?: (.+)$/m.exec(r.stderr ?? '');
    const why = r.error?.message ?? err?.[1] ?? (r.stderr || r.stdout || '').trim().split('\n').slice(-3).join(' ');
    throw new Error(`hashFiles(${patterns.map((p) => `'${p}'`).join(', ')}) failed in ${workspace}: ${why}`);
  }
  return m[1]!;
}
