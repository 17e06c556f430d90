import {
  CreateDBSnapshotCommand,
  DBInstanceNotFoundFault,
  DBSnapshotAlreadyExistsFault,
  DescribeDBInstancesCommand,
  DescribeDBSnapshotsCommand,
  RDSClient,
} from '@aws-sdk/client-rds';
import { afterEach, describe, expect, it } from '@jest/globals';
import { mockClient } from 'aws-sdk-client-mock';
import { createRdsClient, createSnapshot, snapshotId, waitForInstance } from '../../actions/init-db/src/rds';

const rds = mockClient(RDSClient);
afterEach(() => {
  rds.reset();
});

const client = new RDSClient({ region: 'eu-west-1', credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'test' } });
const instance = (status: string, endpoint = true) => ({
  DBInstances: [
    {
      DBInstanceIdentifier: 'shop-uat',
      DBInstanceStatus: status,
      Engine: 'mysql',
      ...(endpoint ? { Endpoint: { Address: 'shop-uat.abc.eu-west-1.rds.amazonaws.com', Port: 3306 } } : {}),
    },
  ],
});
/** Instant waits: a fake clock that advances by each sleep. */
function clock() {
  let t = 0;
  return { now: () => t, sleep: async (ms: number) => void (t += ms) };
}

describe('waitForInstance', () => {
  it('waits through creating and backing-up, printing each state once, then returns the endpoint', async () => {
    rds
      .on(DescribeDBInstancesCommand)
      .resolvesOnce(instance('creating', false))
      .resolvesOnce(instance('creating', false))
      .resolvesOnce(instance('backing-up'))
      .resolvesOnce(instance('backing-up'))
      .resolves(instance('available'));
    const lines: string[] = [];
    const ep = await waitForInstance(client, 'shop-uat', { timeoutMs: 600_000, log: (l) => lines.push(l), timing: clock() });
    expect(ep).toEqual({ host: 'shop-uat.abc.eu-west-1.rds.amazonaws.com', port: 3306, engine: 'mysql', status: 'available' });
    expect(lines.map((l) => l.replace(/ \([^)]*\)$/, ''))).toEqual([
      'RDS instance shop-uat: status creating, no endpoint yet',
      'RDS instance shop-uat: status backing-up',
    ]);
    const calls = rds.commandCalls(DescribeDBInstancesCommand);
    expect(calls).toHaveLength(5);
    expect(calls[0]!.args[0].input).toEqual({ DBInstanceIdentifier: 'shop-uat' });
  });

  it('fails clearly when the instance does not exist', async () => {
    rds.on(DescribeDBInstancesCommand).rejects(new DBInstanceNotFoundFault({ message: 'DBInstance nope not found.', $metadata: {} }));
    await expect(waitForInstance(client, 'nope', { timeoutMs: 60_000, log: () => undefined, timing: clock() })).rejects.toThrow(
      'RDS instance nope was not found in region eu-west-1',
    );
  });

  it('fails fast on a stopped instance, and at the deadline on one that stays modifying', async () => {
    rds.on(DescribeDBInstancesCommand).resolves(instance('stopped'));
    await expect(waitForInstance(client, 'shop-uat', { timeoutMs: 60_000, log: () => undefined, timing: clock() })).rejects.toThrow(
      'RDS instance shop-uat is stopped; it will not become available by waiting',
    );
    rds.reset();
    rds.on(DescribeDBInstancesCommand).resolves(instance('modifying'));
    await expect(waitForInstance(client, 'shop-uat', { timeoutMs: 60_000, log: () => undefined, timing: clock() })).rejects.toThrow(
      /Timed out after 1m00s waiting for RDS instance shop-uat; last state: status modifying/,
    );
  });
});

