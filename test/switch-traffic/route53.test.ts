// The route53 provider and the flow against aws-sdk-client-mock: the exact
// commands sent, paging, INSYNC polling on a fake clock, retries, nothing
// sent on bad input, and a failing canary gate restoring the weights.
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { mockClient } from 'aws-sdk-client-mock';
import * as sdk from '@aws-sdk/client-route-53';
import {
  ChangeResourceRecordSetsCommand,
  GetChangeCommand,
  ListHostedZonesByNameCommand,
  ListResourceRecordSetsCommand,
  PriorRequestNotComplete,
  Route53Client,
  ThrottlingException,
  type ResourceRecordSet,
} from '@aws-sdk/client-route-53';
import { InputError, Failure } from '@switchyard/kit';
import { Route53Provider, fqdn, isRetryable, type Route53Options } from '../../actions/switch-traffic/src/route53';
import { execute, type FlowDeps, type Plan } from '../../actions/switch-traffic/src/flow';
import type { Gate } from '../../actions/switch-traffic/src/gate';

const ZONE = 'Z0123456789ABC';
const mock = mockClient(Route53Client);

/** A virtual clock: sleeping advances time instantly, and every sleep is recorded. */
function fakeClock() {
  let t = 1_000_000;
  const sleeps: number[] = [];
  return {
    now: () => t,
    sleep: async (ms: number) => {
      sleeps.push(ms);
      t += ms;
    },
    sleeps,
  };
}

const blueAlias: ResourceRecordSet = {
  Name: 'shop.example.com.',
  Type: 'A',
  SetIdentifier: 'shop-blue',
  Weight: 100,
  AliasTarget: { HostedZoneId: 'Z35SXDOTRQ7X7K', DNSName: 'blue-lb-123.us-east-1.elb.amazonaws.com.', EvaluateTargetHealth: true },
  HealthCheckId: 'hc-blue-1111',
};
const greenAlias: ResourceRecordSet = {
  Name: 'shop.example.com.',
  Type: 'A',
  SetIdentifier: 'shop-green',
  Weight: 0,
  AliasTarget: { HostedZoneId: 'Z35SXDOTRQ7X7K', DNSName: 'green-lb-456.us-east-1.elb.amazonaws.com.', EvaluateTargetHealth: true },
  HealthCheckId: 'hc-green-2222',
};
const plainBlue: ResourceRecordSet = {
  Name: 'api.example.com.',
  Type: 'A',
  SetIdentifier: 'blue',
  Weight: 200,
  TTL: 30,
  ResourceRecords: [{ Value: '10.0.0.1' }, { Value: '10.0.0.2' }],
};
const plainGreen: ResourceRecordSet = {
  Name: 'api.example.com.',
  Type: 'A',
  SetIdentifier: 'green',
  Weight: 0,
  TTL: 30,
  ResourceRecords: [{ Value: '10.0.1.1' }],
};

/**
 * A stateful fake zone behind the mock: List answers from `records` (sorted,
 * paged by `pageSize`), Change applies UPSERTs and returns PENDING,
 * GetChange answers INSYNC after `pendingPolls` polls.
 */
