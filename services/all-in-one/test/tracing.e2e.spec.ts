import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { freePort } from '@zvonar/platform';
import { createTestDatabase, describeWithPostgres, eventually, exportingTo, OtlpReceiver, type ReceivedSpan } from '@zvonar/testing';

const repoRoot = path.resolve(__dirname, '../../..');

// OTLP's SpanKind enum (SPAN_KIND_SERVER = 2, SPAN_KIND_CLIENT = 3), not the API's.
const SERVER = 2;
const CLIENT = 3;

const isStatusEntry = (span: ReceivedSpan): boolean => span.kind === SERVER && span.attributes['url.path'] === '/api/status';
const isGetStatus = (span: ReceivedSpan): boolean => span.name.includes('StatusService/GetStatus');

describeWithPostgres('all-in-one tracing', (serverUrl) => {
  let database: { url: string; drop(): Promise<void> };
  let receiver: OtlpReceiver;
  let platform: ChildProcess | undefined;

  beforeAll(async () => {
    database = await createTestDatabase(serverUrl, 'all_in_one_tracing');
    receiver = await OtlpReceiver.start((span) => isStatusEntry(span) || isGetStatus(span));
  });

  afterAll(async () => {
    if (platform?.exitCode === null) platform.kill('SIGKILL');
    await receiver?.stop();
    await database?.drop();
  });

  it('follows one request from HTTP into the hosted service over gRPC in a single trace', async () => {
    const httpPort = await freePort();
    platform = spawn(process.execPath, ['-r', '@swc-node/register', 'services/all-in-one/src/main.ts'], {
      cwd: repoRoot,
      stdio: 'ignore',
      env: {
        ...process.env,
        SWCRC: 'true',
        DATABASE_URL: database.url,
        HTTP_HOST: '127.0.0.1',
        HTTP_PORT: String(httpPort),
        GRPC_HOST: '127.0.0.1',
        GRPC_PORT: String(await freePort()),
        PUBLIC_GRPC_PORT: '0',
        LOG_LEVEL: 'warn',
        ...exportingTo(receiver),
      },
    });
    const exited = new Promise<number | null>((resolve) => platform?.once('exit', resolve));
    const baseUrl = `http://127.0.0.1:${httpPort}`;
    await eventually(
      () =>
        fetch(`${baseUrl}/readyz`).then(
          (response) => response.ok,
          () => false,
        ),
      {
        // Booting every hosted service compiles and migrates them: minutes on a loaded 2-core CI machine.
        timeoutMs: 150_000,
        intervalMs: 200,
        what: 'the all-in-one process to be ready',
      },
    );

    // Ready hosts may still have a hosted service finishing a check on a loaded machine: asked until it answers ok.
    await eventually(async () => (await fetch(`${baseUrl}/api/status`)).status === 200, { timeoutMs: 30_000, intervalMs: 250, what: '/api/status to answer 200' });

    const trace = await eventually(
      () => {
        // Any of the status requests whose spans have all arrived (one that met a hosted service
        // still starting may lack a server span).
        const { kept } = receiver.spans();
        for (const entry of kept.filter(isStatusEntry)) {
          const sameTrace = kept.filter((span) => span.traceId === entry.traceId && isGetStatus(span));
          // One GetStatus per hosted service: as many client spans as server spans.
          const clients = sameTrace.filter((span) => span.kind === CLIENT);
          const servers = sameTrace.filter((span) => span.kind === SERVER);
          if (clients.length > 0 && servers.length === clients.length) return { entry, clients, servers };
        }
        return undefined;
      },
      { timeoutMs: 20_000, what: 'the spans of GET /api/status and its GetStatus calls' },
    );
    // Each hosted service's server span is a child of one of the host's client spans: the context
    // crossed the loopback gRPC hop in the metadata.
    const clientIds = new Set(trace.clients.map((span) => span.spanId));
    expect(trace.servers.filter((server) => !clientIds.has(server.parentSpanId))).toEqual([]);

    platform.kill('SIGTERM');
    await expect(exited).resolves.toBe(0);
  }, 240_000);
});
