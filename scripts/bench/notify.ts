// notify benchmarks (issue targets in brackets):
//  (a) cold start of the bundle failing fast on bad input (no `event`), as a
//      ratio to `node -e 0` in the same run, NODE_EXTRA_CA_CERTS unset as on a
//      runner; the mail library and the Slack code are loaded lazily, so this
//      path loads neither                                                       [≤ 2.0×]
//  (b) one event in Slack api mode (history lookup, update, thread reply) against
//      the local Slack stand-in, whole action process, for scale               (no target)
import { spawnSync } from 'node:child_process';
import { actionDir, runBundledAction } from '@switchyard/testkit';
import { FAKE_CHANNEL, FAKE_TOKEN, SlackFake } from '../../test/support/slack-fake';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const dir = actionDir('notify');

const env = { ...process.env };
delete env.NODE_EXTRA_CA_CERTS;
for (const k of Object.keys(env)) if (k.startsWith('INPUT_')) delete env[k];
const time = (args: string[], extra: Record<string, string> = {}) => {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, { env: { ...env, ...extra }, encoding: 'utf8' });
  const ms = performance.now() - t0;
  return { ms, status: r.status, stdout: r.stdout };
};
const bundle = `${dir}/dist/index.js`;
const probe = time([bundle], { INPUT_ENVIRONMENT: 'qa', INPUT_TIMEOUT: '30s' });
if (probe.status !== 1 || !probe.stdout.includes("Input 'event'")) throw new Error(`notify did not fail fast on the missing event: ${probe.stdout}`);
const bare: number[] = [];
const action: number[] = [];
for (let i = 0; i < 21; i++) {
  bare.push(time(['-e', '0']).ms);
  action.push(time([bundle], { INPUT_ENVIRONMENT: 'qa', INPUT_TIMEOUT: '30s' }).ms);
}
const ratio = median(action) / median(bare);
console.log(
  `(a) cold start on bad input: node -e 0 ${median(bare).toFixed(1)} ms, notify ${median(action).toFixed(1)} ms → ${ratio.toFixed(2)}× (node ${process.version})   [target ≤ 2.0×]`,
);

const fake = await SlackFake.start();
const walls: number[] = [];
for (let i = 0; i < 5; i++) {
  const r = await runBundledAction(dir, {
    inputs: {
      event: i === 0 ? 'started' : 'succeeded',
      environment: 'qa',
      version: '2026.12.01-bench',
      'slack-token': FAKE_TOKEN,
      'slack-channel': FAKE_CHANNEL,
      'slack-api-url': fake.url,
    },
  });
  if (r.code !== 0 || r.outputs.ok !== 'true') throw new Error(`notify failed: ${r.stdout}`);
  walls.push(r.durationMs);
}
await fake.close();
console.log(
  `(b) one Slack event (history + update + reply) against the local stand-in, whole process: median ${median(walls).toFixed(0)} ms over ${walls.length} runs   (no target)`,
);
