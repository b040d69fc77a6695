import { ConfigError, loadConfig } from '@zvonar/platform';
import type { Pool } from 'pg';
import { callControlConfigSchema } from '../../config/call-control.config';
import { InMemoryTrunkLimits } from './in-memory.trunk-limits';
import { PostgresTrunkLimits } from './postgres.trunk-limits';
import { createTrunkLimits, trunkLimitsKindOf } from './trunk-limits.factory';

const required = { DATABASE_URL: 'postgres://localhost/zvonar', SCENARIOS_GRPC_URL: '127.0.0.1:1' };
const configOf = (env: Record<string, string>) => loadConfig(callControlConfigSchema, { ...required, ...env }, 'call-control');
/** Never queried: the factory only builds the adapter. */
const pool = {} as Pool;

describe('TRUNK_LIMITS: where trunk limits are counted', () => {
  it('given nothing set, counts them in PostgreSQL over ARI (replicas share the carrier) and in memory with simulated telephony', () => {
    expect(trunkLimitsKindOf(configOf({ TELEPHONY: 'ari' }))).toBe('postgres');
    expect(trunkLimitsKindOf(configOf({ TELEPHONY: 'simulated' }))).toBe('memory');
    expect(trunkLimitsKindOf(configOf({}))).toBe('memory');
  });

  it('given TRUNK_LIMITS, uses it whatever the telephony', () => {
    expect(trunkLimitsKindOf(configOf({ TELEPHONY: 'ari', TRUNK_LIMITS: 'memory' }))).toBe('memory');
    expect(trunkLimitsKindOf(configOf({ TELEPHONY: 'simulated', TRUNK_LIMITS: 'postgres' }))).toBe('postgres');
  });

  it('builds the adapter chosen', () => {
    const context = { pool, hostId: 'host-1', durationScale: 1 };
    expect(createTrunkLimits(configOf({ TELEPHONY: 'ari' }), context)).toBeInstanceOf(PostgresTrunkLimits);
    expect(createTrunkLimits(configOf({}), context)).toBeInstanceOf(InMemoryTrunkLimits);
  });

  it('refuses any other value, naming the variable', () => {
    let refusal: unknown;
    try {
      configOf({ TRUNK_LIMITS: 'redis' });
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(ConfigError);
    expect((refusal as ConfigError).problems).toEqual([{ variable: 'TRUNK_LIMITS', problem: 'must be postgres or memory' }]);
  });
});
