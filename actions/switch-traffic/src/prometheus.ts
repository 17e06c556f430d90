import { errorMessage, Failure, show } from '@switchyard/kit';

/** Prometheus could not be asked (refused, reset, timed out, 5xx, 429): worth another try. */
export class PrometheusUnavailable extends Error {}

export interface Sample {
  /** `{k="v",…}`, or '' for a scalar or a label-less sample. */
  labels: string;
  value: number;
}

/** An instant query's answer: samples, or why the answer is not a vector or a scalar. */
export type QueryResult = { samples: Sample[] } | { wrongType: string };

interface PromResponse {
  status?: string;
  error?: string;
  errorType?: string;
  data?: { resultType?: string; result?: unknown };
}

export interface PrometheusClientOptions {
  url: URL;
  /** Bearer token (registered as a secret by the caller). */
  token?: string;
  fetch?: typeof fetch;
}

/** Prometheus's HTTP API `/api/v1/query` (instant queries), shared by the Prometheus gate and the analysis. */
export class PrometheusClient {
  constructor(private readonly opts: PrometheusClientOptions) {}

  get origin(): string {
    return this.opts.url.origin;
  }

  private endpoint(query: string): URL {
    const base = new URL(this.opts.url.href.replace(/\/?$/, '/'));
    const u = new URL('api/v1/query', base);
    u.searchParams.set('query', query);
    return u;
  }

  /**
   * One instant query. Throws PrometheusUnavailable when Prometheus cannot
   * answer (retry it), and a Failure when it rejects the query (do not).
   */
  async query(query: string, timeoutMs: number): Promise<QueryResult> {
    const doFetch = this.opts.fetch ?? fetch;
    let res: Response;
    try {
      res = await doFetch(this.endpoint(query), {
        headers: { accept: 'application/json', ...(this.opts.token ? { authorization: `Bearer ${this.opts.token}` } : {}) },
        signal: AbortSignal.timeout(Math.max(1, Math.min(10_000, timeoutMs))),
      });
    } catch (e) {
      // fetch's cause carries the socket error (an AggregateError with a code for refused connections).
      const cause = (e as { cause?: { code?: string; message?: string } }).cause;
      throw new PrometheusUnavailable(`Prometheus unreachable at ${this.opts.url.origin}: ${cause?.code ?? (cause?.message || errorMessage(e))}`);
    }
    const text = await res.text();
    if (res.status >= 500 || res.status === 429) throw new PrometheusUnavailable(`Prometheus answered HTTP ${res.status}: ${show(text, 160)}`);
    let body: PromResponse;
    try {
      body = JSON.parse(text) as PromResponse;
    } catch {
      throw new Failure(`Prometheus answered HTTP ${res.status} with a body that is not JSON: ${show(text, 160)}`);
    }
    if (res.status !== 200 || body.status !== 'success') {
      throw new Failure(`Prometheus rejected the query ${show(query)}: HTTP ${res.status} ${body.errorType ?? ''} ${body.error ?? ''}`.trim());
    }
    const samples = samplesOf(body);
    return samples ? { samples } : { wrongType: body.data?.resultType ?? 'missing' };
  }
}

function samplesOf(body: PromResponse): Sample[] | undefined {
  const data = body.data;
  if (data?.resultType === 'scalar') {
    const v = data.result as [number, string];
    return [{ labels: '', value: Number(v[1]) }];
  }
  if (data?.resultType === 'vector' && Array.isArray(data.result)) {
    return (data.result as { metric?: Record<string, string>; value?: [number, string] }[]).map((r) => {
      const labels = Object.entries(r.metric ?? {})
        .map(([k, v]) => `${k}="${v}"`)
        .join(',');
      return { labels: labels ? `{${labels}}` : '', value: Number(r.value?.[1]) };
    });
  }
  return undefined;
}
