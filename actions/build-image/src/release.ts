/**
 * The release manifest (schema and readers in packages/kit/src/manifest.ts): checked before the build (so a
 * mismatch fails before anything is pushed), written after the push.
 */
import { existsSync } from 'node:fs';
import { ConfigurationError, InputError, readManifest, show, withService, writeManifest, type ReleaseManifest } from '@switchyard/kit';

/**
 * The manifest this build will add its service to: the existing file, which
 * must be of the same version and commit, or a new one for `version`
 * (default: the short commit SHA) and the commit.
 */
export function prepareRelease(path: string, version: string, commit: string, created: Date): { manifest: ReleaseManifest; existed: boolean } {
  if (existsSync(path)) {
    const m = readManifest(path);
    if (version && m.version !== version) {
      throw new ConfigurationError(`release-file ${show(path)} is for version ${show(m.version)}, but this build is version ${show(version)}`, {
        hint: 'one release manifest holds one release: use a new release-file per version',
      });
    }
    if (commit && m.commit && m.commit !== commit) {
      throw new ConfigurationError(`release-file ${show(path)} was written for commit ${m.commit}, but this build is commit ${commit}`, {
        hint: 'a release is built from one commit: start a new release-file for this commit',
      });
    }
    return { manifest: m, existed: true };
  }
  const v = version || commit.slice(0, 7);
  if (!v) throw new InputError('version', `is required to create release-file ${show(path)} (GITHUB_SHA is not set either)`);
  return { manifest: { schemaVersion: 1, version: v, commit, created: created.toISOString(), services: {} }, existed: false };
}

/** Adds (or replaces) the service and writes the file atomically. */
export function recordService(path: string, base: ReleaseManifest, service: string, entry: { image: string; digest: string; tags: string[] }): ReleaseManifest {
  const m = withService(base, service, entry);
  writeManifest(path, m);
  return m;
}
