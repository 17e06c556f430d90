import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Coordinates of the local infrastructure written by `scripts/infra.sh up`. */
export interface Infra {
  dir: string;
  registry: string;
  authRegistry: string;
  authUser: string;
  authPassword: string;
  mysql: { host: string; port: number; user: string; password: string; containerHost: string };
  ssh: { host: string; port: number; user: string; privateKey: string; knownHosts: string; wrongKnownHosts: string };
  images: { node: string; busybox: string };
  node24: string;
}

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

/**
 * Reads the infrastructure's coordinates. Throws a loud, actionable error
 * when it is not up: tests that need real services never skip silently.
 */
export function infra(): Infra {
  const dir = process.env.SWITCHYARD_INFRA_DIR ?? join(repoRoot, '.local/infra');
  const file = join(dir, 'env.json');
  if (!existsSync(file)) {
    throw new Error(`The local infrastructure is not up (${file} is missing). Run \`bash scripts/infra.sh up\` (as root) first.`);
  }
  return JSON.parse(readFileSync(file, 'utf8')) as Infra;
}

/** Absolute path of an action's directory. */
export const actionDir = (name: string) => join(repoRoot, 'actions', name);
