import { escapeHtml, formatDuration, Summary } from '@switchyard/kit';
import type { FlowReport } from './flow';
import type { Outputs } from './inputs';
import { formatWeights, idleColor, liveColor } from './weights';

export function outputsOf(report: FlowReport): Outputs {
  return {
    'previous-weights': report.previous,
    weights: report.final,
    'live-color': liveColor(report.final),
    'idle-color': idleColor(report.final),
    'change-id': report.changeId,
    'effective-seconds': (report.effectiveMs / 1000).toFixed(3),
  };
}

/** The job summary: before → after per identifier, each step with its gate, time to effective. */
export function summaryOf(report: FlowReport, provider: string): Summary {
  const live = liveColor(report.final);
  const title =
    report.mode === 'status'
      ? `Traffic status: ${live === 'mixed' ? 'mixed (no colour clearly live)' : `${live} is live`}`
      : report.failure
        ? `Traffic ${report.mode} to ${report.to ?? '?'} failed its gate at ${report.failure.step}; weights restored`
        : `Traffic ${report.mode}${report.to ? ` to ${report.to}` : ''}: ${live === 'mixed' ? 'mixed' : `${live} is live`}`;
  const s = new Summary().heading(title);
  s.text(escapeHtml(`${provider}: ${report.where}`));
  s.table(
    ['Identifier', 'Colour', 'Before', 'After'],
    report.members.map((m) => [m.id, m.color, m.before, m.after]),
  );
  if (report.steps.length > 0) {
    s.table(
      ['Step', 'Weights', 'Change', 'Effective after', 'Gate'],
      report.steps.map((st) => [
        st.label,
        formatWeights(st.weights),
        st.changeId || 'none (already so)',
        st.changeId ? formatDuration(st.effectiveMs) : '—',
        st.gatePassed === undefined
          ? '—'
          : `${st.gatePassed ? '✅ passed' : '❌ failed'}: ${(st.gates ?? []).flatMap((g) => g.result.evidence.map((e) => `[${g.gate}] ${e}`)).join('\n')}`,
      ]),
    );
  }
  if (report.failure) {
    const r = report.failure.restore;
    s.text(
      r
        ? `Restored ${formatWeights(report.previous)} in change \`${r.changeId}\`, effective after ${formatDuration(r.effectiveMs)}.`
        : `The weights were still ${formatWeights(report.previous)}; nothing to restore.`,
    );
  } else if (report.changeId) {
    s.text(
      `Last change \`${report.changeId}\` effective after ${formatDuration(report.effectiveMs)}${report.drainMs ? `; then waited ${formatDuration(report.drainMs)} (drain-wait)` : ''}. Roll back with \`previous-weights: ${JSON.stringify(report.previous)}\`.`,
    );
  }
  return s;
}
