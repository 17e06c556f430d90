import { InputError, show } from '@switchyard/kit';

export const COLORS = ['blue', 'green'] as const;
export type Color = (typeof COLORS)[number];
/** Weight per colour, as the provider stores it (Route53 0–255, HAProxy 0–256). */
export type Weights = Record<Color, number>;

/**
 * What the weights say about the live colour. Exactly one colour with a
 * non-zero weight is live; anything else (a 90/10 canary, 50/50 after an
 * aborted run, or all-zero, which Route53 spreads evenly and HAProxy answers
 * with 503) is `mixed`: reported as such, never guessed.
 */
export type LiveColor = Color | 'mixed';

export const other = (c: Color): Color => (c === 'blue' ? 'green' : 'blue');

export function liveColor(w: Weights): LiveColor {
  if (w.blue > 0 && w.green === 0) return 'blue';
  if (w.green > 0 && w.blue === 0) return 'green';
  return 'mixed';
}

/** The colour receiving no traffic, or '' when the state is mixed. */
export function idleColor(w: Weights): Color | '' {
  const live = liveColor(w);
  return live === 'mixed' ? '' : other(live);
}

export const sameWeights = (a: Weights, b: Weights) => a.blue === b.blue && a.green === b.green;
export const formatWeights = (w: Weights) => `blue ${w.blue} / green ${w.green}`;

/** Weights for a canary step: `percent` of traffic to `to`, the rest to the other colour. */
export function stepWeights(to: Color, percent: number): Weights {
  return { [to]: percent, [other(to)]: 100 - percent } as Weights;
}

/** Parses `previous-weights` (the JSON this action outputs), e.g. {"blue":100,"green":0}. */
export function parseWeights(input: string, text: string): Weights {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    throw new InputError(input, `${show(text)} is not JSON: expected e.g. {"blue":100,"green":0} (the previous-weights output of an earlier step)`);
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc))
    throw new InputError(input, `${show(text)} must be a JSON object like {"blue":100,"green":0}`);
  const keys = Object.keys(doc).sort();
  if (keys.join(',') !== 'blue,green')
    throw new InputError(input, `${show(text)} must have exactly the keys blue and green, found ${keys.join(', ') || 'none'}`);
  const w = doc as Record<string, unknown>;
  for (const c of COLORS) {
    if (typeof w[c] !== 'number' || !Number.isInteger(w[c])) throw new InputError(input, `${c} weight ${show(w[c])} is not a whole number`);
  }
  return { blue: w.blue as number, green: w.green as number };
}

/**
 * Validates target weights against the provider's range, before anything is
 * written. `input` names where the weights came from (for the error).
 */
export function validateTarget(target: Weights, maxWeight: number, input: string): void {
  for (const c of COLORS) {
    const v = target[c];
    if (!Number.isInteger(v) || v < 0 || v > maxWeight) throw new InputError(input, `${c} weight ${v} is outside 0–${maxWeight}`);
  }
  if (target.blue === 0 && target.green === 0) {
    throw new InputError(input, 'sets every weight to 0: Route53 would spread traffic evenly and a proxy would answer 503; give one colour a weight above 0');
  }
}

/** Parses canary `steps` like `10,50,100`: percentages, strictly increasing, ending at 100. */
export function parseSteps(input: string, items: string[]): number[] {
  if (items.length === 0) throw new InputError(input, 'is required for mode canary, e.g. 10,50,100');
  const steps = items.map((s) => {
    const t = s.trim().replace(/%$/, '');
    if (!/^\d+$/.test(t)) throw new InputError(input, `${show(s)} is not a whole percentage`);
    const n = Number(t);
    if (n < 1 || n > 100) throw new InputError(input, `${n} is outside 1–100 (percent of traffic to the new colour)`);
    return n;
  });
  for (let i = 1; i < steps.length; i++) {
    if (steps[i]! <= steps[i - 1]!) throw new InputError(input, `${show(items.join(','))} must be strictly increasing`);
  }
  if (steps[steps.length - 1] !== 100) throw new InputError(input, `${show(items.join(','))} must end at 100 so the new colour ends up live`);
  return steps;
}

/** The colour `to: idle` means, resolved against what was read. */
export function resolveTarget(to: Color | 'idle', current: Weights): Color {
  if (to !== 'idle') return to;
  const idle = idleColor(current);
  if (idle === '') {
    throw new InputError('to', `"idle" is ambiguous: the current weights are ${formatWeights(current)} (mixed), so neither colour is idle`, {
      hint: 'name the colour (to: blue or to: green), or restore a clean state first with mode: rollback',
    });
  }
  return idle;
}