function zone(records: ResourceRecordSet[], opts: { pageSize?: number; pendingPolls?: number } = {}) {
  const state = records.map((r) => structuredClone(r));
  let polls = 0;
  let changes = 0;
  const key = (r: ResourceRecordSet) => `${r.Name}|${r.Type}|${r.SetIdentifier ?? ''}`;
  mock.on(ListResourceRecordSetsCommand).callsFake((input: sdk.ListResourceRecordSetsCommandInput) => {
    const sorted = [...state].sort((a, b) => key(a).localeCompare(key(b)));
    const startKey = `${input.StartRecordName}|${input.StartRecordType}|${input.StartRecordIdentifier ?? ''}`;
    const from = sorted.findIndex((r) => key(r) >= startKey);
    const rest = from < 0 ? [] : sorted.slice(from);
    const size = opts.pageSize ?? 100;
    const page = rest.slice(0, size);
    const next = rest[size];
    return {
      ResourceRecordSets: structuredClone(page),
      IsTruncated: next !== undefined,
      MaxItems: size,
      ...(next ? { NextRecordName: next.Name, NextRecordType: next.Type, NextRecordIdentifier: next.SetIdentifier } : {}),
    };
  });
  mock.on(ChangeResourceRecordSetsCommand).callsFake((input: sdk.ChangeResourceRecordSetsCommandInput) => {
    for (const c of input.ChangeBatch!.Changes!) {
      const i = state.findIndex((r) => key(r) === key(c.ResourceRecordSet!));
      state[i] = structuredClone(c.ResourceRecordSet!);
    }
    changes++;
    return { ChangeInfo: { Id: `/change/C${changes}`, Status: 'PENDING', SubmittedAt: new Date(0) } };
  });
  mock.on(GetChangeCommand).callsFake((input: sdk.GetChangeCommandInput) => {
    polls++;
    return { ChangeInfo: { Id: `/change/${input.Id}`, Status: polls > (opts.pendingPolls ?? 0) ? 'INSYNC' : 'PENDING', SubmittedAt: new Date(0) } };
  });
  return {
    state,
    resetPolls: () => {
      polls = 0;
    },
  };
}

function provider(opts: Partial<Route53Options> = {}, clock = fakeClock()) {
  const o: Route53Options = {
    hostedZoneId: ZONE,
    recordName: 'shop.example.com',
    recordType: 'A',
    ids: { blue: 'shop-blue', green: 'shop-green' },
    timeoutMs: 300_000,
    sleep: clock.sleep,
    now: clock.now,
    random: () => 0.5,
    ...opts,
  };
  return new Route53Provider(new Route53Client({ region: 'us-east-1' }), sdk, o);
}

function deps(p: Route53Provider, clock: ReturnType<typeof fakeClock>, extra: Partial<FlowDeps> = {}): FlowDeps {
  return { provider: p, gates: [], sleep: clock.sleep, now: clock.now, ...extra };
}

const changeCalls = () => mock.commandCalls(ChangeResourceRecordSetsCommand).map((c) => c.args[0].input);

beforeEach(() => {
  mock.reset();
});
afterEach(() => {
  mock.reset();
});

