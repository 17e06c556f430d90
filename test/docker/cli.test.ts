// The docker wrapper's environment policy (pure) and one real call through it.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { Docker, dockerEnv } from '@switchyard/docker/cli';

describe('dockerEnv', () => {
  it('inherits everything when nothing is set', () => {
    expect(dockerEnv({})).toEqual({});
  });

  it('sets DOCKER_HOST, the ssh wrapper first on PATH, DOCKER_CONFIG and the legacy builder', () => {
    expect(dockerEnv({ host: 'ssh://deploy@10.0.0.5:2222', sshBin: '/tmp/ssh/bin', config: '/tmp/cfg', buildkit: false }, '/usr/bin')).toEqual({
      DOCKER_HOST: 'ssh://deploy@10.0.0.5:2222',
      PATH: `/tmp/ssh/bin${delimiter}/usr/bin`,
      DOCKER_CONFIG: '/tmp/cfg',
      DOCKER_BUILDKIT: '0',
    });
  });

  it('removes DOCKER_HOST for client-only calls, and its own settings win over interpolation variables', () => {
    const env = dockerEnv({ variables: { TAG: '1', DOCKER_HOST: 'tcp://elsewhere:2375', DOCKER_CONFIG: '/x' }, host: null, config: '/mine' });
    expect(env).toEqual({ TAG: '1', DOCKER_HOST: undefined, DOCKER_CONFIG: '/mine' });
    expect('DOCKER_HOST' in env).toBe(true);
  });
});

describe('Docker', () => {
  // A stand-in CLI that records the environment it was started with.
  const dir = mkdtempSync(join(tmpdir(), 'docker-cli-unit-'));
  const bin = join(dir, 'docker');
  const out = join(dir, 'env.json');
  writeFileSync(
    bin,
    `#!/usr/bin/env node\nrequire('fs').writeFileSync(${JSON.stringify(out)}, JSON.stringify({ args: process.argv.slice(2), env: process.env }));\n`,
    {
      mode: 0o755,
    },
  );
  const seen = () => JSON.parse(readFileSync(out, 'utf8')) as { args: string[]; env: Record<string, string> };

  it('runs each endpoint with its own environment, never changing ours', async () => {
    const before = { ...process.env };
    const a = new Docker({ bin, host: 'ssh://a@10.0.0.1', config: join(dir, 'cfg-a') });
    const b = a.with({ host: 'ssh://b@10.0.0.2', buildkit: false });
    await a.query(['info']);
    expect(seen()).toMatchObject({ args: ['info'], env: { DOCKER_HOST: 'ssh://a@10.0.0.1', DOCKER_CONFIG: join(dir, 'cfg-a') } });
    expect(seen().env.DOCKER_BUILDKIT).toBeUndefined();
    await b.query(['version']);
    expect(seen()).toMatchObject({ args: ['version'], env: { DOCKER_HOST: 'ssh://b@10.0.0.2', DOCKER_CONFIG: join(dir, 'cfg-a'), DOCKER_BUILDKIT: '0' } });
    expect(process.env).toEqual(before);
    expect(a.describeEndpoint()).toBe('ssh://a@10.0.0.1');
  });
});
