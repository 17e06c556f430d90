// The bundled action with the real AWS SDK against a local endpoint speaking
// Route53's REST XML (endpoint-url): the wire format of the four calls, the
// SDK's and our retries of PriorRequestNotComplete, INSYNC, the deadline.
import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { actionDir, runBundledAction } from '@switchyard/testkit';
import { recordXml, startFakeRoute53, weightOf } from './support/fake-route53';

jest.setTimeout(30_000);
const action = actionDir('switch-traffic');
const env = {
  AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
  AWS_SECRET_ACCESS_KEY: 'fake-secret-key',
  AWS_REGION: 'eu-west-1',
  AWS_EC2_METADATA_DISABLED: 'true',
  AWS_PROFILE: '',
  AWS_ENDPOINT_URL: '',
};
const alias = (id: string, weight: number, lb: string, hc: string) =>
  recordXml({
    name: 'shop.example.com.',
    type: 'A',
    id,
    weight,
    alias: { zone: 'Z35SXDOTRQ7X7K', dns: `${lb}.eu-west-1.elb.amazonaws.com.` },
    healthCheckId: hc,
  });

let fake: Awaited<ReturnType<typeof startFakeRoute53>> | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

describe('bundled switch-traffic against a Route53 wire-format endpoint', () => {
  it('switches alias records in one batch, surviving PriorRequestNotComplete, and waits for INSYNC', async () => {
    const blue = alias('shop-blue', 100, 'blue-lb', 'hc-blue');
    const green = alias('shop-green', 0, 'green-lb', 'hc-green');
    fake = await startFakeRoute53({
      zoneId: 'ZFAKE123',
      zoneName: 'example.com.',
      records: [blue, green, recordXml({ name: 'www.example.com.', type: 'A', id: 'x', weight: 1, ttl: 60, values: ['10.0.0.9'] })],
      pendingPolls: 1,
      busyChanges: 2,
    });
    const r = await runBundledAction(action, {
      env,
      inputs: {
        provider: 'route53',
        mode: 'switch',
        to: 'idle',
        'hosted-zone-name': 'example.com',
        'record-name': 'shop.example.com',
        'blue-id': 'shop-blue',
        'green-id': 'shop-green',
        'endpoint-url': fake.url,
        'drain-wait': '0s',
      },
    });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.outputs).toMatchObject({
      'previous-weights': '{"blue":100,"green":0}',
      weights: '{"blue":0,"green":100}',
      'live-color': 'green',
      'idle-color': 'blue',
      'change-id': 'C0001FAKE',
    });
    expect(Number(r.outputs['effective-seconds'])).toBeGreaterThanOrEqual(0.9);
    // One accepted batch with both UPSERTs; only <Weight> differs from what was read.
    expect(fake.changes).toHaveLength(1);
    expect(fake.changes[0]!.changes.map((c) => c.action)).toEqual(['UPSERT', 'UPSERT']);
    expect(fake.changes[0]!.changes.map((c) => c.xml.replace(/<Weight>\d+<\/Weight>/, ''))).toEqual([
      blue.xml.replace(/<Weight>\d+<\/Weight>/, ''),
      green.xml.replace(/<Weight>\d+<\/Weight>/, ''),
    ]);
    expect(fake.records.slice(0, 2).map(weightOf)).toEqual([0, 100]);
    expect(fake.changes[0]!.comment).toBe(
      'switchyard switch-traffic: blue 100 / green 0 -&gt; blue 0 / green 100 (https://github.com/switchyard/example/actions/runs/1000)',
    );
    // ListHostedZonesByName, read, 3 change attempts (2 busy), 2 polls, verify read.
    expect(fake.calls.filter((c) => c === 'ChangeResourceRecordSets')).toHaveLength(3);
    expect(fake.calls.filter((c) => c === 'GetChange')).toHaveLength(2);
    expect(fake.calls[0]).toBe('ListHostedZonesByName');
    expect(r.stdout).toContain('change C0001FAKE to reach INSYNC: change C0001FAKE is PENDING');
    expect(r.summary).toContain('| shop-blue | blue | 100 | 0 |');
    expect(r.summary).toContain('| switch to green | blue 0 / green 100 | C0001FAKE |');
  });

  it("waits the records' TTL by default (drain-wait), then reports", async () => {
    fake = await startFakeRoute53({
      zoneId: 'ZFAKE123',
      zoneName: 'example.com.',
      records: [
        recordXml({ name: 'api.example.com.', type: 'AAAA', id: 'blue', weight: 0, ttl: 1, values: ['2001:db8::1'] }),
        recordXml({ name: 'api.example.com.', type: 'AAAA', id: 'green', weight: 7, ttl: 1, values: ['2001:db8::2'] }),
      ],
    });
    const r = await runBundledAction(action, {
      env,
      inputs: {
        provider: 'route53',
        mode: 'switch',
        to: 'blue',
        'hosted-zone-id': 'ZFAKE123',
        'record-name': 'api.example.com',
        'record-type': 'AAAA',
        'endpoint-url': fake.url,
      },
    });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Waiting 1.0s for resolvers and clients holding the old answer (drain-wait)');
    expect(r.outputs).toMatchObject({ 'previous-weights': '{"blue":0,"green":7}', weights: '{"blue":100,"green":0}', 'live-color': 'blue' });
    expect(r.durationMs).toBeGreaterThan(1000);
  });

  it('status changes nothing; an unknown set identifier fails with nothing submitted', async () => {
    fake = await startFakeRoute53({
      zoneId: 'ZFAKE123',
      zoneName: 'example.com.',
      records: [alias('shop-blue', 30, 'b', 'h1'), alias('shop-green', 70, 'g', 'h2')],
    });
    const base = {
      provider: 'route53',
      'hosted-zone-id': 'ZFAKE123',
      'record-name': 'shop.example.com',
      'blue-id': 'shop-blue',
      'green-id': 'shop-green',
      'endpoint-url': fake.url,
    };
    const status = await runBundledAction(action, { env, inputs: { ...base, mode: 'status' } });
    expect(status.outputs).toMatchObject({ 'live-color': 'mixed', 'idle-color': '', weights: '{"blue":30,"green":70}' });
    const bad = await runBundledAction(action, { env, inputs: { ...base, mode: 'switch', to: 'green', 'green-id': 'shop-grene' } });
    expect(bad.code).toBe(1);
    expect(bad.annotations.map((a) => a.message)).toEqual([
      'Input \'green-id\': "shop-grene" is not a set identifier of the A records shop.example.com. in zone ZFAKE123; found: shop-blue, shop-green',
    ]);
    expect(fake.calls).not.toContain('ChangeResourceRecordSets');
  });

  it('a change that never reaches INSYNC fails at the deadline with its change id', async () => {
    fake = await startFakeRoute53({
      zoneId: 'ZFAKE123',
      zoneName: 'example.com.',
      records: [alias('shop-blue', 100, 'b', 'h1'), alias('shop-green', 0, 'g', 'h2')],
      pendingPolls: 1_000,
    });
    const r = await runBundledAction(action, {
      env,
      inputs: {
        provider: 'route53',
        mode: 'switch',
        to: 'green',
        'hosted-zone-id': 'ZFAKE123',
        'record-name': 'shop.example.com',
        'blue-id': 'shop-blue',
        'green-id': 'shop-green',
        'endpoint-url': fake.url,
        timeout: '2500ms',
      },
    });
    expect(r.code).toBe(1);
    expect(r.annotations[0]!.message).toBe(
      'Route53 change C0001FAKE did not reach INSYNC within 2.5s (last: change C0001FAKE is PENDING)\nHint: the change was accepted and will still propagate; check it with: aws route53 get-change --id C0001FAKE; ' +
        'traffic may be left part-way (at step switch to green); restore it with mode: rollback and previous-weights: {"blue":100,"green":0} (this step\'s previous-weights output)',
    );
    // previous-weights is an output even though the step failed, for an `if: failure()` rollback.
    expect(r.outputs).toEqual({ 'previous-weights': '{"blue":100,"green":0}' });
    expect(r.durationMs).toBeLessThan(6000);
  });
});
