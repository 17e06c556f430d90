import { awsClientConfig, runContext, runUrl, type Timing } from '@switchyard/kit';
import { HttpChecksGate, PrometheusGate, type Gate } from './gate';
import { HaproxyProvider } from './haproxy';
import type { Provider } from './provider';
import { createRoute53Provider } from './route53';
import type { Inputs } from './inputs';
import type { Plan } from './flow';

/** The plan the inputs describe (inputs.ts has already checked each mode's inputs). */
export function planOf(inputs: Inputs): Plan {
  switch (inputs.mode) {
    case 'status':
      return { mode: 'status' };
    case 'switch':
      return { mode: 'switch', to: inputs.to!, stepWaitMs: inputs.stepWait };
    case 'canary':
      return { mode: 'canary', to: inputs.to!, steps: inputs.steps, stepWaitMs: inputs.stepWait };
    case 'rollback':
      return { mode: 'rollback', weights: inputs.previousWeights! };
  }
}

/** The provider the inputs name; the AWS SDK is loaded only for route53. */
export async function createProvider(inputs: Inputs, log: (line: string) => void, timing: Timing = {}): Promise<Provider> {
  const ids = { blue: inputs.blueId, green: inputs.greenId };
  if (inputs.provider === 'haproxy') {
    return new HaproxyProvider({
      admin: inputs.haproxyAdmin!,
      backend: inputs.haproxyBackend,
      ids,
      ...(inputs.haproxyStateFile ? { stateFile: inputs.haproxyStateFile } : {}),
      timeoutMs: inputs.timeout,
      log,
      ...timing,
    });
  }
  const config = awsClientConfig({ region: inputs.awsRegion, endpointUrl: inputs.endpointUrl, action: 'switch-traffic' });
  const url = runUrl(runContext());
  return createRoute53Provider(config, {
    ...(inputs.hostedZoneId ? { hostedZoneId: inputs.hostedZoneId } : { hostedZoneName: inputs.hostedZoneName }),
    recordName: inputs.recordName,
    recordType: inputs.recordType,
    ids,
    timeoutMs: inputs.timeout,
    callTimeoutMs: inputs.timeout,
    ...(url ? { commentSuffix: `(${url})` } : {}),
    log,
    ...timing,
  });
}

export function createGates(inputs: Inputs, log: (line: string) => void): Gate[] {
  const gates: Gate[] = [];
  if (inputs.gateChecks.length > 0) {
    gates.push(
      new HttpChecksGate({
        checks: inputs.gateChecks,
        timeoutMs: inputs.gateTimeout,
        ...(inputs.gateHostHeader ? { hostHeader: inputs.gateHostHeader } : {}),
        log,
      }),
    );
  }
  if (inputs.prometheusUrl && inputs.prometheusThreshold) {
    gates.push(
      new PrometheusGate({
        url: inputs.prometheusUrl,
        query: inputs.prometheusQuery,
        threshold: inputs.prometheusThreshold,
        ...(inputs.prometheusToken ? { token: inputs.prometheusToken } : {}),
        timeoutMs: inputs.gateTimeout,
        log,
      }),
    );
  }
  return gates;
}
