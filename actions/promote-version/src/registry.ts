import { core, mapConcurrent } from '@switchyard/kit';
import {
  copyImage,
  emptyCopyReport,
  isLoopbackHost,
  notInInsecureRegistries,
  PlainHttpRegistryError,
  RegistryClient,
  type BlobCache,
  type CopyReport,
} from '@switchyard/registry';
import { tagAction, type Inspection, type ServicePlan } from './plan';

/** The inputs every registry client is made from. */
export interface ClientInputs {
  targetRegistry: string;
  /** insecure-registries, checked: the registries spoken to over plain http besides loopback. */
  insecureRegistries: string[];
  username: string;
  password: string;
  sourceUsername: string;
  sourcePassword: string;
}

/**
 * One client per registry host, each told the insecure-registries (source and
 * target alike). The target registry uses username/password;
 * other (source) registries use source-username/source-password; a registry
 * without explicit credentials falls back to the Docker config.
 */
export class Clients {
  private readonly byHost = new Map<string, RegistryClient>();
  constructor(
    private readonly creds: ClientInputs,
    private readonly targets: Set<string>,
    readonly log: (line: string) => void = (l) => core.info(l),
  ) {}

  get(registry: string): RegistryClient {
    let c = this.byHost.get(registry);
    if (!c) {
      const isTarget = this.targets.has(registry);
      const explicit =
        isTarget && this.creds.username
          ? { username: this.creds.username, password: this.creds.password }
          : !isTarget && this.creds.sourceUsername
            ? { username: this.creds.sourceUsername, password: this.creds.sourcePassword }
            : {};
      c = new RegistryClient({
        registry,
        ...explicit,
        insecureRegistries: this.creds.insecureRegistries,
        log: this.log,
        userAgent: 'switchyard-promote-version',
      });
      this.byHost.set(registry, c);
    }
    return c;
  }

  close(): void {
    for (const c of this.byHost.values()) c.close();
  }
}

export function clientsFor(plans: ServicePlan[], creds: ClientInputs, log?: (line: string) => void): Clients {
  return new Clients(creds, new Set(plans.map((p) => p.target.registry)), log);
}

/** Checks every registry involved answers and accepts its credentials (one request each, before anything else). */
export async function checkAccess(plans: ServicePlan[], clients: Clients): Promise<void> {
  const hosts = [...new Set(plans.flatMap((p) => [p.source.registry, p.target.registry]))];
  for (const h of hosts)
    if (clients.get(h).baseUrl.startsWith('http:') && !isLoopbackHost(h)) clients.log(`${h}: plain http (listed in insecure-registries), not encrypted`);
  await Promise.all(
    hosts.map((h) =>
      clients
        .get(h)
        .ping()
        .catch((e: unknown) => {
          throw e instanceof PlainHttpRegistryError ? notInInsecureRegistries(e) : e;
        }),
    ),
  );
}

/** Reads everything the plan depends on, writing nothing: source digests, target digests, target tags. */
export async function inspect(plans: ServicePlan[], clients: Clients): Promise<Inspection[]> {
  return mapConcurrent(plans, 8, async (p) => {
    const src = clients.get(p.source.registry);
    const dst = clients.get(p.target.registry);
    const [source, targetDigest, tagDigests] = await Promise.all([
      src.headManifest(p.source.repository, p.digest),
      dst.headManifest(p.target.repository, p.digest),
      Promise.all(p.tags.map(async (t) => [t, (await dst.headManifest(p.target.repository, t))?.digest] as const)),
    ]);
    return { source, targetHasDigest: targetDigest !== undefined, tags: Object.fromEntries(tagDigests) };
  });
}

export interface ServiceResult {
  plan: ServicePlan;
  copy: CopyReport;
  /** Tags written by this run (created or moved), and their previous digests. */
  tagged: { tag: string; action: 'create' | 'move' | 'unchanged'; previous: string | undefined }[];
}

/**
 * Applies a checked plan in two phases so no tag moves unless every image is
 * complete in its target: 1. copy every service's manifest(s) and blobs by
 * digest; 2. point the tags at the digests.
 */
export async function apply(
  plans: ServicePlan[],
  inspections: Inspection[],
  clients: Clients,
  log: (line: string) => void = (l) => core.info(l),
): Promise<ServiceResult[]> {
  const blobCache: BlobCache = new Map();
  const copies = await mapConcurrent(plans, 3, async (p, i) => {
    if (inspections[i]!.targetHasDigest) {
      log(`${p.service}: already present in ${p.target.registry}/${p.target.repository}@${p.digest}`);
      return alreadyThere(p.digest, inspections[i]!.source);
    }
    const report = await copyImage({
      source: { client: clients.get(p.source.registry), repository: p.source.repository },
      target: { client: clients.get(p.target.registry), repository: p.target.repository },
      digest: p.digest,
      blobCache,
      log,
    });
    log(
      `${p.service}: ${report.alreadyPresent ? 'already present in' : 'copied to'} ${p.target.registry}/${p.target.repository}@${p.digest}${copyDetail(report)}`,
    );
    return report;
  });
  return mapConcurrent(plans, 3, async (p, i) => {
    const dst = clients.get(p.target.registry);
    const current = inspections[i]!.tags;
    const tagged: ServiceResult['tagged'] = [];
    let manifest: Awaited<ReturnType<typeof dst.getManifest>> | undefined;
    for (const tag of p.tags) {
      const action = tagAction(current[tag], p.digest);
      if (action !== 'unchanged') {
        manifest ??= await dst.getManifest(p.target.repository, p.digest);
        await dst.putManifest(p.target.repository, tag, manifest.body, manifest.mediaType);
        if (action === 'move') core.warning(`${p.service}: moved tag ${p.target.registry}/${p.target.repository}:${tag} from ${current[tag]} to ${p.digest}`);
      }
      tagged.push({ tag, action, previous: current[tag] });
    }
    return { plan: p, copy: copies[i]!, tagged };
  });
}

function alreadyThere(digest: string, d: { mediaType: string; size: number } | undefined): CopyReport {
  return emptyCopyReport({ digest, mediaType: d?.mediaType ?? '', size: d?.size ?? 0 }, true);
}

function copyDetail(r: CopyReport): string {
  if (r.alreadyPresent) return '';
  const parts = [`${r.manifestsCopied} manifest(s)`];
  if (r.blobsMounted) parts.push(`${r.blobsMounted} blob(s) mounted`);
  if (r.blobsCopied) parts.push(`${r.blobsCopied} blob(s) copied (${(r.bytesCopied / 1e6).toFixed(1)} MB)`);
  if (r.blobsPresent) parts.push(`${r.blobsPresent} blob(s) already there`);
  return ` (${parts.join(', ')})`;
}
