// The sample shop's own test suites (node:test, in each service's test/)
// against the real MariaDB of the local infrastructure, as a service
// repository's CI would run them (`npm test` in each service).
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { infra, repoRoot } from '@switchyard/testkit';

// Each service's suite, and the releases' expand → migrate → contract proof
// (release 1 and 2 side by side on one database, then the contract).
const suites = ['services/common', 'services/catalog', 'services/cart', 'services/orders', 'services/gateway', 'releases'];

describe.each(suites)('workflows-examples/%s', (suite) => {
  it('passes its own tests (node --test) against the real database', () => {
    const { mysql } = infra();
    const r = spawnSync(process.execPath, ['--test', '--test-reporter=tap'], {
      cwd: join(repoRoot, 'workflows-examples', suite),
      env: {
        ...process.env,
        NODE_OPTIONS: '',
        SHOP_TEST_DATABASE_URL: `mysql://${mysql.user}:${encodeURIComponent(mysql.password)}@${mysql.host}:${mysql.port}`,
      },
      encoding: 'utf8',
      timeout: 60_000,
    });
    const out = `${r.stdout}${r.stderr}`;
    const count = (what: string) => Number(new RegExp(`^# ${what} (\\d+)$`, 'm').exec(out)?.[1] ?? NaN);
    if (r.status !== 0) console.log(out);
    expect({ status: r.status, fail: count('fail') }).toEqual({ status: 0, fail: 0 });
    expect(count('pass')).toBeGreaterThanOrEqual(3);
  }, 70_000);
});
