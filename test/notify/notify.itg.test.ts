// The bundled notify action, run as the runner runs it, against the Slack
// stand-in (test/support/slack-fake.ts) and the real SMTP server started by
// scripts/infra.sh (aiosmtpd: STARTTLS and implicit TLS, AUTH required).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { actionDir, runBundledAction, type RunResult } from '@switchyard/testkit';
import { FAKE_CHANNEL, FAKE_TOKEN, SlackFake } from '../support/slack-fake';
import { smtpInfra, waitForMail, type SmtpInfra } from '../support/smtp-mailbox';

jest.setTimeout(60_000);
const dir = actionDir('notify');
const digest = (c: string) => `sha256:${c.repeat(64)}`;
const VERSION = `2026.12.01-3f2a9c1-${process.pid}`;
let release: string;
let smtp: SmtpInfra;
let fake: SlackFake;

beforeAll(() => {
  smtp = smtpInfra();
  const work = mkdtempSync(join(tmpdir(), 'notify-itg-'));
  release = join(work, 'release.json');
  writeFileSync(
    release,
    JSON.stringify({
      schemaVersion: 1,
      version: VERSION,
      commit: '3f2a9c1d0e5b6a7c8d9e0f1a2b3c4d5e6f7a8b9c',
      created: '2026-12-01T13:55:00Z',
      services: {
        gateway: { image: '127.0.0.1:5000/shop/gateway', digest: digest('a') },
        catalog: { image: '127.0.0.1:5000/shop/catalog', digest: digest('b') },
      },
    }),
  );
});
beforeEach(async () => {
  fake = await SlackFake.start({ channels: [{ id: FAKE_CHANNEL }, { id: 'C0OUTSIDE', member: false }] });
});
afterEach(() => fake.close());

const slackInputs = () => ({
  'slack-token': FAKE_TOKEN,
  'slack-channel': FAKE_CHANNEL,
  'slack-api-url': fake.url,
  environments: 'qa, uat, prod',
  'release-file': release,
});
const run = (inputs: Record<string, string>, runId = '1000', workflow = 'QA') =>
  runBundledAction(dir, { inputs, env: { GITHUB_RUN_ID: runId, GITHUB_WORKFLOW: workflow }, timeoutMs: 60_000 });
const warnings = (r: RunResult) => r.annotations.filter((a) => a.level === 'warning').map((a) => a.message);
const errors = (r: RunResult) => r.annotations.filter((a) => a.level === 'error').map((a) => a.message);

