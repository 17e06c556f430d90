// The example workflows send notify's events where the issue asks: started and
// finished in QA and in every blue-green deploy, rolled-back when the rollback
// step ran (and then no second "failed"), without any new permission.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { repoRoot } from '@switchyard/testkit';
import { parse } from 'yaml';

type Step = { id?: string; name?: string; uses?: string; if?: string; with?: Record<string, string> };
type Job = { permissions?: Record<string, string>; steps?: Step[] };
const workflow = (name: string) => parse(readFileSync(join(repoRoot, 'workflows-examples/.github/workflows', name), 'utf8')) as { jobs: Record<string, Job> };
const notifySteps = (job: Job) => (job.steps ?? []).filter((s) => s.uses?.startsWith('switchyard-dev/switchyard/actions/notify@'));
const index = (job: Job, pred: (s: Step) => boolean) => (job.steps ?? []).findIndex(pred);

describe('qa.yml', () => {
  const deploy = workflow('qa.yml').jobs.deploy!;
  it('sends started before the deploy and finished at the end, always', () => {
    const [start, end] = notifySteps(deploy);
    expect([start?.with?.event, start?.id, end?.with?.event]).toEqual(['started', 'notify-start', "${{ job.status == 'success' && 'succeeded' || 'failed' }}"]);
    expect(index(deploy, (s) => s === start)).toBeLessThan(index(deploy, (s) => s.id === 'deploy'));
    expect(index(deploy, (s) => s === end)).toBe(deploy.steps!.length - 1);
    expect(end!.if).toMatch(/^always\(\) && /);
    expect(end!.with!['started-at']).toBe('${{ steps.notify-start.outputs.event-time }}');
    for (const s of [start!, end!]) {
      expect([s.with!.environment, s.with!['slack-token'], s.with!['smtp-password']]).toEqual([
        'qa',
        '${{ secrets.SLACK_BOT_TOKEN }}',
        '${{ secrets.SMTP_PASSWORD }}',
      ]);
    }
  });
  it('no longer posts through a third-party Slack step, and asks for no new permission', () => {
    expect(JSON.stringify(workflow('qa.yml'))).not.toContain('slackapi/');
    expect(deploy.permissions).toEqual({ contents: 'read', deployments: 'write' });
  });
});

describe('blue-green.yml', () => {
  const job = workflow('blue-green.yml').jobs.deploy!;
  const [start, rolledBack, end] = notifySteps(job);
  it('sends started once the idle colour is known, with that colour', () => {
    expect(start!.with!.event).toBe('started');
    expect(start!.with!.color).toBe('${{ steps.plan.outputs.color }}');
    expect(index(job, (s) => s === start)).toBe(index(job, (s) => s.id === 'plan') + 1);
  });
  it('sends rolled-back only when the rollback step ran, and then no finished event', () => {
    expect(rolledBack!.with!.event).toBe('rolled-back');
    expect(rolledBack!.if).toContain("steps.rollback.outcome == 'success'");
    expect(index(job, (s) => s === rolledBack)).toBe(index(job, (s) => s.id === 'rollback') + 1);
    expect(end!.if).toContain("steps.rollback.outcome != 'success'");
    expect(end!.if).toMatch(/^always\(\) && /);
  });
  it('names the environment from the input and asks for no new permission', () => {
    for (const s of [start!, rolledBack!, end!]) expect(s.with!.environment).toBe('${{ inputs.environment }}');
    expect(job.permissions).toEqual({ contents: 'read', deployments: 'write', 'id-token': 'write' });
    expect(JSON.stringify(workflow('blue-green.yml'))).not.toContain('slackapi/');
  });
});
