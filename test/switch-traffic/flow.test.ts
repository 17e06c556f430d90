// The flow's log groups: one per step, one per gate, one for the restore,
// with each phase's lines inside its own group.
import { describe, expect, it } from '@jest/globals';
import { execute } from '../../actions/switch-traffic/src/flow';
import type { Gate } from '../../actions/switch-traffic/src/gate';
import type { Provider, ProviderState } from '../../actions/switch-traffic/src/provider';
import type { Weights } from '../../actions/switch-traffic/src/weights';

/** A traffic layer in memory: applies at once. */
function memoryProvider(start: Weights): Provider {
  let weights = { ...start };
  let n = 0;
  const state = (): ProviderState => ({
    weights: { ...weights },
    members: [
      { color: 'blue', id: 'blue', weight: weights.blue },
      { color: 'green', id: 'green', weight: weights.green },
    ],
    drainMs: 0,
    where: 'memory',
  });
  return {
    kind: 'memory',
    maxWeight: 256,
    read: async () => state(),
    apply: async (_s, target) => {
      weights = { ...target };
      return `m-${++n}`;
    },
    waitEffective: async () => {},
  };
}

function recorder() {
  const out: string[] = [];
  return {
    out,
    log: (l: string) => out.push(l),
    group: async <T>(name: string, fn: () => Promise<T>): Promise<T> => {
      out.push(`>> ${name}`);
      try {
        return await fn();
      } finally {
        out.push('<<');
      }
    },
  };
}

const gate = (verdicts: boolean[]): Gate => ({
  name: 'fake',
  evaluate: async () => {
    const passed = verdicts.shift() ?? true;
    return { passed, evidence: [`${passed ? '✓' : '✗'} ratio`] };
  },
});

describe('flow log groups', () => {
  it('groups each step and each gate, and the restore after a failed gate', async () => {
    const r = recorder();
    const report = await execute(
      { mode: 'canary', to: 'green', steps: [10, 50, 100], stepWaitMs: 5 },
      { provider: memoryProvider({ blue: 100, green: 0 }), gates: [gate([true, false])], log: r.log, group: r.group, sleep: async () => {} },
    );
    expect(report.failure?.step).toBe('50% to green');
    const groups = r.out.filter((l) => l.startsWith('>> '));
    expect(groups).toEqual([
      '>> Step 10% to green',
      '>> Gate at step 10% to green',
      '>> Step 50% to green',
      '>> Gate at step 50% to green',
      '>> Restore blue 100 / green 0',
    ]);
    // Groups never nest: each closes before the next opens.
    const opens = r.out.map((l, i) => (l.startsWith('>> ') ? i : -1)).filter((i) => i >= 0);
    for (const [k, i] of opens.entries()) if (k > 0) expect(r.out[i - 1]).toBe('<<');
    // The gate's evidence is inside the gate's group.
    const g = r.out.indexOf('>> Gate at step 10% to green');
    expect(r.out.slice(g, r.out.indexOf('<<', g))).toEqual(['>> Gate at step 10% to green', '  [fake] ✓ ratio', 'Gate passed at step 10% to green']);
  });
});