describe('Slack: one live message per release', () => {
  it('posts on the first event, then updates it in place across runs and replies in its thread', async () => {
    const steps: [string, string, string, string, string][] = [
      ['qa', 'started', '', '1001', 'QA'],
      ['qa', 'succeeded', '', '1001', 'QA'],
      ['uat', 'started', 'green', '1002', 'Promote'],
      ['uat', 'succeeded', 'green', '1002', 'Promote'],
      ['prod', 'started', 'blue', '1003', 'Promote'],
    ];
    const results: RunResult[] = [];
    for (const [environment, event, color, runId, workflow] of steps) {
      const r = await run({ ...slackInputs(), environment, event, color }, runId, workflow);
      expect([r.code, r.outputs.ok, errors(r), warnings(r)]).toEqual([0, 'true', [], []]);
      results.push(r);
    }
    // One message, found again by every later run, with a reply per event.
    const top = fake.topLevel();
    expect(top).toHaveLength(1);
    const ts = top[0]!.ts;
    expect(results.map((r) => r.outputs['slack-ts'])).toEqual(Array(5).fill(ts));
    expect(fake.replies(ts).map((m) => m.ts)).toEqual(results.map((r) => r.outputs['slack-reply-ts']));

    // The exact requests: history lookup (form, with metadata), then post or update, then the thread reply.
    expect(fake.requests.map((q) => q.method)).toEqual([
      'conversations.history',
      'chat.postMessage',
      'chat.postMessage',
      ...Array(4).fill(['conversations.history', 'chat.update', 'chat.postMessage']).flat(),
    ]);
    const [history, first, reply] = fake.requests;
    expect([history!.contentType, history!.authorization, history!.args]).toEqual([
      'application/x-www-form-urlencoded',
      `Bearer ${FAKE_TOKEN}`,
      { channel: FAKE_CHANNEL, limit: '200', include_all_metadata: 'true' },
    ]);
    expect(first!.contentType).toBe('application/json; charset=utf-8');
    expect(Object.keys(first!.args).sort()).toEqual(['blocks', 'channel', 'metadata', 'text', 'unfurl_links', 'unfurl_media']);
    expect(first!.args.metadata).toEqual({
      event_type: 'switchyard_release',
      event_payload: {
        schema: 1,
        repository: 'switchyard/example',
        version: VERSION,
        commit: '3f2a9c1d0e5b6a7c8d9e0f1a2b3c4d5e6f7a8b9c',
        status: expect.any(String),
      },
    });
    expect(reply!.args).toEqual({
      channel: FAKE_CHANNEL,
      thread_ts: ts,
      text: expect.any(String),
      blocks: expect.any(Array),
      unfurl_links: false,
      unfurl_media: false,
    });
    const update = fake.requests[4]!;
    expect(update.method).toBe('chat.update');
    expect(Object.keys(update.args).sort()).toEqual(['blocks', 'channel', 'metadata', 'text', 'ts']);
    expect(update.args.ts).toBe(ts);

    // How it reads now: QA ✓, UAT ✓ (green), Prod ⏳ (blue), times as the runs stamped them.
    const hhmm = (r: RunResult) => r.outputs['event-time']!.slice(11, 16);
    const lines = top[0]!.text.split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[0]).toBe(`Release ${VERSION} · switchyard/example`);
    expect(lines[3]).toBe(`Prod  ⏳ ${hhmm(results[4]!)} deploying, blue`);
    expect(lines[1]).toMatch(new RegExp(`^QA    ✓ ${hhmm(results[1]!)} succeeded in \\d+(ms|\\.\\ds)$`));
    expect(lines[2]).toMatch(new RegExp(`^UAT   ✓ ${hhmm(results[3]!)} succeeded in \\d+(ms|\\.\\ds), green$`));
    expect(fake.replies(ts).map((m) => m.text.split('\n')[0])).toEqual([
      `QA ⏳ started: release ${VERSION}`,
      `QA ✓ succeeded: release ${VERSION}`,
      `UAT ⏳ started: release ${VERSION} (green)`,
      `UAT ✓ succeeded: release ${VERSION} (green)`,
      `Prod ⏳ started: release ${VERSION} (blue)`,
    ]);
    expect(fake.replies(ts)[4]!.text).toContain('Run:         Promote <https://github.com/switchyard/example/actions/runs/1003>');
    // The job summary a person reads.
    expect(results[4]!.summary).toContain('## Notify: Prod ⏳ started: release');
    expect(results[4]!.summary).toMatch(/\| slack \| ✅ delivered \| updated message \d+\.\d+ in C0SWITCHYARD, thread reply/);
  });

  it('finds the message beyond the first page of history, and ignores other releases and look-alikes', async () => {
    await run({ ...slackInputs(), environment: 'qa', event: 'started' });
    const ts = fake.topLevel()[0]!.ts;
    // Another release of the same repository, a message without metadata, and 250 more messages on top.
    await run({ ...slackInputs(), 'release-file': '', version: '2026.11.30-other', environment: 'qa', event: 'started' });
    for (let i = 0; i < 250; i++) fake.seed({ text: `chatter ${i}` });
    fake.requests.length = 0;
    const r = await run({ ...slackInputs(), environment: 'qa', event: 'succeeded', 'slack-history-limit': '400' });
    expect(r.outputs['slack-ts']).toBe(ts);
    expect(fake.requests.filter((q) => q.method === 'conversations.history').map((q) => [q.args.limit, typeof q.args.cursor])).toEqual([
      ['200', 'undefined'],
      ['200', 'string'],
    ]);
    expect(fake.topLevel().filter((m) => m.metadata)).toHaveLength(2);
  });

  it('a rollback updates the line of its environment and says which version is live again', async () => {
    const start = await run({ ...slackInputs(), environment: 'prod', event: 'started', color: 'green' }, '2001', 'Promote');
    const r = await run(
      {
        ...slackInputs(),
        environment: 'prod',
        event: 'rolled-back',
        color: 'blue',
        'previous-version': '2026.11.30-aaaaaaa-990',
        'started-at': start.outputs['event-time']!,
        details: 'the live smoke test failed after the switch',
      },
      '2001',
      'Promote',
    );
    expect([r.code, r.outputs.ok]).toEqual([0, 'true']);
    const [message] = fake.topLevel();
    expect(message!.text.split('\n')[3]).toMatch(/^Prod {2}↩ \d\d:\d\d rolled back in \d+(ms|\.\ds), blue$/);
    const reply = fake.replies(message!.ts).pop()!;
    expect(reply.text.split('\n').slice(0, 2)).toEqual([
      `Prod ↩ rolled back: release ${VERSION} (blue); 2026.11.30-aaaaaaa-990 is live again`,
      'the live smoke test failed after the switch',
    ]);
    expect(r.summary).toContain('<details><summary>The event as sent</summary>');
  });

  it('posts a new live message when the old one was deleted meanwhile', async () => {
    await run({ ...slackInputs(), environment: 'qa', event: 'started' });
    const first = fake.topLevel()[0]!.ts;
    fake.failNext('chat.update', { error: 'message_not_found' });
    const r = await run({ ...slackInputs(), environment: 'qa', event: 'succeeded' });
    expect(r.code).toBe(0);
    expect(r.outputs['slack-ts']).not.toBe(first);
    expect(r.stdout).toContain(`Message ${first} is gone (message_not_found): posting a new one`);
  });
});

