import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { SERVICE_CONFIG } from '@zvonar/platform';
import type { SegmentContact, SegmentContactSource } from '../../dialing/application/segment-contacts.port';
import { dialingConfigSchema } from '../../dialing/infrastructure/dialing.config';
import { GrpcSegmentContacts } from '../../dialing/infrastructure/grpc.segment-contacts';

/**
 * The audiences segment stream the pre-flight reads, on a client of its own (the dialer's loads
 * keep theirs). Without AUDIENCES_GRPC_URL every pre-flight fails naming the variable, as loads do.
 */
@Injectable()
export class PreflightSegments implements SegmentContactSource, OnModuleDestroy {
  private readonly client: GrpcSegmentContacts | undefined;

  constructor(@Inject(SERVICE_CONFIG) config: unknown) {
    const dialing = dialingConfigSchema.parse(config);
    this.client = dialing.AUDIENCES_GRPC_URL ? new GrpcSegmentContacts(dialing.AUDIENCES_GRPC_URL, dialing.DIALER_SEGMENT_STREAM_DEADLINE_MS) : undefined;
  }

  stream(projectId: string, segmentId: string, signal?: AbortSignal): AsyncIterable<SegmentContact> {
    if (!this.client) return unconfigured();
    return this.client.stream(projectId, segmentId, signal);
  }

  onModuleDestroy(): void {
    this.client?.close();
  }
}

// eslint-disable-next-line require-yield -- fails on the first read, like an unreachable service
async function* unconfigured(): AsyncGenerator<SegmentContact> {
  throw new Error('AUDIENCES_GRPC_URL is not set: no audience can be read');
}
