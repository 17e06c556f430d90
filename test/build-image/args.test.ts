// Pure argument building and output parsing for both builders (no daemon).
import { describe, expect, it } from '@jest/globals';
import {
  appendLabels,
  buildxBuildArgs,
  formatCacheSpec,
  isCacheExportError,
  isTransientBuildxPushError,
  isTransientRegistryError,
  legacyBuildArgs,
  parseBuildxMetadata,
  parseCacheSpec,
  parsePushDigest,
  withCacheToDefaults,
  type BuildSpec,
} from '@switchyard/docker/build';

const D1 = `sha256:${'a'.repeat(64)}`;
const D2 = `sha256:${'b'.repeat(64)}`;

function spec(over: Partial<BuildSpec> = {}): BuildSpec {
  return {
    context: '/w/app',
    dockerfile: '/w/app/Dockerfile',
    refs: ['reg.example.com/shop/catalog:abc1234', 'reg.example.com/shop/catalog:1.0.0'],
    buildArgs: new Map([
      ['BASE', 'node:24-slim'],
      ['EMPTY', ''],
    ]),
    labels: new Map([
      ['org.opencontainers.image.revision', 'abc'],
      ['team', 'shop'],
    ]),
    platforms: [],
    cacheFrom: [],
    cacheTo: [],
    pull: false,
    noCache: false,
    push: true,
    provenance: 'false',
    iidFile: '/tmp/x/iid',
    metadataFile: '/tmp/x/metadata.json',
    ...over,
  };
}

describe('legacy docker build arguments', () => {
  it('passes file, iidfile, every tag, build arg and label, and ends with -- context', () => {
    expect(legacyBuildArgs(spec())).toEqual([
      'build',
      '--file',
      '/w/app/Dockerfile',
      '--iidfile',
      '/tmp/x/iid',
      '--tag',
      'reg.example.com/shop/catalog:abc1234',
      '--tag',
      'reg.example.com/shop/catalog:1.0.0',
      '--build-arg',
      'BASE=node:24-slim',
      '--build-arg',
      'EMPTY=',
      '--label',
      'org.opencontainers.image.revision=abc',
      '--label',
      'team=shop',
      '--',
      '/w/app',
    ]);
  });

  it('uses registry caches as --cache-from images, adds target, pull and no-cache, never buildx-only flags', () => {
    const args = legacyBuildArgs(
      spec({
        target: 'runtime',
        pull: true,
        noCache: true,
        cacheFrom: [
          parseCacheSpec('reg.example.com/shop/catalog:cache')!,
          parseCacheSpec('type=gha,scope=x')!,
          parseCacheSpec('type=registry,ref=reg.example.com/shop/catalog:main')!,
        ],
        cacheTo: [parseCacheSpec('reg.example.com/shop/catalog:cache')!],
        platforms: ['linux/arm64'],
      }),
    );
    expect(args.join(' ')).toContain(
      '--target runtime --cache-from reg.example.com/shop/catalog:cache --cache-from reg.example.com/shop/catalog:main --pull --no-cache -- /w/app',
    );
    expect(args).not.toContain('--cache-to');
    expect(args).not.toContain('--platform');
    expect(args.some((a) => a.startsWith('--provenance'))).toBe(false);
    expect(args).not.toContain('--push');
  });

  it('keeps values with spaces, = and quotes as single arguments (no shell involved)', () => {
    const args = legacyBuildArgs(spec({ buildArgs: new Map([['MSG', "it's a=b c"]]), labels: new Map() }));
    expect(args).toContain("MSG=it's a=b c");
  });
});

describe('labels in one LABEL instruction (legacy builder)', () => {
  const labels = new Map([
    ['org.opencontainers.image.version', '1.0'],
    ['odd', 'a "q" \\b $HOME `t`'],
  ]);

  it('appends one LABEL to the final stage, quoted so nothing is expanded', () => {
    expect(appendLabels('FROM a AS build\nRUN make\nFROM b\nCOPY --from=build /x /x', labels)).toBe(
      'FROM a AS build\nRUN make\nFROM b\nCOPY --from=build /x /x\nLABEL "org.opencontainers.image.version"="1.0" "odd"="a \\"q\\" \\\\b \\$HOME `t`"\n',
    );
    expect(appendLabels('FROM a\r\nRUN x\r\n', new Map([['k', 'v']]))).toBe('FROM a\r\nRUN x\r\nLABEL "k"="v"\r\n');
    expect(appendLabels('FROM a\nONBUILD RUN make\n', new Map([['k', 'v']]))).toBe('FROM a\nONBUILD RUN make\nLABEL "k"="v"\n');
  });

  it('declines where appending is not safe, so --label is used instead', () => {
    expect(appendLabels('FROM a AS build\nFROM b', labels, 'build')).toBeUndefined();
    expect(appendLabels('# escape=`\nFROM a', labels)).toBeUndefined();
    expect(appendLabels('# syntax=docker/dockerfile:1\n#escape = \\\nFROM a', labels)).toBeUndefined();
    expect(appendLabels('FROM a\nRUN make \\\n# trailing comment\n', labels)).toBeUndefined();
    expect(appendLabels('FROM a', new Map([['k', 'line\nbreak']]))).toBeUndefined();
    expect(appendLabels('FROM a', new Map())).toBeUndefined();
    expect(appendLabels('# escape=` is only a directive at the top\nFROM a\n# escape=`', new Map([['k', 'v']]))).toBeUndefined();
    expect(appendLabels('FROM a\n# escape=` later is a comment', new Map([['k', 'v']]))).toBe('FROM a\n# escape=` later is a comment\nLABEL "k"="v"\n');
  });
});

