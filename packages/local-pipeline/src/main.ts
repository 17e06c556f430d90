// pnpm pipeline — run the example pipeline QA → UAT → Prod on this machine.
//
//   pnpm pipeline                 first release: infra up, qa.yml (push), promote.yml → uat, → prod
//   pnpm pipeline --second        the second release (expand → migrate), switching colours
//   pnpm pipeline --release third the third release (contract) again
//   pnpm pipeline --broken        a deliberately broken release: the idle-colour smoke test must stop it
//   pnpm pipeline --degraded      after --second: ~5 % 5xx only under load; the Prod canary's analysis must stop it at its first step
//   pnpm pipeline --unsafe        after --second: a migration that drops a column the live colour reads; init-db's lint must stop it in UAT
//   pnpm pipeline --release NAME  any release defined in workflows-examples/local/environments.yml
//   pnpm pipeline --node-fault …  with any of the above: a worker of Prod's three-host Swarm (lab 5) dies
//                                 while Prod's idle colour deploys; the release ships (rescheduled) or is
//                                 stopped, and either way the live colour must lose nothing
//                                 (e.g. after --second: --release second --skip-qa --version V --to prod --node-fault)
//   pnpm pipeline down            remove stacks, front proxies, databases and local run state
//
// Options: --quiet (step logs only for failing steps), --no-infra (skip `scripts/infra.sh up`),
//          --qa-only, --skip-qa --version V (promote an existing version), --to ENV (promote only to ENV).
// Exit codes: 0 all environments live with zero errors under load; 1 a release was stopped
// (for --broken, --degraded and --unsafe this is the expected outcome, explained on the last line); 2 usage or setup error.
import { runPipeline, teardown } from './pipeline';

const args = process.argv.slice(2);
const log = (l: string) => process.stdout.write(`${l}\n`);
const has = (f: string) => args.includes(f);
const value = (f: string) => {
  const i = args.indexOf(f);
  return i >= 0 ? args[i + 1] : undefined;
};
/** Release flags, first match wins (`--release NAME` beats them all). */
const releaseFlags: Array<[string, string]> = [
  ['--broken', 'broken'],
  ['--degraded', 'degraded'],
  ['--unsafe', 'unsafe'],
  ['--second', 'second'],
];
const withValue = ['--release', '--version', '--to'];
const known = new Set([
  'down',
  ...releaseFlags.map(([f]) => f),
  ...withValue,
  '--quiet',
  '--no-infra',
  '--qa-only',
  '--skip-qa',
  '--node-fault',
  '--help',
  '-h',
]);
const unknown = args.filter((a, i) => !known.has(a) && !withValue.includes(args[i - 1] ?? ''));

if (has('--help') || has('-h') || unknown.length) {
  if (unknown.length) process.stderr.write(`unknown argument(s): ${unknown.join(' ')}\n`);
  process.stderr.write(
    'usage: pnpm pipeline [--second | --broken | --degraded | --unsafe | --release NAME] [--node-fault] [--quiet] [--no-infra]\n' +
      '                     [--qa-only | --skip-qa --version V] [--to ENV]\n       pnpm pipeline down\n',
  );
  process.exit(unknown.length ? 2 : 0);
}

try {
  if (args[0] === 'down') {
    await teardown(log);
    process.exit(0);
  }
  const release = value('--release') ?? releaseFlags.find(([f]) => has(f))?.[1] ?? 'first';
  const report = await runPipeline({
    release,
    infraUp: !has('--no-infra'),
    quiet: has('--quiet'),
    log,
    ...(has('--qa-only') ? { only: 'qa' as const } : {}),
    ...(has('--skip-qa') ? { skipQa: true } : {}),
    ...(value('--version') ? { version: value('--version')! } : {}),
    ...(value('--to') ? { to: [value('--to')!] } : {}),
    ...(has('--node-fault') ? { nodeFault: true } : {}),
  });
  process.exit(report.ok ? 0 : 1);
} catch (e) {
  process.stderr.write(`\n✖ ${(e as Error).message}\n`);
  process.exit(2);
}
