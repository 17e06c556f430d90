import { describe, expect, it, jest } from '@jest/globals';
import { redact } from '@switchyard/kit';
import { getInputs, parseDatabaseUrl } from '../../actions/init-db/src/inputs';
import { effectiveSslMode, sslOptions } from '../../actions/init-db/src/db';

const PW = 'S3cr!t p@ss/wörd';
const ENC = encodeURIComponent(PW);
const base = { 'migrations-dir': 'migrations' };
const inputs = (values: Record<string, string>) => getInputs((name) => ({ ...base, ...values })[name] ?? '');

/** Runs fn while capturing stdout (where ::add-mask:: goes). */
function capture<T>(fn: () => T): { value?: T; error?: Error; out: string } {
  let out = '';
  const spy = jest.spyOn(process.stdout, 'write').mockImplementation((c: string | Uint8Array) => {
    out += String(c);
    return true;
  });
  try {
    return { value: fn(), out };
  } catch (e) {
    return { error: e as Error, out };
  } finally {
    spy.mockRestore();
  }
}

describe('database-url', () => {
  it('parses user, password (percent-decoded), host, port, database and ssl-mode', () => {
    expect(parseDatabaseUrl(`mysql://app:${ENC}@db.internal:3307/shop?ssl-mode=verify-ca`)).toEqual({
      host: 'db.internal',
      port: 3307,
      user: 'app',
      password: PW,
      database: 'shop',
      sslMode: 'verify-ca',
    });
    expect(parseDatabaseUrl('mariadb://app@127.0.0.1/shop')).toEqual({ host: '127.0.0.1', port: 3306, user: 'app', password: '', database: 'shop' });
    expect(parseDatabaseUrl('mysql://a:b@h/d?ssl=true').sslMode).toBe('verify-identity');
    expect(parseDatabaseUrl('mysql://a:b@h/d?ssl=false').sslMode).toBe('disabled');
  });

  it('names the input and never shows the password in its errors', () => {
    const cases: [string, RegExp][] = [
      [`postgres://app:${ENC}@h/d`, /has protocol postgres:/],
      [`mysql://app:${ENC}@h`, /names no database/],
      [`mysql://app:${ENC}@h/d?ssl-mode=sometimes`, /ssl-mode="sometimes" is not one of auto, disabled, required, verify-ca, verify-identity/],
      [`mysql://app:${ENC}@h/d?charset=latin1`, /unknown parameter "charset"/],
      [`mysql://app:${ENC}@h:99999/d`, /is not a valid URL/],
      [`mysql://:${ENC}@h/d`, /has no user name/],
    ];
    for (const [url, message] of cases) {
      let err: Error | undefined;
      try {
        parseDatabaseUrl(url);
      } catch (e) {
        err = e as Error;
      }
      expect(err?.message).toMatch(/^Input 'database-url': /);
      expect(err?.message).toMatch(message);
      expect(err?.message).not.toContain(ENC);
      expect(err?.message).not.toContain(PW);
    }
  });
});

