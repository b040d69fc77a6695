// How a partner talks to the public gRPC port in the specs: the services' generated ts-proto
// clients pointed at the gateway, and a raw client for what those hide (trailers, odd paths).
import { Client, credentials, Metadata, Server, ServerCredentials, status as GrpcStatus, type sendUnaryData, type ServerUnaryCall, type ServiceDefinition, type StatusObject } from '@grpc/grpc-js';
import { createGrpcClient, type RunningService } from '@zvonar/platform';
import { projectsV1, type GrpcPackage } from '@zvonar/proto-ts';
import { PublicGrpcServer } from '../src/public-grpc/public-grpc.server';
import type { ConformingClient } from './conforming-client';

/** Where a started gateway serves its public gRPC API. */
export function publicGrpcAddress(gateway: RunningService): string {
  const address = gateway.app.get(PublicGrpcServer).address;
  if (!address) throw new Error('the gateway serves no public gRPC API: start it with PUBLIC_GRPC_PORT');
  return address;
}

/** A generated client of `service` in `grpcPackage`, talking to the gateway's public port. */
export const publicClient = <T extends object>(address: string, grpcPackage: GrpcPackage, service: string): T =>
  createGrpcClient<T>({ url: address, grpcPackage, service, deadlineMs: 15_000 }).service;

/** Metadata of a partner call: its credential (if any) and whatever else the partner adds. */
export function partnerMetadata(entries: Record<string, string> = {}): Metadata {
  const metadata = new Metadata();
  for (const [key, value] of Object.entries(entries)) metadata.set(key, value);
  return metadata;
}

/** An API key of the signed-in user behind `client`, with `scopes`, created over REST. */
export async function anApiKey(client: ConformingClient, scopes: readonly string[]): Promise<string> {
  const created = await client.post('/api/v1/api-keys', { name: `partner ${scopes.join(' ')}`, scopes });
  if (created.status !== 201) throw new Error(`API key not created: ${JSON.stringify(created.body)}`);
  return created.body.secret as string;
}

export interface RawAnswer {
  readonly status: StatusObject;
  readonly message: Buffer | undefined;
  /** The response headers (initial metadata). */
  readonly headers: Metadata | undefined;
}

/** One unary call by path with raw bytes, answering the status with its trailers (and the message). */
export function rawUnary(address: string, path: string, request: Uint8Array, metadata: Metadata, options: { deadline?: number } = {}): Promise<RawAnswer> {
  const client = new Client(address, credentials.createInsecure());
  return new Promise((resolve) => {
    let message: Buffer | undefined;
    let headers: Metadata | undefined;
    const call = client.makeUnaryRequest(
      path,
      (bytes: Buffer) => bytes,
      (bytes: Buffer) => bytes,
      Buffer.from(request),
      metadata,
      { deadline: options.deadline ?? Date.now() + 15_000 },
      (_error, value) => {
        message = value;
      },
    );
    call.on('metadata', (received: Metadata) => {
      headers = received;
    });
    call.on('status', (status: StatusObject) => {
      client.close();
      resolve({ status, message: status.code === GrpcStatus.OK ? message : undefined, headers });
    });
  });
}

/** A partner call left running, to be cancelled. */
export function startUnary(address: string, path: string, request: Uint8Array, metadata: Metadata): { cancel(): void } {
  const client = new Client(address, credentials.createInsecure());
  const call = client.makeUnaryRequest(path, (bytes: Buffer) => bytes, (bytes: Buffer) => bytes, Buffer.from(request), metadata, {}, () => undefined);
  call.on('status', () => client.close());
  return { cancel: () => call.cancel() };
}

/** What a stand-in service saw of one call. */
export interface SeenCall {
  readonly receivedAt: number;
  /** Epoch ms; Infinity when the call came without one. */
  readonly deadline: number;
  /** x-zvonar-account-id of the call. */
  readonly principal: string | undefined;
  cancelled: boolean;
}

/**
 * A projects stand-in. Its GetProject records each call's deadline and principal and whether the
 * call was cancelled (which only the caller's side can cause), then answers by the project id
 * asked for: `internal` fails INTERNAL with a driver's message, `with-trailers` answers with a
 * response header and a trailer, anything else never answers. The thing under test is the gateway
 * between the partner and a service, so the service may be a stand-in here.
 */
export async function startStandInProjects(): Promise<{ address: string; calls: SeenCall[]; stop(): void }> {
  const calls: SeenCall[] = [];
  const server = new Server();
  const path = '/zvonar.projects.v1.ProjectsService/GetProject';
  const pass = (bytes: Buffer) => bytes;
  const definition = { GetProject: { path, requestStream: false, responseStream: false, requestSerialize: pass, requestDeserialize: pass, responseSerialize: pass, responseDeserialize: pass } };
  server.addService(definition as ServiceDefinition, {
    GetProject: (call: ServerUnaryCall<Buffer, Buffer>, callback: sendUnaryData<Buffer>) => {
      const deadline = call.getDeadline();
      const [principal] = call.metadata.get('x-zvonar-account-id');
      const seen: SeenCall = { receivedAt: Date.now(), deadline: deadline instanceof Date ? deadline.getTime() : deadline, principal: principal?.toString(), cancelled: false };
      calls.push(seen);
      call.on('cancelled', () => {
        seen.cancelled = true;
      });
      const { projectId } = projectsV1.GetProjectRequest.decode(call.request);
      if (projectId === 'internal') {
        const trailers = new Metadata();
        trailers.set('zvonar-error-id', 'err-7');
        callback({ code: GrpcStatus.INTERNAL, details: 'relation "projects" does not exist (error id err-7)', metadata: trailers });
      } else if (projectId === 'with-trailers') {
        const headers = new Metadata();
        headers.set('x-served-by', 'projects-7');
        call.sendMetadata(headers);
        const trailers = new Metadata();
        trailers.set('x-cost-units', '3');
        const answer = projectsV1.GetProjectResponse.encode({ project: undefined }).finish();
        callback(null, Buffer.from(answer), trailers);
      }
    },
  });
  const port = await new Promise<number>((resolve, reject) => server.bindAsync('127.0.0.1:0', ServerCredentials.createInsecure(), (error, bound) => (error ? reject(error) : resolve(bound))));
  return { address: `127.0.0.1:${port}`, calls, stop: () => server.forceShutdown() };
}
