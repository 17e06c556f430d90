/**
 * Amazon RDS: find an instance's endpoint and wait until it is `available`;
 * take a manual snapshot and wait until it is `available`. The client is
 * passed in (tests use aws-sdk-client-mock); `@aws-sdk/client-rds` is loaded
 * only on the RDS path.
 */
import type { RDSClient } from '@aws-sdk/client-rds';
import { awsClientConfig, ConfigurationError, Failure, waitFor, type Timing } from '@switchyard/kit';

export interface RdsWaitOptions {
  timeoutMs: number;
  log: (line: string) => void;
  timing?: Timing;
  /** First/largest poll interval (ms); default 5 s → 30 s. */
  pollMs?: number;
  maxPollMs?: number;
}

export interface RdsEndpoint {
  host: string;
  port: number;
  engine: string;
  status: string;
}

/** Statuses an instance does not leave by itself: waiting for `available` would be pointless. */
const STUCK = new Set([
  'failed',
  'stopped',
  'stopping',
  'deleting',
  'inaccessible-encryption-credentials',
  'inaccessible-encryption-credentials-recoverable',
  'incompatible-network',
  'incompatible-option-group',
  'incompatible-parameters',
  'incompatible-restore',
  'incompatible-credentials',
  'restore-error',
  'storage-full',
]);

export async function createRdsClient(opts: { region: string; endpointUrl: string }): Promise<RDSClient> {
  const { RDSClient } = await import('@aws-sdk/client-rds');
  const config = awsClientConfig({ region: opts.region, endpointUrl: opts.endpointUrl, action: 'init-db' });
  return new RDSClient(config);
}

const errorName = (e: unknown) => (e as { name?: string } | undefined)?.name ?? '';

/** DescribeDBInstances until the instance is `available`; returns its endpoint. */
export async function waitForInstance(client: RDSClient, instanceId: string, opts: RdsWaitOptions): Promise<RdsEndpoint> {
  const { DescribeDBInstancesCommand } = await import('@aws-sdk/client-rds');
  return waitFor<RdsEndpoint>(
    async () => {
      let out;
      try {
        out = await client.send(new DescribeDBInstancesCommand({ DBInstanceIdentifier: instanceId }));
      } catch (e) {
        if (errorName(e) === 'DBInstanceNotFoundFault' || errorName(e) === 'DBInstanceNotFound') {
          throw new ConfigurationError(`RDS instance ${instanceId} was not found in region ${await client.config.region()}`, {
            hint: 'check rds-instance-id and aws-region (and the credentials’ account)',
          });
        }
        throw e;
      }
      const db = out.DBInstances?.[0];
      if (!db) throw new Failure(`RDS instance ${instanceId} was not found (DescribeDBInstances returned no instance)`);
      const status = db.DBInstanceStatus ?? 'unknown';
      if (STUCK.has(status))
        throw new Failure(`RDS instance ${instanceId} is ${status}; it will not become available by waiting`, {
          hint: status === 'stopped' ? 'start the instance first' : 'see the RDS console for the instance',
        });
      if (status === 'available' && db.Endpoint?.Address) {
        return { done: true, value: { host: db.Endpoint.Address, port: db.Endpoint.Port ?? 3306, engine: db.Engine ?? '', status } };
      }
      return { done: false, progress: `status ${status}${db.Endpoint?.Address ? '' : ', no endpoint yet'}` };
    },
    {
      label: `RDS instance ${instanceId}`,
      timeoutMs: opts.timeoutMs,
      initialMs: opts.pollMs ?? 5000,
      maxMs: opts.maxPollMs ?? 30_000,
      log: opts.log,
      ...opts.timing,
    },
  );
}

/**
 * A manual snapshot identifier from the instance, the version being migrated
 * to and the run: `<instance>-before-v<version>-run<id>-<attempt>`, within
 * RDS rules (letters, digits, single hyphens, starts with a letter, ≤ 255).
 */
export function snapshotId(instanceId: string, version: string, runId: string, attempt: string): string {
  const raw = `${instanceId}-before-v${version || '0'}-run${runId}-${attempt}`;
  let id = raw
    .replace(/[^A-Za-z0-9-]/g, '-')
    .replace(/-+/g, '-')
    .replace(/-$/, '');
  if (!/^[A-Za-z]/.test(id)) id = `s-${id}`;
  return id.slice(0, 255).replace(/-$/, '');
}

/** CreateDBSnapshot (reusing one of this name from a retried step), then waits until it is `available`. */
export async function createSnapshot(
  client: RDSClient,
  instanceId: string,
  id: string,
  opts: RdsWaitOptions & { tags?: Record<string, string> },
): Promise<string> {
  const { CreateDBSnapshotCommand, DescribeDBSnapshotsCommand } = await import('@aws-sdk/client-rds');
  try {
    await client.send(
      new CreateDBSnapshotCommand({
        DBInstanceIdentifier: instanceId,
        DBSnapshotIdentifier: id,
        Tags: Object.entries(opts.tags ?? {}).map(([Key, Value]) => ({ Key, Value })),
      }),
    );
    opts.log(`Creating snapshot ${id} of ${instanceId}`);
  } catch (e) {
    if (errorName(e) !== 'DBSnapshotAlreadyExistsFault') throw e;
    opts.log(`Snapshot ${id} already exists (this step ran before); waiting for it`);
  }
  await waitFor<true>(
    async () => {
      const out = await client.send(new DescribeDBSnapshotsCommand({ DBSnapshotIdentifier: id }));
      const snap = out.DBSnapshots?.[0];
      const status = snap?.Status ?? 'not visible yet';
      if (status === 'available') return { done: true, value: true };
      if (status === 'failed' || status === 'deleted' || status === 'deleting')
        throw new Failure(`Snapshot ${id} of ${instanceId} is ${status}; no migration was applied`);
      return { done: false, progress: `${status}${snap?.PercentProgress !== undefined ? ` ${snap.PercentProgress}%` : ''}` };
    },
    { label: `snapshot ${id}`, timeoutMs: opts.timeoutMs, initialMs: opts.pollMs ?? 5000, maxMs: opts.maxPollMs ?? 30_000, log: opts.log, ...opts.timing },
  );
  return id;
}
