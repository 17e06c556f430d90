import { InputError } from './errors';

/**
 * Parses YAML from an input (or a file the input names) and reports problems
 * with the line and column, e.g. `Input 'checks': invalid YAML at line 3, column 5: …`.
 * The parser is loaded on first use, so actions that fail fast never pay for it.
 */
export async function parseYaml(name: string, text: string, origin?: string): Promise<unknown> {
  const { parseDocument } = await import('yaml');
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true, strict: true });
  const err = doc.errors[0];
  if (err) {
    const pos = err.linePos?.[0];
    const where = pos ? ` at line ${pos.line}, column ${pos.col}` : '';
    const from = origin ? ` (${origin})` : '';
    const first = (err.message.split('\n')[0] ?? err.message).replace(/ at line \d+, column \d+:?$/, '');
    throw new InputError(name, `invalid YAML${from}${where}: ${first}`);
  }
  return doc.toJS({ maxAliasCount: 100 });
}

/** A parsed YAML document that can tell where a value is, for errors about what the YAML means. */
export interface YamlSource {
  value: unknown;
  /** `line L, column C` of the value at `path` (or of its nearest parent that exists). */
  at(path: (string | number)[]): string;
}

/** Like parseYaml, and keeps the positions: `at(['metrics', 0, 'query'])` → "line 4, column 12". */
export async function parseYamlSource(name: string, text: string, origin?: string): Promise<YamlSource> {
  const value = await parseYaml(name, text, origin);
  const { LineCounter, parseDocument, isNode } = await import('yaml');
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines });
  return {
    value,
    at(path) {
      for (let p = path; ; p = p.slice(0, -1)) {
        const node = p.length === 0 ? doc.contents : doc.getIn(p, true);
        if (isNode(node) && node.range) {
          const pos = lines.linePos(node.range[0]);
          return `line ${pos.line}, column ${pos.col}`;
        }
        if (p.length === 0) return 'line 1, column 1';
      }
    },
  };
}
