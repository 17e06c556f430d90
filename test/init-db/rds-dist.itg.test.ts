// The RDS path through the bundled dist: the action's lazily loaded
// @aws-sdk/client-rds talks (via endpoint-url) to a small local stand-in for
// the RDS Query API, which reports the local MariaDB as the instance endpoint.
// Proves the bundle's RDS chunk, endpoint-url, the snapshot ordering and the
// outputs, as a runner would see them.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { cleanTemps, db, dbName, dropDatabases, errors, rows, runInitDb, tempDir } from './support';

jest.setTimeout(60_000);

const DB = dbName('rdsdist');
const calls: { action: string; params: URLSearchParams; tables: number }[] = [];
let describeCount = 0;
let server: http.Server;
let endpoint = '';

const xml = (action: string, result: string) =>
  `<?xml version="1.0"?>\n<${action}Response xmlns="http://rds.amazonaws.com/doc/2014-10-31/"><${action}Result>${result}</${action}Result><ResponseMetadata><RequestId>req-1</RequestId></ResponseMetadata></${action}Response>`;

beforeAll(async () => {
  await dropDatabases(DB);
  server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      void (async () => {
        const params = new URLSearchParams(body);
        const action = params.get('Action') ?? '';
        const tables = action === 'CreateDBSnapshot' ? (await rows(DB, "SHOW TABLES LIKE 'widgets'")).length : -1;
        calls.push({ action, params, tables });
        res.setHeader('content-type', 'text/xml');
        if (action === 'DescribeDBInstances') {
          if (params.get('DBInstanceIdentifier') !== 'shop-uat') {
            res.statusCode = 404;
            res.end(
              `<ErrorResponse><Error><Type>Sender</Type><Code>DBInstanceNotFound</Code><Message>DBInstance ${params.get('DBInstanceIdentifier')} not found.</Message></Error><RequestId>req-2</RequestId></ErrorResponse>`,
            );
            return;
          }
          const status = describeCount++ === 0 ? 'backing-up' : 'available';
          res.end(
            xml(
              action,
              `<DBInstances><DBInstance><DBInstanceIdentifier>shop-uat</DBInstanceIdentifier><DBInstanceStatus>${status}</DBInstanceStatus><Engine>mysql</Engine><Endpoint><Address>${db().host}</Address><Port>${db().port}</Port></Endpoint></DBInstance></DBInstances>`,
            ),
          );
        } else if (action === 'CreateDBSnapshot') {
          res.end(
            xml(action, `<DBSnapshot><DBSnapshotIdentifier>${params.get('DBSnapshotIdentifier')}</DBSnapshotIdentifier><Status>creating</Status></DBSnapshot>`),
          );
        } else if (action === 'DescribeDBSnapshots') {
          res.end(
            xml(
              action,
              `<DBSnapshots><DBSnapshot><DBSnapshotIdentifier>${params.get('DBSnapshotIdentifier')}</DBSnapshotIdentifier><Status>available</Status><PercentProgress>100</PercentProgress></DBSnapshot></DBSnapshots>`,
            ),
          );
        } else {
          res.statusCode = 400;
          res.end(`<ErrorResponse><Error><Type>Sender</Type><Code>InvalidAction</Code><Message>${action}</Message></Error></ErrorResponse>`);
        }
      })();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((r) => server.close(r));
  await dropDatabases(DB);
  cleanTemps();
});

const awsEnv = { AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE', AWS_SECRET_ACCESS_KEY: 'example-secret', AWS_REGION: 'eu-west-1', GITHUB_RUN_ID: '31337' };

describe('RDS through the bundled action', () => {
  it('looks up the endpoint, waits for available, snapshots before migrating, outputs the snapshot id', async () => {
    const m = tempDir({ 'V1__widgets.sql': 'CREATE TABLE widgets (id INT PRIMARY KEY);', 'V2__gadgets.sql': 'CREATE TABLE gadgets (id INT PRIMARY KEY);' });
    const inputs = {
      'rds-instance-id': 'shop-uat',
      'endpoint-url': endpoint,
      user: db().user,
      password: db().password,
      database: DB,
      'ssl-mode': 'disabled',
      'create-database': true,
      'snapshot-before': true,
      'migrations-dir': m.dir,
    };
    const r = await runInitDb(inputs, { env: awsEnv });
    expect(errors(r)).toBe('');
    expect(r.code).toBe(0);
    expect(r.outputs).toMatchObject({ 'snapshot-id': 'shop-uat-before-v2-run31337-1', 'applied-count': '2', 'current-version': '2' });
    expect(r.stdout).toContain('RDS instance shop-uat: status backing-up');
    expect(r.stdout).toContain(`RDS instance shop-uat is available at ${db().host}:${db().port} (mysql)`);
    expect(r.summary).toContain('snapshot `shop-uat-before-v2-run31337-1`');
    const create = calls.find((c) => c.action === 'CreateDBSnapshot')!;
    expect(create.params.get('DBInstanceIdentifier')).toBe('shop-uat');
    expect(create.tables).toBe(0); // nothing applied before the snapshot
    expect(calls.map((c) => c.action)).toEqual(['DescribeDBInstances', 'DescribeDBInstances', 'CreateDBSnapshot', 'DescribeDBSnapshots']);

    // Nothing pending: no snapshot.
    calls.length = 0;
    const again = await runInitDb(inputs, { env: awsEnv });
    expect(again.code).toBe(0);
    expect(again.outputs).toMatchObject({ 'snapshot-id': '', 'applied-count': '0' });
    expect(calls.map((c) => c.action)).toEqual(['DescribeDBInstances']);
  });

  it('an unknown instance fails with a clear error', async () => {
    const m = tempDir({ 'V1__widgets.sql': 'SELECT 1;' });
    const r = await runInitDb(
      { 'rds-instance-id': 'nope', 'endpoint-url': endpoint, user: 'u', password: 'p-unknown-instance', database: DB, 'migrations-dir': m.dir },
      { env: awsEnv },
    );
    expect(r.code).toBe(1);
    expect(errors(r)).toBe('RDS instance nope was not found in region eu-west-1\nHint: check rds-instance-id and aws-region (and the credentials’ account)');
  });

  it('ssl-mode auto on RDS insists on TLS verified with the bundled Amazon RDS CAs (the local server has no TLS)', async () => {
    const m = tempDir({ 'V1__widgets.sql': 'SELECT 1;' });
    const r = await runInitDb(
      {
        'rds-instance-id': 'shop-uat',
        'endpoint-url': endpoint,
        user: db().user,
        password: db().password,
        database: DB,
        'migrations-dir': m.dir,
        'connect-timeout': '5s',
      },
      { env: awsEnv },
    );
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('(TLS verify-identity)');
    expect(errors(r)).toMatch(/^TLS connection to mysql:\/\/\S+ failed \(ssl-mode verify-identity\): .*(secure|SSL|TLS)/);
    expect(errors(r)).not.toContain('this is a bug');
  });
});
