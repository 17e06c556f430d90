// The notify action's counterparts for the local run: the Slack Web API
// stand-in (test/support/slack-fake.ts) on the port `vars.SLACK_API_URL` of the
// environments file names, keeping its channel across runs in
// .local/pipeline/slack.json, and a look at the local SMTP server's mailbox.
// After each environment the pipeline prints how the release's Slack message
// reads, and which mails arrived.
import { join } from 'node:path';
import { FAKE_CHANNEL, FAKE_TOKEN, SlackFake } from '../../../test/support/slack-fake';
import { deliveredMail, smtpInfra } from '../../../test/support/smtp-mailbox';

export interface NotifyStandIns {
  /** Prints the release's live Slack message (text and thread) and the mails delivered for it. */
  show(version: string | null, environment: string): void;
  close(): Promise<void>;
}

export async function startNotifyStandIns(
  vars: Record<string, string>,
  secrets: Record<string, string>,
  stateDir: string,
  log: (line: string) => void,
): Promise<NotifyStandIns | undefined> {
  const api = vars.SLACK_API_URL ? new URL(vars.SLACK_API_URL) : undefined;
  if (!api || api.hostname !== '127.0.0.1') return undefined;
  if (vars.SLACK_CHANNEL_ID !== FAKE_CHANNEL || secrets.SLACK_BOT_TOKEN !== FAKE_TOKEN) {
    throw new Error(`the Slack stand-in knows channel ${FAKE_CHANNEL} and token ${FAKE_TOKEN}: set vars.SLACK_CHANNEL_ID and secrets.SLACK_BOT_TOKEN to them`);
  }
  const fake = await SlackFake.start({ port: Number(api.port), stateFile: join(stateDir, 'slack.json') });
  log(`== Slack stand-in (Web API: chat.postMessage, chat.update, conversations.history) on ${fake.url}, channel ${FAKE_CHANNEL}`);
  const mailSeen = new Set(vars.SMTP_URL ? deliveredMail(smtpInfra()).map((m) => m.id) : []);
  return {
    show(version, environment) {
      if (!version) return;
      const message = fake
        .topLevel()
        .filter((m) => m.metadata?.event_payload.version === version)
        .pop();
      log(`== Slack #${FAKE_CHANNEL} after ${environment}:`);
      if (!message) log('   (no message for this release)');
      else for (const l of fake.render(message.ts).split('\n')) log(`   │ ${l}`);
      if (!vars.SMTP_URL) return;
      const mails = deliveredMail(smtpInfra()).filter((m) => !mailSeen.has(m.id) && m.headers['x-switchyard-release'] === version);
      for (const m of mails) mailSeen.add(m.id);
      log(`== e-mail delivered by the local SMTP server (${mails.length}):`);
      for (const m of mails) log(`   ✉ ${m.subject}  → ${m.rcptTo.join(', ')}${m.tls ? ' (TLS, AUTH ' + String(m.authUser) + ')' : ''}`);
    },
    close: () => fake.close(),
  };
}
