import { ConfigError } from '@zvonar/platform';
import pino from 'pino';
import { callControlConfigSchema } from '../config/call-control.config';
import { SimulatedTelephony } from '../telephony/simulated/simulated.telephony';
import { ariBaseUrl, createTelephonyRuntime, dialPlanOf } from './telephony.factory';

const configOf = (env: Record<string, string>) => callControlConfigSchema.parse({ DATABASE_URL: 'postgres://localhost/zvonar', SCENARIOS_GRPC_URL: '127.0.0.1:1', ...env });
const noProfiles = { profileOf: async () => undefined };
const silent = pino({ level: 'silent' });

describe('the telephony chosen by TELEPHONY', () => {
  it('is the simulated network by default, always connected', async () => {
    const runtime = createTelephonyRuntime(configOf({}), silent, noProfiles);
    expect(runtime.telephony).toBeInstanceOf(SimulatedTelephony);
    expect(runtime.connected()).toBe(true);
    await runtime.stop();
  });

  it('records durations in the callees\' time when they run faster than the wall clock, and as they are otherwise', async () => {
    const durationScaleOf = async (env: Record<string, string>) => {
      const runtime = createTelephonyRuntime(configOf(env), silent, noProfiles);
      await runtime.stop();
      return runtime.durationScale;
    };
    expect(await durationScaleOf({ SIMULATION_TIME_SCALE: '5' })).toBe(5);
    expect(await durationScaleOf({ SIMULATION_TIME_SCALE: '5', SIMULATION_CLOCK: 'scaled' })).toBe(1);
    expect(await durationScaleOf({})).toBe(1);
    expect(await durationScaleOf({ TELEPHONY: 'ari', ARI_URL: 'http://127.0.0.1:1', ARI_USERNAME: 'a', ARI_PASSWORD: 'b', SIMULATION_TIME_SCALE: '5' })).toBe(1);
  });

  it('names every missing ARI variable when TELEPHONY=ari', () => {
    let thrown: unknown;
    try {
      createTelephonyRuntime(configOf({ TELEPHONY: 'ari', ARI_USERNAME: 'asterisk' }), silent, noProfiles);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ConfigError);
    expect((thrown as ConfigError).problems.map((problem) => problem.variable)).toEqual(['ARI_URL', 'ARI_PASSWORD']);
  });

  it('is not connected over ARI until the events socket is up', async () => {
    const runtime = createTelephonyRuntime(configOf({ TELEPHONY: 'ari', ARI_URL: 'http://127.0.0.1:1', ARI_USERNAME: 'a', ARI_PASSWORD: 'b' }), silent, noProfiles);
    expect(runtime.connected()).toBe(false);
    await runtime.stop();
  });
});

describe('dialPlanOf', () => {
  it('dials the number through the trunk of the template', () => {
    const plan = dialPlanOf('PJSIP/{number}@{trunk}');
    expect(plan.callee({ channelId: 'zvc-1', number: '+79991234567', callerId: '+74950000000', trunkId: 'carrier-1', ringTimeoutMs: 27_000 })).toBe('PJSIP/+79991234567@carrier-1');
    expect(plan.operator({ kind: 'sip', uri: 'sip:operator@pbx.local' })).toBe('PJSIP/operator@pbx.local');
    expect(plan.media({ kind: 'audio', materialId: 'greeting' })).toEqual(['sound:greeting']);
  });
});

describe('ariBaseUrl', () => {
  it("takes Asterisk's URL with or without its /ari path", () => {
    expect(ariBaseUrl('http://asterisk:8088/ari')).toBe('http://asterisk:8088');
    expect(ariBaseUrl('http://asterisk:8088/ari/')).toBe('http://asterisk:8088');
    expect(ariBaseUrl('http://asterisk:8088')).toBe('http://asterisk:8088');
  });
});
