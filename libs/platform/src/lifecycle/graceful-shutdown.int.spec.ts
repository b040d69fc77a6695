import { Controller, Get, Injectable, Module } from '@nestjs/common';
import { eventually } from '@zvonar/testing';
import { platformV1, platformV1Package } from '@zvonar/proto-ts';
import { firstValueFrom } from 'rxjs';
import { startService, type RunningService } from '../bootstrap/start-service';
import { createGrpcClient } from '../grpc/grpc.client';

/** Work the test releases by hand, so "in flight" is a state, not a timing guess. */
@Injectable()
class Gate {
  private opened!: () => void;
  readonly open = new Promise<void>((resolve) => (this.opened = resolve));
  release(): void {
    this.opened();
  }
}

@Controller()
class SlowController {
  constructor(private readonly gate: Gate) {}

  @Get('work')
  async work(): Promise<{ done: true }> {
    await this.gate.open;
    return { done: true };
  }
}

@Module({ controllers: [SlowController], providers: [Gate] })
class SlowModule {}

const loopback = {
  HTTP_HOST: '127.0.0.1',
  HTTP_PORT: '0',
  GRPC_HOST: '127.0.0.1',
  GRPC_PORT: '0',
  LOG_LEVEL: 'silent',
};

async function statusOf(service: RunningService): Promise<platformV1.GetStatusResponse> {
  const client = createGrpcClient<platformV1.StatusServiceClient>({
    url: service.grpcUrl,
    grpcPackage: platformV1Package,
    service: platformV1.STATUS_SERVICE_NAME,
    deadlineMs: 5_000,
  });
  try {
    return await firstValueFrom(client.service.getStatus({ probe: 'drain' }));
  } finally {
    client.close();
  }
}

describe('graceful shutdown', () => {
  it('turns unready, refuses new work, lets in-flight work finish, then closes', async () => {
    const service = await startService(
      { name: 'slow', module: SlowModule },
      { ...loopback, SHUTDOWN_TIMEOUT_MS: '30000' },
    );
    expect((await fetch(`${service.httpUrl}/readyz`)).status).toBe(200);

    const inFlight = fetch(`${service.httpUrl}/work`);
    await eventually(() => service.inFlight.count === 1, { what: 'the request to be in flight' });

    let closed = false;
    const shutdown = service.shutdown().then((drained) => ((closed = true), drained));

    const readyz = await fetch(`${service.httpUrl}/readyz`);
    expect(readyz.status).toBe(503);
    expect(await readyz.json()).toMatchObject({ ready: false, status: 'draining' });
    expect(await statusOf(service)).toMatchObject({ service: 'slow', ready: false });

    const refused = await fetch(`${service.httpUrl}/work`);
    expect(refused.status).toBe(503);
    expect(await refused.json()).toMatchObject({ code: 'SHUTTING_DOWN', type: 'urn:zvonar:problem:unavailable' });

    expect(closed).toBe(false);
    service.app.get(Gate).release();
    const finished = await inFlight;
    expect(finished.status).toBe(200);
    expect(await finished.json()).toEqual({ done: true });
    await expect(shutdown).resolves.toBe(true);
    await expect(fetch(`${service.httpUrl}/healthz`)).rejects.toThrow();
  });

  it('stops waiting after SHUTDOWN_TIMEOUT_MS and closes anyway', async () => {
    const service = await startService(
      { name: 'stuck', module: SlowModule },
      { ...loopback, SHUTDOWN_TIMEOUT_MS: '100' },
    );
    const abandoned = fetch(`${service.httpUrl}/work`).then(
      () => 'answered',
      (error: Error) => error.message,
    );
    await eventually(() => service.inFlight.count === 1, { what: 'the request to be in flight' });
    await expect(service.shutdown()).resolves.toBe(false);
    // The connection of the abandoned request was closed with the server.
    expect(await abandoned).toBe('fetch failed');
  });
});
