import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { redact } from '@switchyard/kit';
import { dockerConfigPath, normaliseAuthKey, resolveCredentials } from '@switchyard/registry';

function configDir(config: unknown): string {
  const dir = mkdtempSync(join(tmpdir(), 'registry-creds-'));
  writeFileSync(join(dir, 'config.json'), JSON.stringify(config));
  return dir;
}
const b64 = (s: string) => Buffer.from(s).toString('base64');

describe('resolveCredentials', () => {
  it('prefers explicit username/password and masks the password', async () => {
    const dir = configDir({ auths: { 'r.io': { auth: b64('cfg:cfgpass') } } });
    expect(await resolveCredentials('r.io', { username: 'u', password: 'explicit-pw-1', dockerConfigDir: dir })).toEqual({
      username: 'u',
      password: 'explicit-pw-1',
      source: 'inputs',
    });
    expect(redact('x explicit-pw-1 y')).toBe('x *** y');
  });

  it('rejects half of a pair', async () => {
    await expect(resolveCredentials('r.io', { username: 'u' })).rejects.toThrow(/give both a username and a password/);
  });

  it('reads base64 auth from the Docker config (password containing a colon)', async () => {
    const dir = configDir({ auths: { '127.0.0.1:5001': { auth: b64('switchyard:pa:ss-cfg-2') } } });
    const c = await resolveCredentials('127.0.0.1:5001', { dockerConfigDir: dir });
    expect(c).toEqual({ username: 'switchyard', password: 'pa:ss-cfg-2', source: join(dir, 'config.json') });
    expect(redact('pa:ss-cfg-2')).toBe('***');
  });

  it('reads username/password fields and normalises URL-style keys', async () => {
    const dir = configDir({
      auths: { 'https://ghcr.io/v2/': { username: 'me', password: 'ghp-token-3' }, 'https://index.docker.io/v1/': { auth: b64('hub:hubpw-4') } },
    });
    expect(await resolveCredentials('ghcr.io', { dockerConfigDir: dir })).toMatchObject({ username: 'me', password: 'ghp-token-3' });
    expect(await resolveCredentials('docker.io', { dockerConfigDir: dir })).toMatchObject({ username: 'hub', password: 'hubpw-4' });
    expect(await resolveCredentials('quay.io', { dockerConfigDir: dir })).toBeUndefined();
  });

  it('reads an identity token', async () => {
    const dir = configDir({ auths: { 'acr.example.io': { auth: b64('00000000-0000-0000-0000-000000000000:'), identitytoken: 'refresh-tok-5' } } });
    expect(await resolveCredentials('acr.example.io', { dockerConfigDir: dir })).toMatchObject({ identityToken: 'refresh-tok-5' });
  });

  it('finds the config through DOCKER_CONFIG, and is anonymous without one', async () => {
    const dir = configDir({ auths: { 'r.io': { auth: b64('a:env-pw-6') } } });
    expect(dockerConfigPath({ env: { DOCKER_CONFIG: dir } })).toBe(join(dir, 'config.json'));
    expect(await resolveCredentials('r.io', { env: { DOCKER_CONFIG: dir } })).toMatchObject({ username: 'a' });
    expect(await resolveCredentials('r.io', { env: { DOCKER_CONFIG: join(dir, 'missing') } })).toBeUndefined();
  });

  it('names the file when the config is not JSON', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'registry-creds-'));
    writeFileSync(join(dir, 'config.json'), '{nope');
    await expect(resolveCredentials('r.io', { dockerConfigDir: dir })).rejects.toThrow(join(dir, 'config.json'));
  });

  it('normalises auth keys', () => {
    expect(normaliseAuthKey('https://index.docker.io/v1/')).toBe('docker.io');
    expect(normaliseAuthKey('http://127.0.0.1:5000/v2/')).toBe('127.0.0.1:5000');
    expect(normaliseAuthKey('GHCR.io')).toBe('ghcr.io');
  });
});
