import { describe, expect, it } from '@jest/globals';
import { InputError } from '@switchyard/kit';
import { getInputs } from '../../actions/switch-traffic/src/inputs';
import { parseThreshold, satisfies } from '../../actions/switch-traffic/src/gate';
import { parseAdminAddress, parseServersState, unavailability } from '../../actions/switch-traffic/src/haproxy';
import { idleColor, liveColor, parseSteps, parseWeights, stepWeights, validateTarget } from '../../actions/switch-traffic/src/weights';
import { outputsOf } from '../../actions/switch-traffic/src/report';

const r53 = { provider: 'route53', 'hosted-zone-id': 'Z0123456789ABC', 'record-name': 'shop.example.com' };
const ha = { provider: 'haproxy', 'haproxy-admin': '127.0.0.1:9999', 'haproxy-backend': 'app' };
const read = (inputs: Record<string, string>) => getInputs((name) => inputs[name] ?? '');
const fails = async (inputs: Record<string, string>) => {
  const e = await read(inputs).catch((x: unknown) => x);
  expect(e).toBeInstanceOf(InputError);
  return (e as Error).message;
};

describe('weights model', () => {
  it('names the live colour only when exactly one colour has weight', () => {
    expect(liveColor({ blue: 100, green: 0 })).toBe('blue');
    expect(liveColor({ blue: 0, green: 1 })).toBe('green');
    expect(liveColor({ blue: 50, green: 50 })).toBe('mixed');
    expect(liveColor({ blue: 90, green: 10 })).toBe('mixed');
    expect(liveColor({ blue: 0, green: 0 })).toBe('mixed');
    expect(idleColor({ blue: 100, green: 0 })).toBe('green');
    expect(idleColor({ blue: 50, green: 50 })).toBe('');
    expect(stepWeights('green', 10)).toEqual({ blue: 90, green: 10 });
  });

  it('parses steps and refuses bad ones', () => {
    expect(parseSteps('steps', ['10', '50%', '100'])).toEqual([10, 50, 100]);
    expect(() => parseSteps('steps', ['10', '50'])).toThrow('Input \'steps\': "10,50" must end at 100 so the new colour ends up live');
    expect(() => parseSteps('steps', ['50', '10', '100'])).toThrow('Input \'steps\': "50,10,100" must be strictly increasing');
    expect(() => parseSteps('steps', ['0', '100'])).toThrow("Input 'steps': 0 is outside 1–100");
    expect(() => parseSteps('steps', ['ten', '100'])).toThrow('Input \'steps\': "ten" is not a whole percentage');
  });

  it('parses previous-weights and validates target weights', () => {
    expect(parseWeights('previous-weights', '{"green":0,"blue":100}')).toEqual({ blue: 100, green: 0 });
    expect(() => parseWeights('previous-weights', 'blue=100')).toThrow('Input \'previous-weights\': "blue=100" is not JSON');
    expect(() => parseWeights('previous-weights', '{"blue":100}')).toThrow('must have exactly the keys blue and green, found blue');
    expect(() => parseWeights('previous-weights', '{"blue":1.5,"green":0}')).toThrow('blue weight 1.5 is not a whole number');
    expect(() => validateTarget({ blue: -1, green: 5 }, 255, 'previous-weights')).toThrow("Input 'previous-weights': blue weight -1 is outside 0–255");
    expect(() => validateTarget({ blue: 0, green: 256 }, 256, 'x')).not.toThrow();
    expect(() => validateTarget({ blue: 0, green: 0 }, 255, 'x')).toThrow('sets every weight to 0');
  });

  it('reports outputs with mixed state as neither colour', () => {
    const o = outputsOf({
      mode: 'status',
      where: '',
      previous: { blue: 50, green: 50 },
      final: { blue: 50, green: 50 },
      members: [],
      steps: [],
      changeId: '',
      effectiveMs: 0,
      drainMs: 0,
    });
    expect(o).toEqual({
      'previous-weights': { blue: 50, green: 50 },
      weights: { blue: 50, green: 50 },
      'live-color': 'mixed',
      'idle-color': '',
      'change-id': '',
      'effective-seconds': '0.000',
    });
  });
});

