// The Slack client's retry rules against the Slack stand-in (a real HTTP server); sleeps are recorded, not waited.
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { Deadline, RetryError } from '@switchyard/kit';
import { SlackApiError, SlackClient, SlackConfigurationError } from '../../actions/notify/src/slack-api';
import { FAKE_CHANNEL, FAKE_TOKEN, SlackFake } from '../support/slack-fake';

let fake: SlackFake;
let slept: number[];
beforeEach(async () => {
  fake = await SlackFake.start({ channels: [{ id: FAKE_CHANNEL }, { id: 'C0OUTSIDE', member: false }] });
  slept = [];
});
afterEach(() => fake.close());

const client = (token = FAKE_TOKEN, timeoutMs = 10_000) =>
  new SlackClient({ baseUrl: new URL(fake.url), token, deadline: new Deadline(timeoutMs), sleep: async (ms) => void slept.push(ms) });
const post = (c: SlackClient, channel = FAKE_CHANNEL) => c.call<{ ts: string }>('chat.postMessage', { channel, text: 'hi' }, { channel });

describe('SlackClient', () => {
  it('sends JSON with the bearer token, or a form for read methods', async () => {
    await post(client());
    await client().call('conversations.history', { channel: FAKE_CHANNEL, limit: '5', include_all_metadata: 'true' }, { form: true });
    expect(fake.requests.map((r) => [r.method, r.contentType, r.authorization, r.args])).toEqual([
      ['chat.postMessage', 'application/json; charset=utf-8', `Bearer ${FAKE_TOKEN}`, { channel: FAKE_CHANNEL, text: 'hi' }],
      [
        'conversations.history',
        'application/x-www-form-urlencoded',
        `Bearer ${FAKE_TOKEN}`,
        { channel: FAKE_CHANNEL, limit: '5', include_all_metadata: 'true' },
      ],
    ]);
  });

  it('waits for Retry-After on HTTP 429 and then succeeds', async () => {
    fake.failNext('chat.postMessage', { error: 'ratelimited', retryAfter: 3, times: 2 });
    const r = await post(client());
    expect(r.ts).toMatch(/^\d+\.\d{6}$/);
    expect(fake.requests.map((q) => q.status)).toEqual([429, 429, 200]);
    // Each Retry-After (3 s) is waited in full, besides the short jittered backoff.
    expect(slept.filter((ms) => ms === 3000)).toHaveLength(2);
  });

  it('names a rate limit that asks for longer than the time left', async () => {
    fake.failNext('chat.postMessage', { error: 'ratelimited', retryAfter: 60 });
    const e = await post(client(FAKE_TOKEN, 5000)).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(SlackApiError);
    expect((e as Error).message).toMatch(/^Slack chat\.postMessage: rate limited; Slack asks to wait 1m00s, longer than the \d\.\ds left$/);
    expect(fake.requests).toHaveLength(1);
  });

  it('retries 5xx and transient Slack errors', async () => {
    fake.failNext('chat.postMessage', { status: 503 });
    fake.failNext('chat.postMessage', { error: 'internal_error' });
    await post(client());
    expect(fake.requests.map((q) => q.status)).toEqual([503, 200, 200]);
    expect((fake.requests[1]!.response as { error: string }).error).toBe('internal_error');
  });

  it('gives up on a Slack that keeps failing, at the deadline, with the attempts counted', async () => {
    fake.failNext('chat.postMessage', { status: 500, times: 1000 });
    let now = 0;
    const c = new SlackClient({
      baseUrl: new URL(fake.url),
      token: FAKE_TOKEN,
      deadline: new Deadline(2000, () => now),
      sleep: async (ms) => void (now += ms),
    });
    const e = await post(c).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(RetryError);
    expect((e as Error).message).toMatch(/^Slack chat\.postMessage: gave up after \d+ attempts in .*: Slack chat\.postMessage: HTTP 500$/);
  });

  it('does not retry invalid_auth or not_in_channel, and says what to fix', async () => {
    const auth = await post(client('xoxb-wrong')).catch((x: unknown) => x);
    expect(auth).toBeInstanceOf(SlackConfigurationError);
    expect((auth as SlackConfigurationError).code).toBe('invalid_auth');
    expect((auth as SlackConfigurationError).hint).toMatch(/slack-token/);
    const member = await post(client(), 'C0OUTSIDE').catch((x: unknown) => x);
    expect((member as SlackConfigurationError).message).toBe('Slack chat.postMessage: not_in_channel: the bot is not a member of channel C0OUTSIDE');
    expect((member as SlackConfigurationError).hint).toMatch(/\/invite/);
    expect(fake.requests).toHaveLength(2);
  });
});
