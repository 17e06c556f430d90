// The one formatter: a release's status and the event, built once into a
// Message, then rendered as plain text, Slack blocks and HTML mail. Every
// channel says the same thing.
import { escapeHtml, formatDuration } from '@switchyard/kit';
import type { DeployEvent, EnvStatus, EventKind, ReleaseStatus } from './model';
import { durationMs } from './status';

export interface StatusLine {
  environment: string;
  icon: string;
  /** "14:02 succeeded in 3m12s, green" */
  text: string;
}

export interface Field {
  label: string;
  value: string;
  link?: string;
}

export interface Message {
  /** One line: mail subject, notification text. */
  subject: string;
  /** "Release 2026.12.01-3f2a9c1 · acme/shop" */
  title: string;
  /** The live status, one line per environment. */
  lines: StatusLine[];
  /** "Prod ✓ succeeded: release …" */
  headline: string;
  fields: Field[];
  /** Service → image@digest. */
  services: [string, string][];
  rollbackCommand: string;
  details: string;
}

const ICONS: Record<EventKind, string> = { started: '⏳', succeeded: '✓', failed: '✗', 'rolled-back': '↩' };
const WORDS: Record<EventKind, string> = { started: 'deploying', succeeded: 'succeeded', failed: 'failed', 'rolled-back': 'rolled back' };
const PENDING = '·';

/** How an environment name reads: short names in capitals (qa → QA), others capitalised (prod → Prod). */
export function displayName(env: string): string {
  if (env.length <= 3) return env.toUpperCase();
  return env.charAt(0).toUpperCase() + env.slice(1);
}

export function clock(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone }).format(new Date(iso));
}

function stamp(iso: string, timeZone: string): string {
  const d = new Date(iso);
  const date = new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit', timeZone }).format(d);
  return `${date} ${clock(iso, timeZone)} ${timeZone}`;
}

const shortSha = (sha: string) => sha.slice(0, 7);
const shortDigest = (digest: string) => digest.replace(/^(sha256:[0-9a-f]{12})[0-9a-f]*$/, '$1');

function statusLine(name: string, s: EnvStatus | undefined, timeZone: string): StatusLine {
  if (!s) return { environment: displayName(name), icon: PENDING, text: 'not yet' };
  const d = durationMs(s);
  const parts = [`${clock(s.at, timeZone)} ${WORDS[s.state]}${d === undefined ? '' : ` in ${formatDuration(d)}`}`];
  if (s.color) parts.push(s.color);
  return { environment: displayName(name), icon: ICONS[s.state], text: parts.join(', ') };
}

export function buildMessage(status: ReleaseStatus, event: DeployEvent, opts: { timeZone: string }): Message {
  const env = displayName(event.environment);
  const mine = status.environments.find((e) => e.name === event.environment)?.status;
  const d = mine ? durationMs(mine) : undefined;
  const word = WORDS[event.kind] === 'deploying' ? 'started' : WORDS[event.kind];
  const color = event.color ? ` (${event.color})` : '';
  let headline = `${env} ${ICONS[event.kind]} ${word}: release ${event.version}${color}`;
  if (event.kind === 'rolled-back' && event.previousVersion) headline += `; ${event.previousVersion} is live again`;
  const fields: Field[] = [
    { label: 'Environment', value: env },
    { label: 'Result', value: word },
    ...(event.color ? [{ label: 'Color', value: event.color }] : []),
    ...(d !== undefined ? [{ label: 'Duration', value: formatDuration(d) }] : []),
    { label: 'Time', value: stamp(event.at, opts.timeZone) },
    ...(event.actor ? [{ label: 'By', value: event.actor }] : []),
    ...(event.commit ? [{ label: 'Commit', value: shortSha(event.commit) }] : []),
    ...(event.previousVersion ? [{ label: 'Previous version', value: event.previousVersion }] : []),
    ...(event.runUrl ? [{ label: 'Run', value: event.workflow || 'workflow run', link: event.runUrl }] : []),
  ];
  const repo = status.repository ? ` · ${status.repository}` : '';
  return {
    subject: `${status.repository ? `[${status.repository}] ` : ''}${env} ${ICONS[event.kind]} ${word}: ${event.version}`,
    title: `Release ${status.version}${repo}`,
    lines: status.environments.map((e) => statusLine(e.name, e.status, opts.timeZone)),
    headline,
    fields,
    services: Object.entries(event.services)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([name, s]) => [name, `${s.image}@${shortDigest(s.digest)}`]),
    rollbackCommand: event.rollbackCommand,
    details: event.details,
  };
}

// ---- plain text -------------------------------------------------------------

