import { deepEqual, readPath } from './path';
import { describeStatus, type Check } from './spec';
import type { Response } from './http';

const short = (v: unknown) => {
  const s = JSON.stringify(v) ?? String(v);
  return s.length > 60 ? `${s.slice(0, 60)}…` : s;
};

/**
 * Compares a response with a check's expectations. Returns the reasons it
 * does not match (empty: it matches). Pure: no I/O.
 */
export function mismatches(check: Check, res: Response, expectVersion?: string): string[] {
  const out: string[] = [];
  if (!check.status.some(([a, b]) => res.status >= a && res.status <= b)) {
    out.push(`status ${res.status}, expected ${describeStatus(check.status)}`);
  }
  for (const s of check.bodyContains) if (!res.body.includes(s)) out.push(`body does not contain ${short(s)}`);
  for (const re of check.bodyMatches) if (!re.test(res.body)) out.push(`body does not match /${re.source}/`);
  let parsed: { ok: boolean; value?: unknown } | undefined;
  const json = () => {
    if (!parsed) {
      try {
        parsed = { ok: true, value: JSON.parse(res.body) };
      } catch {
        parsed = { ok: false };
      }
    }
    return parsed;
  };
  for (const j of check.json) {
    const doc = json();
    if (!doc.ok) {
      out.push(`body is not JSON (needed for ${j.path})`);
      break;
    }
    const got = readPath(doc.value, j.segments);
    if (!got.found) out.push(`JSON ${j.path} is missing, expected ${short(j.equals)}`);
    else if (!deepEqual(got.value, j.equals)) out.push(`JSON ${j.path} is ${short(got.value)}, expected ${short(j.equals)}`);
  }
  if (check.maxLatencyMs !== undefined && res.latencyMs > check.maxLatencyMs) {
    out.push(`latency ${res.latencyMs}ms exceeds ${check.maxLatencyMs}ms`);
  }
  if (expectVersion !== undefined) {
    if (check.versionHeader) {
      const v = res.headers[check.versionHeader];
      if (v !== expectVersion) out.push(`version header ${check.versionHeader} is ${v === undefined ? 'missing' : short(v)}, expected ${short(expectVersion)}`);
    }
    if (check.versionJson) {
      const doc = json();
      const got = doc.ok ? readPath(doc.value, check.versionJson.segments) : { found: false };
      if (!got.found) out.push(`version field ${check.versionJson.path} is missing, expected ${short(expectVersion)}`);
      else if (String(got.value) !== expectVersion) out.push(`version is ${short(got.value)}, expected ${short(expectVersion)}`);
    }
  }
  return out;
}