describe('inputs', () => {
  it('reads a route53 canary with a gate', async () => {
    const i = await read({
      ...r53,
      mode: 'canary',
      to: 'idle',
      steps: '10, 50, 100',
      'gate-checks': '- /healthz',
      'gate-base-url': 'https://shop.example.com',
      'prometheus-url': 'http://prom:9090',
      'prometheus-query': 'up',
      'prometheus-threshold': '>= 1',
    });
    expect(i.mode).toBe('canary');
    expect(i.steps).toEqual([10, 50, 100]);
    expect(i.stepWait).toBe(30_000);
    expect(i.gateChecks.map((c) => c.url.href)).toEqual(['https://shop.example.com/healthz']);
    expect(i.prometheusThreshold).toEqual({ op: '>=', value: 1 });
    expect(i.timeout).toBe(300_000);
    expect(i.drainWait).toBeUndefined();
  });

  it('reads haproxy addresses', async () => {
    expect((await read({ ...ha, mode: 'status' })).haproxyAdmin).toEqual({ host: '127.0.0.1', port: 9999 });
    expect(parseAdminAddress('haproxy-admin', 'unix:///run/haproxy/admin.sock')).toEqual({ path: '/run/haproxy/admin.sock' });
    expect(parseAdminAddress('haproxy-admin', 'ipv4@10.0.0.5:9999')).toEqual({ host: '10.0.0.5', port: 9999 });
    expect(() => parseAdminAddress('haproxy-admin', 'admin.sock')).toThrow('Input \'haproxy-admin\': "admin.sock" is not an HAProxy runtime API address');
  });

  it.each([
    [{ ...r53, mode: 'switch' }, "Input 'to': is required for mode switch"],
    [{ ...r53, mode: 'status', to: 'green' }, 'Input \'to\': "green" conflicts with mode status'],
    [{ ...r53, mode: 'switch', to: 'green', steps: '10,100' }, 'Input \'steps\': "10,100" conflicts with mode switch'],
    [{ ...r53, mode: 'canary', to: 'green' }, "Input 'steps': is required for mode canary"],
    [{ ...r53, mode: 'rollback' }, "Input 'previous-weights': is required for mode rollback"],
    [
      { ...r53, mode: 'rollback', 'previous-weights': '{"blue":1,"green":0}', 'gate-checks': '- /x' },
      'Input \'gate-checks\': "- /x" conflicts with mode rollback (a rollback is never gated',
    ],
    [{ ...r53, mode: 'switch', to: 'green', 'previous-weights': '{}' }, 'Input \'previous-weights\': "{}" conflicts with mode switch'],
    [{ ...r53, 'hosted-zone-name': 'example.com' }, "Input 'hosted-zone-name': is set together with hosted-zone-id"],
    [{ provider: 'route53', 'record-name': 'a.b' }, "Input 'hosted-zone-id': is required for provider route53"],
    [{ provider: 'route53', 'hosted-zone-id': 'Z1' }, "Input 'record-name': is required for provider route53"],
    [{ ...r53, 'haproxy-backend': 'app' }, 'Input \'haproxy-backend\': "app" conflicts with provider route53'],
    [{ ...ha, 'record-name': 'shop.example.com' }, 'Input \'record-name\': "shop.example.com" conflicts with provider haproxy'],
    [{ ...ha, 'haproxy-backend': 'app; disable server app/blue' }, 'Input \'haproxy-backend\': "app; disable server app/blue" is not valid'],
    [{ ...ha, 'blue-id': 'x y' }, 'Input \'blue-id\': "x y" is not valid'],
    [{ ...ha, 'green-id': 'blue' }, 'Input \'green-id\': "blue" is the same as blue-id'],
    [{ ...ha, 'haproxy-state-file': 'state' }, 'Input \'haproxy-state-file\': "state" must be an absolute path'],
    [{ ...r53, mode: 'switch', to: 'green', 'prometheus-url': 'http://p:9090' }, "Input 'prometheus-query': is required when prometheus-url is set"],
    [
      { ...r53, mode: 'switch', to: 'green', 'prometheus-url': 'http://p', 'prometheus-query': 'up', 'prometheus-threshold': 'about 1' },
      'Input \'prometheus-threshold\': "about 1" is not a comparison',
    ],
    [{ ...r53, mode: 'switch', to: 'green', 'gate-base-url': 'http://x' }, 'Input \'gate-base-url\': "http://x" conflicts with an empty gate-checks'],
    [{ ...r53, mode: 'switch', to: 'purple' }, 'Input \'to\': "purple" is not one of blue, green, idle'],
    [{ ...r53, 'record-type': 'a' }, 'Input \'record-type\': "a" is not valid'],
    [{ ...r53, mode: 'canary', to: 'green', steps: '10,50' }, 'Input \'steps\': "10,50" must end at 100'],
  ])('refuses %j', async (inputs, message) => {
    expect(await fails(inputs as Record<string, string>)).toContain(message);
  });

  it('masks the Prometheus token', async () => {
    const i = await read({
      ...ha,
      mode: 'switch',
      to: 'green',
      'prometheus-url': 'http://p:9090',
      'prometheus-query': 'up',
      'prometheus-threshold': '>0',
      'prometheus-token': 's3cr3t-token',
    });
    expect(i.prometheusToken).toBe('s3cr3t-token');
    const { redact } = await import('@switchyard/kit');
    expect(redact('Bearer s3cr3t-token')).toBe('Bearer ***');
  });
});

describe('gate helpers and HAProxy parsing', () => {
  it('compares thresholds', () => {
    expect(satisfies(0.005, parseThreshold('t', '< 0.01'))).toBe(true);
    expect(satisfies(0.01, parseThreshold('t', '<0.01'))).toBe(false);
    expect(satisfies(1, parseThreshold('t', '>= 1'))).toBe(true);
    expect(satisfies(2, parseThreshold('t', '!= 2'))).toBe(false);
    expect(satisfies(-3, parseThreshold('t', '== -3'))).toBe(true);
    expect(parseThreshold('t', '< 1e-3')).toEqual({ op: '<', value: 0.001 });
  });

  it('parses show servers state by column name', () => {
    const text = [
      '1',
      '# be_id be_name srv_id srv_name srv_addr srv_op_state srv_admin_state srv_uweight srv_iweight srv_time_since_last_change',
      '3 app 1 blue 127.0.0.1 2 0 90 100 5',
      '3 app 2 green 127.0.0.1 0 1 10 0 5',
      '',
    ].join('\n');
    const servers = parseServersState(text);
    expect(servers).toEqual([
      { backend: 'app', server: 'blue', address: '127.0.0.1', weight: 90, initialWeight: 100, opState: 2, adminState: 0 },
      { backend: 'app', server: 'green', address: '127.0.0.1', weight: 10, initialWeight: 0, opState: 0, adminState: 1 },
    ]);
    expect(servers.map(unavailability)).toEqual([undefined, 'is in maintenance']);
    expect(unavailability({ ...servers[0]!, adminState: 8 })).toBe('is draining');
    expect(unavailability({ ...servers[0]!, opState: 0 })).toBe('is down (failing its health check)');
    expect(() => parseServersState('Unknown command.\n')).toThrow('unexpected answer to "show servers state"');
  });
});
