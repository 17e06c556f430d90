// Pure: folding events into a release's status, and carrying that status in
// Slack message metadata so a later run finds and updates the same message
// without any store of ours.
import type { DeployEvent, EnvStatus, ReleaseStatus } from './model';
import { EVENTS } from './model';

/** Slack metadata event type of a release's live message. */
export const METADATA_EVENT_TYPE = 'switchyard_release';

export interface SlackMetadata {
  event_type: string;
  event_payload: Record<string, unknown>;
}

/**
 * The release's status after `event`: the environment's line is replaced,
 * environments keep their order (`order` first, then first seen), and a
 * finished event keeps the start time the started event recorded.
 */
export function applyEvent(previous: ReleaseStatus | undefined, event: DeployEvent, order: string[] = []): ReleaseStatus {
  const known = new Map((previous?.environments ?? []).map((e) => [e.name, e.status]));
  const names: string[] = [];
  for (const n of [...order, ...known.keys(), event.environment]) if (!names.includes(n)) names.push(n);
  const before = known.get(event.environment);
  const startedAt = event.kind === 'started' ? event.at : event.startedAt || (before?.state === 'started' ? before.at : before?.startedAt);
  const status: EnvStatus = {
    state: event.kind,
    at: event.at,
    ...(startedAt ? { startedAt } : {}),
    ...(event.color ? { color: event.color } : {}),
    ...(event.runUrl ? { runUrl: event.runUrl } : {}),
  };
  known.set(event.environment, status);
  return {
    repository: event.repository,
    version: event.version,
    commit: event.commit || previous?.commit || '',
    environments: names.map((name) => {
      const s = known.get(name);
      return s ? { name, status: s } : { name };
    }),
  };
}

/** Milliseconds from start to the last event, for a finished environment. */
export function durationMs(s: EnvStatus): number | undefined {
  if (s.state === 'started' || !s.startedAt) return undefined;
  const ms = Date.parse(s.at) - Date.parse(s.startedAt);
  return Number.isFinite(ms) && ms >= 0 ? ms : undefined;
}

export function toMetadata(s: ReleaseStatus): SlackMetadata {
  return {
    event_type: METADATA_EVENT_TYPE,
    event_payload: { schema: 1, repository: s.repository, version: s.version, commit: s.commit, status: JSON.stringify(s.environments) },
  };
}

/** The status a message's metadata carries, or undefined when it is not a release message of ours (or not this release). */
export function fromMetadata(metadata: unknown, match: { repository: string; version: string }): ReleaseStatus | undefined {
  if (typeof metadata !== 'object' || metadata === null) return undefined;
  const m = metadata as Partial<SlackMetadata>;
  if (m.event_type !== METADATA_EVENT_TYPE || typeof m.event_payload !== 'object' || m.event_payload === null) return undefined;
  const p = m.event_payload;
  if (p.schema !== 1 || p.repository !== match.repository || p.version !== match.version || typeof p.status !== 'string') return undefined;
  let raw: unknown;
  try {
    raw = JSON.parse(p.status);
  } catch {
    return undefined;
  }
  if (!Array.isArray(raw)) return undefined;
  const environments: ReleaseStatus['environments'] = [];
  for (const e of raw as unknown[]) {
    if (typeof e !== 'object' || e === null || typeof (e as { name?: unknown }).name !== 'string') return undefined;
    const { name, status } = e as { name: string; status?: unknown };
    environments.push(isEnvStatus(status) ? { name, status } : { name });
  }
  return { repository: p.repository, version: p.version, commit: typeof p.commit === 'string' ? p.commit : '', environments };
}

function isEnvStatus(v: unknown): v is EnvStatus {
  if (typeof v !== 'object' || v === null) return false;
  const s = v as Record<string, unknown>;
  return (EVENTS as readonly unknown[]).includes(s.state) && typeof s.at === 'string';
}
