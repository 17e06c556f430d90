import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { InputError } from '@switchyard/kit';
import { getInputs } from '../../actions/notify/src/inputs';
import { parseAddressList, parseSmtpUrl } from '../../actions/notify/src/targets';

const source = (values: Record<string, string>) => (name: string) => values[name] ?? '';
const slack = { event: 'started', environment: 'qa', version: '2026.12.01-abc', 'slack-token': 'xoxb-1-abc', 'slack-channel': 'C0123ABCD' };
const mail = {
  event: 'succeeded',
  environment: 'uat',
  version: '1.2.3',
  'smtp-url': 'smtp://mail.example.com',
  'mail-from': 'deploys@example.com',
  'mail-to': 'ops@example.com',
};

/** The InputError a set of inputs gives, as [input, message]. */
function failure(values: Record<string, string>): [string, string] {
  try {
    getInputs(source(values));
  } catch (e) {
    if (e instanceof InputError) return [e.input, e.message];
    throw e;
  }
  throw new Error('no InputError');
}

describe('getInputs', () => {
  it('reads a Slack api-mode configuration', () => {
    const i = getInputs(source({ ...slack, environments: 'qa, uat, prod', color: 'green' }));
    expect([i.event, i.environment, i.environments, i.slackChannel, i.slackApiUrl.href, i.color, i.failOnError]).toEqual([
      'started',
      'qa',
      ['qa', 'uat', 'prod'],
      'C0123ABCD',
      'https://slack.com/api',
      'green',
      false,
    ]);
  });

  it('reads an e-mail configuration with STARTTLS on 587 by default', () => {
    const i = getInputs(source({ ...mail, 'smtp-username': 'bot', 'smtp-password': 'pw-123', 'mail-to': 'ops@example.com,\nAnn Example <ann@example.com>' }));
    expect(i.smtpUrl).toEqual({ host: 'mail.example.com', port: 587, secure: false, username: '', password: '' });
    expect(i.mailTo).toEqual([{ address: 'ops@example.com' }, { name: 'Ann Example', address: 'ann@example.com' }]);
  });

  it('names the missing channel', () => {
    expect(failure({ ...slack, 'slack-channel': '' })).toEqual([
      'slack-channel',
      expect.stringMatching(/^Input 'slack-channel': is required with slack-token/),
    ]);
  });

  it('asks for the channel ID, not its name', () => {
    expect(failure({ ...slack, 'slack-channel': '#deploys' })).toEqual([
      'slack-channel',
      `Input 'slack-channel': "#deploys" is a channel name; give the channel's ID (e.g. C0123ABCD)`,
    ]);
  });

  it('names a malformed address list with the bad address', () => {
    expect(failure({ ...mail, 'mail-to': 'ops@example.com, bob@, ann@example.com' })).toEqual([
      'mail-to',
      `Input 'mail-to': "bob@" is not an e-mail address: expected name@example.com or Name <name@example.com>`,
    ]);
    expect(failure({ ...mail, 'mail-from': 'Deploys <deploys@localhost>' })[0]).toBe('mail-from');
  });

  it('names an SMTP URL without host', () => {
    expect(failure({ ...mail, 'smtp-url': 'smtp://:587' })).toEqual([
      'smtp-url',
      `Input 'smtp-url': "smtp://:587" has no host: expected e.g. smtp://mail.example.com:587`,
    ]);
    expect(failure({ ...mail, 'smtp-url': 'smtp://' })[0]).toBe('smtp-url');
    expect(failure({ ...mail, 'smtp-url': 'mail.example.com' })[1]).toMatch(/is not an SMTP URL/);
  });

  it('refuses a configuration that notifies nobody, or two Slack modes at once', () => {
    expect(failure({ event: 'started', environment: 'qa', version: '1' })[1]).toMatch(/nothing to notify/);
    expect(failure({ ...slack, 'slack-webhook-url': 'https://hooks.slack.com/services/T/B/x' })[0]).toBe('slack-webhook-url');
    expect(failure({ ...mail, 'smtp-url': '' })[0]).toBe('smtp-url');
    expect(failure({ ...mail, 'mail-to': '' })[0]).toBe('mail-to');
  });

  it('accepts bot and rotating tokens, and names anything else without showing it', () => {
    expect(getInputs(source({ ...slack, 'slack-token': 'xoxe.xoxb-1-abc' })).slackToken).toBe('xoxe.xoxb-1-abc');
    expect(failure({ ...slack, 'slack-token': 'hunter2-secret' })).toEqual(['slack-token', `Input 'slack-token': is not a Slack token (xoxb-…)`]);
  });

  it('names a bad event, environment, time zone or release file', () => {
    expect(failure({ ...slack, event: 'finished' })).toEqual(['event', `Input 'event': "finished" is not one of started, succeeded, failed, rolled-back`]);
    expect(failure({ ...slack, environment: '' })[0]).toBe('environment');
    expect(failure({ ...slack, 'time-zone': 'Mars/Olympus' })[0]).toBe('time-zone');
    expect(failure({ ...slack, version: '', 'release-file': '/nonexistent/release.json' })[0]).toBe('release-file');
    expect(failure({ ...slack, version: '' })[0]).toBe('release-file');
  });

  it('takes version, commit and services from the release manifest', () => {
    const dir = mkdtempSync(join(tmpdir(), 'notify-inputs-'));
    const file = join(dir, 'release.json');
    writeFileSync(
      file,
      JSON.stringify({ version: '2026.12.01-3f2a9c1', commit: 'abc', services: { web: { image: 'r/shop/web', digest: `sha256:${'1'.repeat(64)}` } } }),
    );
    const i = getInputs(source({ ...slack, version: '', 'release-file': file }));
    expect(i.version).toBe('2026.12.01-3f2a9c1');
    expect(Object.keys(i.releaseFile!.services)).toEqual(['web']);
  });
});

describe('targets', () => {
  it('parses smtps:// with implicit TLS on 465 and a user in the URL', () => {
    expect(parseSmtpUrl('smtp-url', 'smtps://bot%40acme@mail.example.com')).toEqual({
      host: 'mail.example.com',
      port: 465,
      secure: true,
      username: 'bot@acme',
      password: '',
    });
  });
  it('rejects an SMTP URL with a path', () => {
    expect(() => parseSmtpUrl('smtp-url', 'smtp://mail.example.com/x')).toThrow(/has a path or query/);
  });
  it('rejects an empty list', () => {
    expect(() => parseAddressList('mail-to', ' , ')).toThrow(/is empty/);
  });
});