describe('route53 switch', () => {
  it('sends ONE batch of UPSERTs that changes only Weight (alias target and health check kept)', async () => {
    zone([blueAlias, greenAlias]);
    const clock = fakeClock();
    const report = await execute({ mode: 'switch', to: 'green', stepWaitMs: 0 }, deps(provider({}, clock), clock, { drainWaitMs: 0 }));

    const calls = changeCalls();
    expect(calls).toHaveLength(1);
    expect(calls[0]).toEqual({
      HostedZoneId: ZONE,
      ChangeBatch: {
        Comment: 'switchyard switch-traffic: blue 100 / green 0 -> blue 0 / green 100',
        Changes: [
          { Action: 'UPSERT', ResourceRecordSet: { ...blueAlias, Weight: 0 } },
          { Action: 'UPSERT', ResourceRecordSet: { ...greenAlias, Weight: 100 } },
        ],
      },
    });
    expect(report.previous).toEqual({ blue: 100, green: 0 });
    expect(report.final).toEqual({ blue: 0, green: 100 });
    expect(report.changeId).toBe('C1');
    expect(mock.commandCalls(GetChangeCommand).map((c) => c.args[0].input)).toEqual([{ Id: 'C1' }]);
  });

  it('keeps TTL and every value of plain records, and reads them with the exact start keys', async () => {
    zone([plainBlue, plainGreen]);
    const clock = fakeClock();
    const p = provider({ recordName: 'API.example.com', ids: { blue: 'blue', green: 'green' } }, clock);
    const report = await execute({ mode: 'switch', to: 'idle', stepWaitMs: 0 }, deps(p, clock));
    expect(mock.commandCalls(ListResourceRecordSetsCommand)[0]!.args[0].input).toEqual({
      HostedZoneId: ZONE,
      StartRecordName: 'api.example.com.',
      StartRecordType: 'A',
      MaxItems: 100,
    });
    expect(changeCalls()[0]!.ChangeBatch!.Changes).toEqual([
      { Action: 'UPSERT', ResourceRecordSet: { ...plainBlue, Weight: 0 } },
      { Action: 'UPSERT', ResourceRecordSet: { ...plainGreen, Weight: 100 } },
    ]);
    // Default drain wait is the records' TTL (30 s), waited after INSYNC.
    expect(report.drainMs).toBe(30_000);
    expect(clock.sleeps.at(-1)).toBe(30_000);
  });

  it('follows ListResourceRecordSets paging with StartRecordIdentifier and stops at the next name', async () => {
    const others: ResourceRecordSet[] = ['a', 'b', 'c'].map((id) => ({ ...plainBlue, Name: 'shop.example.com.', SetIdentifier: `other-${id}`, Weight: 5 }));
    zone([blueAlias, greenAlias, ...others, { ...plainBlue, Name: 'zzz.example.com.' }], { pageSize: 2 });
    const clock = fakeClock();
    const state = await provider({}, clock).read();
    expect(state.weights).toEqual({ blue: 100, green: 0 });
    const inputs = mock.commandCalls(ListResourceRecordSetsCommand).map((c) => c.args[0].input);
    expect(inputs.length).toBeGreaterThanOrEqual(2);
    expect(inputs[1]).toMatchObject({ StartRecordName: 'shop.example.com.', StartRecordType: 'A', StartRecordIdentifier: expect.any(String) });
  });

  it('does nothing when the target colour is already live', async () => {
    zone([
      { ...blueAlias, Weight: 0 },
      { ...greenAlias, Weight: 100 },
    ]);
    const clock = fakeClock();
    const report = await execute({ mode: 'switch', to: 'green', stepWaitMs: 0 }, deps(provider({}, clock), clock));
    expect(changeCalls()).toHaveLength(0);
    expect(report.changeId).toBe('');
    expect(clock.sleeps).toEqual([]);
  });

  it('looks the zone up by name, and refuses a record outside it', async () => {
    zone([blueAlias, greenAlias]);
    mock.on(ListHostedZonesByNameCommand).resolves({
      HostedZones: [
        { Id: `/hostedzone/${ZONE}`, Name: 'example.com.', CallerReference: 'x', Config: { PrivateZone: false } },
        { Id: '/hostedzone/ZOTHER', Name: 'example.org.', CallerReference: 'y' },
      ],
    });
    const clock = fakeClock();
    const state = await provider({ hostedZoneId: undefined, hostedZoneName: 'Example.com' }, clock).read();
    expect(state.where).toBe(`zone ${ZONE} shop.example.com. A`);
    expect(mock.commandCalls(ListHostedZonesByNameCommand)[0]!.args[0].input).toEqual({ DNSName: 'example.com.', MaxItems: 100 });
    await expect(provider({ hostedZoneId: undefined, hostedZoneName: 'example.org' }, clock).read()).rejects.toThrow(
      'Input \'record-name\': "shop.example.com" is not inside the zone "example.org."',
    );
  });

  it('refuses a zone name shared by a public and a private zone', async () => {
    mock.on(ListHostedZonesByNameCommand).resolves({
      HostedZones: [
        { Id: '/hostedzone/ZPUB', Name: 'example.com.', CallerReference: 'x', Config: { PrivateZone: false } },
        { Id: '/hostedzone/ZPRIV', Name: 'example.com.', CallerReference: 'y', Config: { PrivateZone: true } },
      ],
    });
    await expect(provider({ hostedZoneId: undefined, hostedZoneName: 'example.com' }).read()).rejects.toThrow(
      'Input \'hosted-zone-name\': "example.com" matches 2 hosted zones (ZPUB (public), ZPRIV (private)): set hosted-zone-id to choose one',
    );
  });
});