describe('buildx build arguments', () => {
  it('pushes, writes metadata, and disables provenance by default (single-platform stays one manifest)', () => {
    expect(buildxBuildArgs(spec({ labels: new Map(), buildArgs: new Map() }))).toEqual([
      'buildx',
      'build',
      '--progress',
      'plain',
      '--file',
      '/w/app/Dockerfile',
      '--iidfile',
      '/tmp/x/iid',
      '--metadata-file',
      '/tmp/x/metadata.json',
      '--tag',
      'reg.example.com/shop/catalog:abc1234',
      '--tag',
      'reg.example.com/shop/catalog:1.0.0',
      '--provenance=false',
      '--push',
      '--',
      '/w/app',
    ]);
  });

  it('passes platforms, registry cache specs (cache-to mode=max by default) and provenance when asked', () => {
    const args = buildxBuildArgs(
      spec({
        platforms: ['linux/amd64', 'linux/arm64'],
        cacheFrom: [parseCacheSpec('reg.example.com/shop/catalog:cache')!, parseCacheSpec('type=gha')!],
        cacheTo: [parseCacheSpec('reg.example.com/shop/catalog:cache')!, parseCacheSpec('type=registry,ref=r.io/a:c,mode=min')!],
        provenance: 'mode=max',
        target: 'runtime',
      }),
    ).join(' ');
    expect(args).toContain('--platform linux/amd64,linux/arm64');
    expect(args).toContain('--cache-from type=registry,ref=reg.example.com/shop/catalog:cache --cache-from type=gha');
    expect(args).toContain('--cache-to type=registry,ref=reg.example.com/shop/catalog:cache,mode=max --cache-to type=registry,ref=r.io/a:c,mode=min');
    expect(args).toContain('--provenance=mode=max');
    expect(args).toContain('--target runtime');
  });

  it('loads a single-platform build when not pushing, and exports nowhere for several platforms', () => {
    expect(buildxBuildArgs(spec({ push: false }))).toContain('--load');
    expect(buildxBuildArgs(spec({ push: false }))).not.toContain('--push');
    const multi = buildxBuildArgs(spec({ push: false, platforms: ['linux/amd64', 'linux/arm64'] }));
    expect(multi).not.toContain('--load');
    expect(multi).not.toContain('--push');
  });
});

describe('cache specs', () => {
  it('reads a bare image as a registry cache and keeps buildx specs, quoted commas included', () => {
    expect(formatCacheSpec(parseCacheSpec('ghcr.io/o/app:buildcache')!)).toBe('type=registry,ref=ghcr.io/o/app:buildcache');
    expect(formatCacheSpec(parseCacheSpec('type=gha, scope=main')!)).toBe('type=gha,scope=main');
    expect(parseCacheSpec('type=local,src="/a,b"')!.attrs.get('src')).toBe('"/a,b"');
  });
  it('rejects what is neither', () => {
    expect(parseCacheSpec('type=registry')).toBeUndefined();
    expect(parseCacheSpec('ref=x')).toBeUndefined();
    expect(parseCacheSpec('type=Bad Type')).toBeUndefined();
    expect(parseCacheSpec('=x')).toBeUndefined();
  });
  it('defaults cache-to registry mode to max without overriding the user', () => {
    expect(formatCacheSpec(withCacheToDefaults(parseCacheSpec('r.io/a:c')!))).toBe('type=registry,ref=r.io/a:c,mode=max');
    expect(formatCacheSpec(withCacheToDefaults(parseCacheSpec('type=gha')!))).toBe('type=gha');
  });
});

