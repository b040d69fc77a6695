import { Module } from '@nestjs/common';
import { KafkaIntegrationBus } from '@zvonar/messaging-kafka';
import { PostgresIntegrationBus } from '@zvonar/messaging-postgres';
import { integrationBusConnector } from '@zvonar/outbox';
import { ConfigError, InFlightWork, LOGGER, PG_POOL, PostgresModule, Readiness, SERVICE_CONFIG } from '@zvonar/platform';
import { projectAccessMigrations, ProjectAccessModule } from '@zvonar/project-access';
import type { Pool } from 'pg';
import type { Logger } from 'pino';
import { CallsAccess } from './calls/api/calls.access';
import { CallsGrpcController } from './calls/api/calls.grpc.controller';
import { callControlMigrations } from './calls/read-model/calls.migrations';
import { CallsProjector } from './calls/read-model/calls.projector';
import { CALL_EVENT_STORE, CALL_EVENTS_PUBLISHER, PLACE_CALL_SUBSCRIBER, type ClosablePublisher, type SubscriberConnector } from './call-control.di-tokens';
import type { CallControlConfig } from './config/call-control.config';
import { DrainHttpController } from './drain/drain.http.controller';
import { CallEventsForwarder } from './integration/call-events.forwarder';
import { ReconnectingPublisher } from './integration/reconnecting.publisher';
import { PlaceCallConsumer } from './placing/place-call.consumer';
import { CALL_CONTROL_SCHEMA, CALL_TOPIC, PLACE_CALL_BUS_SCHEMA, PLACE_CALL_TOPIC } from './placing/place-call.topics';
import { CallRuntime } from './runtime/call-runtime';
import { CallRuntimeCloser, connectCallEventStore, startCallRuntime } from './runtime/call-runtime.provider';
import { PostgresSimulationProfiles } from './simulation/postgres.simulation-profiles';

// The bus calls these detached from the logger; pino's methods need their `this`.
const busLogger = (logger: Logger) => ({
  error: (object: object, message: string) => logger.error(object, message),
  warn: (object: object, message: string) => logger.warn(object, message),
});

/** Opens the bus PlaceCall is read from: campaigns' bus log (embedded) or Kafka. A missing KAFKA_BROKERS fails the boot. */
function placeCallSubscriber(config: CallControlConfig, pool: Pool, logger: Logger): SubscriberConnector {
  if (config.BUS === 'embedded') return () => PostgresIntegrationBus.connect({ pool, schema: PLACE_CALL_BUS_SCHEMA });
  const brokers = config.KAFKA_BROKERS;
  if (!brokers) throw new ConfigError('call-control', [{ variable: 'KAFKA_BROKERS', problem: 'is required when BUS=kafka' }]);
  return async () => {
    const bus = await KafkaIntegrationBus.connect({ brokers, clientId: 'call-control-place-call', logger: busLogger(logger) });
    try {
      // Consuming a topic nobody created yet would fail the join; campaigns creates it too, whoever starts first.
      await bus.ensureTopics([PLACE_CALL_TOPIC]);
      return bus;
    } catch (error) {
      await bus.close().catch(() => undefined);
      throw error;
    }
  };
}

/**
 * The composition root of call-control: the call streams in the `call_control` schema, the
 * telephony chosen by TELEPHONY, the PlaceCall consumer, the integration-event forwarder, the
 * calls read model and the CallsService (checked on the project-access read model), and the drain endpoints of the chart's preStop.
 */
@Module({
  imports: [
    PostgresModule.forService({ schema: CALL_CONTROL_SCHEMA, migrations: [...callControlMigrations, ...projectAccessMigrations] }),
    // The access read model CallsService checks every caller against (fed by the project events).
    ProjectAccessModule.forService({ service: 'call-control', schema: CALL_CONTROL_SCHEMA }),
  ],
  controllers: [CallsGrpcController, DrainHttpController],
  providers: [
    { provide: CALL_EVENT_STORE, inject: [PG_POOL], useFactory: connectCallEventStore },
    { provide: PostgresSimulationProfiles, inject: [PG_POOL], useFactory: (pool: Pool) => new PostgresSimulationProfiles(pool) },
    {
      provide: CallRuntime,
      inject: [SERVICE_CONFIG, LOGGER, CALL_EVENT_STORE, PostgresSimulationProfiles, InFlightWork, Readiness, PG_POOL],
      useFactory: startCallRuntime,
    },
    CallRuntimeCloser,
    { provide: PLACE_CALL_SUBSCRIBER, inject: [SERVICE_CONFIG, PG_POOL, LOGGER], useFactory: placeCallSubscriber },
    {
      provide: CALL_EVENTS_PUBLISHER,
      inject: [SERVICE_CONFIG, PG_POOL, LOGGER],
      useFactory: (config: CallControlConfig, pool: Pool, logger: Logger): ClosablePublisher =>
        new ReconnectingPublisher(
          integrationBusConnector({ service: 'call-control', BUS: config.BUS, KAFKA_BROKERS: config.KAFKA_BROKERS, pool, schema: CALL_CONTROL_SCHEMA, logger: busLogger(logger), topics: [CALL_TOPIC] }),
        ),
    },
    PlaceCallConsumer,
    CallEventsForwarder,
    CallsProjector,
    CallsAccess,
  ],
})
export class CallControlModule {}