describe('snapshots', () => {
  it('names snapshots from instance, version and run within RDS rules', () => {
    expect(snapshotId('shop-uat', '1.10', '123456', '2')).toBe('shop-uat-before-v1-10-run123456-2');
    expect(snapshotId('db', '', 'local', '1')).toBe('db-before-v0-runlocal-1');
    const long = snapshotId(`a${'b'.repeat(70)}`, '2026.11.26', '9'.repeat(200), '1');
    expect(long.length).toBeLessThanOrEqual(255);
    expect(long).toMatch(/^[A-Za-z](?:[A-Za-z0-9]|-(?!-))*[A-Za-z0-9]$/);
  });

  it('creates the snapshot with tags and waits until it is available', async () => {
    rds.on(CreateDBSnapshotCommand).resolves({});
    rds
      .on(DescribeDBSnapshotsCommand)
      .resolvesOnce({ DBSnapshots: [{ Status: 'creating', PercentProgress: 0 }] })
      .resolvesOnce({ DBSnapshots: [{ Status: 'creating', PercentProgress: 60 }] })
      .resolves({ DBSnapshots: [{ Status: 'available', PercentProgress: 100 }] });
    const lines: string[] = [];
    const id = await createSnapshot(client, 'shop-uat', 'shop-uat-before-v3-run1-1', {
      timeoutMs: 600_000,
      log: (l) => lines.push(l),
      tags: { 'switchyard:run-id': '1/1' },
      timing: clock(),
    });
    expect(id).toBe('shop-uat-before-v3-run1-1');
    expect(rds.commandCalls(CreateDBSnapshotCommand)[0]!.args[0].input).toEqual({
      DBInstanceIdentifier: 'shop-uat',
      DBSnapshotIdentifier: 'shop-uat-before-v3-run1-1',
      Tags: [{ Key: 'switchyard:run-id', Value: '1/1' }],
    });
    expect(rds.commandCalls(DescribeDBSnapshotsCommand)[0]!.args[0].input).toEqual({ DBSnapshotIdentifier: 'shop-uat-before-v3-run1-1' });
    expect(lines.map((l) => l.replace(/ \([^)]*\)$/, ''))).toEqual([
      'Creating snapshot shop-uat-before-v3-run1-1 of shop-uat',
      'snapshot shop-uat-before-v3-run1-1: creating 0%',
      'snapshot shop-uat-before-v3-run1-1: creating 60%',
    ]);
  });

  it('reuses a snapshot this run already created (a retried step), and fails on a failed snapshot', async () => {
    rds.on(CreateDBSnapshotCommand).rejects(new DBSnapshotAlreadyExistsFault({ message: 'exists', $metadata: {} }));
    rds.on(DescribeDBSnapshotsCommand).resolves({ DBSnapshots: [{ Status: 'available' }] });
    await expect(createSnapshot(client, 'shop-uat', 's-1', { timeoutMs: 60_000, log: () => undefined, timing: clock() })).resolves.toBe('s-1');
    rds.reset();
    rds.on(CreateDBSnapshotCommand).resolves({});
    rds.on(DescribeDBSnapshotsCommand).resolves({ DBSnapshots: [{ Status: 'failed' }] });
    await expect(createSnapshot(client, 'shop-uat', 's-2', { timeoutMs: 60_000, log: () => undefined, timing: clock() })).rejects.toThrow(
      'Snapshot s-2 of shop-uat is failed; no migration was applied',
    );
  });
});

describe('client options', () => {
  it('honours endpoint-url, then AWS_ENDPOINT_URL, and the region', async () => {
    const saved = { ...process.env };
    try {
      process.env.AWS_ENDPOINT_URL = 'http://127.0.0.1:4566';
      process.env.AWS_REGION = 'eu-central-1';
      const fromEnv = await createRdsClient({ region: '', endpointUrl: '' });
      expect(await fromEnv.config.region()).toBe('eu-central-1');
      expect((await fromEnv.config.endpoint!()).hostname).toBe('127.0.0.1');
      const explicit = await createRdsClient({ region: 'us-east-2', endpointUrl: 'http://localhost:9999' });
      expect(await explicit.config.region()).toBe('us-east-2');
      expect((await explicit.config.endpoint!()).port).toBe(9999);
    } finally {
      process.env = saved;
    }
  });
});
