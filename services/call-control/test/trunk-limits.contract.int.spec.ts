// The TrunkLimits contract against both adapters: in memory, and PostgreSQL (a real server, the
// call_control schema migrated as the service migrates it). Both read the spec's manual clock.
import { createPool, runMigrations } from '@zvonar/platform';
import { createTestDatabase, describeWithPostgres } from '@zvonar/testing';
import type { Pool } from 'pg';
import { callControlMigrations } from '../src/calls/read-model/calls.migrations';
import { InMemoryTrunkLimits } from '../src/trunks/limits/in-memory.trunk-limits';
import { PostgresTrunkLimits } from '../src/trunks/limits/postgres.trunk-limits';
import { trunkLimitsContract } from './trunk-limits.contract';

trunkLimitsContract('in memory', () => ({ create: () => new InMemoryTrunkLimits() }));

describeWithPostgres('TrunkLimits over PostgreSQL', (serverUrl) => {
  let database: { url: string; drop(): Promise<void> };
  let pool: Pool;

  beforeAll(async () => {
    database = await createTestDatabase(serverUrl, 'trunk_limits_contract');
    pool = createPool(database.url, { schema: 'call_control', max: 8 });
    await runMigrations(pool, 'call_control', callControlMigrations);
  }, 30_000);

  afterAll(async () => {
    await pool?.end();
    await database?.drop();
  });

  trunkLimitsContract('PostgreSQL', () => ({
    create: (clock) => new PostgresTrunkLimits({ pool, holderId: 'replica-1', channelLeaseMs: 30_000, clock: () => clock.nowMs }),
  }));
});
