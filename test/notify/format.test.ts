import { describe, expect, it } from '@jest/globals';
import { buildMessage, displayName, eventBlocks, eventText, fullText, html, statusBlocks, statusText } from '../../actions/notify/src/format';
import type { DeployEvent } from '../../actions/notify/src/model';
import { applyEvent, fromMetadata, toMetadata } from '../../actions/notify/src/status';

const digest = (c: string) => `sha256:${c.repeat(64)}`;
const base: DeployEvent = {
  kind: 'started',
  environment: 'qa',
  at: '2026-12-01T14:00:00.000Z',
  version: '2026.12.01-3f2a9c1-1000',
  commit: '3f2a9c1d0e5b6a7c8d9e0f1a2b3c4d5e6f7a8b9c',
  services: { gateway: { image: '127.0.0.1:5000/shop/gateway', digest: digest('a') }, catalog: { image: '127.0.0.1:5000/shop/catalog', digest: digest('b') } },
  repository: 'acme/shop',
  runUrl: 'https://github.com/acme/shop/actions/runs/1000',
  actor: 'octocat',
  workflow: 'QA',
  color: '',
  startedAt: '',
  previousVersion: '',
  rollbackCommand: '',
  details: '',
};
const ev = (over: Partial<DeployEvent>): DeployEvent => ({ ...base, ...over });
const order = ['qa', 'uat', 'prod'];

/** QA ✓ 14:02, UAT ✓ 14:20, Prod ⏳: the story the live message tells. */
function story() {
  let s = applyEvent(undefined, ev({}), order);
  s = applyEvent(s, ev({ kind: 'succeeded', at: '2026-12-01T14:02:30.000Z' }), order);
  s = applyEvent(s, ev({ kind: 'started', environment: 'uat', at: '2026-12-01T14:18:00.000Z', color: 'green' }), order);
  s = applyEvent(s, ev({ kind: 'succeeded', environment: 'uat', at: '2026-12-01T14:20:05.000Z', color: 'green' }), order);
  const last = ev({ kind: 'started', environment: 'prod', at: '2026-12-01T14:31:00.000Z', color: 'blue', previousVersion: '2026.11.30-aaaaaaa-990' });
  return { status: applyEvent(s, last, order), last };
}

describe('release status', () => {
  it('keeps one line per environment in path order, with durations from the started event', () => {
    const { status } = story();
    expect(status.environments.map((e) => [e.name, e.status?.state, e.status?.startedAt])).toEqual([
      ['qa', 'succeeded', '2026-12-01T14:00:00.000Z'],
      ['uat', 'succeeded', '2026-12-01T14:18:00.000Z'],
      ['prod', 'started', '2026-12-01T14:31:00.000Z'],
    ]);
  });

  it('shows environments not reached yet as pending and adds unknown ones at the end', () => {
    const s = applyEvent(undefined, ev({ environment: 'staging' }), order);
    expect(s.environments.map((e) => [e.name, e.status?.state ?? 'pending'])).toEqual([
      ['qa', 'pending'],
      ['uat', 'pending'],
      ['prod', 'pending'],
      ['staging', 'started'],
    ]);
  });

  it('round-trips through Slack metadata and only matches its own repository and version', () => {
    const { status } = story();
    const meta = toMetadata(status);
    expect(meta.event_type).toBe('switchyard_release');
    expect(fromMetadata(JSON.parse(JSON.stringify(meta)), { repository: 'acme/shop', version: status.version })).toEqual(status);
    expect(fromMetadata(meta, { repository: 'acme/other', version: status.version })).toBeUndefined();
    expect(fromMetadata(meta, { repository: 'acme/shop', version: '2026.12.01-other' })).toBeUndefined();
    expect(fromMetadata({ event_type: 'switchyard_release', event_payload: { ...meta.event_payload, status: '{not json' } }, status)).toBeUndefined();
    expect(fromMetadata({ event_type: 'someone_else', event_payload: meta.event_payload }, status)).toBeUndefined();
  });
});

