import { Inject, Injectable, type BeforeApplicationShutdown } from '@nestjs/common';
import type { EventStore } from '@zvonar/eventsourcing';
import { PostgresEventStore } from '@zvonar/event-store-postgres';
import type { InFlightWork, Readiness } from '@zvonar/platform';
import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import type { Logger } from 'pino';
import { CALL_EVENT_STORE } from '../call-control.di-tokens';
import type { CallControlConfig } from '../config/call-control.config';
import { CALL_CONTROL_SCHEMA } from '../placing/place-call.topics';
import { PostgresHostRegistry } from '../hosting/postgres.host-registry';
import { GrpcScenarioCatalogue } from '../scenario-catalogue/grpc.scenario-catalogue';
import type { PostgresSimulationProfiles } from '../simulation/postgres.simulation-profiles';
import { trunkCatalogueOf } from '../trunks/trunks.config';
import { createTrunkLimits, trunkLimitsKindOf } from '../trunks/limits/trunk-limits.factory';
import { TrunkRouter } from '../trunks/trunk-router';
import { CallRuntime } from './call-runtime';
import { createTelephonyRuntime } from './telephony.factory';

export const connectCallEventStore = (pool: Pool): Promise<PostgresEventStore> => PostgresEventStore.connect({ pool, schema: CALL_CONTROL_SCHEMA });

/**
 * Builds the call runtime at boot: the telephony chosen by TELEPHONY (readiness follows the ARI
 * connection), the scenarios catalogue over gRPC, and the recovery of calls a previous process
 * left open, all before any PlaceCall is consumed.
 */
export async function startCallRuntime(
  config: CallControlConfig,
  logger: Logger,
  store: EventStore,
  profiles: PostgresSimulationProfiles,
  inFlight: InFlightWork,
  readiness: Readiness,
  pool: Pool,
): Promise<CallRuntime> {
  const hostId = randomUUID();
  const catalogue = trunkCatalogueOf(config);
  // The telephony's dial plan only reads the catalogue; the limits need the telephony's time scale,
  // and the router placing calls takes its caller-ID turns from them.
  const telephony = createTelephonyRuntime(config, logger, profiles, new TrunkRouter(catalogue));
  const limits = createTrunkLimits(config, { pool, hostId, durationScale: telephony.durationScale });
  logger.info({ trunkLimits: trunkLimitsKindOf(config) }, 'where trunk limits are counted (calls per second, channels, caller-ID turns)');
  const trunks = new TrunkRouter(catalogue, Math.random, limits);
  readiness.register('telephony', async () => telephony.connected());
  return CallRuntime.start({
    hostId,
    hosts: new PostgresHostRegistry(pool, hostId, config.HOST_TTL_MS),
    heartbeatIntervalMs: Math.max(100, Math.floor(config.HOST_TTL_MS / 3)),
    sweepIntervalMs: config.ORPHAN_SWEEP_INTERVAL_MS,
    store,
    telephony,
    scenarios: new GrpcScenarioCatalogue(config.SCENARIOS_GRPC_URL),
    trunks,
    limits,
    inFlight,
    logger,
  });
}

/**
 * Runs after the drain's bounded wait and after the consumers and subscriptions stopped
 * (onModuleDestroy): detaches calls still live (the next process ends them Interrupted), stops
 * the telephony, then closes the event store before the platform closes the pool.
 */
@Injectable()
export class CallRuntimeCloser implements BeforeApplicationShutdown {
  constructor(
    private readonly runtime: CallRuntime,
    @Inject(CALL_EVENT_STORE) private readonly store: EventStore,
  ) {}

  async beforeApplicationShutdown(): Promise<void> {
    await this.runtime.stop();
    await this.store.close();
  }
}