describe('Slack errors', () => {
  it('not_in_channel is a warning and an output, not a failed step', async () => {
    const r = await run({ ...slackInputs(), 'slack-channel': 'C0OUTSIDE', environment: 'qa', event: 'started' });
    expect(r.code).toBe(0);
    expect(r.outputs.ok).toBe('false');
    expect(JSON.parse(r.outputs.errors!)).toEqual([
      {
        channel: 'slack',
        message:
          'Slack conversations.history: not_in_channel: the bot is not a member of channel C0OUTSIDE (Invite the app to the channel (/invite @your-app), or give it chat:write.public for posting only.)',
      },
    ]);
    expect(warnings(r)).toEqual([
      expect.stringMatching(/^Notification \(slack\) not delivered; the deployment is not affected: Slack conversations\.history: not_in_channel/),
    ]);
    expect(fake.requests).toHaveLength(1);
  });

  it('fail-on-error turns invalid_auth into a failed step, without retrying it, and the token is masked', async () => {
    const token = 'xoxb-revoked-0123456789';
    const r = await run({ ...slackInputs(), 'slack-token': token, environment: 'qa', event: 'started', 'fail-on-error': 'true' });
    expect(r.code).toBe(1);
    expect(errors(r)).toEqual([expect.stringMatching(/^Notification failed:\nslack: Slack conversations\.history: invalid_auth: Slack rejected the token/)]);
    expect(fake.requests.map((q) => q.method)).toEqual(['conversations.history']);
    expect(r.masks).toContain(token);
  });

  it('waits out a rate limit (HTTP 429, Retry-After) and delivers', async () => {
    fake.failNext('chat.postMessage', { error: 'ratelimited', retryAfter: 1 });
    const r = await run({ ...slackInputs(), environment: 'qa', event: 'started' });
    expect([r.code, r.outputs.ok]).toEqual([0, 'true']);
    expect(fake.requests.map((q) => `${q.method} ${q.status}`)).toEqual([
      'conversations.history 200',
      'chat.postMessage 429',
      'chat.postMessage 200',
      'chat.postMessage 200',
    ]);
    expect(r.stdout).toContain('Slack chat.postMessage: rate limited; waiting 1.0s as Slack asks (Retry-After)');
    expect(r.durationMs).toBeGreaterThan(1000);
  });

  it('retries a Slack 5xx', async () => {
    fake.failNext('conversations.history', { status: 502, times: 2 });
    const r = await run({ ...slackInputs(), environment: 'qa', event: 'started' });
    expect([r.code, r.outputs.ok]).toEqual([0, 'true']);
    expect(fake.requests.slice(0, 3).map((q) => q.status)).toEqual([502, 502, 200]);
  });
});

