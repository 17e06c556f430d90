import type * as Route53Sdk from '@aws-sdk/client-route-53';
import type { ResourceRecordSet, Route53Client } from '@aws-sdk/client-route-53';
import {
  ConfigurationError,
  errorMessage,
  Failure,
  formatDuration,
  InputError,
  retry,
  show,
  waitFor,
  WaitTimeoutError,
  type AwsClientConfig,
  type Timing,
} from '@switchyard/kit';
import type { Member, Provider, ProviderState } from './provider';
import { COLORS, formatWeights, type Color, type Weights } from './weights';

type Sdk = typeof Route53Sdk;

/** The records to drive and the API client's settings, as the inputs describe them. */
export interface Route53Target extends Route53Records {
  /** Region and endpoint as given (empty: the standard AWS variables), resolved when the client is made. */
  client: { region: string; endpointUrl: string };
}

export interface Route53Options extends Route53Records, Timing {
  /** Appended to the change batch's comment (e.g. the run's URL). */
  commentSuffix?: string;
  log?: (line: string) => void;
}

interface Route53Records {
  hostedZoneId?: string;
  hostedZoneName?: string;
  recordName: string;
  recordType: string;
  /** SetIdentifier of each colour's record. */
  ids: Record<Color, string>;
  /** Deadline for a change to reach INSYNC (ms). */
  timeoutMs: number;
  /** Deadline for retrying one throttled / busy API call (ms). */
  callTimeoutMs?: number;
}

/** Fully qualified, lower-case, trailing dot, Route53's octal escapes (`\052` = `*`) decoded. */
export function fqdn(name: string): string {
  const decoded = name.replace(/\\(\d{3})/g, (_, oct: string) => String.fromCharCode(parseInt(oct, 8)));
  return decoded.toLowerCase().replace(/\.?$/, '.');
}

const RETRYABLE_CODES = new Set([
  'PriorRequestNotComplete',
  'Throttling',
  'ThrottlingException',
  'RequestThrottled',
  'TooManyRequestsException',
  'ServiceUnavailable',
  'InternalFailure',
]);
const NETWORK_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN', 'TimeoutError', 'RequestTimeout']);

/** PriorRequestNotComplete (one batch per zone at a time), throttling, 5xx and network errors are worth another try. */
export function isRetryable(e: unknown): boolean {
  const err = e as { name?: string; code?: string; $metadata?: { httpStatusCode?: number } };
  if (err?.name && RETRYABLE_CODES.has(err.name)) return true;
  if ((err?.name && NETWORK_CODES.has(err.name)) || (err?.code && NETWORK_CODES.has(err.code))) return true;
  const status = err?.$metadata?.httpStatusCode;
  return status !== undefined && status >= 500;
}

/** Turns an SDK error that no retry will fix into a Failure with a useful hint. */
function explain(e: unknown, zone: string): unknown {
  if (e instanceof Failure) return e;
  const name = (e as { name?: string })?.name ?? '';
  const msg = errorMessage(e);
  if (name === 'NoSuchHostedZone') return new InputError('hosted-zone-id', `${show(zone)} is not a hosted zone these credentials can see: ${msg}`);
  if (name === 'InvalidChangeBatch' || name === 'InvalidInput') return new ConfigurationError(`Route53 rejected the change: ${msg}`);
  if (name === 'AccessDenied' || name === 'AccessDeniedException' || name === 'UnrecognizedClientException' || name === 'InvalidClientTokenId') {
    return new ConfigurationError(`Route53 refused the credentials: ${msg}`, {
      hint: 'the role needs route53:ListResourceRecordSets, route53:ChangeResourceRecordSets, route53:GetChange (and route53:ListHostedZonesByName for hosted-zone-name)',
    });
  }
  if (name === 'CredentialsProviderError')
    return new ConfigurationError(`No AWS credentials: ${msg}`, { hint: 'run aws-actions/configure-aws-credentials (OIDC) before this step' });
  return e;
}

/**
 * Route53 weighted records: one record per colour sharing a name and type,
 * told apart by SetIdentifier. Every field but Weight is copied exactly as
 * read; all changes go in one UPSERT batch; GetChange is polled until INSYNC.
 */
export class Route53Provider implements Provider {
  readonly kind = 'route53';
  readonly maxWeight = 255;
  private zoneId = '';
  private records = new Map<Color, ResourceRecordSet>();
  private readonly name: string;