describe('the one formatter', () => {
  it('reads QA ✓ 14:02, UAT ✓ 14:20, Prod ⏳ in plain text', () => {
    const { status, last } = story();
    const m = buildMessage(status, last, { timeZone: 'UTC' });
    expect(statusText(m)).toBe(
      [
        'Release 2026.12.01-3f2a9c1-1000 · acme/shop',
        'QA    ✓ 14:02 succeeded in 2m30s',
        'UAT   ✓ 14:20 succeeded in 2m05s, green',
        'Prod  ⏳ 14:31 deploying, blue',
      ].join('\n'),
    );
    expect(eventText(m)).toBe(
      [
        'Prod ⏳ started: release 2026.12.01-3f2a9c1-1000 (blue)',
        'Environment:      Prod',
        'Result:           started',
        'Color:            blue',
        'Time:             2026-12-01 14:31 UTC',
        'By:               octocat',
        'Commit:           3f2a9c1',
        'Previous version: 2026.11.30-aaaaaaa-990',
        'Run:              QA <https://github.com/acme/shop/actions/runs/1000>',
        'Services:',
        `  catalog  127.0.0.1:5000/shop/catalog@sha256:${'b'.repeat(12)}`,
        `  gateway  127.0.0.1:5000/shop/gateway@sha256:${'a'.repeat(12)}`,
      ].join('\n'),
    );
    expect(m.subject).toBe('[acme/shop] Prod ⏳ started: 2026.12.01-3f2a9c1-1000');
    expect(fullText(m)).toBe(`${statusText(m)}\n\n${eventText(m)}\n`);
  });

  it('shows times in the chosen time zone', () => {
    const { status, last } = story();
    expect(statusText(buildMessage(status, last, { timeZone: 'Europe/Berlin' })).split('\n')[1]).toBe('QA    ✓ 15:02 succeeded in 2m30s');
  });

  it('says which version is live again after a rollback, with the rollback command', () => {
    let s = applyEvent(undefined, ev({ environment: 'prod', color: 'green' }), order);
    const rb = ev({
      kind: 'rolled-back',
      environment: 'prod',
      at: '2026-12-01T14:05:00.000Z',
      color: 'green',
      previousVersion: '2026.11.30-aaaaaaa-990',
      rollbackCommand: 'gh workflow run promote.yml -f version=2026.11.30-aaaaaaa-990 -f target=prod',
      details: 'the idle colour failed its smoke test',
    });
    s = applyEvent(s, rb, order);
    const m = buildMessage(s, rb, { timeZone: 'UTC' });
    expect(m.headline).toBe('Prod ↩ rolled back: release 2026.12.01-3f2a9c1-1000 (green); 2026.11.30-aaaaaaa-990 is live again');
    expect(statusText(m).split('\n')[3]).toBe('Prod  ↩ 14:05 rolled back in 5m00s, green');
    expect(eventText(m)).toContain('the idle colour failed its smoke test\n');
    expect(eventText(m)).toMatch(/Roll back with:\n {2}gh workflow run promote\.yml -f version=2026\.11\.30-aaaaaaa-990 -f target=prod$/);
  });

  it('escapes Slack mrkdwn and HTML, and builds valid block kinds', () => {
    const e = ev({ details: 'a <b> & c', repository: 'acme/<shop>' });
    const m = buildMessage(applyEvent(undefined, e, []), e, { timeZone: 'UTC' });
    const blocks = [...statusBlocks(m), ...eventBlocks(m)];
    expect(blocks.map((b) => b.type)).toEqual(['header', 'section', 'context', 'section', 'section', 'context']);
    const mrkdwnText = JSON.stringify(blocks.slice(1));
    expect(mrkdwnText).toContain('a &lt;b&gt; &amp; c');
    expect(mrkdwnText).not.toContain('a <b>');
    expect(mrkdwnText).toContain('<https://github.com/acme/shop/actions/runs/1000|QA>');
    const page = html(m);
    expect(page).toContain('<p>a &lt;b&gt; &amp; c</p>');
    expect(page).toContain('<h2 style="margin:0 0 8px">Release 2026.12.01-3f2a9c1-1000 · acme/&lt;shop&gt;</h2>');
    expect(page).toContain('<a href="https://github.com/acme/shop/actions/runs/1000">QA</a>');
  });

  it('lines services up whatever their names', () => {
    const e = ev({
      services: {
        cart: { image: 'r/shop/cart', digest: digest('c') },
        orders: { image: 'r/shop/orders', digest: digest('d') },
        gw: { image: 'r/shop/gw', digest: digest('e') },
      },
    });
    const text = eventText(buildMessage(applyEvent(undefined, e, []), e, { timeZone: 'UTC' }));
    expect(text.split('\n').slice(-4)).toEqual([
      'Services:',
      `  cart    r/shop/cart@sha256:${'c'.repeat(12)}`,
      `  gw      r/shop/gw@sha256:${'e'.repeat(12)}`,
      `  orders  r/shop/orders@sha256:${'d'.repeat(12)}`,
    ]);
  });

  it('names environments the way people write them', () => {
    expect(['qa', 'uat', 'prod', 'staging', 'dev'].map(displayName)).toEqual(['QA', 'UAT', 'Prod', 'Staging', 'DEV']);
  });
});
