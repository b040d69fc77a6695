import { ConfigError, loadConfig } from '@zvonar/platform';
import { callControlConfigSchema } from '../config/call-control.config';
import { trunkCatalogueOf } from './trunks.config';

const required = { DATABASE_URL: 'postgres://localhost/zvonar', SCENARIOS_GRPC_URL: '127.0.0.1:1' };
const configOf = (env: Record<string, string>) => loadConfig(callControlConfigSchema, { ...required, ...env }, 'call-control');

/** The problems a boot with these variables reports, as `variable: problem`. */
const problemsOf = (env: Record<string, string>): string[] => {
  try {
    configOf(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems.map(({ variable, problem }) => `${variable}: ${problem}`);
    throw error;
  }
  throw new Error('expected the configuration to be refused');
};

describe('the trunk catalogue from the configuration', () => {
  it("given no TRUNKS, is one catch-all trunk from today's variables that presents any caller ID asked", () => {
    expect(trunkCatalogueOf(configOf({ DEFAULT_TRUNK_ID: 'carrier', DEFAULT_CALLER_ID: '+74951112233', CHANNELS_PER_TRUNK: '30', ARI_DIAL_TEMPLATE: 'SIP/{number}@gw' }))).toEqual([
      {
        id: 'carrier',
        dialTemplate: 'SIP/{number}@gw',
        channels: 30,
        callsPerSecond: null,
        callerIds: { numbers: ['+74951112233'], choice: 'round-robin', acceptsOthers: true },
        prefixes: [],
        namedOnly: false,
        enabled: true,
      },
    ]);
  });

  it('given TRUNKS, takes each trunk as written and fills what it leaves out from the service defaults', () => {
    const trunks = [
      { id: 'msk', dialTemplate: 'PJSIP/{number}@msk', channels: 60, callsPerSecond: 5, callerIds: { numbers: ['+74950000001', '+74950000002'], choice: 'random' }, prefixes: ['+7495'], namedOnly: true, enabled: false },
      { id: 'carrier', callerIds: { numbers: ['+74950000003'] } },
    ];
    expect(trunkCatalogueOf(configOf({ TRUNKS: JSON.stringify(trunks), CHANNELS_PER_TRUNK: '40', ARI_DIAL_TEMPLATE: 'PJSIP/{number}@{trunk}' }))).toEqual([
      { id: 'msk', dialTemplate: 'PJSIP/{number}@msk', channels: 60, callsPerSecond: 5, callerIds: { numbers: ['+74950000001', '+74950000002'], choice: 'random', acceptsOthers: false }, prefixes: ['+7495'], namedOnly: true, enabled: false },
      { id: 'carrier', dialTemplate: 'PJSIP/{number}@{trunk}', channels: 40, callsPerSecond: null, callerIds: { numbers: ['+74950000003'], choice: 'round-robin', acceptsOthers: false }, prefixes: [], namedOnly: false, enabled: true },
    ]);
  });

  it('given TRUNKS that is not a JSON array of trunks, says so', () => {
    expect(problemsOf({ TRUNKS: '{"id":' })).toEqual(['TRUNKS: must be a JSON array of trunks']);
    expect(problemsOf({ TRUNKS: '[]' })).toEqual(['TRUNKS: must be a JSON array of at least one trunk']);
  });

  it('names the trunk (by id, or by position without one) and the field of every problem at once', () => {
    const trunks = [
      { id: 'msk', channels: 0, callsPerSecond: 2_000, callerIds: { numbers: ['+74950000001', '84950000002'], choice: 'sequential' }, prefixes: ['7495'] },
      { callerIds: { numbers: [] }, enabled: 'yes' },
      { id: 'msk', callerIds: { numbers: ['+74950000003'] }, weight: 2 },
    ];
    expect(problemsOf({ TRUNKS: JSON.stringify(trunks) }).sort()).toEqual(
      [
        'TRUNKS.msk.channels: must be at least 1',
        'TRUNKS.msk.callsPerSecond: must be at most 1000',
        'TRUNKS.msk.callerIds.numbers.1: must be an E.164 number',
        'TRUNKS.msk.callerIds.choice: must be round-robin or random',
        'TRUNKS.msk.prefixes.0: must be "+" and 1-14 digits',
        'TRUNKS.#1.id: is required (a string)',
        'TRUNKS.#1.callerIds.numbers: must list at least one number',
        'TRUNKS.#1.enabled: must be true or false',
        'TRUNKS.msk: Unrecognized key: "weight"',
      ].sort(),
    );
  });

  it('refuses two trunks with one id, and a trunk without a caller-ID pool', () => {
    const trunk = { id: 'carrier', callerIds: { numbers: ['+74950000001'] } };
    expect(problemsOf({ TRUNKS: JSON.stringify([{ id: 'bare' }]) })).toEqual(['TRUNKS.bare.callerIds: is required: {"numbers": [...], "choice": "round-robin" | "random"}']);
    expect(problemsOf({ TRUNKS: JSON.stringify([trunk, trunk]) })).toEqual(['TRUNKS.carrier.id: is the id of an earlier trunk']);
  });
});
