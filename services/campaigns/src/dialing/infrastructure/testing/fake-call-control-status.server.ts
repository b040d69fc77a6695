import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { protoLoaderOptions } from '@zvonar/platform';
import { platformV1Package, type platformV1 } from '@zvonar/proto-ts';

export type FakeCallControlStatus = {
  readonly url: string;
  /** What GetStatus answers in `ready`; a test flips it to play call-control losing its telephony. */
  ready: boolean;
  /** How many GetStatus calls were answered. */
  readonly answered: () => number;
  stop(): Promise<void>;
};

type ServiceDefinition = { zvonar: { platform: { v1: { StatusService: grpc.ServiceClientConstructor } } } };

/**
 * Call-control's StatusService as the telephony watch sees it: a real gRPC server on 127.0.0.1
 * whose `ready` the test flips. Call-control is another service, so this is the boundary a test
 * may stand in for.
 */
export async function startFakeCallControlStatus(): Promise<FakeCallControlStatus> {
  const definition = protoLoader.loadSync([...platformV1Package.protoPaths], protoLoaderOptions);
  const loaded = grpc.loadPackageDefinition(definition) as unknown as ServiceDefinition;
  const server = new grpc.Server();
  let answered = 0;
  const fake = { ready: true };
  server.addService(loaded.zvonar.platform.v1.StatusService.service, {
    getStatus: (call: grpc.ServerUnaryCall<platformV1.GetStatusRequest, platformV1.GetStatusResponse>, callback: grpc.sendUnaryData<platformV1.GetStatusResponse>) => {
      answered += 1;
      callback(null, { service: 'call-control', version: '0.0.0-spec', pid: process.pid, startedAt: undefined, ready: fake.ready, probe: call.request.probe });
    },
  });
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (error, bound) => (error ? reject(error) : resolve(bound))),
  );
  return Object.assign(fake, {
    url: `127.0.0.1:${port}`,
    answered: () => answered,
    stop: () => new Promise<void>((resolve) => server.tryShutdown(() => resolve())),
  });
}
