import { Global, Module, type DynamicModule } from '@nestjs/common';
import type { Logger } from 'pino';
import { HealthHttpController } from '../health/health.http.controller';
import { Readiness } from '../health/readiness';
import { InFlightWork } from '../lifecycle/in-flight-work';
import { CLOCK, ID_GENERATOR, LOGGER, SERVICE_CONFIG, SERVICE_INFO } from '../platform.di-tokens';
import { SystemClock } from '../ports/clock';
import { UuidV7IdGenerator } from '../ports/id-generator';
import { StatusGrpcController } from '../status/status.grpc.controller';
import type { ServiceInfo } from './service-info';

export interface PlatformCoreOptions {
  readonly info: ServiceInfo;
  readonly config: object;
  readonly logger: Logger;
  readonly readiness: Readiness;
  readonly inFlight: InFlightWork;
}

/**
 * The providers every service gets, global so a service module injects them without importing
 * anything: its config, logger, clock, id generator, readiness and in-flight registries, plus
 * the probes and the status RPC. Readiness and in-flight work are created by the bootstrap (not
 * by Nest) because shutdown uses them after Nest has begun closing.
 */
@Global()
@Module({})
export class PlatformCoreModule {
  static forService({ info, config, logger, readiness, inFlight }: PlatformCoreOptions): DynamicModule {
    const providers = [
      { provide: SERVICE_INFO, useValue: info },
      { provide: SERVICE_CONFIG, useValue: config },
      { provide: LOGGER, useValue: logger },
      { provide: CLOCK, useValue: new SystemClock() },
      { provide: ID_GENERATOR, useValue: new UuidV7IdGenerator() },
      { provide: Readiness, useValue: readiness },
      { provide: InFlightWork, useValue: inFlight },
    ];
    return {
      module: PlatformCoreModule,
      controllers: [HealthHttpController, StatusGrpcController],
      providers,
      exports: providers.map((provider) => provider.provide),
    };
  }
}
