import { escapeHtml, formatDuration, Summary } from '@switchyard/kit';
import { formatValue, type Measurement } from './analysis';
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
  const measurements = report.steps.flatMap((st) => st.analysis?.measurements ?? []);
  if (measurements.length > 0) {
    s.heading('Analysis', 3);
    for (const st of report.steps)
      if (st.analysis && !st.analysis.passed) s.text(`❌ **${escapeHtml(st.label)}**: ${escapeHtml(st.analysis.reasons.join('; '))}`);
    s.text(mermaidChart(measurements, report.to));
    s.table(
      ['Step', 'Metric', '#', 'At', 'Window', 'Value', 'Baseline', 'Condition', 'Verdict'],
      measurements.map((m) => [
        m.step,
        m.metric,
        m.n || 'before',
        m.n ? formatDuration(m.atMs) : '—',
        m.window,
        m.values.length ? m.values.map(formatValue).join(', ') : (m.note ?? 'no data'),
        m.baseline === undefined ? '' : formatValue(m.baseline),
        m.limit === undefined || m.baseline === undefined ? m.condition : `${m.condition} (limit ${formatValue(m.limit)})`,
        m.verdict === 'pass' ? '✅ pass' : m.verdict === 'fail' ? '❌ fail' : '⚪ inconclusive',
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
    const d = report.drain;
    const drained = d
      ? d.left === 0
        ? `; the old colour ${d.color} had nothing in flight after ${formatDuration(d.ms)}`
        : `; ⚠️ the old colour ${d.color} still had ${d.left} request(s) in flight at the drain deadline (${formatDuration(d.deadlineMs)}): stopping it now would cut them`
      : report.drainMs
        ? `; then waited ${formatDuration(report.drainMs)} (drain-wait)`
        : '';
    s.text(
      `Last change \`${report.changeId}\` effective after ${formatDuration(report.effectiveMs)}${drained}. Roll back with \`previous-weights: ${JSON.stringify(report.previous)}\`.`,
    );
  }
  return s;
}

/**
 * A Mermaid xychart (GitHub renders it in job summaries): per measurement of
 * the first metric, the new colour's share of traffic (bars) and the metric
 * as a percentage of its limit (line; above 100 is over the limit).
 * Without a positive limit, the metric's own values and its limit are drawn.
 */
export function mermaidChart(measurements: Measurement[], to: string | undefined): string {
  const key = measurements.find((m) => m.n > 0)?.metric;
  const rows = measurements.filter((m) => m.n > 0 && m.metric === key);
  if (!key || rows.length === 0) return '';
  const label = (m: Measurement) => `"${m.percent}% #${m.n}"`;
  const value = (m: Measurement) => (m.values.length ? Math.max(...m.values) : 0);
  const relative = rows.every((m) => m.limit !== undefined && m.limit > 0);
  const num = (v: number) => (Number.isFinite(v) ? Number(v.toPrecision(4)) : 0);
  const lines = ['```mermaid', 'xychart-beta'];
  if (relative) {
    const pct = rows.map((m) => num((100 * value(m)) / m.limit!));
    lines.push(
      `  title "Traffic to ${to ?? 'the new colour'} (bars, %) and ${key} (line, % of its limit)"`,
      `  x-axis [${rows.map(label).join(', ')}]`,
      `  y-axis "percent" 0 --> ${Math.ceil(Math.max(100, ...pct) * 1.1)}`,
      `  bar [${rows.map((m) => m.percent).join(', ')}]`,
      `  line [${pct.join(', ')}]`,
      `  line [${rows.map(() => 100).join(', ')}]`,
    );
  } else {
    lines.push(
      `  title "${key} (line) and its limit, per measurement (x: traffic to ${to ?? 'the new colour'})"`,
      `  x-axis [${rows.map(label).join(', ')}]`,
      `  line [${rows.map((m) => num(value(m))).join(', ')}]`,
      `  line [${rows.map((m) => num(m.limit ?? 0)).join(', ')}]`,
    );
  }
  lines.push('```');
  return lines.join('\n');
}
