const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/**
 * Parses a duration such as `90s`, `5m`, `1m30s`, `250ms`, `1h`.
 * A bare number is read in `defaultUnit` (seconds unless said otherwise).
 * Returns milliseconds, or undefined when the text is not a duration.
 */
export function parseDuration(text: string, defaultUnit: 'ms' | 's' = 's'): number | undefined {
  const t = text.trim();
  if (t === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(t)) return Math.round(Number(t) * UNITS[defaultUnit]!);
  const re = /(\d+(?:\.\d+)?)(ms|s|m|h)/gy;
  let total = 0;
  let consumed = 0;
  for (const m of t.matchAll(re)) {
    total += Number(m[1]) * UNITS[m[2]!]!;
    consumed += m[0].length;
  }
  if (consumed !== t.length || consumed === 0) return undefined;
  return Math.round(total);
}

/** Formats milliseconds for people: `850ms`, `12.3s`, `2m05s`. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)}ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)}s`;
  const m = Math.floor(ms / 60_000);
  const s = Math.round((ms % 60_000) / 1000);
  return `${m}m${String(s).padStart(2, '0')}s`;
}
