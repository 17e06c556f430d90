import { InputError } from './errors';
import { parseUrl } from './inputs';

export interface AwsClientConfig {
  region: string;
  endpoint?: string;
  maxAttempts: number;
  retryMode: 'standard' | 'adaptive';
  customUserAgent: string;
}

/**
 * Options for any AWS SDK v3 client: region from the input or the standard
 * variables, endpoint from the `endpoint-url` input or AWS_ENDPOINT_URL
 * (LocalStack-style emulators), adaptive retries, a user agent naming us.
 * Credentials are left to the SDK's default chain (env, OIDC web identity, …).
 */
export function awsClientConfig(opts: { region?: string; endpointUrl?: string; action: string }, env: NodeJS.ProcessEnv = process.env): AwsClientConfig {
  const region = opts.region || env.AWS_REGION || env.AWS_DEFAULT_REGION || '';
  if (!region)
    throw new InputError('aws-region', 'is not set and neither AWS_REGION nor AWS_DEFAULT_REGION is', {
      hint: 'set aws-region, or run aws-actions/configure-aws-credentials first',
    });
  const endpoint = opts.endpointUrl || env.AWS_ENDPOINT_URL || undefined;
  if (endpoint) parseUrl(opts.endpointUrl ? 'endpoint-url' : 'AWS_ENDPOINT_URL', endpoint);
  return {
    region,
    ...(endpoint ? { endpoint } : {}),
    maxAttempts: 5,
    retryMode: 'adaptive',
    customUserAgent: `switchyard/${opts.action}`,
  };
}
