import { core, Deadline, errorMessage, escapeHtml, Failure, redact, runContext, runUrl, setOutputs, Summary, type RunContext } from '@switchyard/kit';
import { buildMessage, eventText, fullText, html, type Message } from './format';
import { getInputs, type Inputs, type Outputs } from './inputs';
import type { DeployEvent, ReleaseStatus } from './model';
import { applyEvent } from './status';

interface Delivery {
  channel: string;
  ok: boolean;
  detail: string;
}

export function buildEvent(inputs: Inputs, ctx: RunContext, now: Date): DeployEvent {
  const m = inputs.releaseFile;
  return {
    kind: inputs.event,
    environment: inputs.environment,
    at: now.toISOString(),
    version: inputs.version,
    commit: m?.commit || ctx.sha,
    services: m?.services ?? {},
    repository: ctx.repository,
    runUrl: runUrl(ctx),
    actor: ctx.actor,
    workflow: ctx.workflow,
    color: inputs.color,
    startedAt: inputs.startedAt ? new Date(inputs.startedAt).toISOString() : '',
    previousVersion: inputs.previousVersion,
    rollbackCommand: inputs.rollbackCommand,
    details: inputs.details,
  };
}

const describe = (e: unknown) => redact(e instanceof Failure && e.hint ? `${errorMessage(e)} (${e.hint})` : errorMessage(e));

export async function run(): Promise<void> {
  const inputs = getInputs();
  const event = buildEvent(inputs, runContext(), new Date());
  const deadline = new Deadline(inputs.timeout);
  const log = (line: string) => core.info(redact(line));
  const render = (s: ReleaseStatus): Message => buildMessage(s, event, { timeZone: inputs.timeZone });
  core.info(`${event.environment}: ${event.kind}, release ${event.version}${event.color ? ` (${event.color})` : ''}`);

  let status = applyEvent(undefined, event, inputs.environments);
  const outputs: Outputs = { ok: true, errors: [], 'slack-ts': '', 'slack-reply-ts': '', 'mail-message-id': '', 'event-time': event.at, text: '' };
  const deliveries: Delivery[] = [];
  const failed = (channel: string, e: unknown) => {
    if (!(e instanceof Failure) && e instanceof Error && e.stack) core.debug(redact(e.stack));
    const message = describe(e);
    outputs.errors.push({ channel, message });
    deliveries.push({ channel, ok: false, detail: message });
    log(`✗ ${message}`);
  };

  if (inputs.slackToken) {
    await core.group(`Slack: the release's message in ${inputs.slackChannel}`, async () => {
      try {
        const { notifySlack } = await import('./slack');
        const target = { baseUrl: inputs.slackApiUrl, token: inputs.slackToken, channel: inputs.slackChannel, historyLimit: inputs.slackHistoryLimit };
        const r = await notifySlack(target, event, inputs.environments, render, { deadline, log });
        status = r.status;
        outputs['slack-ts'] = r.ts;
        outputs['slack-reply-ts'] = r.replyTs;
        deliveries.push({
          channel: 'slack',
          ok: true,
          detail: `${r.updated ? 'updated' : 'posted'} message ${r.ts} in ${inputs.slackChannel}, thread reply ${r.replyTs}`,
        });
      } catch (e) {
        failed('slack', e);
      }
    });
  } else if (inputs.slackWebhookUrl) {
    const url = inputs.slackWebhookUrl;
    await core.group('Slack: incoming webhook', async () => {
      try {
        const { notifyWebhook } = await import('./slack');
        await notifyWebhook(url, render(status), { deadline, log });
        deliveries.push({ channel: 'slack-webhook', ok: true, detail: 'posted a new message (webhooks cannot update one)' });
      } catch (e) {
        failed('slack-webhook', e);
      }
    });
  }

  const message = render(status);
  outputs.text = fullText(message);
  const smtp = inputs.smtpUrl;
  if (smtp && inputs.mailFrom) {
    const from = inputs.mailFrom;
    await core.group(`E-mail to ${inputs.mailTo.length} recipient(s) via ${smtp.host}:${smtp.port}`, async () => {
      try {
        const { sendMail } = await import('./mail');
        const target = { smtp, username: inputs.smtpUsername, password: inputs.smtpPassword, caFile: inputs.smtpCaFile, from, to: inputs.mailTo };
        const headers = { 'X-Switchyard-Release': event.version, 'X-Switchyard-Environment': event.environment, 'X-Switchyard-Event': event.kind };
        const r = await sendMail(target, { subject: message.subject, text: outputs.text, html: html(message), headers }, { deadline, log });
        outputs['mail-message-id'] = r.messageId;
        log(`Sent ${r.messageId} to ${r.accepted.join(', ')}`);
        deliveries.push({ channel: 'email', ok: true, detail: `sent ${r.messageId} to ${r.accepted.join(', ')}` });
      } catch (e) {
        failed('email', e);
      }
    });
  }

  outputs.ok = outputs.errors.length === 0;
  setOutputs(outputs);
  summary(message, deliveries).write();
  core.info(outputs.text);
  if (outputs.errors.length === 0) return;
  const text = outputs.errors.map((e) => `${e.channel}: ${e.message}`).join('\n');
  if (inputs.failOnError) throw new Failure(`Notification failed:\n${text}`);
  for (const e of outputs.errors) core.warning(`Notification (${e.channel}) not delivered; the deployment is not affected: ${e.message}`, { title: 'notify' });
}

export function summary(m: Message, deliveries: Delivery[]): Summary {
  const s = new Summary().heading(`Notify: ${m.headline}`);
  s.table(
    ['Environment', '', 'Status'],
    m.lines.map((l) => [l.environment, l.icon, l.text]),
  );
  s.table(
    ['Channel', 'Result', 'Detail'],
    deliveries.map((d) => [d.channel, d.ok ? '✅ delivered' : '⚠️ not delivered', d.detail]),
  );
  s.details('The event as sent', `<pre>${escapeHtml(eventText(m))}</pre>`);
  return s;
}
