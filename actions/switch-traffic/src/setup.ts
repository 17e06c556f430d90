import { awsClientConfig, runContext, runUrl, type Timing } from '@switchyard/kit';
import { Analysis } from './analysis';
import { HttpChecksGate, PrometheusGate, type Gate } from './gate';
import { HaproxyProvider } from './haproxy';
import type { GateSpec, ProviderTarget, Setup } from './inputs';
import type { Provider } from './provider';
import { createRoute53Provider } from './route53';

/** The provider the target names; the AWS SDK is loaded only for route53. */
export async function createProvider(target: ProviderTarget, log: (line: string) => void, timing: Timing = {}): Promise<Provider> {
  if (target.kind === 'haproxy') return new HaproxyProvider({ ...target.haproxy, log, ...timing });
  const { client, ...records } = target.route53;
  const config = awsClientConfig({ region: client.region, endpointUrl: client.endpointUrl, action: 'switch-traffic' });
  const url = runUrl(runContext());
  return createRoute53Provider(config, { ...records, commentSuffix: url ? `(${url})` : undefined, log, ...timing });
}

export function createGates(specs: GateSpec[], log: (line: string) => void): Gate[] {
  return specs.map((g) => (g.kind === 'http' ? new HttpChecksGate({ ...g.http, log }) : new PrometheusGate({ ...g.prometheus, log })));
}

export function createAnalysis(setup: Setup['analysis'], log: (line: string) => void, timing: Timing = {}): Analysis | undefined {
  return setup && new Analysis({ ...setup, log, ...timing });
}
