// One retry layer for Route53: the client the action makes has the SDK's own
// retries off (maxAttempts 1), and kit's retry in the provider survives a
// burst of PriorRequestNotComplete longer than the SDK's default attempts,
// within one deadline (the step's `timeout`). Wired as the action wires it:
// getInputs → createProvider → execute, against aws-sdk-client-mock.
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { mockClient } from 'aws-sdk-client-mock';
import {
  ChangeResourceRecordSetsCommand,
  GetChangeCommand,
  ListResourceRecordSetsCommand,
  PriorRequestNotComplete,
  Route53Client,
  type ResourceRecordSet,
} from '@aws-sdk/client-route-53';
import { RetryError } from '@switchyard/kit';
import { getInputs } from '../../actions/switch-traffic/src/inputs';
import { createProvider } from '../../actions/switch-traffic/src/setup';
import { execute } from '../../actions/switch-traffic/src/flow';

const mock = mockClient(Route53Client);
beforeEach(() => {
  mock.reset();
});
afterEach(() => {
  mock.reset();
});

const record = (color: string, weight: number): ResourceRecordSet => ({
  Name: 'shop.example.com.',
  Type: 'A',
  SetIdentifier: color,
  Weight: weight,
  TTL: 60,
  ResourceRecords: [{ Value: color === 'blue' ? '10.0.0.1' : '10.0.0.2' }],
});

function fakeClock() {
  let t = 0;
  const sleeps: number[] = [];
  return { now: () => t, sleep: async (ms: number) => void (sleeps.push(ms), (t += ms)), random: () => 0.5, sleeps };
}

const busy = () =>
  new PriorRequestNotComplete({
    message: 'The request was rejected because Route 53 was still processing a prior request.',
    $metadata: { httpStatusCode: 400 },
  });

async function setup(timeout: string) {
  const inputs: Record<string, string> = {
    provider: 'route53',
    mode: 'switch',
    to: 'green',
    'hosted-zone-id': 'Z0123456789ABC',
    'record-name': 'shop.example.com',
    'aws-region': 'us-east-1',
    'drain-wait': '0',
    timeout,
  };
  const s = await getInputs((name) => inputs[name] ?? '');
  const clock = fakeClock();
  const lines: string[] = [];
  const provider = await createProvider(s.target, (l) => lines.push(l), clock);
  return { s, clock, lines, provider };
}

describe('Route53: one retry layer', () => {
  it('makes the client with the SDK retries off, and survives a burst of 7 PriorRequestNotComplete', async () => {
    mock
      .on(ListResourceRecordSetsCommand)
      .resolvesOnce({ ResourceRecordSets: [record('blue', 100), record('green', 0)], IsTruncated: false, MaxItems: 100 })
      .resolves({ ResourceRecordSets: [record('blue', 0), record('green', 100)], IsTruncated: false, MaxItems: 100 });
    const change = mock.on(ChangeResourceRecordSetsCommand);
    for (let i = 0; i < 7; i++) change.rejectsOnce(busy());
    change.resolves({ ChangeInfo: { Id: '/change/C7', Status: 'PENDING', SubmittedAt: new Date(0) } });
    mock.on(GetChangeCommand).resolves({ ChangeInfo: { Id: '/change/C7', Status: 'INSYNC', SubmittedAt: new Date(0) } });

    const { s, clock, lines, provider } = await setup('5m');
    const report = await execute(s.plan, { provider, gates: [], drainWaitMs: s.drainWait, sleep: clock.sleep, now: clock.now });

    expect(report.changeId).toBe('C7');
    expect(report.final).toEqual({ blue: 0, green: 100 });
    // Every send is one HTTP attempt: the client the action made does not retry on its own.
    const client = mock.send.getCall(0).thisValue as Route53Client;
    expect(await client.config.maxAttempts()).toBe(1);
    expect(mock.commandCalls(ChangeResourceRecordSetsCommand)).toHaveLength(8);
    // The same batch each time, each retry logged; with random 0.5 the backoff is half its 8 s cap at most.
    const batches = mock.commandCalls(ChangeResourceRecordSetsCommand).map((c) => JSON.stringify(c.args[0].input));
    expect(new Set(batches).size).toBe(1);
    expect(lines.filter((l) => /^change weights of shop\.example\.com\.: attempt \d failed \(The request was rejected/.test(l))).toHaveLength(7);
    expect(Math.max(...clock.sleeps)).toBeLessThanOrEqual(4000);
  });

  it('gives up on an endless burst at the one deadline (timeout), naming the call', async () => {
    mock.on(ListResourceRecordSetsCommand).resolves({ ResourceRecordSets: [record('blue', 100), record('green', 0)], IsTruncated: false, MaxItems: 100 });
    mock.on(ChangeResourceRecordSetsCommand).rejects(busy());
    const { s, clock, provider } = await setup('1m');
    const err = await execute(s.plan, { provider, gates: [], sleep: clock.sleep, now: clock.now }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RetryError);
    expect((err as Error).message).toMatch(/^change weights of shop\.example\.com\.: gave up after \d+ attempts in [\d.]+s: The request was rejected/);
    expect(clock.now()).toBeLessThanOrEqual(60_000);
    expect(clock.now()).toBeGreaterThan(40_000);
  });
});
