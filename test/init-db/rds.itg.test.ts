// The RDS path end to end, in process: RDS API calls are mocked with
// aws-sdk-client-mock (the endpoint it "returns" is the local MariaDB), the
// migrations really run. Checks the order: wait for `available`, lock, then
// the snapshot before the first migration, and no snapshot when nothing is pending.
import { CreateDBSnapshotCommand, DBInstanceNotFoundFault, DescribeDBInstancesCommand, DescribeDBSnapshotsCommand, RDSClient } from '@aws-sdk/client-rds';
import { afterAll, afterEach, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { mockClient } from 'aws-sdk-client-mock';
import { getInputs } from '../../actions/init-db/src/inputs';
import { migrate } from '../../actions/init-db/src/migrate';
import { RunState } from '../../actions/init-db/src/model';
import { cleanTemps, db, dbName, dropDatabases, rows, tempDir } from './support';

jest.setTimeout(60_000);

const DB = dbName('rds');
const rds = mockClient(RDSClient);
beforeAll(() => dropDatabases(DB));
afterEach(() => {
  rds.reset();
});
afterAll(async () => {
  await dropDatabases(DB);
  cleanTemps();
});

const instance = (status: string) => ({
  DBInstances: [{ DBInstanceIdentifier: 'shop-uat', DBInstanceStatus: status, Engine: 'mysql', Endpoint: { Address: db().host, Port: db().port } }],
});
const env = { GITHUB_RUN_ID: '777', GITHUB_RUN_ATTEMPT: '2', GITHUB_ACTOR: 'mona', GITHUB_REPOSITORY: 'shop/shop' };

async function runRds(migrationsDir: string, extra: Record<string, string> = {}) {
  const values: Record<string, string> = {
    'rds-instance-id': 'shop-uat',
    'aws-region': 'eu-west-1',
    user: db().user,
    password: db().password,
    database: DB,
    'ssl-mode': 'disabled', // the local MariaDB has no TLS; RDS would default to verify-identity
    'migrations-dir': migrationsDir,
    'create-database': 'true',
    'snapshot-before': 'true',
    ...extra,
  };
  const inputs = getInputs((name) => values[name] ?? '');
  const state = new RunState();
  const lines: string[] = [];
  const client = new RDSClient({ region: 'eu-west-1', credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'test' } });
  let error: Error | undefined;
  try {
    await migrate(inputs, state, { log: (l) => lines.push(l), warn: (l) => lines.push(`warning: ${l}`), rdsClient: async () => client, env, rdsPollMs: 5 });
  } catch (e) {
    error = e as Error;
  }
  return { state, lines, error };
}

describe('RDS', () => {
  it('waits for available through creating/backing-up, snapshots before the first migration, then migrates', async () => {
    const m = tempDir({ 'V1__a.sql': 'CREATE TABLE a (id INT);', 'V1_2__b.sql': 'CREATE TABLE b (id INT);' });
    rds.on(DescribeDBInstancesCommand).resolvesOnce(instance('creating')).resolvesOnce(instance('backing-up')).resolves(instance('available'));
    let tablesAtSnapshot: unknown[] | undefined;
    rds.on(CreateDBSnapshotCommand).callsFake(async () => {
      tablesAtSnapshot = await rows(DB, "SHOW TABLES LIKE 'a'");
      return {};
    });
    rds
      .on(DescribeDBSnapshotsCommand)
      .resolvesOnce({ DBSnapshots: [{ Status: 'creating', PercentProgress: 10 }] })
      .resolves({ DBSnapshots: [{ Status: 'available', PercentProgress: 100 }] });
    const { state, lines, error } = await runRds(m.dir);
    expect(error).toBeUndefined();
    expect(state.snapshotId).toBe('shop-uat-before-v1-2-run777-2');
    expect(state.applied).toEqual(['V1__a.sql', 'V1_2__b.sql']);
    expect(tablesAtSnapshot).toEqual([]);
    const create = rds.commandCalls(CreateDBSnapshotCommand)[0]!.args[0].input;
    expect(create).toMatchObject({ DBInstanceIdentifier: 'shop-uat', DBSnapshotIdentifier: 'shop-uat-before-v1-2-run777-2' });
    expect(create.Tags).toEqual(expect.arrayContaining([{ Key: 'switchyard:run-id', Value: '777/2' }]));
    const text = lines.join('\n');
    expect(text).toContain('RDS instance shop-uat: status creating');
    expect(text).toContain('RDS instance shop-uat: status backing-up');
    expect(text).toContain(`RDS instance shop-uat is available at ${db().host}:${db().port} (mysql)`);
    expect(text).toContain('snapshot shop-uat-before-v1-2-run777-2: creating 10%');
    expect(text.indexOf('Snapshot shop-uat-before-v1-2-run777-2 is available')).toBeLessThan(text.indexOf('✓ V1 (V1__a.sql)'));
    expect(await rows(DB, 'SELECT applied_by, run_id FROM schema_history')).toEqual([
      { applied_by: 'mona', run_id: '777/2' },
      { applied_by: 'mona', run_id: '777/2' },
    ]);
  });

  it('takes no snapshot when nothing is pending, nor in a dry run', async () => {
    const m = tempDir({ 'V1__a.sql': 'CREATE TABLE a (id INT);', 'V1_2__b.sql': 'CREATE TABLE b (id INT);' });
    rds.on(DescribeDBInstancesCommand).resolves(instance('available'));
    const { state, error } = await runRds(m.dir);
    expect(error).toBeUndefined();
    expect(state.snapshotId).toBe('');
    m.write('V2__c.sql', 'CREATE TABLE c (id INT);');
    const dry = await runRds(m.dir, { 'dry-run': 'true' });
    expect(dry.error).toBeUndefined();
    expect(dry.lines.join('\n')).toContain('would create snapshot shop-uat-before-v2-run777-2 first');
    expect(rds.commandCalls(CreateDBSnapshotCommand)).toHaveLength(0);
    expect(await rows(DB, "SHOW TABLES LIKE 'c'")).toEqual([]);
  });

  it('a failed snapshot stops the run before any migration', async () => {
    const m = tempDir({ 'V1__a.sql': 'CREATE TABLE a (id INT);', 'V1_2__b.sql': 'CREATE TABLE b (id INT);', 'V3__d.sql': 'CREATE TABLE d (id INT);' });
    rds.on(DescribeDBInstancesCommand).resolves(instance('available'));
    rds.on(CreateDBSnapshotCommand).resolves({});
    rds.on(DescribeDBSnapshotsCommand).resolves({ DBSnapshots: [{ Status: 'failed' }] });
    const { state, error } = await runRds(m.dir);
    expect(error?.message).toBe('Snapshot shop-uat-before-v3-run777-2 of shop-uat is failed; no migration was applied');
    expect(state.applied).toEqual([]);
    expect(await rows(DB, "SHOW TABLES LIKE 'd'")).toEqual([]);
    expect(await rows(DB, 'SELECT * FROM schema_history_lock')).toEqual([]);
  });

  it('instance not found: a clear error, no connection attempted', async () => {
    const m = tempDir({ 'V1__a.sql': 'SELECT 1;' });
    rds.on(DescribeDBInstancesCommand).rejects(new DBInstanceNotFoundFault({ message: 'DBInstance shop-uat not found.', $metadata: {} }));
    const { error, lines } = await runRds(m.dir);
    expect(error?.message).toBe('RDS instance shop-uat was not found in region eu-west-1');
    expect(lines.join('\n')).not.toContain('connecting to');
  });
});