describe('Slack incoming webhook', () => {
  it('posts a new message per event (no update, no thread, no history read)', async () => {
    const hook = fake.webhookUrl();
    for (const event of ['started', 'succeeded']) {
      const r = await run({ 'slack-webhook-url': hook, 'release-file': release, environment: 'uat', event, color: 'green' });
      expect([r.code, r.outputs.ok, r.outputs['slack-ts']]).toEqual([0, 'true', '']);
      expect(r.masks).toContain(hook);
    }
    expect(fake.requests.map((q) => [q.method, q.contentType, q.authorization])).toEqual([
      ['webhook', 'application/json; charset=utf-8', ''],
      ['webhook', 'application/json; charset=utf-8', ''],
    ]);
    expect(fake.topLevel().map((m) => m.text.split('\n')[1])).toEqual([
      expect.stringMatching(/^UAT {2}⏳ \d\d:\d\d deploying, green$/),
      expect.stringMatching(/^UAT {2}✓ \d\d:\d\d succeeded, green$/),
    ]);
  });

  it('names a dead webhook', async () => {
    const hook = fake.webhookUrl();
    fake.failNext('webhook', { status: 404, error: 'no_service' });
    const r = await run({ 'slack-webhook-url': hook, 'release-file': release, environment: 'uat', event: 'started' });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.outputs.errors!)[0].message).toMatch(/^Slack webhook: no_service: the webhook URL is not valid \(any more\)/);
  });
});

