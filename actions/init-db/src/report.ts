import { escapeHtml, formatDuration, redact, Summary } from '@switchyard/kit';
import type { Row, RunState, StatementClass } from './model';

const icon: Record<Row['status'], string> = {
  applied: '✅ applied',
  failed: '❌ failed',
  pending: '⏳ pending',
  'would apply': '📝 would apply',
  'up to date': '✔️ up to date',
  'beyond target': '⏭️ above target',
  'other phase': '⏸️ other phase',
};

const classIcon: Record<StatementClass, string> = {
  additive: '🟢 additive',
  data: '🟢 data',
  locking: '🟠 locking',
  incompatible: '🔴 incompatible',
  destructive: '🔴 destructive',
};

/** The job summary: one line of outcome, then every migration with its status and duration. */
export function summary(state: RunState, database: string, failure?: string): Summary {
  const s = new Summary();
  const applied = state.applied.length;
  const verdict = failure ? 'failed' : state.dryRun ? 'dry run' : applied ? `${applied} applied` : 'up to date';
  s.heading(`init-db ${database}: ${verdict}`);
  const facts = [`current version **${state.currentVersion || 'none'}**`];
  if (state.target) facts.push(`target version ${state.target}`);
  if (state.phase !== 'all') facts.push(`phase **${state.phase}**`);
  if (state.snapshotId) facts.push(`snapshot \`${state.snapshotId}\``);
  s.text(facts.join(' · '));
  if (failure) s.text(`**Failure:** ${escapeHtml(redact(failure).split('\n')[0] ?? '')}`);
  if (state.rows.length) {
    s.table(
      ['Migration', 'Type', 'Status', 'Duration', 'Statements', 'Note', 'Phase', 'Class'],
      state.rows.map((r) => [
        r.script,
        r.kind,
        icon[state.dryRun && r.status === 'pending' ? 'would apply' : r.status],
        r.ms === undefined ? '' : formatDuration(r.ms),
        r.statements,
        redact(r.note ?? ''),
        r.phase,
        r.class ? classIcon[r.class] : '',
      ]),
    );
  }
  const notable = state.lint.filter((f) => f.class !== 'additive' && f.class !== 'data');
  if (notable.length) {
    s.heading('Zero-downtime lint', 3);
    s.table(
      ['Migration', 'Statement', 'Line', 'Phase', 'Class', 'Why'],
      notable.map((f) => [f.script, f.statement, f.line, f.phase, classIcon[f.class], escapeHtml(f.reason)]),
    );
  }
  return s;
}
