// The server side of bench/gateway.bench.ts, run in its own Node process so the load generator
// does not share its event loop: identity + projects + the gateway hosted exactly as the
// all-in-one process hosts them (hostServices: each its own Nest app and loopback gRPC server,
// one PostgreSQL database), and beside them, in the same process, the baseline — a bare Fastify
// handler answering a small JSON. Commands arrive over the IPC channel (see gateway-platform.ts).
// The tracing wrappers first: they must be in place before the services make their gRPC clients.
import { startRequestTracing, type TraceReport } from './request-tracing';
import { measureHopCosts } from './gateway-hop-costs';
import { gatewayService } from '@zvonar/gateway';
import { identityService } from '@zvonar/identity';
import { hostServices } from '@zvonar/platform';
import { projectsService } from '@zvonar/projects';
import Fastify from 'fastify';
import { randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';
import type { AddressInfo } from 'node:net';
import { Client } from 'pg';
import type { ChildCommand, ChildMessage } from './gateway-platform';

const UNLIMITED = String(1_000_000_000);

/**
 * On a fresh database a service's migrations and its embedded bus each run `CREATE SCHEMA IF NOT
 * EXISTS <schema>` under different advisory locks, and the two can collide (23505 on
 * pg_namespace). The schemas are made first so the platform starts every time; what the bench
 * measures does not depend on it.
 */
async function createServiceSchemas(databaseUrl: string): Promise<void> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    for (const schema of ['identity', 'projects', 'gateway']) await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
  } finally {
    await client.end();
  }
}

async function start() {
  const env = {
    DATABASE_URL: process.env['BENCH_DATABASE_URL'] ?? '',
    BUS: 'embedded',
    DEPLOYMENT: 'embedded',
    LOG_LEVEL: 'error',
    // Cheap password hashing: it is paid once, at sign-up, not by the measured GET.
    ARGON2_MEMORY_KIB: '256',
    ARGON2_ITERATIONS: '1',
    ACCESS_TOKEN_SECRET: randomBytes(32).toString('hex'),
    // The default limits (1,200/min per IP, 600/min per account) would answer 429 within a second
    // of load from one client and one account; the buckets are still checked on every request.
    RATE_LIMIT_PER_IP_PER_MINUTE: UNLIMITED,
    RATE_LIMIT_PER_ACCOUNT_PER_MINUTE: UNLIMITED,
  };
  await createServiceSchemas(env.DATABASE_URL);
  const hosted = await hostServices([identityService, projectsService, gatewayService], env);
  const gateway = hosted.services.find((service) => service.name === 'gateway')!;

  const baseline = Fastify({ logger: false });
  baseline.get<{ Params: { projectId: string } }>('/api/v1/projects/:projectId', async (request) => ({ projectId: request.params.projectId, name: 'Проект' }));
  await baseline.listen({ host: '127.0.0.1', port: 0 });
  const { port } = baseline.server.address() as AddressInfo;
  const grpcUrlOf = (name: string) => hosted.services.find((service) => service.name === name)!.grpcUrl;
  return { hosted, gateway, baseline, baselineUrl: `http://127.0.0.1:${port}`, identityGrpcUrl: grpcUrlOf('identity'), projectsGrpcUrl: grpcUrlOf('projects'), databaseUrl: env.DATABASE_URL };
}

const send = (message: ChildMessage) => process.send?.(message);

void (async () => {
  let platform: Awaited<ReturnType<typeof start>>;
  try {
    platform = await start();
  } catch (error) {
    send({ kind: 'failed', error: (error as Error).stack ?? String(error) });
    process.exit(1);
  }
  let tracing: { stop(): TraceReport } | undefined;
  let profiler: Session | undefined;

  const run = async (command: ChildCommand): Promise<unknown> => {
    switch (command.command) {
      case 'trace-start':
        tracing = startRequestTracing();
        return undefined;
      case 'trace-stop': {
        const report = tracing?.stop();
        tracing = undefined;
        return report;
      }
      case 'profile-start':
        profiler = new Session();
        profiler.connect();
        await profiler.post('Profiler.enable');
        await profiler.post('Profiler.setSamplingInterval', { interval: 200 });
        await profiler.post('Profiler.start');
        return undefined;
      case 'profile-stop': {
        if (!profiler) throw new Error('no profile running');
        const { profile } = await profiler.post('Profiler.stop');
        profiler.disconnect();
        profiler = undefined;
        await writeFile(command.file, JSON.stringify(profile));
        return command.file;
      }
      case 'measure-hops':
        return measureHopCosts({ ...command.input, identityGrpcUrl: platform.identityGrpcUrl, projectsGrpcUrl: platform.projectsGrpcUrl, databaseUrl: platform.databaseUrl });
      case 'cpu-usage':
        return process.cpuUsage();
      case 'stop':
        await platform.baseline.close();
        await platform.hosted.shutdown();
        return undefined;
    }
  };

  process.on('message', (command: ChildCommand) => {
    run(command).then(
      (result) => {
        send({ kind: 'answer', id: command.id, result });
        if (command.command === 'stop') process.disconnect();
      },
      (error: Error) => send({ kind: 'answer', id: command.id, error: error.stack ?? String(error) }),
    );
  });
  // The bench died or finished without stopping us: do not run on orphaned.
  process.once('disconnect', () => process.exit(0));
  send({ kind: 'ready', gatewayUrl: platform.gateway.httpUrl, baselineUrl: platform.baselineUrl });
})();