  constructor(
    private readonly client: Route53Client,
    private readonly sdk: Sdk,
    private readonly opts: Route53Options,
  ) {
    this.name = fqdn(opts.recordName);
  }

  /**
   * Calls the API, retrying what is worth retrying with jittered backoff.
   * This is the one retry layer: the client is made with `maxAttempts: 1`
   * (createRoute53Provider), so a call's deadline is `callTimeoutMs`, not a
   * product of two layers.
   */
  private call<T>(label: string, fn: () => Promise<T>): Promise<T> {
    const { log, now, sleep, random } = this.opts;
    return retry(fn, {
      label,
      timeoutMs: this.opts.callTimeoutMs ?? 120_000,
      initialMs: 500,
      maxMs: 8_000,
      retryable: isRetryable,
      log,
      now,
      sleep,
      random,
    }).catch((e: unknown) => {
      throw explain(e, this.zoneId || this.opts.hostedZoneId || '');
    });
  }

  private async resolveZone(): Promise<string> {
    if (this.zoneId) return this.zoneId;
    if (this.opts.hostedZoneId) {
      this.zoneId = this.opts.hostedZoneId.replace(/^\/?hostedzone\//, '');
      return this.zoneId;
    }
    const zoneName = fqdn(this.opts.hostedZoneName ?? '');
    if (this.name !== zoneName && !this.name.endsWith(`.${zoneName}`)) {
      throw new InputError('record-name', `${show(this.opts.recordName)} is not inside the zone ${show(zoneName)} (hosted-zone-name)`);
    }
    const r = await this.call(`look up hosted zone ${zoneName}`, () =>
      this.client.send(new this.sdk.ListHostedZonesByNameCommand({ DNSName: zoneName, MaxItems: 100 })),
    );
    const matches = (r.HostedZones ?? []).filter((z) => fqdn(z.Name ?? '') === zoneName);
    if (matches.length === 0)
      throw new InputError('hosted-zone-name', `${show(this.opts.hostedZoneName)}: no hosted zone of that name is visible to these credentials`);
    if (matches.length > 1) {
      const ids = matches.map((z) => `${(z.Id ?? '').replace(/^\/hostedzone\//, '')}${z.Config?.PrivateZone ? ' (private)' : ' (public)'}`);
      throw new InputError(
        'hosted-zone-name',
        `${show(this.opts.hostedZoneName)} matches ${matches.length} hosted zones (${ids.join(', ')}): set hosted-zone-id to choose one`,
      );
    }
    this.zoneId = (matches[0]!.Id ?? '').replace(/^\/hostedzone\//, '');
    this.opts.log?.(`Hosted zone ${zoneName} is ${this.zoneId}`);
    return this.zoneId;
  }

  /** Every record set of our name and type, following ListResourceRecordSets paging. */
  private async listRecords(zoneId: string): Promise<ResourceRecordSet[]> {
    const out: ResourceRecordSet[] = [];
    const type = this.opts.recordType;
    let start: { StartRecordName: string; StartRecordType: string; StartRecordIdentifier?: string } = { StartRecordName: this.name, StartRecordType: type };
    for (;;) {
      const page = await this.call(`list ${type} records ${this.name}`, () =>
        this.client.send(
          new this.sdk.ListResourceRecordSetsCommand({ HostedZoneId: zoneId, ...start, MaxItems: 100 } as ConstructorParameters<
            Sdk['ListResourceRecordSetsCommand']
          >[0]),
        ),
      );
      for (const rr of page.ResourceRecordSets ?? []) {
        // Record sets come sorted by name and type: the first other one ends our set.
        if (fqdn(rr.Name ?? '') !== this.name || rr.Type !== type) return out;
        out.push(rr);
      }
      if (!page.IsTruncated || !page.NextRecordName) return out;
      if (fqdn(page.NextRecordName) !== this.name || page.NextRecordType !== type) return out;
      start = { StartRecordName: page.NextRecordName, StartRecordType: page.NextRecordType, StartRecordIdentifier: page.NextRecordIdentifier };
    }
  }

  async read(): Promise<ProviderState> {
    const zoneId = await this.resolveZone();
    const where = `zone ${zoneId} ${this.name} ${this.opts.recordType}`;
    const all = await this.listRecords(zoneId);
    if (all.length === 0) {
      throw new InputError(
        'record-name',
        `${show(this.opts.recordName)}: hosted zone ${zoneId} holds no ${this.opts.recordType} record of that name (record-type ${show(this.opts.recordType)})`,
      );
    }
    const found = all.map((r) => r.SetIdentifier ?? '(no set identifier)');
    const records = new Map<Color, ResourceRecordSet>();
    const members: Member[] = [];
    for (const color of COLORS) {
      const id = this.opts.ids[color];
      const rr = all.find((r) => r.SetIdentifier === id);
      if (!rr)
        throw new InputError(
          `${color}-id`,
          `${show(id)} is not a set identifier of the ${this.opts.recordType} records ${this.name} in zone ${zoneId}; found: ${found.join(', ')}`,
        );
      if (rr.Weight === undefined) throw new InputError(`${color}-id`, `record ${show(id)} of ${this.name} is not a weighted record (it has no Weight)`);
      records.set(color, rr);
      members.push({ color, id, weight: rr.Weight });
    }
    this.records = records;
    const ttls = [...records.values()].map((r) => (r.TTL !== undefined ? r.TTL : 60));
    return {
      weights: { blue: records.get('blue')!.Weight!, green: records.get('green')!.Weight! },
      members,
      drainMs: Math.max(...ttls) * 1000,
      where,
    };
  }

  async apply(state: ProviderState, target: Weights): Promise<string> {
    const changes = COLORS.filter((c) => state.weights[c] !== target[c]).map((c) => {
      const rr = this.records.get(c);
      if (!rr) throw new Error(`bug: apply before read (${c})`);
      return { Action: 'UPSERT' as const, ResourceRecordSet: { ...rr, Weight: target[c] } };
    });
    if (changes.length === 0) throw new Error('bug: apply called without a change');
    const comment =
      `switchyard switch-traffic: ${formatWeights(state.weights)} -> ${formatWeights(target)}${this.opts.commentSuffix ? ` ${this.opts.commentSuffix}` : ''}`.slice(
        0,
        256,
      );
    const r = await this.call(`change weights of ${this.name}`, () =>
      this.client.send(new this.sdk.ChangeResourceRecordSetsCommand({ HostedZoneId: this.zoneId, ChangeBatch: { Comment: comment, Changes: changes } })),
    );
    const id = (r.ChangeInfo?.Id ?? '').replace(/^\/change\//, '');
    if (!id) throw new Error('Route53 returned no change id');
    return id;
  }

  async waitEffective(changeId: string): Promise<void> {
    try {
      await waitFor(
        async () => {
          const r = await this.call(`get change ${changeId}`, () => this.client.send(new this.sdk.GetChangeCommand({ Id: changeId })));
          const status = r.ChangeInfo?.Status ?? 'unknown';
          return status === 'INSYNC' ? { done: true, value: undefined } : { done: false, progress: `change ${changeId} is ${status}` };
        },
        {
          label: `change ${changeId} to reach INSYNC`,
          timeoutMs: this.opts.timeoutMs,
          initialMs: 1000,
          maxMs: 10_000,
          factor: 2,
          log: this.opts.log,
          sleep: this.opts.sleep,
          now: this.opts.now,
        },
      );
    } catch (e) {
      if (e instanceof WaitTimeoutError) {
        throw new Failure(`Route53 change ${changeId} did not reach INSYNC within ${formatDuration(this.opts.timeoutMs)} (last: ${e.lastProgress})`, {
          hint: `the change was accepted and will still propagate; check it with: aws route53 get-change --id ${changeId}`,
        });
      }
      throw e;
    }
  }
}

/**
 * Creates the provider, loading the AWS SDK only now (it is the heavy part of
 * the bundle). The SDK's own retries are off (`maxAttempts: 1`): `call()`
 * retries PriorRequestNotComplete, throttling, 5xx and network errors with
 * its own deadline, logging each attempt.
 */
export async function createRoute53Provider(config: AwsClientConfig, opts: Route53Options): Promise<Route53Provider> {
  const sdk = await import('@aws-sdk/client-route-53');
  return new Route53Provider(new sdk.Route53Client({ ...config, maxAttempts: 1 }), sdk, opts);
}
