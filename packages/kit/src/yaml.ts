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
