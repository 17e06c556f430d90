/**
 * The deploy plan, computed before anything touches the cluster: variables,
 * merged services, pinned images, and the override file that carries the pins.
 */
import {
  composeServices,
  composeVersion,
  interpolate,
  InterpolationError,
  mergeDocs,
  planPins,
  variableRefs,
  type PinPlan,
  type StackService,
} from '@switchyard/swarm/compose';
import { Failure, InputError, InvalidReferenceError, parseImageReference, show } from '@switchyard/kit';
import type { Inputs } from './inputs';

export interface Plan {
  /** Variables docker interpolates with (runner env < env-file < env input). */
  env: Record<string, string>;
  /** Names of services in the merged stack. */
  services: string[];
  pins: PinPlan;
  /** YAML of the override file that pins images (last `-c` of the deploy); undefined when nothing is rewritten. */
  override: string | undefined;
}

export function makePlan(
  inputs: Pick<Inputs, 'stackFile' | 'releaseFile' | 'allowUnpinned' | 'env' | 'envFile'>,
  runnerEnv: Record<string, string | undefined> = process.env,
): Plan {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(runnerEnv)) if (v !== undefined) env[k] = v;
  for (const [k, v] of inputs.envFile) env[k] = v;
  for (const [k, v] of inputs.env) env[k] = v;

  const problems = { unset: new Set<string>(), required: [] as string[] };
  const docs = inputs.stackFile.map((f) => {
    try {
      return interpolate(f.doc, env, problems);
    } catch (e) {
      if (e instanceof InterpolationError) throw new InputError('stack-file', `${f.path}: ${e.message}`);
      throw e;
    }
  });
  const files = inputs.stackFile.map((f) => f.path).join(', ');
  if (problems.required.length)
    throw new InputError('stack-file', `required variable(s) not set in ${files}: ${[...new Set(problems.required)].join(', ')}`, {
      hint: 'set them with the env or env-file input',
    });
  if (problems.unset.size) {
    throw new InputError('stack-file', `variable(s) used in ${files} but not set: ${[...problems.unset].sort().join(', ')}`, {
      hint: 'set them with the env or env-file input, or give a default: ${VAR:-default}',
    });
  }
  const services = composeServices(mergeDocs(docs));
  if (services.length === 0) throw new InputError('stack-file', `${files}: no services defined`);
  checkImages(services, composeServices(mergeDocs(inputs.stackFile.map((f) => f.doc))), inputs, env);
  const pins = planPins(services, inputs.releaseFile?.services, inputs.allowUnpinned);
  if (pins.missingImage.length)
    throw new InputError('stack-file', `service(s) without an image: ${pins.missingImage.join(', ')} (docker stack deploy does not build images)`);
  const release = inputs.releaseFile;
  if (pins.unusedRelease.length && release) {
    const list = pins.unusedRelease.map((n) => `${n} (${release.services[n]?.image})`).join(', ');
    throw new InputError('release-file', `names service(s) no service of the stack uses: ${list}`, {
      hint: 'is this the release of another stack? Stack images: ' + services.map((s) => s.image).join(', '),
    });
  }
  if (pins.unpinned.length) {
    const list = pins.unpinned.map((n) => `${n} (${pins.images.get(n)?.from})`).join(', ');
    throw new InputError('release-file', `service image(s) in neither the release nor allow-unpinned: ${list}`, {
      hint: 'add them to the release, pin them by digest in the stack file, or list their repositories in allow-unpinned',
    });
  }
  const pinned = [...pins.images].filter(([, p]) => p.to !== p.from);
  const version = composeVersion(docs);
  const lines = version ? [`version: ${JSON.stringify(version)}`] : [];
  lines.push('services:');
  for (const [name, p] of pinned) lines.push(`  ${JSON.stringify(name)}:`, `    image: ${JSON.stringify(p.to.replace(/\$/g, '$$$$'))}`);
  return { env, services: services.map((s) => s.name), pins, override: pinned.length ? `${lines.join('\n')}\n` : undefined };
}

/**
 * Every service image must be a valid reference once interpolated, before
 * docker sees it. The error names where the bad value came from: the `env`
 * or `env-file` input and the variable, or the stack file itself.
 */
function checkImages(services: StackService[], written: StackService[], inputs: Pick<Inputs, 'env' | 'envFile'>, env: Record<string, string>): void {
  for (const s of services) {
    if (s.image === undefined) continue;
    try {
      parseImageReference(s.image);
    } catch (e) {
      if (!(e instanceof InvalidReferenceError)) throw e;
      const why = e.message.replace(/^image reference "[^"]*" /, '');
      const raw = written.find((w) => w.name === s.name)?.image ?? s.image;
      const vars = raw === s.image ? [] : [...new Set(variableRefs(raw).map((v) => v.name))];
      const from = (name: string) => (inputs.env.has(name) ? 'env' : inputs.envFile.has(name) ? 'env-file' : undefined);
      const source = vars.map(from).find((input) => input !== undefined) ?? 'stack-file';
      const values = vars.map(
        (v) => `${v}=${show(env[v] ?? '')}${from(v) ? ` (from ${from(v)})` : env[v] === undefined ? ' (default)' : ' (from the job environment)'}`,
      );
      throw new InputError(
        source,
        `service ${s.name}: image ${show(raw)}${values.length ? ` with ${values.join(', ')}` : ''} is ${show(s.image)}, which ${why}`,
        { hint: 'an image is [registry/]repository[:tag][@sha256:digest]: check the variables the stack file uses for it' },
      );
    }
  }
}

/** The stack file as docker itself renders it (client ≥ 25): images must be the pinned ones. */
export function checkRendered(rendered: unknown, plan: Plan): void {
  const services = (rendered as { services?: Record<string, { image?: string }> } | null)?.services ?? {};
  for (const [name, p] of plan.pins.images) {
    const got = services[name]?.image;
    if (got !== p.to) throw new Failure(`docker stack config renders service ${name} with image ${got ?? '(none)'}, expected ${p.to}`);
  }
}
