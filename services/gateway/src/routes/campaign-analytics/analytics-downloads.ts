import { Client, credentials, Metadata, status as GrpcStatus, type ClientReadableStream, type StatusObject } from '@grpc/grpc-js';
import type { OnApplicationShutdown } from '@nestjs/common';
import { grpcUrlVariable } from '@zvonar/platform';
import { campaignsV1 } from '@zvonar/proto-ts';
import { Readable } from 'node:stream';
import { serviceErrorOf } from '../../public-grpc/grpc-status';
import { callMetadata } from '../../upstream/call-metadata';
import type { CallContext } from '../../upstream/call-context';
import { UpstreamFailure } from '../../upstream/upstream-failure';

const SERVICE_PATH = `/zvonar.campaigns.v1.${campaignsV1.CAMPAIGN_ANALYTICS_SERVICE_NAME}`;

export type DownloadKind = 'goals' | 'report';

const RPCS = {
  goals: { path: `${SERVICE_PATH}/ExportCampaignGoals`, encode: campaignsV1.ExportCampaignGoalsRequest.encode, decode: campaignsV1.ExportCampaignGoalsResponse.decode },
  report: { path: `${SERVICE_PATH}/ExportCampaignReport`, encode: campaignsV1.ExportCampaignReportRequest.encode, decode: campaignsV1.ExportCampaignReportResponse.decode },
} as const;

/**
 * The CSV downloads as Node streams over CampaignAnalyticsService's server streams (Nest's gRPC
 * client hands out Observables, which cannot be paused: a slow browser would make the gateway
 * hold the whole file). Each HTTP chunk is read from the service only as the client takes the
 * previous ones, and a client that goes away cancels the service's call.
 */
export class AnalyticsDownloads implements OnApplicationShutdown {
  private readonly client: Client | undefined;

  constructor(url: string | undefined) {
    this.client = url ? new Client(url, credentials.createInsecure()) : undefined;
  }

  /**
   * The file, once the service has answered its first chunk: a refusal (no access, unknown zone)
   * fails here as UpstreamFailure, so it becomes problem+json instead of a broken download.
   */
  async open(kind: DownloadKind, request: { campaignId: string; timeZone: string }, context: CallContext): Promise<Readable> {
    if (!this.client) throw new UpstreamFailure('campaigns', notConfigured());
    const rpc = RPCS[kind];
    const call: ClientReadableStream<{ data: Uint8Array }> = this.client.makeServerStreamRequest(
      rpc.path,
      (message: { campaignId: string; timeZone: string }) => Buffer.from(rpc.encode(message).finish()),
      (bytes: Buffer) => rpc.decode(bytes),
      request,
      callMetadata(context),
      {},
    );
    const file = new Readable({ read: () => call.resume(), destroy: (error, done) => (call.cancel(), done(error)) });
    let started = false;
    return new Promise<Readable>((resolve, reject) => {
      call.on('data', ({ data }: { data: Uint8Array }) => {
        if (!file.push(Buffer.from(data))) call.pause();
        if (!started) {
          started = true;
          resolve(file);
        }
      });
      // The same failure arrives as the status, which carries the trailers (field violations).
      call.on('error', () => undefined);
      call.on('status', (status: StatusObject) => {
        if (status.code === GrpcStatus.OK) {
          file.push(null);
          started = true;
          resolve(file);
          return;
        }
        const failure = new UpstreamFailure('campaigns', serviceErrorOf(status));
        if (started) file.destroy(failure);
        else reject(failure);
      });
    });
  }

  onApplicationShutdown(): void {
    this.client?.close();
  }
}

const notConfigured = () =>
  Object.assign(new Error(`${grpcUrlVariable('campaigns')} is not set`), { code: GrpcStatus.UNAVAILABLE, details: `${grpcUrlVariable('campaigns')} is not set`, metadata: new Metadata() });
