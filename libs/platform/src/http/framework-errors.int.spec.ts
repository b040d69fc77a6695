import { Controller, Get, Module, Param } from '@nestjs/common';
import { startService, type RunningService } from '../bootstrap/start-service';

@Controller('things')
class ThingsController {
  @Get(':thingId')
  thing(@Param('thingId') thingId: string): { thingId: string } {
    return { thingId };
  }
}

@Module({ controllers: [ThingsController] })
class ThingsModule {}

describe("Fastify's own refusals", () => {
  let service: RunningService;

  beforeAll(async () => {
    service = await startService({ name: 'framework-errors-spec', module: ThingsModule }, { HTTP_HOST: '127.0.0.1', HTTP_PORT: '0', GRPC_HOST: '127.0.0.1', GRPC_PORT: '0', LOG_LEVEL: 'silent' });
  });
  afterAll(() => service?.shutdown());

  it('given a malformed URL, when it arrives, then the answer is problem+json in the caller language', async () => {
    const response = await fetch(`${service.httpUrl}/things/%E0%A4%A`, { headers: { 'accept-language': 'en' } });

    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(await response.json()).toMatchObject({ status: 400, title: 'Request error', instance: '/things/%E0%A4%A' });
  });

  it('leaves well-formed requests to the routes', async () => {
    expect(await (await fetch(`${service.httpUrl}/things/t-1`)).json()).toEqual({ thingId: 't-1' });
  });
});
