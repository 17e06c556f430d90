import type { ActionMeta } from './action-meta';

export const DOCS_START = '<!-- action-docs:start (generated from action.yml by `pnpm run docs`; do not edit) -->';
export const DOCS_END = '<!-- action-docs:end -->';

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ').trim();

/** The inputs/outputs tables of an action's README, rendered from its action.yml. */
export function renderActionDocs(meta: ActionMeta): string {
  const inputs = Object.entries(meta.inputs).map(
    ([name, m]) =>
      `| \`${name}\` | ${m.required ? 'yes' : 'no'} | ${m.default === undefined || m.default === '' ? '' : `\`${cell(m.default)}\``} | ${cell(m.description)} |`,
  );
  const outputs = Object.entries(meta.outputs).map(([name, m]) => `| \`${name}\` | ${cell(m.description)} |`);
  return [
    DOCS_START,
    '### Inputs',
    '',
    '| name | required | default | description |',
    '| --- | --- | --- | --- |',
    ...inputs,
    '',
    '### Outputs',
    '',
    '| name | description |',
    '| --- | --- |',
    ...outputs,
    DOCS_END,
  ].join('\n');
}

/** The generated block of a README (from its start marker, whatever its wording, to the end marker). */
export function findDocsBlock(readme: string): { start: number; end: number; text: string } {
  const start = readme.indexOf('<!-- action-docs:start');
  const end = readme.indexOf(DOCS_END);
  if (start < 0 || end < start) throw new Error(`README has no generated block: add the two lines\n${DOCS_START}\n${DOCS_END}`);
  return { start, end: end + DOCS_END.length, text: readme.slice(start, end + DOCS_END.length) };
}

/** Replaces the generated block in a README (or reports that it has none). */
export function updateReadme(readme: string, meta: ActionMeta): string {
  const { start, end } = findDocsBlock(readme);
  return readme.slice(0, start) + renderActionDocs(meta) + readme.slice(end);
}
