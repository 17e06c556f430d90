import { errorMessage, formatDuration, realSleep, Failure, type Sleep } from '@switchyard/kit';
import type { Analysis, Measurement, StepContext, StepVerdict } from './analysis';
import { evaluateGates, type Gate, type GateResult } from './gate';
import type { Member, Provider, ProviderState } from './provider';
import { COLORS, formatWeights, resolveTarget, sameWeights, stepWeights, validateTarget, type Color, type Weights } from './weights';

/** How long a proxy's old colour may take to finish its requests in flight, unless drain-wait says otherwise. */
export const DEFAULT_DRAIN_DEADLINE_MS = 30_000;

/** What the user asked for, already validated on its own (inputs.ts). */
export type Plan =
  | { mode: 'status' }
  | { mode: 'switch'; to: Color | 'idle'; stepWaitMs: number }
  | { mode: 'canary'; to: Color | 'idle'; steps: number[]; stepWaitMs: number }
  | { mode: 'rollback'; weights: Weights };

export interface GateOutcome {
  gate: string;
  result: GateResult;
}

export interface StepReport {
  label: string;
  weights: Weights;
  /** '' when the weights already were the target (nothing submitted). */
  changeId: string;
  effectiveMs: number;
  gates?: GateOutcome[];
  gatePassed?: boolean;
  /** The analysis of this step: baselines before the change, measurements after it. */
  analysis?: { passed: boolean; reasons: string[]; measurements: Measurement[] };
}

export interface FlowReport {
  mode: Plan['mode'];
  where: string;
  /** Weights read before anything changed. */
  previous: Weights;
  /** Weights at the end (after a restore, the previous ones). */
  final: Weights;
  /** Identifiers with before/after weights. */
  members: { color: Color; id: string; before: number; after: number }[];
  /** The colour a switch or canary moved traffic to. */
  to?: Color;
  steps: StepReport[];
  /** The last change submitted (or ''). */
  changeId: string;
  /** Submit → effective of the last change (ms). */
  effectiveMs: number;
  drainMs: number;
  /** The old colour's drain (providers that see requests in flight): how long until nothing was in flight, or what was left at the deadline. */
  drain?: { color: Color; ms: number; left: number; deadlineMs: number };
  /** Set when a gate failed: what failed, and the restore that followed. */
  failure?: { step: string; evidence: string[]; restore?: { changeId: string; effectiveMs: number } };
}

export interface FlowDeps {
  provider: Provider;
  gates: Gate[];
  /** Metric analysis between canary steps (analysis-file). */
  analysis?: Analysis;
  /** Called once the state is read, before any change (main sets `previous-weights` here, so a failing step still has it). */
  onRead?: (state: ProviderState) => void;
  /** Drain wait after the last change; undefined = the provider's default (Route53: the records' TTL). */
  drainWaitMs?: number;
  log?: (line: string) => void;
  /** Runs a phase (a step, a gate, the restore) inside a log group; main passes kit's core.group. */
  group?: <T>(name: string, fn: () => Promise<T>) => Promise<T>;
  sleep?: Sleep;
  now?: () => number;
}

interface Target {
  label: string;
  weights: Weights;
  input: string;
}

/** Every target weight the plan will write, resolved and validated against what was read, before any write. */
export function planTargets(plan: Plan, state: ProviderState, maxWeight: number): { to?: Color; targets: Target[] } {
  switch (plan.mode) {
    case 'status':
      return { targets: [] };
    case 'rollback':
      validateTarget(plan.weights, maxWeight, 'previous-weights');
      return { targets: [{ label: 'rollback', weights: plan.weights, input: 'previous-weights' }] };
    case 'switch': {
      const to = resolveTarget(plan.to, state.weights);
      refuseUnavailable(state, to);
      const weights = stepWeights(to, 100);
      validateTarget(weights, maxWeight, 'to');
      return { to, targets: [{ label: `switch to ${to}`, weights, input: 'to' }] };
    }
    case 'canary': {
      const to = resolveTarget(plan.to, state.weights);
      refuseUnavailable(state, to);
      // Never move traffic backwards: steps at or below the share `to` already has are skipped.
      const total = state.weights.blue + state.weights.green;
      const share = total === 0 ? 50 : (100 * state.weights[to]) / total;
      const steps = plan.steps.filter((p) => p > share || p === 100);
      const targets = steps.map((p) => ({ label: `${p}% to ${to}`, weights: stepWeights(to, p), input: 'steps' }));
      for (const t of targets) validateTarget(t.weights, maxWeight, t.input);
      return { to, targets };
    }
  }
}