describe('parsing docker output', () => {
  const push = [
    'The push refers to repository [127.0.0.1:5000/build-test/a]',
    '627d0a2cc326: Pushed',
    `abc1234: digest: ${D1} size: 735`,
    `1.0.0: digest: ${D2} size: 736`,
  ].join('\n');

  it('reads the digest line of docker push, for the asked tag', () => {
    expect(parsePushDigest(push, 'abc1234')).toEqual({ digest: D1, size: 735 });
    expect(parsePushDigest(push, '1.0.0')).toEqual({ digest: D2, size: 736 });
    expect(parsePushDigest(push)).toEqual({ digest: D2, size: 736 });
    expect(parsePushDigest('no digest here')).toBeUndefined();
  });

  it('reads buildx metadata (digest, image id, descriptor size) and tolerates junk', () => {
    const meta = JSON.stringify({
      'containerimage.digest': D1,
      'containerimage.config.digest': D2,
      'containerimage.descriptor': { size: 1234, digest: D1 },
      'image.name': 'x',
    });
    expect(parseBuildxMetadata(meta)).toEqual({ digest: D1, imageId: D2, manifestSize: 1234 });
    expect(parseBuildxMetadata('not json')).toEqual({});
    expect(parseBuildxMetadata(JSON.stringify({ 'containerimage.digest': 'sha256:short' }))).toEqual({});
  });

  it('tells transient registry errors from refusals', () => {
    expect(isTransientRegistryError('received unexpected HTTP status: 503 Service Unavailable')).toBe(true);
    expect(isTransientRegistryError('Put "http://r/v2/x/blobs/uploads/": read tcp 1.2.3.4->5.6.7.8: read: connection reset by peer')).toBe(true);
    expect(isTransientRegistryError('toomanyrequests: Rate exceeded')).toBe(true);
    expect(isTransientRegistryError('net/http: TLS handshake timeout')).toBe(true);
    expect(isTransientRegistryError('unauthorized: authentication required')).toBe(false);
    expect(isTransientRegistryError('denied: requested access to the resource is denied')).toBe(false);
    expect(
      isTransientRegistryError(
        "tag invalid: The image tag 'v1' already exists in the repository and cannot be overwritten because the repository is immutable",
      ),
    ).toBe(false);
    expect(isTransientRegistryError('error building image: exit code 2')).toBe(false);
  });

  it('retries buildx only for a transient push error, never for a failed RUN step', () => {
    expect(isTransientBuildxPushError('#12 pushing layers\nERROR: failed to solve: failed to push r.io/a:v1: unexpected status: 503 Service Unavailable')).toBe(
      true,
    );
    expect(
      isTransientBuildxPushError('ERROR: failed to solve: failed to do request: Head "https://r.io/v2/a/blobs/sha256:x": read: connection reset by peer'),
    ).toBe(true);
    expect(
      isTransientBuildxPushError(
        '#7 0.5 curl: (22) The requested URL returned error: 503\nERROR: failed to solve: process "/bin/sh -c curl -f http://x" did not complete successfully: exit code: 22',
      ),
    ).toBe(false);
    expect(isTransientBuildxPushError('ERROR: failed to solve: failed to push r.io/a:v1: unauthorized: authentication required')).toBe(false);
    expect(isTransientBuildxPushError('error: failed to solve: failed to push r.io/a:v1: 502 Bad Gateway')).toBe(true);
  });

  it('recognises a failed cache export, not a failed build', () => {
    expect(isCacheExportError('ERROR: Cache export is not supported for the docker driver.\nSwitch to a different driver')).toBe(true);
    expect(
      isCacheExportError(
        [
          '#14 exporting to image',
          '#14 DONE 0.3s',
          '#15 exporting cache to registry',
          '#15 ERROR: failed to push r.io/a:cache: 502 Bad Gateway',
          'ERROR: failed to solve: failed to push',
        ].join('\n'),
      ),
    ).toBe(true);
    expect(isCacheExportError('ERROR: failed to solve: failed to export cache: timeout')).toBe(true);
    // older buildx: the error summary block names the vertex; the final line alone does not say "cache"
    expect(isCacheExportError('------\n > exporting cache:\n------\nerror: failed to solve: blob not found')).toBe(true);
    expect(
      isCacheExportError(
        '#10 exporting cache to registry\n#10 writing layer sha256:0c76\n#10 ERROR: error writing manifest blob: unexpected status: 404 Not Found\nERROR: failed to solve: error writing manifest blob',
      ),
    ).toBe(true);
    expect(
      isCacheExportError(
        ['#7 [2/3] RUN make', '#7 ERROR: process "/bin/sh -c make" did not complete successfully: exit code: 2', '#15 exporting cache to registry'].join('\n'),
      ),
    ).toBe(false);
  });
});
