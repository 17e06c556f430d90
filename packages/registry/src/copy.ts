import { mapConcurrent } from '@switchyard/kit';
import { repositoryScope, type ManifestDescriptor, type RegistryClient } from './client';
import { isIndexType, type Descriptor } from './media';

/** A repository on a registry, reached through a client for that registry. */
export interface RepositoryLocation {
  client: RegistryClient;
  repository: string;
}

export interface CopyImageOptions {
  source: RepositoryLocation;
  target: RepositoryLocation;
  /** The manifest (or index) digest to copy. */
  digest: string;
  /** Tags to point at the digest in the target once everything is there. */
  tags?: string[];
  /** Blobs / child manifests in flight at once (default 6). */
  concurrency?: number;
  /** Upload chunk size for blob copies between registries (default: one streamed PATCH). */
  chunkSize?: number;
  log?: (line: string) => void;
  /**
   * Share one map across several copyImage calls into the same registry (e.g.
   * the services of a release): a blob streamed into one repository is then
   * mounted into the others instead of being streamed again.
   */
  blobCache?: BlobCache;
}

/** Target registry + blob digest → the copy in progress, resolving to the repository that holds it. */
export type BlobCache = Map<string, Promise<string>>;

export interface CopyReport extends ManifestDescriptor {
  /** The root manifest was already in the target repository (nothing transferred). */
  alreadyPresent: boolean;
  manifestsCopied: number;
  /** Blobs already in the target repository. */
  blobsPresent: number;
  /** Blobs made available by a cross-repository mount (same registry). */
  blobsMounted: number;
  /** Blobs streamed from the source registry. */
  blobsCopied: number;
  bytesCopied: number;
  /** Tags written (each now points at `digest`). */
  tags: string[];
}

/** A report of a copy that transferred nothing (yet): `alreadyPresent` when the target had the manifest. */
export function emptyCopyReport(manifest: ManifestDescriptor, alreadyPresent: boolean): CopyReport {
  return { ...manifest, alreadyPresent, manifestsCopied: 0, blobsPresent: 0, blobsMounted: 0, blobsCopied: 0, bytesCopied: 0, tags: [] };
}

/**
 * Copies one image by digest from `source` to `target` through the registry
 * API, never through a Docker engine: child manifests of an index first
 * (every platform kept), blobs before the manifest that references them
 * (HEAD → cross-repository mount on the same registry → streamed, verified
 * upload otherwise), then the manifest's exact bytes by digest, then tags.
 * A manifest already present in the target is not copied again, so re-runs
 * are cheap and idempotent.
 */
export async function copyImage(opts: CopyImageOptions): Promise<CopyReport> {
  const { source, target } = opts;
  const sameRegistry = source.client.registry === target.client.registry;
  const concurrency = opts.concurrency ?? 6;
  const report = emptyCopyReport({ digest: opts.digest, mediaType: '', size: 0 }, false);
  const blobs = new Map<string, Promise<void>>();

  const copyBlob = (d: Descriptor): Promise<void> => {
    let p = blobs.get(d.digest);
    if (!p) {
      p = (async () => {
        const key = `${target.client.registry}|${d.digest}`;
        const elsewhere = opts.blobCache?.get(key);
        let done: (repo: string) => void = () => {};
        let failed: (e: unknown) => void = () => {};
        if (opts.blobCache && !elsewhere) {
          const mine = new Promise<string>((res, rej) => {
            done = res;
            failed = rej;
          });
          mine.catch(() => undefined);
          opts.blobCache.set(key, mine);
        }
        try {
          if (elsewhere) {
            const from = await elsewhere.catch(() => undefined);
            if (from === target.repository) {
              report.blobsPresent++;
              return;
            }
            if (from && (await target.client.mountBlob(target.repository, d.digest, from))) {
              report.blobsMounted++;
              return;
            }
          }
          if (await target.client.headBlob(target.repository, d.digest)) {
            report.blobsPresent++;
          } else if (
            sameRegistry &&
            source.repository !== target.repository &&
            (await target.client.mountBlob(target.repository, d.digest, source.repository))
          ) {
            report.blobsMounted++;
          } else {
            await target.client.uploadBlob(
              target.repository,
              d.digest,
              d.size,
              async () => (await source.client.getBlob(source.repository, d.digest)).stream,
              opts.chunkSize ? { chunkSize: opts.chunkSize } : {},
            );
            report.blobsCopied++;
            report.bytesCopied += d.size;
            opts.log?.(`copied blob ${d.digest.slice(0, 19)} (${d.size} bytes) → ${target.client.registry}/${target.repository}`);
          }
          done(target.repository);
        } catch (e) {
          failed(e);
          throw e;
        }
      })();
      blobs.set(d.digest, p);
    }
    return p;
  };

  const copyManifest = async (digest: string, root: boolean): Promise<ManifestDescriptor> => {
    const present = await target.client.headManifest(target.repository, digest);
    if (present) {
      if (root) report.alreadyPresent = true;
      return present;
    }
    const m = await source.client.getManifest(source.repository, digest);
    if (isIndexType(m.mediaType)) {
      await mapConcurrent(m.parsed.manifests ?? [], concurrency, (child) => copyManifest(child.digest, false));
    } else {
      const refs = [...(m.parsed.config ? [m.parsed.config] : []), ...(m.parsed.layers ?? [])].filter((d) => !isForeign(d));
      await mapConcurrent(refs, concurrency, copyBlob);
    }
    const put = await target.client.putManifest(target.repository, digest, m.body, m.mediaType);
    report.manifestsCopied++;
    return put;
  };

  const root = await copyManifest(opts.digest, true);
  report.mediaType = root.mediaType;
  report.size = root.size;
  if (opts.tags?.length) {
    const m = await target.client.getManifest(target.repository, opts.digest);
    for (const tag of opts.tags) {
      await target.client.putManifest(target.repository, tag, m.body, m.mediaType);
      report.tags.push(tag);
    }
  }
  return report;
}

/** Non-distributable (foreign) layers are referenced by URL, never pushed to registries. */
function isForeign(d: Descriptor & { urls?: string[] }): boolean {
  return /foreign|nondistributable/.test(d.mediaType) && Array.isArray(d.urls) && d.urls.length > 0;
}

export { repositoryScope };
