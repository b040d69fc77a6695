import { createGrpcClient, type GrpcClient } from '@zvonar/platform';
import { platformV1, platformV1Package } from '@zvonar/proto-ts';
import { firstValueFrom } from 'rxjs';
import type { TelephonyStatus, TelephonyStatusAnswer } from '../application/telephony.port';

const describe = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/**
 * Call-control's `zvonar.platform.v1.StatusService/GetStatus` (every service serves it). Its
 * `ready` is false while call-control starts, drains, or a readiness check fails (its ARI socket,
 * its database, its PlaceCall consumer). An error or a missed deadline is "unreachable".
 */
export class GrpcTelephonyStatus implements TelephonyStatus {
  private readonly client: GrpcClient<platformV1.StatusServiceClient>;

  constructor(url: string, deadlineMs: number) {
    this.client = createGrpcClient<platformV1.StatusServiceClient>({ url, grpcPackage: platformV1Package, service: platformV1.STATUS_SERVICE_NAME, deadlineMs });
  }

  async check(): Promise<TelephonyStatusAnswer> {
    try {
      const status = await firstValueFrom(this.client.service.getStatus({ probe: 'campaigns-telephony-watch' }));
      return status.ready ? { ready: true } : { ready: false, problem: `${status.service || 'call-control'} reports not ready` };
    } catch (error) {
      return { ready: false, problem: `unreachable: ${describe(error)}` };
    }
  }

  close(): void {
    this.client.close();
  }
}
