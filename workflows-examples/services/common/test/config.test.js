import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, dbConfig, intEnv, readSecret } from '../src/config.js';

const secretsDir = () => mkdtempSync(join(tmpdir(), 'shop-test-secrets-'));

test('readSecret prefers <NAME>_FILE, then /run/secrets/<name>, then the environment', () => {
  const dir = secretsDir();
  writeFileSync(join(dir, 'db_password'), 'from-swarm\n');
  const file = join(dir, 'other');
  writeFileSync(file, 'from-file');
  assert.equal(readSecret('db_password', { env: { SECRETS_DIR: dir, DB_PASSWORD_FILE: file, DB_PASSWORD: 'env' } }), 'from-file');
  assert.equal(readSecret('db_password', { env: { SECRETS_DIR: dir, DB_PASSWORD: 'env' } }), 'from-swarm', 'one trailing newline is dropped');
  assert.equal(readSecret('db_password', { env: { SECRETS_DIR: secretsDir(), DB_PASSWORD: 'env' } }), 'env');
});

test('readSecret names every place it looked when the secret is missing', () => {
  const dir = secretsDir();
  assert.throws(
    () => readSecret('db_password', { env: { SECRETS_DIR: dir } }),
    (e) => e instanceof ConfigError && e.message.includes(join(dir, 'db_password')) && e.message.includes('DB_PASSWORD_FILE'),
  );
  assert.throws(() => readSecret('db_password', { env: { DB_PASSWORD_FILE: '/nonexistent/x' } }), /DB_PASSWORD_FILE points at \/nonexistent\/x/);
  assert.equal(readSecret('db_user', { env: { SECRETS_DIR: dir }, fallback: 'shop' }), 'shop');
});

test('dbConfig reads host, port and name from the environment and credentials as secrets', () => {
  const dir = secretsDir();
  writeFileSync(join(dir, 'db_password'), 's3cret');
  const cfg = dbConfig({ SECRETS_DIR: dir, DB_HOST: '172.17.0.1', DB_PORT: '3307', DB_NAME: 'shop', DB_USER: 'app' });
  assert.deepEqual(cfg, { host: '172.17.0.1', port: 3307, database: 'shop', user: 'app', password: 's3cret' });
  assert.throws(() => dbConfig({ SECRETS_DIR: dir, DB_NAME: 'shop', DB_USER: 'app' }), /DB_HOST is required/);
  assert.throws(() => intEnv('DB_PORT', 1, { DB_PORT: '33o6' }), /DB_PORT must be a non-negative integer, got '33o6'/);
});
