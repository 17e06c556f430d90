// Local stand-ins for the third-party actions the example workflows use.
// Each one says, in the log, exactly what it did instead of the real action.
// A `uses:` that is neither one of ours nor listed here is an error.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { basename, isAbsolute, join, relative, resolve } from 'node:path';

export interface StandInContext {
  /** The `with:` inputs, already evaluated. */
  inputs: Record<string, string>;
  /** The job's workspace (GITHUB_WORKSPACE). */
  workspace: string;
  /** The repository at the commit being run (what actions/checkout copies). */
  source: string;
  /** Artifacts folder of this run. */
  artifactsDir: string;
  /** Artifacts folder of another run (download-artifact's `run-id`). */
  artifactsDirOf: (runId: string) => string;
  log: (line: string) => void;
}

export interface StandInResult {
  outputs: Record<string, string>;
  /** One line for the progress output saying what happened instead. */
  note: string;
}

type StandIn = (c: StandInContext) => StandInResult;

/** `owner/repo` (or `owner/repo/path`) of a `uses:` reference without its `@ref`. */
export const actionName = (uses: string) => uses.replace(/@.*$/, '').toLowerCase();

const globToRegExp = (glob: string) =>
  new RegExp(
    `^${glob
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*\*/g, '\u0000')
      .replace(/\*/g, '[^/]*')
      .replace(/\?/g, '[^/]')
      // eslint-disable-next-line no-control-regex -- NUL marks '**' while '*' is rewritten
      .replace(/\u0000/g, '.*')}$`,
  );

const lines = (s: string | undefined) =>
  (s ?? '')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);

function uploadArtifact(c: StandInContext): StandInResult {
  const name = c.inputs.name || 'artifact';
  if (/[\\/":<>|*?]/.test(name)) throw new Error(`upload-artifact: invalid artifact name '${name}'`);
  const paths = lines(c.inputs.path);
  if (paths.length === 0) throw new Error("upload-artifact: input 'path' is required");
  const dest = join(c.artifactsDir, name);
  if (existsSync(dest) && c.inputs.overwrite !== 'true')
    throw new Error(`upload-artifact: an artifact named '${name}' already exists in this run (set overwrite: true to replace it)`);
  const files: string[] = [];
  for (const p of paths) {
    if (p.startsWith('!')) throw new Error(`upload-artifact: exclusion patterns ('${p}') are not supported by the local stand-in`);
    if (/[*?[]/.test(p)) throw new Error(`upload-artifact: wildcard paths ('${p}') are not supported by the local stand-in; list the files`);
    const abs = isAbsolute(p) ? p : resolve(c.workspace, p);
    if (!existsSync(abs)) {
      const mode = c.inputs['if-no-files-found'] || 'warn';
      if (mode === 'error') throw new Error(`upload-artifact: no files found at ${p}`);
      c.log(`${mode === 'ignore' ? 'note' : 'warning'}: no files found at ${p}`);
      continue;
    }
    files.push(abs);
  }
  mkdirSync(dest, { recursive: true });
  for (const f of files) {
    // A single path keeps only its contents/base name, like the real action's least common ancestor rule.
    const target = statSync(f).isDirectory() && files.length === 1 ? dest : join(dest, basename(f));
    cpSync(f, target, { recursive: true });
  }
  return {
    outputs: { 'artifact-id': name, 'artifact-url': `file://${dest}` },
    note: `stored ${files.length} path(s) as local artifact '${name}' (${relative(process.cwd(), dest) || dest})`,
  };
}

function downloadArtifact(c: StandInContext): StandInResult {
  const runId = c.inputs['run-id'];
  const from = runId ? c.artifactsDirOf(runId) : c.artifactsDir;
  if (!existsSync(from)) throw new Error(`download-artifact: run ${runId ?? '(this run)'} has no artifacts (${from})`);
  const target = resolve(c.workspace, c.inputs.path || '.');
  const available = readdirSync(from);
  let names: string[];
  if (c.inputs.name) {
    if (!available.includes(c.inputs.name))
      throw new Error(`download-artifact: artifact '${c.inputs.name}' not found in run ${runId ?? '(this run)'}; it has: ${available.join(', ') || 'none'}`);
    names = [c.inputs.name];
  } else {
    const re = c.inputs.pattern ? globToRegExp(c.inputs.pattern) : /.*/;
    names = available.filter((n) => re.test(n));
    if (names.length === 0) throw new Error(`download-artifact: no artifact matches '${c.inputs.pattern ?? '*'}' in run ${runId ?? '(this run)'}`);
  }
  // A single named artifact, or merge-multiple, extracts into path itself; several go into path/<name>.
  const flat = Boolean(c.inputs.name) || c.inputs['merge-multiple'] === 'true';
  for (const n of names) cpSync(join(from, n), flat ? target : join(target, n), { recursive: true });
  return { outputs: { 'download-path': target }, note: `copied local artifact(s) ${names.join(', ')} into ${relative(c.workspace, target) || '.'}` };
}

function checkout(c: StandInContext): StandInResult {
  if (c.inputs.repository) throw new Error(`checkout: other repositories ('${c.inputs.repository}') are not available to the local runner`);
  if (c.inputs.ref) throw new Error(`checkout: ref '${c.inputs.ref}': the local runner only has the commit being run`);
  const dest = resolve(c.workspace, c.inputs.path || '.');
  if (dest !== c.workspace && !dest.startsWith(`${c.workspace}/`)) throw new Error(`checkout: path '${c.inputs.path}' is outside the workspace`);
  // Symlinks stay symlinks (a materialized release links its services' node_modules).
  cpSync(c.source, dest, { recursive: true, filter: (src) => !relative(c.source, src).split('/').includes('.git') });
  return { outputs: {}, note: `local stand-in: copied ${c.source} into the job's workspace (nothing cloned)` };
}

const skip =
  (why: string): StandIn =>
  () => ({ outputs: {}, note: `skipped: ${why}` });

/** Third-party actions the local run stands in for (by `owner/repo`, case-insensitive). */
export const STAND_INS: Record<string, StandIn> = {
  'actions/checkout': checkout,
  'actions/upload-artifact': uploadArtifact,
  'actions/download-artifact': downloadArtifact,
  'actions/setup-node': (c) => {
    const v = spawnSync('node', ['-v'], { encoding: 'utf8' }).stdout?.trim() || 'unknown';
    return {
      outputs: { 'node-version': v },
      note: `local stand-in: the node on PATH (${v}) is used (asked for ${c.inputs['node-version'] || 'any'}; nothing downloaded)`,
    };
  },
  'pnpm/action-setup': (c) => {
    const v = spawnSync('pnpm', ['-v'], { encoding: 'utf8' }).stdout?.trim() || 'not installed';
    return { outputs: {}, note: `local stand-in: the pnpm on PATH (${v}) is used (asked for ${c.inputs.version || 'packageManager'}; nothing downloaded)` };
  },
  'aws-actions/configure-aws-credentials': skip('no AWS locally; the RDS and Route53 steps get local endpoints through their inputs'),
  'docker/login-action': skip('the local registry 127.0.0.1:5000 needs no login'),
  'docker/setup-buildx-action': skip('no buildx on this machine; build-image uses the legacy builder'),
  'slackapi/slack-github-action': skip('Slack notification (no Slack locally)'),
  'aquasecurity/trivy-action': skip('image scan (trivy is not installed locally)'),
};

export function standInFor(uses: string): StandIn | undefined {
  return STAND_INS[actionName(uses)];
}
