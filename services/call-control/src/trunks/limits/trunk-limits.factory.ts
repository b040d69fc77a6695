import type { Pool } from 'pg';
import type { CallControlConfig } from '../../config/call-control.config';
import { InMemoryTrunkLimits } from './in-memory.trunk-limits';
import { PostgresTrunkLimits } from './postgres.trunk-limits';
import type { TrunkLimits } from './trunk-limits.port';

export type TrunkLimitsKind = 'postgres' | 'memory';

/**
 * TRUNK_LIMITS, or its default: `postgres` over ARI, `memory` with simulated telephony.
 * - Over ARI the replicas share real trunks, and the carrier counts every call of all of them:
 *   only limits shared in the database keep its calls-per-second and channel caps when the
 *   Deployment scales out.
 * - Simulated telephony has no carrier: each process's virtual callees are its own, so there is no
 *   shared cap to protect, and it is the embedded mode's telephony, where one process runs on
 *   PGlite (one session at a time), so a round trip per originate would only queue behind the
 *   other services' queries. A distributed demo on simulated telephony that wants shared caps
 *   says TRUNK_LIMITS=postgres.
 */
export const trunkLimitsKindOf = (config: Pick<CallControlConfig, 'TRUNK_LIMITS' | 'TELEPHONY'>): TrunkLimitsKind =>
  config.TRUNK_LIMITS ?? (config.TELEPHONY === 'ari' ? 'postgres' : 'memory');

export type TrunkLimitsContext = {
  readonly pool: Pool;
  /** This replica (its host id), the holder of its channels. */
  readonly hostId: string;
  /** Network ms per wall ms of the telephony (its `durationScale`). */
  readonly durationScale: number;
};

/** The trunk limits chosen by configuration; a channel's lease is the host's (HOST_TTL_MS), renewed with its heartbeat. */
export function createTrunkLimits(config: Pick<CallControlConfig, 'TRUNK_LIMITS' | 'TELEPHONY' | 'HOST_TTL_MS'>, context: TrunkLimitsContext): TrunkLimits {
  if (trunkLimitsKindOf(config) === 'memory') return new InMemoryTrunkLimits();
  return new PostgresTrunkLimits({ pool: context.pool, holderId: context.hostId, channelLeaseMs: config.HOST_TTL_MS, durationScale: context.durationScale });
}
