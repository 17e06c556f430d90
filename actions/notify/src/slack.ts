// The release's one live Slack message: find it again through its metadata in
// the channel's history, update it in place (or post it the first time), and
// reply in its thread with this event. Loaded lazily: the fail-fast path never
// pays for it.
import { realSleep, type Deadline, type Sleep } from '@switchyard/kit';
import { eventBlocks, eventText, statusBlocks, statusText, type Message } from './format';
import type { DeployEvent, ReleaseStatus } from './model';
import { postWebhook, SlackApiError, SlackClient } from './slack-api';
import { applyEvent, fromMetadata, toMetadata } from './status';

export interface SlackApiTarget {
  baseUrl: URL;
  token: string;
  channel: string;
  historyLimit: number;
}

export interface SlackResult {
  ts: string;
  replyTs: string;
  /** Whether the release's message already existed (and was updated). */
  updated: boolean;
  status: ReleaseStatus;
}

interface HistoryPage extends Record<string, unknown> {
  messages?: { ts?: string; metadata?: unknown }[];
  has_more?: boolean;
  response_metadata?: { next_cursor?: string };
}

interface Posted extends Record<string, unknown> {
  ts: string;
}

/** Finds the newest message in the channel carrying this release's metadata, within the last `limit` messages. */
export async function findRelease(
  client: SlackClient,
  channel: string,
  match: { repository: string; version: string },
  limit: number,
): Promise<{ ts: string; status: ReleaseStatus } | undefined> {
  let cursor = '';
  for (let seen = 0; seen < limit;) {
    const page = await client.call<HistoryPage>(
      'conversations.history',
      { channel, limit: String(Math.min(200, limit - seen)), include_all_metadata: 'true', ...(cursor ? { cursor } : {}) },
      { form: true, channel },
    );
    const messages = page.messages ?? [];
    for (const m of messages) {
      const status = fromMetadata(m.metadata, match);
      if (status && typeof m.ts === 'string') return { ts: m.ts, status };
    }
    seen += messages.length;
    cursor = page.response_metadata?.next_cursor ?? '';
    if (!page.has_more || !cursor || messages.length === 0) break;
  }
  return undefined;
}

export async function notifySlack(
  target: SlackApiTarget,
  event: DeployEvent,
  order: string[],
  render: (status: ReleaseStatus) => Message,
  opts: { deadline: Deadline; log: (line: string) => void; sleep?: Sleep },
): Promise<SlackResult> {
  const client = new SlackClient({
    baseUrl: target.baseUrl,
    token: target.token,
    deadline: opts.deadline,
    log: opts.log,
    sleep: opts.sleep ?? realSleep,
  });
  const { channel } = target;
  const found = await findRelease(client, channel, { repository: event.repository, version: event.version }, target.historyLimit);
  opts.log(
    found
      ? `Found the release's message ${found.ts} in ${channel}`
      : `No message for release ${event.version} in the last ${target.historyLimit} messages of ${channel}: posting one`,
  );
  const status = applyEvent(found?.status, event, order);
  const message = render(status);
  const parent = { channel, text: statusText(message), blocks: statusBlocks(message), metadata: toMetadata(status) };
  let ts = found?.ts ?? '';
  let updated = false;
  if (found) {
    try {
      await client.call('chat.update', { ...parent, ts: found.ts }, { channel });
      updated = true;
      opts.log(`Updated message ${found.ts}`);
    } catch (e) {
      // Deleted since it was read: start a new live message rather than lose the event.
      if (!(e instanceof SlackApiError && e.code === 'message_not_found')) throw e;
      opts.log(`Message ${found.ts} is gone (message_not_found): posting a new one`);
      ts = '';
    }
  }
  if (!ts) {
    const posted = await client.call<Posted>('chat.postMessage', { ...parent, unfurl_links: false, unfurl_media: false }, { channel });
    ts = posted.ts;
    opts.log(`Posted message ${ts}`);
  }
  const reply = await client.call<Posted>(
    'chat.postMessage',
    { channel, thread_ts: ts, text: eventText(message), blocks: eventBlocks(message), unfurl_links: false, unfurl_media: false },
    { channel },
  );
  opts.log(`Replied in its thread: ${reply.ts}`);
  return { ts, replyTs: reply.ts, updated, status };
}

/** Webhook mode: one new message per event (a webhook cannot update or read a channel). */
export async function notifyWebhook(url: URL, message: Message, opts: { deadline: Deadline; log: (line: string) => void; sleep?: Sleep }): Promise<void> {
  const text = `${statusText(message)}\n\n${eventText(message)}`;
  await postWebhook(url, { text, blocks: [...statusBlocks(message), { type: 'divider' }, ...eventBlocks(message)] }, opts);
  opts.log('Posted through the incoming webhook');
}
