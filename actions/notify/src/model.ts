// The types every other module of notify shares (no I/O, no input parsing).
import type { ServiceImage } from '@switchyard/kit';

/** The events a workflow reports, in the order a deployment goes through them. */
export const EVENTS = ['started', 'succeeded', 'failed', 'rolled-back'] as const;
export type EventKind = (typeof EVENTS)[number];

/** One deployment event: what happened, where, to which release, reported by whom. */
export interface DeployEvent {
  kind: EventKind;
  environment: string;
  /** ISO 8601 time of the event. */
  at: string;
  version: string;
  commit: string;
  services: Record<string, ServiceImage>;
  repository: string;
  runUrl: string;
  actor: string;
  workflow: string;
  color: string;
  /** ISO time the deployment in this environment started, when known from the workflow. */
  startedAt: string;
  previousVersion: string;
  rollbackCommand: string;
  details: string;
}

/** Where a release stands in one environment. */
export interface EnvStatus {
  state: EventKind;
  /** ISO time of the last event. */
  at: string;
  /** ISO time the deployment started here, when known. */
  startedAt?: string;
  color?: string;
  runUrl?: string;
}

/** Where a release stands everywhere: what the live Slack message shows and carries as metadata. */
export interface ReleaseStatus {
  repository: string;
  version: string;
  commit: string;
  /** Environments in display order. */
  environments: { name: string; status?: EnvStatus }[];
}