describe('route53 INSYNC polling and retries', () => {
  it('polls GetChange from ~1 s, doubling to a 10 s cap, until INSYNC', async () => {
    zone([blueAlias, greenAlias], { pendingPolls: 6 });
    const clock = fakeClock();
    const report = await execute({ mode: 'switch', to: 'green', stepWaitMs: 0 }, deps(provider({}, clock), clock, { drainWaitMs: 0 }));
    expect(mock.commandCalls(GetChangeCommand)).toHaveLength(7);
    expect(clock.sleeps).toEqual([1000, 2000, 4000, 8000, 10_000, 10_000]);
    expect(report.effectiveMs).toBe(35_000);
  });

  it('fails with the change id when INSYNC never comes before the deadline', async () => {
    zone([blueAlias, greenAlias], { pendingPolls: 1_000 });
    const clock = fakeClock();
    const run = execute({ mode: 'switch', to: 'green', stepWaitMs: 0 }, deps(provider({ timeoutMs: 60_000 }, clock), clock));
    await expect(run).rejects.toThrow(/^Route53 change C1 did not reach INSYNC within 1m00s \(last: change C1 is PENDING\)$/);
    expect(clock.now() - 1_000_000).toBeLessThanOrEqual(61_000);
  });

  it('retries PriorRequestNotComplete and throttling on the change, and sends the same batch again', async () => {
    mock.on(GetChangeCommand).resolves({ ChangeInfo: { Id: '/change/C9', Status: 'INSYNC', SubmittedAt: new Date(0) } });
    const busy = new PriorRequestNotComplete({
      message: 'The request was rejected because Route 53 was still processing a prior request.',
      $metadata: { httpStatusCode: 400 },
    });
    const throttled = new ThrottlingException({ message: 'Rate exceeded', $metadata: { httpStatusCode: 400 } });
    const applied = mock.on(ChangeResourceRecordSetsCommand);
    applied
      .rejectsOnce(busy)
      .rejectsOnce(throttled)
      .resolves({ ChangeInfo: { Id: '/change/C9', Status: 'INSYNC', SubmittedAt: new Date(0) } });
    // The first read sees 100/0, the verify read after the change sees 0/100.
    mock
      .on(ListResourceRecordSetsCommand)
      .resolvesOnce({ ResourceRecordSets: [blueAlias, greenAlias], IsTruncated: false, MaxItems: 100 })
      .resolves({
        ResourceRecordSets: [
          { ...blueAlias, Weight: 0 },
          { ...greenAlias, Weight: 100 },
        ],
        IsTruncated: false,
        MaxItems: 100,
      });
    const lines: string[] = [];
    const clock = fakeClock();
    const p = provider({ log: (l) => lines.push(l) }, clock);
    const report = await execute({ mode: 'switch', to: 'green', stepWaitMs: 0 }, deps(p, clock, { drainWaitMs: 0 }));
    const calls = changeCalls();
    expect(calls).toHaveLength(3);
    expect(calls[1]).toEqual(calls[0]);
    expect(calls[2]).toEqual(calls[0]);
    expect(report.changeId).toBe('C9');
    expect(lines.filter((l) => l.includes('retrying'))).toHaveLength(2);
    expect(lines[0]).toMatch(/^change weights of shop\.example\.com\.: attempt 1 failed \(The request was rejected.*\); retrying in \d+ms$/);
  });

  it('retries 5xx on reads and GetChange, but not access errors', async () => {
    const e500 = Object.assign(new Error('Internal'), { name: 'InternalError', $metadata: { httpStatusCode: 500 } });
    const denied = Object.assign(new Error('not authorized'), { name: 'AccessDenied', $metadata: { httpStatusCode: 403 } });
    expect(isRetryable(e500)).toBe(true);
    expect(isRetryable(denied)).toBe(false);
    expect(isRetryable(Object.assign(new Error('x'), { name: 'Throttling' }))).toBe(true);
    expect(isRetryable(Object.assign(new Error('x'), { code: 'ECONNRESET' }))).toBe(true);

    mock
      .on(ListResourceRecordSetsCommand)
      .rejectsOnce(e500)
      .resolves({ ResourceRecordSets: [blueAlias, greenAlias], IsTruncated: false, MaxItems: 100 });
    const clock = fakeClock();
    await expect(provider({}, clock).read()).resolves.toMatchObject({ weights: { blue: 100, green: 0 } });

    mock.reset();
    mock.on(ListResourceRecordSetsCommand).rejects(denied);
    const err = await provider({}, fakeClock())
      .read()
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Failure);
    expect((err as Failure).message).toBe('Route53 refused the credentials: not authorized');
    expect(mock.commandCalls(ListResourceRecordSetsCommand)).toHaveLength(1);
  });
});

