import { readFileSync } from 'node:fs';
import { addSecret, InputError, Inputs as Reader, readManifestsInput, show, type InputSource, type ReleaseManifest } from '@switchyard/kit';
import { EVENTS, type EventKind } from './model';
import { parseAddress, parseAddressList, parseChannel, parseSmtpUrl, type Address, type SmtpTarget } from './targets';

/** notify's inputs, typed; names are action.yml's in camelCase. */
export interface Inputs {
  event: EventKind;
  environment: string;
  environments: string[];
  releaseFile: ReleaseManifest | undefined;
  version: string;
  color: string;
  startedAt: string;
  previousVersion: string;
  rollbackCommand: string;
  details: string;
  slackToken: string;
  slackChannel: string;
  slackWebhookUrl: URL | undefined;
  slackApiUrl: URL;
  slackHistoryLimit: number;
  smtpUrl: SmtpTarget | undefined;
  smtpUsername: string;
  smtpPassword: string;
  smtpCaFile: string | undefined;
  mailFrom: Address | undefined;
  mailTo: Address[];
  timeZone: string;
  timeout: number;
  failOnError: boolean;
}

/** What the action sets; names are action.yml's outputs. */
export interface Outputs {
  ok: boolean;
  errors: { channel: string; message: string }[];
  'slack-ts': string;
  'slack-reply-ts': string;
  'mail-message-id': string;
  'event-time': string;
  text: string;
}

const ENV_RE = /^[A-Za-z0-9][A-Za-z0-9 ._-]{0,39}$/;
const VERSION_RE = /^[A-Za-z0-9][A-Za-z0-9._+-]{0,127}$/;

/** Reads and checks every input before anything is sent; secrets are masked as soon as they are read. */
export function getInputs(source?: InputSource): Inputs {
  const r = new Reader(source);
  const slackToken = r.string('slack-token');
  const smtpPassword = r.string('smtp-password');
  const webhookRaw = r.string('slack-webhook-url');
  addSecret(slackToken);
  addSecret(smtpPassword);
  addSecret(webhookRaw);

  const event = r.enum('event', EVENTS);
  const environment = r.string('environment', { required: true, pattern: ENV_RE, patternHint: 'a short name such as qa, uat or prod' });
  const environments = r.list('environments', { commas: true });
  for (const e of environments) if (!ENV_RE.test(e)) throw new InputError('environments', `${show(e)} is not an environment name`);

  const releaseFile = readManifestsInput('release-file', r.list('release-file', { commas: true }));
  const version = r.string('version', { pattern: VERSION_RE, patternHint: 'a release version such as 2026.12.01-3f2a9c1' });
  if (!releaseFile && !version) throw new InputError('release-file', 'is required (or give version): the notification names a release');

  const startedAt = r.string('started-at');
  if (startedAt && Number.isNaN(Date.parse(startedAt))) throw new InputError('started-at', `${show(startedAt)} is not an ISO 8601 time`);

  // Slack: api mode (token + channel) or webhook mode, not both.
  const slackChannelRaw = r.string('slack-channel');
  const slackWebhookUrl = webhookRaw ? r.url('slack-webhook-url', { protocols: ['https:', 'http:'] }) : undefined;
  if (slackToken && slackWebhookUrl) throw new InputError('slack-webhook-url', 'is set together with slack-token: use one of them');
  if (slackToken && !slackChannelRaw)
    throw new InputError('slack-channel', 'is required with slack-token: the ID of the channel the bot posts in (e.g. C0123ABCD)');
  if (slackChannelRaw && !slackToken) {
    throw new InputError('slack-token', `is required with slack-channel ${show(slackChannelRaw)}`, {
      hint: slackWebhookUrl ? 'An incoming webhook posts to its own channel: drop slack-channel.' : 'Pass the bot token from a secret.',
    });
  }
  if (slackToken && !/^(xoxe\.)?xox[a-z]-/.test(slackToken)) throw new InputError('slack-token', 'is not a Slack token (xoxb-…)');
  const slackChannel = slackChannelRaw ? parseChannel('slack-channel', slackChannelRaw) : '';
  const slackApiUrl = r.url('slack-api-url') ?? new URL('https://slack.com/api');

  // E-mail.
  const smtpRaw = r.string('smtp-url');
  const mailToRaw = r.string('mail-to');
  const mailFromRaw = r.string('mail-from');
  const smtpUrl = smtpRaw ? parseSmtpUrl('smtp-url', smtpRaw) : undefined;
  addSecret(smtpUrl?.password);
  if (!smtpUrl && (mailToRaw || mailFromRaw))
    throw new InputError('smtp-url', `is required with ${mailToRaw ? 'mail-to' : 'mail-from'}: the mail server to send through`);
  if (smtpUrl && !mailToRaw) throw new InputError('mail-to', 'is required with smtp-url: one or more recipients');
  if (smtpUrl && !mailFromRaw) throw new InputError('mail-from', 'is required with smtp-url: the sender address');
  const mailTo = mailToRaw ? parseAddressList('mail-to', mailToRaw) : [];
  const mailFrom = mailFromRaw ? parseAddress('mail-from', mailFromRaw) : undefined;
  const smtpUsername = r.string('smtp-username') || smtpUrl?.username || '';
  if (smtpPassword && !smtpUsername) throw new InputError('smtp-username', 'is required with smtp-password');
  const smtpCaFile = r.optionalString('smtp-ca-file');
  if (smtpCaFile) {
    try {
      readFileSync(smtpCaFile, 'utf8');
    } catch {
      throw new InputError('smtp-ca-file', `${show(smtpCaFile)} cannot be read`);
    }
  }

  if (!slackToken && !slackWebhookUrl && !smtpUrl) {
    throw new InputError('slack-channel', 'nothing to notify: set slack-token with slack-channel, or slack-webhook-url, or smtp-url with mail-to', {
      hint: 'In a workflow, guard the step with `if:` on the variables that configure it.',
    });
  }

  const timeZone = r.string('time-zone', { default: 'UTC' });
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone });
  } catch {
    throw new InputError('time-zone', `${show(timeZone)} is not an IANA time zone (e.g. UTC, Europe/Berlin)`);
  }

  return {
    event,
    environment,
    environments,
    releaseFile,
    version: releaseFile?.version ?? version,
    color: r.string('color', { pattern: /^[A-Za-z0-9_-]{1,20}$/, patternHint: 'a colour name such as blue or green' }),
    startedAt,
    previousVersion: r.string('previous-version'),
    rollbackCommand: r.string('rollback-command'),
    details: r.string('details'),
    slackToken,
    slackChannel,
    slackWebhookUrl,
    slackApiUrl,
    slackHistoryLimit: r.int('slack-history-limit', { default: 200, min: 1, max: 1000 }),
    smtpUrl,
    smtpUsername,
    smtpPassword: smtpPassword || smtpUrl?.password || '',
    smtpCaFile,
    mailFrom,
    mailTo,
    timeZone,
    timeout: r.duration('timeout', { default: '30s', min: 1000 }),
    failOnError: r.bool('fail-on-error', { default: false }),
  };
}
