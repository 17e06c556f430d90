/**
 * A small JSON path: `data.items[0].id`, optionally prefixed with `$.`;
 * keys with dots or spaces as `["a.b"]`. Returns segments or throws on
 * a malformed path.
 */
export type Segment = string | number;

export function parsePath(path: string): Segment[] {
  let p = path.trim();
  if (p === '$') return [];
  if (p.startsWith('$.')) p = p.slice(2);
  else if (p.startsWith('$[')) p = p.slice(1);
  const out: Segment[] = [];
  const re = /\.?([A-Za-z_$][\w$-]*)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]/y;
  let i = 0;
  while (i < p.length) {
    re.lastIndex = i;
    const m = re.exec(p);
    if (!m || (m.index === 0 && p[0] === '.')) throw new Error(`malformed path ${JSON.stringify(path)} at character ${i + 1}`);
    if (m[1] !== undefined) out.push(m[1]);
    else if (m[2] !== undefined) out.push(Number(m[2]));
    else out.push(JSON.parse(m[3]!) as string);
    i = re.lastIndex;
  }
  if (out.length === 0) throw new Error(`empty path ${JSON.stringify(path)}`);
  return out;
}

/** Reads a path; `found: false` when any segment is missing. */
export function readPath(value: unknown, path: Segment[]): { found: boolean; value?: unknown } {
  let cur: unknown = value;
  for (const seg of path) {
    if (typeof seg === 'number') {
      if (!Array.isArray(cur) || seg >= cur.length) return { found: false };
      cur = cur[seg];
    } else {
      if (typeof cur !== 'object' || cur === null || Array.isArray(cur) || !Object.hasOwn(cur, seg)) return { found: false };
      cur = (cur as Record<string, unknown>)[seg];
    }
  }
  return { found: true, value: cur };
}

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    return a.length === bb.length && a.every((x, i) => deepEqual(x, bb[i]));
  }
  const ak = Object.keys(a as object);
  const bk = Object.keys(b as object);
  return (
    ak.length === bk.length && ak.every((k) => Object.hasOwn(b as object, k) && deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]))
  );
}
