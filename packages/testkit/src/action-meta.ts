import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

export interface InputMeta {
  description: string;
  required: boolean;
  default?: string;
}
export interface ActionMeta {
  name: string;
  description: string;
  author?: string;
  branding?: { icon?: string; color?: string };
  inputs: Record<string, InputMeta>;
  outputs: Record<string, { description: string }>;
  runs: { using: string; main: string; pre?: string; post?: string; 'post-if'?: string };
}

/** Reads and lightly normalises an action's action.yml. */
export function readActionMeta(actionDir: string): ActionMeta {
  const doc = parse(readFileSync(join(actionDir, 'action.yml'), 'utf8')) as Record<string, unknown>;
  const inputs: Record<string, InputMeta> = {};
  for (const [name, v] of Object.entries((doc.inputs ?? {}) as Record<string, Record<string, unknown>>)) {
    inputs[name] = {
      description: String(v?.description ?? ''),
      required: v?.required === true || v?.required === 'true',
      ...(v?.default !== undefined ? { default: String(v.default) } : {}),
    };
  }
  const outputs: Record<string, { description: string }> = {};
  for (const [name, v] of Object.entries((doc.outputs ?? {}) as Record<string, Record<string, unknown>>)) {
    outputs[name] = { description: String(v?.description ?? '') };
  }
  return {
    name: String(doc.name ?? ''),
    description: String(doc.description ?? ''),
    ...(doc.author ? { author: String(doc.author) } : {}),
    ...(doc.branding ? { branding: doc.branding as ActionMeta['branding'] } : {}),
    inputs,
    outputs,
    runs: doc.runs as ActionMeta['runs'],
  };
}