/** The live status: title and a line per environment (the Slack message's text, the top of the mail). */
export function statusText(m: Message): string {
  const width = Math.max(0, ...m.lines.map((l) => l.environment.length));
  return [m.title, ...m.lines.map((l) => `${l.environment.padEnd(width)}  ${l.icon} ${l.text}`)].join('\n');
}

/** The event: headline and details (the thread reply's text). */
export function eventText(m: Message): string {
  const out = [m.headline];
  if (m.details) out.push(m.details);
  const width = Math.max(0, ...m.fields.map((f) => f.label.length));
  for (const f of m.fields) out.push(`${`${f.label}:`.padEnd(width + 1)} ${f.value}${f.link ? ` <${f.link}>` : ''}`);
  if (m.services.length) {
    out.push('Services:');
    const w = Math.max(...m.services.map(([n]) => n.length));
    for (const [name, ref] of m.services) out.push(`  ${name.padEnd(w)}  ${ref}`);
  }
  if (m.rollbackCommand) out.push('Roll back with:', `  ${m.rollbackCommand}`);
  return out.join('\n');
}

/** The whole message as plain text (the mail's text part). */
export function fullText(m: Message): string {
  return `${statusText(m)}\n\n${eventText(m)}\n`;
}

// ---- Slack blocks -------------------------------------------------------------

/** Escapes the three characters Slack's mrkdwn treats as control characters. */
export const mrkdwn = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export type Block = Record<string, unknown>;

export function statusBlocks(m: Message): Block[] {
  return [
    { type: 'header', text: { type: 'plain_text', text: m.title.slice(0, 150), emoji: true } },
    { type: 'section', text: { type: 'mrkdwn', text: m.lines.map((l) => `*${mrkdwn(l.environment)}*  ${l.icon} ${mrkdwn(l.text)}`).join('\n') } },
    { type: 'context', elements: [{ type: 'mrkdwn', text: `Latest: ${mrkdwn(m.headline)}` }] },
  ];
}

export function eventBlocks(m: Message): Block[] {
  const value = (f: Field) => (f.link ? `<${f.link}|${mrkdwn(f.value)}>` : mrkdwn(f.value));
  const blocks: Block[] = [{ type: 'section', text: { type: 'mrkdwn', text: `*${mrkdwn(m.headline)}*${m.details ? `\n${mrkdwn(m.details)}` : ''}` } }];
  // A section holds at most 10 fields.
  for (let i = 0; i < m.fields.length; i += 10) {
    blocks.push({ type: 'section', fields: m.fields.slice(i, i + 10).map((f) => ({ type: 'mrkdwn', text: `*${mrkdwn(f.label)}*\n${value(f)}` })) });
  }
  if (m.services.length) {
    blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: m.services.map(([n, r]) => `*${mrkdwn(n)}* \`${mrkdwn(r)}\``).join('\n') }] });
  }
  if (m.rollbackCommand) blocks.push({ type: 'section', text: { type: 'mrkdwn', text: `Roll back with:\n\`\`\`${mrkdwn(m.rollbackCommand)}\`\`\`` } });
  return blocks;
}

// ---- HTML mail ---------------------------------------------------------------

export function html(m: Message): string {
  const e = escapeHtml;
  const td = 'style="padding:2px 12px 2px 0;vertical-align:top"';
  const rows = (cells: string[][]) => cells.map((c) => `<tr>${c.map((x) => `<td ${td}>${x}</td>`).join('')}</tr>`).join('\n');
  const value = (f: Field) => (f.link ? `<a href="${e(f.link)}">${e(f.value)}</a>` : e(f.value));
  return [
    '<!doctype html>',
    '<html><body style="font-family:sans-serif;font-size:14px">',
    `<h2 style="margin:0 0 8px">${e(m.title)}</h2>`,
    `<table>\n${rows(m.lines.map((l) => [`<b>${e(l.environment)}</b>`, e(l.icon), e(l.text)]))}\n</table>`,
    `<h3 style="margin:16px 0 8px">${e(m.headline)}</h3>`,
    m.details ? `<p>${e(m.details)}</p>` : '',
    `<table>\n${rows(m.fields.map((f) => [e(f.label), value(f)]))}\n</table>`,
    m.services.length
      ? `<h4 style="margin:16px 0 4px">Services</h4>\n<table>\n${rows(m.services.map(([n, r]) => [e(n), `<code>${e(r)}</code>`]))}\n</table>`
      : '',
    m.rollbackCommand ? `<h4 style="margin:16px 0 4px">Roll back with</h4>\n<pre>${e(m.rollbackCommand)}</pre>` : '',
    '</body></html>',
    '',
  ]
    .filter((s) => s !== '')
    .join('\n');
}
