import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { createGrpcClient, SERVICE_CONFIG, type GrpcClient, type PlatformConfig } from '@zvonar/platform';
import { platformV1, platformV1Package } from '@zvonar/proto-ts';
import { firstValueFrom } from 'rxjs';
import { HOSTED_ENDPOINTS, type HostedEndpoint } from './hosted-services';

export interface HostedStatus {
  readonly name: string;
  readonly grpcUrl: string;
  readonly httpUrl: string;
  readonly latencyMs: number;
  readonly status?: platformV1.GetStatusResponse;
  readonly error?: string;
}

/** One StatusService client per hosted service, over loopback gRPC like any other caller. */
@Injectable()
export class HostedStatusClients implements OnApplicationShutdown {
  private readonly clients: { endpoint: HostedEndpoint; client: GrpcClient<platformV1.StatusServiceClient> }[];

  constructor(
    @Inject(HOSTED_ENDPOINTS) endpoints: readonly HostedEndpoint[],
    @Inject(SERVICE_CONFIG) config: PlatformConfig,
  ) {
    this.clients = endpoints.map((endpoint) => ({
      endpoint,
      client: createGrpcClient<platformV1.StatusServiceClient>({
        url: endpoint.grpcUrl,
        grpcPackage: platformV1Package,
        service: platformV1.STATUS_SERVICE_NAME,
        deadlineMs: config.GRPC_CLIENT_DEADLINE_MS,
      }),
    }));
  }

  /** Asks every hosted service at once; one that fails is reported, not thrown. */
  statuses(probe: string): Promise<HostedStatus[]> {
    return Promise.all(
      this.clients.map(async ({ endpoint, client }) => {
        const started = performance.now();
        const base = { name: endpoint.name, grpcUrl: endpoint.grpcUrl, httpUrl: endpoint.httpUrl };
        try {
          const status = await firstValueFrom(client.service.getStatus({ probe }));
          return { ...base, latencyMs: Math.round(performance.now() - started), status };
        } catch (error) {
          return {
            ...base,
            latencyMs: Math.round(performance.now() - started),
            error: error instanceof Error ? error.message : String(error),
          };
        }
      }),
    );
  }

  onApplicationShutdown(): void {
    for (const { client } of this.clients) client.close();
  }
}
