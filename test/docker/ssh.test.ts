import { existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import {
  cleanUpSsh,
  CONTROL_SOCKET,
  controlPathFor,
  knownHostsCovers,
  knownHostsName,
  MAX_CONTROL_PATH_BYTES,
  parseDockerHost,
  setUpSsh,
} from '@switchyard/docker/ssh';

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
  it('writes key, known_hosts, config and a wrapper privately, and removes only its own directory', async () => {
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
    await expect(cleanUpSsh('/etc', parent)).rejects.toThrow(/refusing to remove/);
    await expect(cleanUpSsh(join(parent, '..'), parent)).rejects.toThrow(/refusing to remove/);
    // No docker call ran, so no master: cleanup has nothing to stop and just removes the directory.
    expect(await cleanUpSsh(a.dir, parent)).toBe(true);
    expect(existsSync(a.dir)).toBe(false);
    expect(existsSync(b.dir)).toBe(true);
    expect(await cleanUpSsh(a.dir, parent)).toBe(false);
    await cleanUpSsh(b.dir, parent);
  });

  it('reuses one connection through a control socket in the private directory, keeping every host key rule', async () => {
    const parent = mkdtempSync(join(tmpdir(), 'dss-ssh-unit-'));
    const host = parseDockerHost('docker-host', 'ssh://root@127.0.0.1:2222')!;
    const s = setUpSsh({ parent, host, privateKey: 'KEY', knownHosts: 'KH' });
    const config = readFileSync(join(s.dir, 'config'), 'utf8').split('\n');
    expect(s.controlPath).toBe(join(s.dir, CONTROL_SOCKET));
    expect(s.noReuse).toBeUndefined();
    expect(config).toEqual(
      expect.arrayContaining([
        '  ControlMaster auto',
        `  ControlPath "${join(s.dir, 'mux')}"`,
        '  ControlPersist 60s',
        '  StrictHostKeyChecking yes',
        `  UserKnownHostsFile "${join(s.dir, 'known_hosts')}"`,
        '  GlobalKnownHostsFile /dev/null',
        '  BatchMode yes',
        '  IdentityAgent none',
        '  IdentitiesOnly yes',
        '  PasswordAuthentication no',
      ]),
    );
    expect(config.filter((l) => /^\s*Control/.test(l))).toHaveLength(3);
    expect(config.join('\n')).not.toMatch(/StrictHostKeyChecking (no|accept-new)|ForwardAgent yes|UserKnownHostsFile \/dev\/null/);
    // Turned off: one connection per docker call, nothing else changes.
    const off = setUpSsh({ parent, host, privateKey: 'KEY', knownHosts: 'KH', reuse: false });
    const offConfig = readFileSync(join(off.dir, 'config'), 'utf8');
    expect(offConfig).toContain('  ControlMaster no\n');
    expect(offConfig).not.toMatch(/ControlPath|ControlPersist/);
    expect(off.controlPath).toBeUndefined();
    expect(off.noReuse).toBe('connection reuse is turned off');
    expect(offConfig.replace('  ControlMaster no\n', '')).toBe(
      readFileSync(join(s.dir, 'config'), 'utf8')
        .replace(/ {2}Control.*\n/g, '')
        .replaceAll(s.dir, off.dir),
    );
    await cleanUpSsh(s.dir, parent);
    await cleanUpSsh(off.dir, parent);
  });

  it('falls back to one connection per call when the directory path is too long for a UNIX socket', async () => {
    const fits = '/home/runner/work/_temp/switchyard-ssh-AbC123';
    expect(controlPathFor(fits)).toEqual({ path: `${fits}/mux` });
    const limit = '/' + 'x'.repeat(MAX_CONTROL_PATH_BYTES - 1 - 4);
    expect(Buffer.byteLength(`${limit}/mux`)).toBe(MAX_CONTROL_PATH_BYTES);
    expect(controlPathFor(limit)).toEqual({ path: `${limit}/mux` });
    expect(controlPathFor(limit + 'y')).toEqual({ reason: expect.stringMatching(/is 87 bytes, over the 86 a UNIX socket allows/) });
    // Bytes, not characters: a non-ASCII directory name counts for more.
    expect(controlPathFor('/' + 'é'.repeat(42))).toMatchObject({ reason: expect.stringContaining('is 89 bytes') });

    const parent = mkdtempSync(join(tmpdir(), 'dss-ssh-unit-' + 'p'.repeat(80)));
    const host = parseDockerHost('docker-host', 'ssh://root@127.0.0.1:2222')!;
    const lines: string[] = [];
    const write = process.stdout.write.bind(process.stdout);
    process.stdout.write = ((chunk: string) => (lines.push(String(chunk)), true)) as typeof process.stdout.write;
    let s;
    try {
      s = setUpSsh({ parent, host, privateKey: 'KEY', knownHosts: 'KH' });
    } finally {
      process.stdout.write = write;
    }
    const config = readFileSync(join(s.dir, 'config'), 'utf8');
    expect(config).toContain('  ControlMaster no\n');
    expect(config).not.toContain('ControlPath');
    expect(config).toContain('StrictHostKeyChecking yes');
    expect(s.controlPath).toBeUndefined();
    expect(s.noReuse).toMatch(/^the control socket path ".*" is 1\d\d bytes, over the 86/);
    expect(lines.join('')).toMatch(/^::debug::ssh: ControlMaster no: the control socket path .* every docker call opens its own ssh connection/m);
    await cleanUpSsh(s.dir, parent);
  });

  it('escapes % in paths, which ssh would read as a token', async () => {
    const parent = mkdtempSync(join(tmpdir(), 'dss-ssh-%h-'));
    const s = setUpSsh({ parent, host: parseDockerHost('docker-host', 'ssh://root@127.0.0.1:2222')!, privateKey: 'KEY', knownHosts: 'KH' });
    const config = readFileSync(join(s.dir, 'config'), 'utf8');
    expect(config).toContain(`ControlPath "${join(s.dir, 'mux').replace('%h', '%%h')}"`);
    expect(config).toContain(`IdentityFile "${join(s.dir, 'id').replace('%h', '%%h')}"`);
    expect(config).not.toMatch(/[^%]%h/);
    await cleanUpSsh(s.dir, parent);
  });
});
