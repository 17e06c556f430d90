// Native-ESM Jest with ts-jest (the @actions/* packages are ESM-only).
// Run through `pnpm test`, which sets NODE_OPTIONS=--experimental-vm-modules.
// ts-jest only transpiles here; `pnpm typecheck` (tsc) is the type check.
import { createDefaultEsmPreset } from 'ts-jest';

const esm = createDefaultEsmPreset({ tsconfig: 'tsconfig.json', diagnostics: false });
const common = {
  ...esm,
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  testEnvironment: 'node',
};

export default {
  projects: [
    // Pure logic: no network, no daemons, instant.
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/test/**/*.test.ts'], testPathIgnorePatterns: ['\\.itg\\.test\\.ts$'] },
    // Real parts: Docker engine, Swarm, registries, MariaDB, nginx/HAProxy, sshd (scripts/infra.sh up).
    { ...common, displayName: 'integration', testMatch: ['<rootDir>/test/**/*.itg.test.ts'] },
  ],
};