describe('getInputs', () => {
  it('masks the password and every form of the URL before anything else', () => {
    const url = `mysql://app:${ENC}@db:3306/shop`;
    const { value, out } = capture(() => inputs({ 'database-url': url }));
    expect(value).toMatchObject({
      host: 'db',
      port: 3306,
      user: 'app',
      password: PW,
      database: 'shop',
      sslMode: 'auto',
      historyTable: 'schema_history',
      lockTimeout: 600_000,
      connectTimeout: 60_000,
    });
    const masks = out
      .split('\n')
      .filter((l) => l.startsWith('::add-mask::'))
      .map((l) => decodeURIComponent(l.slice(12).replace(/%25/g, '%')));
    expect(masks).toEqual(expect.arrayContaining([PW, ENC, url]));
    expect(redact(`connect ${url} failed for ${PW} (${ENC})`)).toBe('connect *** failed for *** (***)');
  });

  it('masks even when the URL is rejected', () => {
    const url = `mysql://app:hunter2-secret@db/shop?nope=1`;
    const { error, out } = capture(() => inputs({ 'database-url': url }));
    expect(error?.message).toBe(`Input 'database-url': unknown parameter "nope": only ssl-mode is understood (use the ssl-ca input for a CA bundle)`);
    expect(out).toContain('::add-mask::hunter2-secret');
  });

  it('reads discrete inputs', () => {
    const { value } = capture(() =>
      inputs({
        host: '127.0.0.1',
        port: '3307',
        user: 'u',
        password: 'pw-discrete',
        database: 'shop_qa',
        'ssl-mode': 'required',
        'target-version': '01_2',
        'lock-timeout': '30s',
      }),
    );
    expect(value).toMatchObject({
      host: '127.0.0.1',
      port: 3307,
      user: 'u',
      password: 'pw-discrete',
      database: 'shop_qa',
      sslMode: 'required',
      targetVersion: '1.2',
      lockTimeout: 30_000,
    });
  });

  it('refuses bad and conflicting inputs, naming the input', () => {
    const cases: [Record<string, string>, string][] = [
      [{}, `Input 'database-url': is required (or give host, or rds-instance-id, with user, password and database)`],
      [{ 'database-url': 'mysql://a:b@h/d', host: 'x' }, `Input 'host': is set together with database-url`],
      [
        { host: 'h', user: 'u', database: 'd', 'ssl-mode': 'maybe' },
        `Input 'ssl-mode': "maybe" is not one of auto, disabled, required, verify-ca, verify-identity`,
      ],
      [{ host: 'h', user: 'u', database: 'd', 'target-version': 'v2' }, `Input 'target-version': "v2" is not valid`],
      [{ host: 'h', user: 'u', database: 'bad name' }, `Input 'database': "bad name" is not valid`],
      [{ host: 'h', user: 'u', database: 'd', 'history-table': 'a.b' }, `Input 'history-table': "a.b" is not valid`],
      [
        { host: 'h', user: 'u', database: 'd', 'history-table': 'h'.repeat(60) },
        `Input 'history-table': "${'h'.repeat(60)}" is not valid: expected a table name (letters, digits, _ $; at most 59 characters)`,
      ],
      [{ host: 'h', user: 'u', database: 'd', 'snapshot-before': 'true' }, `Input 'snapshot-before': is true but rds-instance-id is not set`],
      [{ host: 'h', user: 'u', database: 'd', 'rds-instance-id': 'db1' }, `Input 'host': is set together with rds-instance-id`],
      [
        { host: 'h', user: 'u', database: 'd', 'ssl-ca': '/nonexistent/ca.pem', 'ssl-mode': 'verify-ca' },
        `Input 'ssl-ca': "/nonexistent/ca.pem" does not exist`,
      ],
      [{ host: 'h', user: 'u', database: 'd', 'dry-run': 'yes' }, `Input 'dry-run': "yes" is not a boolean`],
      [{ host: 'h', user: 'u', database: 'd', 'migrations-dir': '' }, `Input 'migrations-dir': is required`],
      [
        { 'database-url': 'mysql://a:b@h/d?ssl-mode=disabled', 'ssl-mode': 'verify-identity' },
        `Input 'ssl-mode': "verify-identity" contradicts ssl-mode=disabled in database-url`,
      ],
    ];
    for (const [values, message] of cases) {
      const { error } = capture(() => inputs(values));
      expect(error?.message).toContain(message);
    }
  });

  it('accepts rds-instance-id with user, password and database', () => {
    const { value } = capture(() =>
      inputs({ 'rds-instance-id': 'shop-uat', user: 'app', password: 'p-rds', database: 'shop', 'snapshot-before': 'true', 'aws-region': 'eu-west-1' }),
    );
    expect(value).toMatchObject({ rdsInstanceId: 'shop-uat', host: '', snapshotBefore: true, rdsTimeout: 1_800_000 });
  });
});

describe('TLS modes', () => {
  const t = { host: 'h', port: 3306, user: 'u', password: '', database: 'd', sslCa: '' };
  it('auto is verify-identity on RDS and disabled elsewhere', () => {
    expect(effectiveSslMode({ sslMode: 'auto', rds: true })).toBe('verify-identity');
    expect(effectiveSslMode({ sslMode: 'auto', rds: false })).toBe('disabled');
  });
  it('maps modes to driver options; RDS gets the Amazon RDS CA bundle', async () => {
    expect(await sslOptions({ ...t, sslMode: 'disabled', rds: false })).toBeUndefined();
    expect(await sslOptions({ ...t, sslMode: 'required', rds: false })).toEqual({ rejectUnauthorized: false });
    expect(await sslOptions({ ...t, sslMode: 'verify-identity', rds: false })).toEqual({ rejectUnauthorized: true });
    const ca = (await sslOptions({ ...t, sslMode: 'verify-ca', rds: true })) as {
      ca: string[];
      rejectUnauthorized: boolean;
      checkServerIdentity: () => undefined;
    };
    expect(ca.rejectUnauthorized).toBe(true);
    expect(ca.checkServerIdentity()).toBeUndefined();
    expect(ca.ca.length).toBeGreaterThan(10);
    expect(ca.ca[0]).toContain('BEGIN CERTIFICATE');
  });
});