describe('route53 bad input: clear error, nothing submitted', () => {
  const cases: [string, ResourceRecordSet[], Partial<Route53Options>, Plan, string][] = [
    [
      'unknown set identifier',
      [blueAlias, greenAlias],
      { ids: { blue: 'shop-blue', green: 'shop-grene' } },
      { mode: 'switch', to: 'green', stepWaitMs: 0 },
      'Input \'green-id\': "shop-grene" is not a set identifier of the A records shop.example.com. in zone Z0123456789ABC; found: shop-blue, shop-green',
    ],
    [
      'records missing',
      [plainBlue, plainGreen],
      {},
      { mode: 'switch', to: 'green', stepWaitMs: 0 },
      'Input \'record-name\': "shop.example.com": hosted zone Z0123456789ABC holds no A record of that name (record-type "A")',
    ],
    [
      'record type not held by the zone',
      [blueAlias, greenAlias],
      { recordType: 'AAAA' },
      { mode: 'switch', to: 'green', stepWaitMs: 0 },
      'Input \'record-name\': "shop.example.com": hosted zone Z0123456789ABC holds no AAAA record of that name (record-type "AAAA")',
    ],
    [
      'an unweighted record',
      [{ ...blueAlias, Weight: undefined }, greenAlias],
      {},
      { mode: 'switch', to: 'green', stepWaitMs: 0 },
      'Input \'blue-id\': record "shop-blue" of shop.example.com. is not a weighted record (it has no Weight)',
    ],
    [
      'weights above 255',
      [blueAlias, greenAlias],
      {},
      { mode: 'rollback', weights: { blue: 256, green: 0 } },
      "Input 'previous-weights': blue weight 256 is outside 0–255",
    ],
    [
      'all-zero target weights',
      [blueAlias, greenAlias],
      {},
      { mode: 'rollback', weights: { blue: 0, green: 0 } },
      "Input 'previous-weights': sets every weight to 0",
    ],
    [
      'to: idle on a mixed state',
      [
        { ...blueAlias, Weight: 50 },
        { ...greenAlias, Weight: 50 },
      ],
      {},
      { mode: 'canary', to: 'idle', steps: [10, 100], stepWaitMs: 0 },
      'Input \'to\': "idle" is ambiguous: the current weights are blue 50 / green 50 (mixed), so neither colour is idle',
    ],
  ];
  it.each(cases)('%s', async (_name, records, opts, plan, message) => {
    zone(records);
    const err = await execute(plan, deps(provider(opts), fakeClock())).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect((err as Error).message.startsWith(message)).toBe(true);
    expect(changeCalls()).toHaveLength(0);
    expect(mock.commandCalls(GetChangeCommand)).toHaveLength(0);
  });

  it('a zone id that does not exist names the input', async () => {
    mock
      .on(ListResourceRecordSetsCommand)
      .rejects(Object.assign(new Error('No hosted zone found with ID: ZNOPE'), { name: 'NoSuchHostedZone', $metadata: { httpStatusCode: 404 } }));
    await expect(provider({ hostedZoneId: 'ZNOPE' }).read()).rejects.toThrow(
      'Input \'hosted-zone-id\': "ZNOPE" is not a hosted zone these credentials can see: No hosted zone found with ID: ZNOPE',
    );
    expect(changeCalls()).toHaveLength(0);
  });
});