/** Traffic never moves to a target that cannot serve it (a rollback is never blocked: it goes back to what served). */
function refuseUnavailable(state: ProviderState, to: Color): void {
  const m = state.members.find((x) => x.color === to);
  if (m?.unavailable)
    throw new Failure(`Refusing to move traffic to ${to}: ${m.unavailable}`, {
      hint: 'bring it back first (e.g. `set server … state ready`), or fix its health check',
    });
}

/**
 * read → plan (validated against what was read) → for each step: apply
 * atomically → wait until effective → verify → wait → gate. A failing gate
 * restores the weights read at the start, in one change. Never throws for a
 * failing gate: the report carries it so outputs can be set first.
 */
export async function execute(plan: Plan, deps: FlowDeps): Promise<FlowReport> {
  const { provider } = deps;
  const log = deps.log ?? (() => {});
  const sleep = deps.sleep ?? realSleep;
  const now = deps.now ?? Date.now;
  const group = deps.group ?? ((_name, fn) => fn());

  const state = await provider.read();
  log(`Current weights (${state.where}): ${formatWeights(state.weights)}`);
  const { to, targets } = planTargets(plan, state, provider.maxWeight);
  deps.onRead?.(state);
  const skipped = plan.mode === 'canary' ? plan.steps.length - targets.length : 0;
  if (skipped > 0) log(`Skipping ${skipped} canary step(s) at or below the share ${to} already has`);
  const stepWaitMs = plan.mode === 'switch' || plan.mode === 'canary' ? plan.stepWaitMs : 0;

  const report: FlowReport = {
    mode: plan.mode,
    where: state.where,
    previous: state.weights,
    final: state.weights,
    members: [],
    to,
    steps: [],
    changeId: '',
    effectiveMs: 0,
    drainMs: 0,
  };

  let current = state;
  let submitted = 0;
  const change = async (weights: Weights): Promise<{ changeId: string; effectiveMs: number }> => {
    const t0 = now();
    const changeId = await provider.apply(current, weights);
    submitted++;
    log(`Submitted change ${changeId}: ${formatWeights(current.weights)} → ${formatWeights(weights)}`);
    await provider.waitEffective(changeId, weights);
    const effectiveMs = now() - t0;
    // Verify: read back what the traffic layer now says.
    current = await provider.read();
    if (!sameWeights(current.weights, weights)) {
      throw new Failure(
        `After change ${changeId} the weights are ${formatWeights(current.weights)}, not ${formatWeights(weights)}: someone else changed them meanwhile`,
      );
    }
    log(`Change ${changeId} is effective after ${formatDuration(effectiveMs)}`);
    report.changeId = changeId;
    report.effectiveMs = effectiveMs;
    report.final = current.weights;
    return { changeId, effectiveMs };
  };

  try {
    await steps();
  } catch (e) {
    // After a change went out, say how to get back (unless the error already does).
    if (!(e instanceof Failure) || submitted === 0 || e.hint?.includes('previous-weights')) throw e;
    const back = `traffic may be left part-way (at step ${report.steps.at(-1)!.label}); restore it with mode: rollback and previous-weights: ${JSON.stringify(state.weights)} (this step's previous-weights output)`;
    throw new Failure(errorMessage(e), { hint: e.hint ? `${e.hint}; ${back}` : back, cause: e });
  }

  report.members = state.members.map((m: Member) => ({ color: m.color, id: m.id, before: m.weight, after: report.final[m.color] }));
  const changed = report.steps.some((st) => st.changeId !== '');
  if (changed && !report.failure) {
    const old = COLORS.find((c) => state.weights[c] > 0 && report.final[c] === 0);
    const inFlight = provider.inFlight?.bind(provider);
    if (old && inFlight) {
      const deadlineMs = deps.drainWaitMs ?? DEFAULT_DRAIN_DEADLINE_MS;
      if (deadlineMs > 0) report.drain = await group(`Drain ${old}`, () => drain(old, inFlight, deadlineMs));
      report.drainMs = report.drain?.ms ?? 0;
    } else {
      report.drainMs = deps.drainWaitMs ?? state.drainMs;
      const drainMs = report.drainMs;
      if (drainMs > 0) await group('Drain', () => wait('for resolvers and clients holding the old answer (drain-wait)', drainMs));
    }
  }
  return report;

  async function steps(): Promise<void> {
    for (const [i, target] of targets.entries()) {
      const last = i === targets.length - 1;
      const step: StepReport = { label: target.label, weights: target.weights, changeId: '', effectiveMs: 0 };
      report.steps.push(step);
      const ctx: StepContext | undefined = to && {
        label: target.label,
        percent: target.weights[to],
        to,
        ids: { blue: idOf('blue'), green: idOf('green') },
        stepWaitMs,
      };
      const analysis = deps.analysis && ctx ? { a: deps.analysis, ctx } : undefined;
      let verdict: StepVerdict | undefined;
      await group(`Step ${target.label}`, async () => {
        if (analysis) {
          verdict = await guarded(() => analysis.a.baselines(analysis.ctx));
          if (!verdict.passed) return;
        }
        if (sameWeights(current.weights, target.weights)) {
          log(`Step ${target.label}: weights already ${formatWeights(target.weights)}; nothing to change`);
        } else {
          Object.assign(step, await change(target.weights));
        }
        if (analysis) return;
        if (deps.gates.length === 0 && !last && stepWaitMs > 0) await wait(`before the next step`, stepWaitMs);
        if (deps.gates.length > 0 && stepWaitMs > 0) await wait(`before the gate of step ${target.label}`, stepWaitMs);
      });
      if (analysis && verdict?.passed) {
        const baseline = verdict;
        verdict = await group(`Analysis at step ${target.label}`, async () => {
          const start = now();
          const v = await guarded(() => analysis.a.run(analysis.ctx, start, baseline.baselines));
          v.measurements.unshift(...baseline.measurements);
          log(`Analysis ${v.passed ? 'passed' : 'failed'} at step ${target.label}${v.passed ? '' : `: ${v.reasons.join('; ')}`}`);
          const rest = stepWaitMs - (now() - start);
          if (v.passed && rest > 0 && (!last || deps.gates.length > 0)) await wait(`for the rest of step-wait`, rest);
          return v;
        });
      }
      if (verdict) step.analysis = { passed: verdict.passed, reasons: verdict.reasons, measurements: verdict.measurements };
      if (verdict && !verdict.passed) {
        await restore(
          target.label,
          verdict.reasons.map((r) => `[Analysis] ${r}`),
        );
        break;
      }
      if (deps.gates.length === 0) continue;
      const passed = await group(`Gate at step ${target.label}`, async () => {
        const verdict = await evaluateGates(deps.gates);
        step.gates = verdict.results;
        step.gatePassed = verdict.passed;
        for (const g of verdict.results) for (const line of g.result.evidence) log(`  [${g.gate}] ${line}`);
        if (verdict.passed) log(`Gate passed at step ${target.label}`);
        return verdict.passed;
      });
      if (passed) continue;
      await restore(
        target.label,
        (step.gates ?? []).flatMap((g) => g.result.evidence.filter((l) => !l.startsWith('✓')).map((l) => `[${g.gate}] ${l}`)),
      );
      break;
    }
  }

  /** A failed gate or analysis: restore the weights read at the start, in one change. */
  async function restore(label: string, evidence: string[]): Promise<void> {
    const failure: NonNullable<FlowReport['failure']> = { step: label, evidence };
    report.failure = failure;
    await group(`Restore ${formatWeights(state.weights)}`, async () => {
      log(`Gate failed at step ${label}; restoring ${formatWeights(state.weights)}`);
      if (sameWeights(current.weights, state.weights)) return;
      try {
        failure.restore = await change(state.weights);
      } catch (e) {
        throw new Failure(`Gate failed at step ${label} and restoring ${formatWeights(state.weights)} failed too: ${errorMessage(e)}`, {
          hint: `restore by hand: mode rollback with previous-weights ${JSON.stringify(state.weights)}`,
          cause: e,
        });
      }
    });
  }

  /** An analysis that throws is a failed analysis (so the weights are restored), never an escape past the restore. */
  async function guarded(fn: () => Promise<StepVerdict>): Promise<StepVerdict> {
    try {
      return await fn();
    } catch (e) {
      return { passed: false, reasons: [`analysis error: ${errorMessage(e)}`], measurements: [], baselines: {} };
    }
  }

  function idOf(c: Color): string {
    return state.members.find((m) => m.color === c)?.id ?? c;
  }

  /** Polls the old colour's requests in flight until none are left, or the deadline. */
  async function drain(color: Color, inFlight: (c: Color) => Promise<number>, deadlineMs: number): Promise<NonNullable<FlowReport['drain']>> {
    const t0 = now();
    let left = await inFlight(color);
    log(`Waiting up to ${formatDuration(deadlineMs)} until ${color} has nothing in flight (now ${left})`);
    while (left > 0 && now() - t0 < deadlineMs) {
      await sleep(Math.min(100, Math.max(1, deadlineMs - (now() - t0))));
      left = await inFlight(color);
    }
    const ms = now() - t0;
    log(
      left === 0
        ? `${color} drained: nothing in flight after ${formatDuration(ms)}`
        : `${color} still has ${left} request(s) in flight after ${formatDuration(ms)} (drain-wait)`,
    );
    return { color, ms, left, deadlineMs };
  }

  async function wait(what: string, ms: number): Promise<void> {
    log(`Waiting ${formatDuration(ms)} ${what}`);
    await sleep(ms);
  }
}
