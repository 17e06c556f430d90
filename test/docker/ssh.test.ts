import { existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { cleanUpSsh, knownHostsCovers, knownHostsName, parseDockerHost, setUpSsh } from '@switchyard/docker/ssh';

describe('docker-host', () => {
  it('parses ssh://user@host[:port]', () => {
    expect(parseDockerHost('docker-host', 'ssh://deploy@10.0.0.5')).toEqual({ url: 'ssh://deploy@10.0.0.5', user: 'deploy', host: '10.0.0.5', port: 22 });
    expect(parseDockerHost('docker-host', 'ssh://root@manager.example.com:2222')).toMatchObject({
      host: 'manager.example.com',
      port: 2222,
      url: 'ssh://root@manager.example.com:2222',
    });
    expect(parseDockerHost('docker-host', '')).toBeUndefined();
  });
  it.each([
    ['tcp://10.0.0.5:2376', /is not supported/],
    ['root@10.0.0.5', /is not supported/],
    ['ssh://root@host/path', /has a path/],
    ['ssh://root:pw@host', /contains a password/],
    ['ssh://root@host:99999', /not a valid URL|invalid port/],
    ['ssh://ro ot@host', /not a valid URL|invalid user/],
  ])('rejects %s naming the input', (value, why) => {
    expect(() => parseDockerHost('docker-host', value)).toThrow(/^Input 'docker-host': /);
    expect(() => parseDockerHost('docker-host', value)).toThrow(why);
  });
});

describe('known_hosts', () => {
  const h = parseDockerHost('docker-host', 'ssh://root@127.0.0.1:2222')!;
  it('uses [host]:port for non-default ports', () => {
    expect(knownHostsName(h)).toBe('[127.0.0.1]:2222');
    expect(knownHostsName(parseDockerHost('x', 'ssh://a@b.example')!)).toBe('b.example');
  });
  it('finds plain, listed, wildcard and hashed entries, and nothing for another host', () => {
    expect(knownHostsCovers('[127.0.0.1]:2222 ssh-ed25519 AAAA', h)).toBe(true);
    expect(knownHostsCovers('other,[127.0.0.1]:2222 ssh-ed25519 AAAA', h)).toBe(true);
    expect(knownHostsCovers('@cert-authority [127.0.0.*]:2222 ssh-ed25519 AAAA', h)).toBe(true);
    expect(knownHostsCovers('|1|abc=|def= ssh-ed25519 AAAA', h)).toBe(true);
    expect(knownHostsCovers('127.0.0.1 ssh-ed25519 AAAA\n# [127.0.0.1]:2222 x', h)).toBe(false);
  });
});

describe('private ssh directory', () => {
  it('writes key, known_hosts, config and a wrapper privately, and removes only its own directory', () => {
    const parent = mkdtempSync(join(tmpdir(), 'dss-ssh-unit-'));
    const host = parseDockerHost('docker-host', 'ssh://root@127.0.0.1:2222')!;
    const a = setUpSsh({ parent, host, privateKey: 'KEY\r\n', knownHosts: 'KH' });
    const b = setUpSsh({ parent, host, privateKey: 'KEY2', knownHosts: 'KH2' });
    expect(a.dir).not.toBe(b.dir);
    expect(statSync(a.dir).mode & 0o777).toBe(0o700);
    expect(statSync(join(a.dir, 'id')).mode & 0o777).toBe(0o600);
    expect(readFileSync(join(a.dir, 'id'), 'utf8')).toBe('KEY\n');
    const config = readFileSync(join(a.dir, 'config'), 'utf8');
    expect(config).toContain('StrictHostKeyChecking yes');
    expect(config).toContain(`UserKnownHostsFile "${join(a.dir, 'known_hosts')}"`);
    expect(config).not.toMatch(/StrictHostKeyChecking (no|accept-new)/);
    expect(readFileSync(join(a.dir, 'bin/ssh'), 'utf8')).toMatch(/^#!\/bin\/sh\nexec '\/.*ssh' -F '.*\/config' "\$@"\n$/);
    expect(a.env.PATH.startsWith(join(a.dir, 'bin'))).toBe(true);
    expect(a.env.DOCKER_HOST).toBe('ssh://root@127.0.0.1:2222');
    expect(() => cleanUpSsh('/etc', parent)).toThrow(/refusing to remove/);
    expect(() => cleanUpSsh(join(parent, '..'), parent)).toThrow(/refusing to remove/);
    expect(cleanUpSsh(a.dir, parent)).toBe(true);
    expect(existsSync(a.dir)).toBe(false);
    expect(existsSync(b.dir)).toBe(true);
    expect(cleanUpSsh(a.dir, parent)).toBe(false);
    cleanUpSsh(b.dir, parent);
  });
});