describe('route53 canary', () => {
  const gate = (verdicts: boolean[]): Gate & { calls: number } => {
    const g = {
      name: 'test gate',
      calls: 0,
      evaluate: async () => {
        const passed = verdicts[g.calls++] ?? true;
        return { passed, evidence: [passed ? '✓ error rate 0.001 (threshold < 0.01)' : '✗ error rate 0.2 (threshold < 0.01)'] };
      },
    };
    return g;
  };

  it('steps 10 → 50 → 100 with a wait and a passing gate at each step', async () => {
    const z = zone([blueAlias, greenAlias]);
    const clock = fakeClock();
    const g = gate([true, true, true]);
    const report = await execute(
      { mode: 'canary', to: 'green', steps: [10, 50, 100], stepWaitMs: 120_000 },
      deps(provider({}, clock), clock, { gates: [g], drainWaitMs: 0 }),
    );
    expect(changeCalls().map((c) => c.ChangeBatch!.Changes!.map((ch) => [ch.ResourceRecordSet!.SetIdentifier, ch.ResourceRecordSet!.Weight]))).toEqual([
      [
        ['shop-blue', 90],
        ['shop-green', 10],
      ],
      [
        ['shop-blue', 50],
        ['shop-green', 50],
      ],
      [
        ['shop-blue', 0],
        ['shop-green', 100],
      ],
    ]);
    expect(g.calls).toBe(3);
    expect(clock.sleeps.filter((s) => s === 120_000)).toHaveLength(3);
    expect(report.steps.map((s) => [s.label, s.changeId, s.gatePassed])).toEqual([
      ['10% to green', 'C1', true],
      ['50% to green', 'C2', true],
      ['100% to green', 'C3', true],
    ]);
    expect(z.state.map((r) => r.Weight)).toEqual([0, 100]);
  });

  it('a failing gate restores the previous weights in one batch and reports the evidence', async () => {
    const z = zone([blueAlias, greenAlias]);
    const clock = fakeClock();
    const report = await execute(
      { mode: 'canary', to: 'green', steps: [10, 50, 100], stepWaitMs: 1000 },
      deps(provider({}, clock), clock, { gates: [gate([true, false])] }),
    );
    const batches = changeCalls().map((c) => c.ChangeBatch!.Changes!.map((ch) => ch.ResourceRecordSet!.Weight));
    expect(batches).toEqual([
      [90, 10],
      [50, 50],
      [100, 0],
    ]);
    expect(changeCalls()[2]!.ChangeBatch!.Changes).toEqual([
      { Action: 'UPSERT', ResourceRecordSet: blueAlias },
      { Action: 'UPSERT', ResourceRecordSet: greenAlias },
    ]);
    expect(report.failure).toEqual({
      step: '50% to green',
      evidence: ['[test gate] ✗ error rate 0.2 (threshold < 0.01)'],
      restore: { changeId: 'C3', effectiveMs: 0 },
    });
    expect(report.final).toEqual({ blue: 100, green: 0 });
    expect(report.changeId).toBe('C3');
    expect(z.state.map((r) => r.Weight)).toEqual([100, 0]);
    // No drain wait after a restore: the old colour never stopped serving.
    expect(report.drainMs).toBe(0);
  });

  it('never moves traffic backwards: steps at or below the current share are skipped', async () => {
    zone([
      { ...blueAlias, Weight: 40 },
      { ...greenAlias, Weight: 60 },
    ]);
    const clock = fakeClock();
    const lines: string[] = [];
    const report = await execute(
      { mode: 'canary', to: 'green', steps: [10, 50, 75, 100], stepWaitMs: 0 },
      deps(provider({}, clock), clock, { drainWaitMs: 0, log: (l) => lines.push(l) }),
    );
    expect(report.steps.map((st) => st.label)).toEqual(['75% to green', '100% to green']);
    expect(changeCalls().map((c) => c.ChangeBatch!.Changes!.map((ch) => ch.ResourceRecordSet!.Weight))).toEqual([
      [25, 75],
      [0, 100],
    ]);
    expect(lines).toContain('Skipping 2 canary step(s) at or below the share green already has');
  });

  it('reports the state read before a change that then fails, with a rollback hint', async () => {
    zone([blueAlias, greenAlias], { pendingPolls: 1_000 });
    const clock = fakeClock();
    const seen: unknown[] = [];
    const err = await execute(
      { mode: 'canary', to: 'green', steps: [10, 100], stepWaitMs: 0 },
      deps(provider({ timeoutMs: 5000 }, clock), clock, { onRead: (s) => seen.push(s.weights) }),
    ).catch((e: unknown) => e);
    expect(seen).toEqual([{ blue: 100, green: 0 }]);
    expect((err as Failure).hint).toContain('restore it with mode: rollback and previous-weights: {"blue":100,"green":0}');
    expect(changeCalls()).toHaveLength(1);
  });

  it('fqdn normalises case, the trailing dot and octal escapes', () => {
    expect(fqdn('Shop.Example.COM')).toBe('shop.example.com.');
    expect(fqdn('\\052.example.com.')).toBe('*.example.com.');
  });
});