describe('e-mail through the real SMTP server', () => {
  const mailInputs = (over: Record<string, string> = {}) => ({
    'release-file': release,
    'smtp-url': `smtp://${smtp.host}:${smtp.starttlsPort}`,
    'smtp-username': smtp.user,
    'smtp-password': smtp.password,
    'smtp-ca-file': smtp.caFile,
    'mail-from': 'Switchyard <deploys@switchyard.test>',
    'mail-to': 'ops@switchyard.test, Ann Example <ann@switchyard.test>',
    environment: 'prod',
    event: 'succeeded',
    color: 'blue',
    ...over,
  });

  it('sends over STARTTLS with AUTH: subject, text and HTML from the one formatter, password masked', async () => {
    const r = await run(
      mailInputs({
        'previous-version': '2026.11.30-aaaaaaa-990',
        'rollback-command': 'gh workflow run promote.yml -f target=prod -f version=2026.11.30-aaaaaaa-990',
      }),
    );
    expect([r.code, r.outputs.ok, errors(r), warnings(r)]).toEqual([0, 'true', [], []]);
    const id = r.outputs['mail-message-id']!;
    expect(id).toMatch(/^<.+@.+>$/);
    const m = await waitForMail((x) => x.headers['message-id'] === id);
    expect([m.listener, m.tls, m.authUser, m.mailFrom, m.rcptTo]).toEqual([
      'starttls',
      true,
      smtp.user,
      'deploys@switchyard.test',
      ['ops@switchyard.test', 'ann@switchyard.test'],
    ]);
    expect(m.subject).toBe(`[switchyard/example] Prod ✓ succeeded: ${VERSION}`);
    expect(m.headers['x-switchyard-release']).toBe(VERSION);
    expect(m.headers.to).toBe('ops@switchyard.test, Ann Example <ann@switchyard.test>');
    expect(m.text!.replace(/\r\n/g, '\n')).toBe(`${r.outputs.text}`);
    expect(m.text).toMatch(/^Release 2026\.12\.01-3f2a9c1-\d+ · switchyard\/example\r?\nProd {2}✓ \d\d:\d\d succeeded, blue\r?\n/);
    expect(m.text).toContain('Previous version: 2026.11.30-aaaaaaa-990');
    expect(m.text).toContain(`  gateway  127.0.0.1:5000/shop/gateway@sha256:${'a'.repeat(12)}`);
    expect(m.html).toContain('<h3 style="margin:16px 0 8px">Prod ✓ succeeded: release');
    expect(m.html).toContain('<pre>gh workflow run promote.yml -f target=prod -f version=2026.11.30-aaaaaaa-990</pre>');
    expect(r.stderr).toBe('');
    expect(r.masks).toContain(smtp.password);
    expect(r.stdout.split('\n').filter((l) => l.includes(smtp.password) && !l.startsWith('::add-mask::'))).toEqual([]);
  });

  it('sends over implicit TLS (smtps://)', async () => {
    const r = await run(mailInputs({ 'smtp-url': `smtps://${smtp.host}:${smtp.tlsPort}`, event: 'failed', details: 'smoke test failed on the idle colour' }));
    expect([r.code, r.outputs.ok]).toEqual([0, 'true']);
    const m = await waitForMail((x) => x.headers['message-id'] === r.outputs['mail-message-id']);
    expect([m.listener, m.tls, m.authUser]).toEqual(['tls', true, smtp.user]);
    expect(m.subject).toBe(`[switchyard/example] Prod ✗ failed: ${VERSION}`);
    expect(m.text).toContain('smoke test failed on the idle colour');
  });

  it('uses the release status from Slack when both are configured', async () => {
    await run({ ...slackInputs(), environment: 'qa', event: 'succeeded' });
    const r = await run({ ...mailInputs(), ...slackInputs(), environment: 'uat', event: 'started', color: 'green' });
    expect([r.code, r.outputs.ok]).toEqual([0, 'true']);
    const m = await waitForMail((x) => x.headers['message-id'] === r.outputs['mail-message-id']);
    expect(m.text!.split(/\r?\n/).slice(1, 4)).toEqual([
      expect.stringMatching(/^QA {4}✓ /),
      expect.stringMatching(/^UAT {3}⏳ .*deploying, green$/),
      'Prod  · not yet',
    ]);
  });

  it('names a refused login, an untrusted certificate and a refused recipient, as warnings', async () => {
    const login = await run(mailInputs({ 'smtp-password': 'wrong-password' }));
    expect(login.code).toBe(0);
    expect(JSON.parse(login.outputs.errors!)[0].message).toMatch(
      /^SMTP smtp:\/\/127\.0\.0\.1:2587: the server refused the login for "switchyard-notify" \(535 .*\) \(Check smtp-username/,
    );
    const cert = await run(mailInputs({ 'smtp-ca-file': '' }));
    expect(JSON.parse(cert.outputs.errors!)[0].message).toMatch(
      /^SMTP smtp:\/\/127\.0\.0\.1:2587: the server's certificate is not trusted \(.*\) \(Give the CA .* in smtp-ca-file/,
    );
    const rcpt = await run(mailInputs({ 'mail-to': 'nobody@rejected.invalid' }));
    expect(JSON.parse(rcpt.outputs.errors!)[0].message).toMatch(
      /^SMTP smtp:\/\/127\.0\.0\.1:2587: the server refused the recipient\(s\) nobody@rejected\.invalid/,
    );
    for (const r of [login, cert, rcpt]) expect(warnings(r)).toHaveLength(1);
  });
});

describe('bad inputs fail before anything is sent', () => {
  it.each([
    [{ 'slack-channel': '' }, `Input 'slack-channel': is required with slack-token`],
    [
      { 'slack-channel': '', 'slack-token': '', 'smtp-url': 'smtp://:25', 'mail-to': 'a@b.example', 'mail-from': 'c@d.example' },
      `Input 'smtp-url': "smtp://:25" has no host`,
    ],
    [
      { 'slack-token': '', 'slack-channel': '', 'smtp-url': 'smtp://mail.example', 'mail-to': 'a@b.example; c@d.example', 'mail-from': 'c@d.example' },
      `Input 'mail-to': "a@b.example; c@d.example" is not an e-mail address`,
    ],
  ])('%j', async (over, message) => {
    const r = await run({ ...slackInputs(), environment: 'qa', event: 'started', ...over });
    expect(r.code).toBe(1);
    expect(errors(r)).toEqual([expect.stringContaining(message)]);
    expect(fake.requests).toEqual([]);
  });
});
