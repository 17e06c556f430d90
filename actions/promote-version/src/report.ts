import { Summary, formatDuration, type ReleaseManifest } from '@switchyard/kit';
import type { ServiceResult } from './registry';
import { tagAction, type Inspection, type ServicePlan } from './plan';

export interface PromotedService {
  digest: string;
  image: string;
  refs: string[];
  source: string;
  status: 'copied' | 'already-present' | 'planned';
}

/** The `promoted` output: service → digest, target image and refs, source, status. */
export function promotedOutput(plans: ServicePlan[], inspections: Inspection[], results: ServiceResult[] | undefined): Record<string, PromotedService> {
  const out: Record<string, PromotedService> = {};
  plans.forEach((p, i) => {
    const image = `${p.target.registry}/${p.target.repository}`;
    const present = results ? results[i]!.copy.alreadyPresent : inspections[i]!.targetHasDigest;
    out[p.service] = {
      digest: p.digest,
      image,
      refs: [...p.tags.map((t) => `${image}:${t}`), `${image}@${p.digest}`],
      source: `${p.source.registry}/${p.source.repository}@${p.digest}`,
      status: results ? (present ? 'already-present' : 'copied') : 'planned',
    };
  });
  return out;
}

export interface SummaryInput {
  release: ReleaseManifest;
  from: string;
  to: string;
  plans: ServicePlan[];
  inspections: Inspection[];
  results: ServiceResult[] | undefined;
  elapsedMs: number;
  dryRun: boolean;
  deploymentId?: number | undefined;
}

const short = (d: string) => d.replace(/^sha256:/, '').slice(0, 12);

export function summary(s: SummaryInput): Summary {
  const out = new Summary().heading(`Promote ${s.release.version}: ${s.from} → ${s.to}${s.dryRun ? ' (dry run)' : ''}`);
  out.text(
    `${s.plans.length} service(s) in ${formatDuration(s.elapsedMs)}${s.deploymentId !== undefined ? `, GitHub deployment ${s.deploymentId}` : ''}. Images are copied by digest through the registry API; nothing was rebuilt or pulled.`,
  );
  out.table(
    ['Service', 'Digest', 'From', 'To', 'Tags', 'Image'],
    s.plans.map((p, i) => {
      const ins = s.inspections[i]!;
      const r = s.results?.[i];
      const from = `${p.source.registry}/${p.source.repository}${p.sourceTag ? `:${p.sourceTag}` : `@${short(p.digest)}`}`;
      const tags = p.tags.map((t) => `${t}${tagNote(r ? r.tagged.find((x) => x.tag === t)?.action : tagAction(ins.tags[t], p.digest))}`).join(', ');
      const image = r ? (r.copy.alreadyPresent ? 'already present' : `copied${detail(r)}`) : ins.targetHasDigest ? 'already present' : 'to copy';
      return [p.service, short(p.digest), from, `${p.target.registry}/${p.target.repository}`, tags, image];
    }),
  );
  return out;
}

function tagNote(action: string | undefined): string {
  if (action === 'move') return ' (moved)';
  if (action === 'unchanged') return ' (unchanged)';
  return '';
}

function detail(r: ServiceResult): string {
  const c = r.copy;
  const parts: string[] = [];
  if (c.blobsMounted) parts.push(`${c.blobsMounted} mounted`);
  if (c.blobsCopied) parts.push(`${c.blobsCopied} blobs, ${(c.bytesCopied / 1e6).toFixed(1)} MB`);
  if (c.manifestsCopied > 1) parts.push(`${c.manifestsCopied} manifests`);
  return parts.length ? ` (${parts.join(', ')})` : '';
}
