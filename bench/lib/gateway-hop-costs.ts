// Runs inside the gateway bench's child process: the pieces of an authenticated GET measured one
// by one, with the same clients the gateway uses (createGrpcClient: Nest's gRPC proxy, deadlines,
// rxjs), so that the GET's cost can be split into what each hop and the edge itself add.
import { Client, credentials, Server, ServerCredentials, type Metadata, type sendUnaryData, type ServerUnaryCall } from '@grpc/grpc-js';
import { createGrpcClient, platformStatusService, startService } from '@zvonar/platform';
import { principalMetadata } from '@zvonar/project-access';
import { identityV1, identityV1Package, platformV1, platformV1Package, projectsV1, projectsV1Package } from '@zvonar/proto-ts';
import { Pool } from 'pg';
import { firstValueFrom, type Observable } from 'rxjs';

export type HopCost = { name: string; calls: number; meanMs: number; cpuUsPerCall: number };

export type HopCostInput = {
  identityGrpcUrl: string;
  projectsGrpcUrl: string;
  databaseUrl: string;
  accessToken: string;
  projectId: string;
  /** The process's CPU with nothing to do (µs/s), left out of each figure. */
  backgroundCpuUsPerSecond: number;
  /** How long each piece is repeated, one call at a time. */
  durationMs: number;
};

const cpuMicros = (): number => {
  const { user, system } = process.cpuUsage();
  return user + system;
};

/** Repeats `call` one at a time for `durationMs`: mean latency and this process's CPU per call. */
async function measure(name: string, durationMs: number, background: number, call: () => Promise<unknown>): Promise<HopCost> {
  for (let warm = 0; warm < 20; warm += 1) await call();
  const cpuBefore = cpuMicros();
  const started = process.hrtime.bigint();
  const deadline = started + BigInt(durationMs) * 1_000_000n;
  let calls = 0;
  while (process.hrtime.bigint() < deadline) {
    await call();
    calls += 1;
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return { name, calls, meanMs: (seconds * 1000) / calls, cpuUsPerCall: (cpuMicros() - cpuBefore - background * seconds) / calls };
}

/**
 * grpc-js alone: a server whose one unary method echoes its bytes and a client calling it, no
 * Nest, no rxjs, no proto-loader. What a hop costs before the framework's share.
 */
async function rawGrpcEcho(): Promise<{ call(): Promise<Buffer>; close(): Promise<void> }> {
  const method = '/bench.Echo/Echo';
  const bytes = (value: Buffer): Buffer => value;
  const server = new Server();
  server.register(method, (call: ServerUnaryCall<Buffer, Buffer>, callback: sendUnaryData<Buffer>) => callback(null, call.request), bytes, bytes, 'unary');
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', ServerCredentials.createInsecure(), (error, bound) => (error ? reject(error) : resolve(bound))),
  );
  const client = new Client(`127.0.0.1:${port}`, credentials.createInsecure());
  const payload = Buffer.from('{"projectId":"0190c3f1-d2a4-7b7e-9d1f-1a2b3c4d5e6f"}');
  return {
    call: () =>
      new Promise((resolve, reject) => {
        client.makeUnaryRequest(method, bytes, bytes, payload, (error, value) => (error || !value ? reject(error ?? new Error('no answer')) : resolve(value)));
      }),
    close: async () => {
      client.close();
      await new Promise<void>((resolve) => server.tryShutdown(() => resolve()));
    },
  };
}

/**
 * A raw grpc-js round trip (rawGrpcEcho), a bare gRPC round trip (StatusService.GetStatus of the platform's empty service: Nest's gRPC
 * server and client with nothing behind them; identity's would run its readiness checks), a bare
 * SQL round trip (SELECT 1),
 * identity's Authenticate and projects' GetProject as the gateway calls them. Client and server
 * run in this process, as in the all-in-one mode, so each CPU figure is the hop's whole cost.
 */
export async function measureHopCosts(input: HopCostInput): Promise<HopCost[]> {
  const deadlineMs = 5_000;
  const empty = await startService(platformStatusService, { LOG_LEVEL: 'error', HTTP_HOST: '127.0.0.1', HTTP_PORT: '0', GRPC_HOST: '127.0.0.1', GRPC_PORT: '0' });
  const status = createGrpcClient<platformV1.StatusServiceClient>({ url: empty.grpcUrl, grpcPackage: platformV1Package, service: platformV1.STATUS_SERVICE_NAME, deadlineMs });
  const identity = createGrpcClient<identityV1.IdentityServiceClient>({ url: input.identityGrpcUrl, grpcPackage: identityV1Package, service: identityV1.IDENTITY_SERVICE_NAME, deadlineMs });
  const projects = createGrpcClient<projectsV1.ProjectsServiceClient>({ url: input.projectsGrpcUrl, grpcPackage: projectsV1Package, service: projectsV1.PROJECTS_SERVICE_NAME, deadlineMs });
  const pool = new Pool({ connectionString: input.databaseUrl, max: 1 });
  const raw = await rawGrpcEcho();
  const once = <T>(observable: Observable<T>): Promise<T> => firstValueFrom(observable);
  try {
    const { principal } = await once(identity.service.authenticate({ accessToken: input.accessToken }));
    if (!principal) throw new Error('Authenticate answered without a principal');
    const caller: Metadata = principalMetadata({ accountId: principal.accountId, userId: principal.userId, roles: principal.roles.map((role) => role.replace(/^ROLE_/, '').toLowerCase()), email: principal.email });
    const { durationMs, backgroundCpuUsPerSecond: background } = input;
    return [
      await measure('raw grpc-js round trip (echo of bytes: no Nest, rxjs or proto-loader)', durationMs, background, () => raw.call()),
      await measure('bare gRPC round trip (an empty Nest service\'s StatusService.GetStatus)', durationMs, background, () => once(status.service.getStatus({ probe: 'bench' }))),
      await measure('bare SQL round trip (SELECT 1 on a pg Pool)', durationMs, background, () => pool.query('SELECT 1')),
      await measure('identity Authenticate over gRPC (token check + 1 SQL)', durationMs, background, () => once(identity.service.authenticate({ accessToken: input.accessToken }))),
      await measure('projects GetProject over gRPC (access check + project + custom fields)', durationMs, background, () => once(projects.service.getProject({ projectId: input.projectId }, caller))),
    ];
  } finally {
    status.close();
    identity.close();
    projects.close();
    await pool.end();
    await raw.close();
    await empty.shutdown();
  }
}
