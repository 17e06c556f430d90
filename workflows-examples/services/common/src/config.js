// Configuration from the environment, and secrets the Swarm way.
//
// A secret `db_password` is read from, in order:
//   1. the file named by DB_PASSWORD_FILE (the `_FILE` convention of official images),
//   2. /run/secrets/db_password (where Swarm mounts a service's secrets;
//      SECRETS_DIR overrides the directory, for tests),
//   3. the environment variable DB_PASSWORD (local development only).
// Secrets never go into an image: the stack file grants them to the service.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export class ConfigError extends Error {
  name = 'ConfigError';
}

/** The value of a secret, or `fallback` when it is set nowhere. */
export function readSecret(name, { env = process.env, fallback } = {}) {
  const envName = name.toUpperCase();
  const fileVar = env[`${envName}_FILE`];
  if (fileVar) {
    if (!existsSync(fileVar)) throw new ConfigError(`${envName}_FILE points at ${fileVar}, which does not exist`);
    return stripNewline(readFileSync(fileVar, 'utf8'));
  }
  const mounted = join(env.SECRETS_DIR || '/run/secrets', name);
  if (existsSync(mounted)) return stripNewline(readFileSync(mounted, 'utf8'));
  if (env[envName] !== undefined) return env[envName];
  if (fallback !== undefined) return fallback;
  throw new ConfigError(`secret '${name}' is not set: mount it at ${mounted} (a Swarm secret), or set ${envName}_FILE or ${envName}`);
}

// `printf 'pw\n' | docker secret create` is a common slip: drop one trailing newline.
const stripNewline = (s) => s.replace(/\r?\n$/, '');

export function requireEnv(name, env = process.env) {
  const v = env[name];
  if (v === undefined || v === '') throw new ConfigError(`environment variable ${name} is required`);
  return v;
}

export function intEnv(name, fallback, env = process.env) {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new ConfigError(`environment variable ${name} must be a non-negative integer, got '${raw}'`);
  return n;
}

/** Database settings: DB_HOST, DB_PORT, DB_NAME, DB_USER (or secret db_user), secret db_password, optional DB_SSL_CA. */
export function dbConfig(env = process.env) {
  const ca = env.DB_SSL_CA;
  return {
    host: requireEnv('DB_HOST', env),
    port: intEnv('DB_PORT', 3306, env),
    database: requireEnv('DB_NAME', env),
    user: readSecret('db_user', { env }),
    password: readSecret('db_password', { env }),
    ...(ca ? { ssl: { ca: readFileSync(ca, 'utf8'), rejectUnauthorized: true } } : {}),
  };
}

/** The release this process runs, as the deploy set it (the stack file passes RELEASE_VERSION). */
export const releaseVersion = (env = process.env) => env.RELEASE_VERSION || 'unknown';
