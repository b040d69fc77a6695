import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { protoLoaderOptions } from '@zvonar/platform';
import { audiencesV1Package, type audiencesV1 } from '@zvonar/proto-ts';

export type FakeAudiences = {
  readonly url: string;
  /** Segments by id; tests may change them between loads. */
  readonly segments: Map<string, audiencesV1.SegmentContact[]>;
  /** How many streams were opened, per segment id. */
  readonly streamsOpened: Map<string, number>;
  /** While set, every stream fails with this status at once (the audiences service failing). */
  failWith: grpc.status | undefined;
  stop(): Promise<void>;
};

type ServiceDefinition = { zvonar: { audiences: { v1: { AudiencesService: grpc.ServiceClientConstructor } } } };

/**
 * The audiences service as the dialer sees it: a real gRPC server on 127.0.0.1 answering
 * StreamSegmentContacts from fixture segments. Audiences is another service, so this is the
 * boundary a test may stand in for.
 */
export async function startFakeAudiences(segments: Record<string, audiencesV1.SegmentContact[]> = {}): Promise<FakeAudiences> {
  const definition = protoLoader.loadSync([...audiencesV1Package.protoPaths], protoLoaderOptions);
  const loaded = grpc.loadPackageDefinition(definition) as unknown as ServiceDefinition;
  const server = new grpc.Server();
  const bySegment = new Map(Object.entries(segments));
  const streamsOpened = new Map<string, number>();
  const fake: { failWith: grpc.status | undefined } = { failWith: undefined };
  server.addService(loaded.zvonar.audiences.v1.AudiencesService.service, {
    streamSegmentContacts: (call: grpc.ServerWritableStream<audiencesV1.StreamSegmentContactsRequest, audiencesV1.StreamSegmentContactsResponse>) => {
      const { segmentId } = call.request;
      streamsOpened.set(segmentId, (streamsOpened.get(segmentId) ?? 0) + 1);
      if (fake.failWith !== undefined) {
        call.destroy({ name: 'Failing', message: 'audiences is failing', code: fake.failWith } as grpc.ServiceError);
        return;
      }
      const contacts = bySegment.get(segmentId);
      if (!contacts) {
        call.destroy({ name: 'NotFound', message: `segment ${segmentId} not found`, code: grpc.status.NOT_FOUND } as grpc.ServiceError);
        return;
      }
      for (const contact of contacts) call.write({ contact });
      call.end();
    },
  });
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (error, bound) => (error ? reject(error) : resolve(bound))),
  );
  return Object.assign(fake, {
    url: `127.0.0.1:${port}`,
    segments: bySegment,
    streamsOpened,
    stop: () => new Promise<void>((resolve) => server.tryShutdown(() => resolve())),
  });
}
