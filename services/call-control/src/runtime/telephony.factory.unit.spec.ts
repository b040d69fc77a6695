import { ConfigError } from '@zvonar/platform';
import pino from 'pino';
import { callControlConfigSchema } from '../config/call-control.config';
import { SimulatedTelephony } from '../telephony/simulated/simulated.telephony';
import { aTrunk } from '../../test/mothers/trunk.mother';
import { TrunkRouter } from '../trunks/trunk-router';
import { ariBaseUrl, createTelephonyRuntime, dialPlanOf } from './telephony.factory';

const configOf = (env: Record<string, string>) => callControlConfigSchema.parse({ DATABASE_URL: 'postgres://localhost/zvonar', SCENARIOS_GRPC_URL: '127.0.0.1:1', ...env });
const noProfiles = { profileOf: async () => undefined };
const silent = pino({ level: 'silent' });

describe('the telephony chosen by TELEPHONY', () => {
  it('is the simulated network by default, always connected', async () => {
    const runtime = createTelephonyRuntime(configOf({}), silent, noProfiles, new TrunkRouter([]));
    expect(runtime.telephony).toBeInstanceOf(SimulatedTelephony);
    expect(runtime.connected()).toBe(true);
    await runtime.stop();
  });

  it('records durations in the callees\' time when they run faster than the wall clock, and as they are otherwise', async () => {
    const durationScaleOf = async (env: Record<string, string>) => {
      const runtime = createTelephonyRuntime(configOf(env), silent, noProfiles, new TrunkRouter([]));
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
      createTelephonyRuntime(configOf({ TELEPHONY: 'ari', ARI_USERNAME: 'asterisk' }), silent, noProfiles, new TrunkRouter([]));
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ConfigError);
    expect((thrown as ConfigError).problems.map((problem) => problem.variable)).toEqual(['ARI_URL', 'ARI_PASSWORD']);
  });

  it('is not connected over ARI until the events socket is up', async () => {
    const runtime = createTelephonyRuntime(configOf({ TELEPHONY: 'ari', ARI_URL: 'http://127.0.0.1:1', ARI_USERNAME: 'a', ARI_PASSWORD: 'b' }), silent, noProfiles, new TrunkRouter([]));
    expect(runtime.connected()).toBe(false);
    await runtime.stop();
  });
});

describe('dialPlanOf', () => {
  const trunks = new TrunkRouter([
    aTrunk({ id: 'moscow', dialTemplate: 'SIP/msk-gw/{number}', prefixes: ['+7495'] }),
    aTrunk({ id: 'carrier', dialTemplate: 'PJSIP/{number}@{trunk}' }),
  ]);
  const originate = (number: string, trunkId: string) => ({ channelId: 'zvc-1', number, callerId: '+74950000000', trunkId, ringTimeoutMs: 27_000 });

  it("dials the number through its trunk's own template", () => {
    const plan = dialPlanOf(trunks, 'Local/{number}@fallback');
    expect(plan.callee(originate('+79991234567', 'carrier'))).toBe('PJSIP/+79991234567@carrier');
    expect(plan.callee(originate('+74951234567', 'moscow'))).toBe('SIP/msk-gw/+74951234567');
    expect(plan.operator({ kind: 'sip', uri: 'sip:operator@pbx.local' })).toBe('PJSIP/operator@pbx.local');
    expect(plan.media({ kind: 'audio', materialId: 'greeting' })).toEqual(['sound:greeting']);
  });

  it('dials a trunk the catalogue does not know with ARI_DIAL_TEMPLATE', () => {
    expect(dialPlanOf(trunks, 'Local/{number}@{trunk}').callee(originate('+79991234567', 'elsewhere'))).toBe('Local/+79991234567@elsewhere');
  });

  it("dials an operator's number through the trunk the transfer names, or the one the dial plan picks", () => {
    const plan = dialPlanOf(trunks, 'Local/{number}@fallback');
    expect(plan.operator({ kind: 'phone', number: '+74957654321', dialPlanId: 'carrier' })).toBe('PJSIP/+74957654321@carrier');
    expect(plan.operator({ kind: 'phone', number: '+74957654321' })).toBe('SIP/msk-gw/+74957654321');
  });
});

describe('ariBaseUrl', () => {
  it("takes Asterisk's URL with or without its /ari path", () => {
    expect(ariBaseUrl('http://asterisk:8088/ari')).toBe('http://asterisk:8088');
    expect(ariBaseUrl('http://asterisk:8088/ari/')).toBe('http://asterisk:8088');
    expect(ariBaseUrl('http://asterisk:8088')).toBe('http://asterisk:8088');
  });
});
