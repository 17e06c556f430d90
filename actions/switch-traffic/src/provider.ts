import type { Color, Weights } from './weights';

/** One traffic target as the provider names it (a Route53 SetIdentifier, an HAProxy server). */
export interface Member {
  color: Color;
  id: string;
  weight: number;
  /** Why this target cannot serve traffic now (a proxy server down or in maintenance); absent when it can. */
  unavailable?: string;
}

/** The traffic layer's state as read, before anything changes. */
export interface ProviderState {
  weights: Weights;
  members: Member[];
  /** Default drain wait after a change (Route53: the records' TTL; a proxy: 0). */
  drainMs: number;
  /** Where the state lives, for logs and the summary ("zone Z123 www.example.com. A"). */
  where: string;
}

/**
 * One interface for every traffic layer: read the current state, apply a
 * whole plan atomically, wait until it is effective. The plan is validated
 * against `read()`'s result before `apply` is ever called.
 */
export interface Provider {
  readonly kind: string;
  /** Largest weight the provider accepts (Route53 255, HAProxy 256). */
  readonly maxWeight: number;
  read(): Promise<ProviderState>;
  /** Submits every weight change in one atomic change; returns its id. */
  apply(state: ProviderState, target: Weights): Promise<string>;
  /** Resolves once the change is effective everywhere; throws (naming the change id) at the deadline. */
  waitEffective(changeId: string, target: Weights): Promise<void>;
  /** Requests a colour is serving right now, where the traffic layer can tell (a proxy; not DNS). */
  inFlight?(color: Color): Promise<number>;
}
