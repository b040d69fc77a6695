import { Module, type DynamicModule } from '@nestjs/common';
import { envUrl, PostgresModule, Readiness, type RunningService, type ServiceDefinition } from '@zvonar/platform';
import { z } from 'zod';
import { allInOneMigrations } from './all-in-one.migrations';
import { proxyPublicApiTo } from './public-api/gateway-proxy';
import { HOSTED_ENDPOINTS, type HostedEndpoint } from './status/hosted-services';
import { HostedStatusClients } from './status/hosted-status.clients';
import { StartLog } from './status/start-log';
import { StatusHttpController } from './status/status.http.controller';

const configSchema = z.object({ DATABASE_URL: envUrl('postgres', 'postgresql') });

/** Registers one readiness check per hosted service on the host. */
const HOSTED_READINESS = Symbol('HOSTED_READINESS');

@Module({})
class AllInOneModule {
  static hosting(hosted: readonly RunningService[]): DynamicModule {
    const endpoints: HostedEndpoint[] = hosted.map(({ name, grpcUrl, httpUrl }) => ({ name, grpcUrl, httpUrl }));
    return {
      module: AllInOneModule,
      imports: [PostgresModule.forService({ schema: 'all_in_one', migrations: allInOneMigrations })],
      controllers: [StatusHttpController],
      providers: [
        { provide: HOSTED_ENDPOINTS, useValue: endpoints },
        HostedStatusClients,
        StartLog,
        {
          // The process is ready only while every hosted service is.
          provide: HOSTED_READINESS,
          inject: [Readiness],
          useFactory: (readiness: Readiness) => {
            for (const service of hosted) {
              readiness.register(service.name, async () => (await service.readiness.report()).ready);
            }
            return true;
          },
        },
      ],
    };
  }
}

/**
 * The host of the all-in-one process is itself a service started by the same bootstrap: its
 * HTTP port is the one printed for people (probes, /api/status); the hosted services listen on
 * loopback ports behind it.
 */
export const allInOneHost = (hosted: readonly RunningService[]): ServiceDefinition => {
  const gateway = hosted.find((service) => service.name === 'gateway');
  return {
    name: 'all-in-one',
    version: '0.1.0',
    module: AllInOneModule.hosting(hosted),
    configSchema,
    // The public REST API answers on the host's port too, so people and the demo need one URL.
    ...(gateway ? { configureHttp: proxyPublicApiTo(gateway.httpUrl) } : {}),
  };
};
