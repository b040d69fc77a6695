import 'reflect-metadata';
import { Metadata, status as GrpcStatus, type ServiceError } from '@grpc/grpc-js';
import { Controller, Get, Param } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { ConcurrencyError, IllegalStateError, NotFoundError, ValidationError } from '@zvonar/eventsourcing';
import { platformV1, platformV1Package } from '@zvonar/proto-ts';
import { firstValueFrom } from 'rxjs';
import { createServer, type AddressInfo, type Socket } from 'node:net';
import { Writable } from 'node:stream';
import { createGrpcClient, type GrpcClient } from '../grpc/grpc.client';
import { ERROR_CODE_METADATA_KEY, ERROR_ID_METADATA_KEY, fieldViolationsOf } from '../grpc/grpc.exception-filter';
import { grpcTransportOptions } from '../grpc/grpc.options';
import { freePort } from '../grpc/free-port';
import { createLogger } from '../logging/logger';
import { PlatformExceptionFilter } from './platform.exception-filter';

// The same failures thrown from an HTTP route and from a gRPC method (StatusService, whose
// `probe` names the failure), through a real hybrid Nest app, a real HTTP client and a real
// gRPC client.
const failures: Record<string, () => Error> = {
  conflict: () => new ConcurrencyError('campaign-1', '3', '4'),
  invalid: () =>
    new ValidationError('Contact is invalid', [
      { field: 'phone', code: 'INVALID_E164', message: 'not an E.164 number' },
      { field: 'name', code: 'REQUIRED', message: 'is required' },
    ]),
  state: () => new IllegalStateError('Campaign is completed', 'Completed'),
  missing: () => new NotFoundError('Campaign campaign-9 does not exist'),
  crash: () => new Error('relation "secret_table" does not exist'),
};
const fail = (name: string): never => {
  throw (failures[name] ?? failures.crash!)();
};

@Controller()
@platformV1.StatusServiceControllerMethods()
class FailingController implements platformV1.StatusServiceController {
  @Get('fail/:name')
  http(@Param('name') name: string): never {
    return fail(name);
  }

  getStatus(request: platformV1.GetStatusRequest): platformV1.GetStatusResponse {
    return fail(request.probe);
  }
}

describe('error mapping through a real hybrid app', () => {
  let app: NestFastifyApplication;
  let baseUrl: string;
  let client: GrpcClient<platformV1.StatusServiceClient>;
  const logged: string[] = [];

  beforeAll(async () => {
    const destination = new Writable({ write: (chunk: Buffer, _e, done) => (logged.push(chunk.toString()), done()) });
    const logger = createLogger({ service: 'test', destination });
    app = await NestFactory.create<NestFastifyApplication>(
      { module: class FailingModule {}, controllers: [FailingController] },
      new FastifyAdapter(),
      { logger: false },
    );
    app.useGlobalFilters(new PlatformExceptionFilter(logger));
    const grpcUrl = `127.0.0.1:${await freePort()}`;
    app.connectMicroservice(grpcTransportOptions(grpcUrl, [platformV1Package]), { inheritAppConfig: true });
    await app.startAllMicroservices();
    await app.listen(0, '127.0.0.1');
    baseUrl = await app.getUrl();
    client = createGrpcClient({
      url: grpcUrl,
      grpcPackage: platformV1Package,
      service: platformV1.STATUS_SERVICE_NAME,
      deadlineMs: 5_000,
    });
  });

  afterAll(async () => {
    client?.close();
    await app?.close();
  });

  const callGrpc = (probe: string): Promise<ServiceError> =>
    firstValueFrom(client.service.getStatus({ probe })).then(
      () => Promise.reject(new Error('expected the call to fail')),
      (error: ServiceError) => error,
    );

  describe('over HTTP', () => {
    it.each([
      ['conflict', 409, 'urn:zvonar:problem:conflict', 'WRONG_EXPECTED_REVISION'],
      ['invalid', 422, 'urn:zvonar:problem:invalid', 'VALIDATION_FAILED'],
      ['state', 409, 'urn:zvonar:problem:precondition', 'ILLEGAL_STATE'],
      ['missing', 404, 'urn:zvonar:problem:not-found', 'NOT_FOUND'],
    ])('answers %s with %i application/problem+json', async (name, status, type, code) => {
      const response = await fetch(`${baseUrl}/fail/${name}`);
      expect(response.status).toBe(status);
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      const body = (await response.json()) as Record<string, unknown>;
      expect(body).toMatchObject({ type, status, code, detail: failures[name]!().message, instance: `/fail/${name}` });
    });

    it('lists the field violations of a validation error', async () => {
      const body = (await (await fetch(`${baseUrl}/fail/invalid`)).json()) as { errors: unknown };
      expect(body.errors).toEqual([
        { field: 'phone', code: 'INVALID_E164', message: 'not an E.164 number' },
        { field: 'name', code: 'REQUIRED', message: 'is required' },
      ]);
    });

    it('titles problems in Russian by default and in English on request', async () => {
      const russian = (await (await fetch(`${baseUrl}/fail/missing`)).json()) as { title: string };
      const english = await fetch(`${baseUrl}/fail/missing`, { headers: { 'accept-language': 'en-US,en;q=0.9' } });
      expect(russian.title).toBe('Не найдено');
      expect(english.headers.get('content-language')).toBe('en');
      expect(((await english.json()) as { title: string }).title).toBe('Not found');
    });

    it('hides an unexpected error behind a 500 with an id that is in the log', async () => {
      const response = await fetch(`${baseUrl}/fail/crash`);
      const body = (await response.json()) as { instance: string; detail: string };
      expect(response.status).toBe(500);
      expect(JSON.stringify(body)).not.toContain('secret_table');
      const errorId = body.instance.replace('urn:zvonar:error:', '');
      expect(logged.join('')).toContain(errorId);
      expect(logged.join('')).toContain('secret_table');
    });
  });

  describe('over gRPC', () => {
    it.each([
      ['conflict', GrpcStatus.ABORTED, 'WRONG_EXPECTED_REVISION'],
      ['invalid', GrpcStatus.INVALID_ARGUMENT, 'VALIDATION_FAILED'],
      ['state', GrpcStatus.FAILED_PRECONDITION, 'ILLEGAL_STATE'],
      ['missing', GrpcStatus.NOT_FOUND, 'NOT_FOUND'],
    ])('answers %s with status %i', async (name, code, errorCode) => {
      const error = await callGrpc(name);
      expect(error.code).toBe(code);
      expect(error.details).toBe(failures[name]!().message);
      expect(error.metadata.get(ERROR_CODE_METADATA_KEY)).toEqual([errorCode]);
    });

    it('puts the field violations in the trailing metadata', async () => {
      const error = await callGrpc('invalid');
      expect(fieldViolationsOf(error.metadata)).toEqual([
        { field: 'phone', code: 'INVALID_E164', message: 'not an E.164 number' },
        { field: 'name', code: 'REQUIRED', message: 'is required' },
      ]);
    });

    it('answers an unexpected error with INTERNAL and an id, never the message or stack', async () => {
      const error = await callGrpc('crash');
      expect(error.code).toBe(GrpcStatus.INTERNAL);
      expect(error.details).not.toContain('secret_table');
      const [errorId] = error.metadata.get(ERROR_ID_METADATA_KEY);
      expect(error.details).toContain(String(errorId));
      expect(logged.join('')).toContain(String(errorId));
    });

    it('gives every call a deadline', async () => {
      // A peer that accepts the connection and never speaks: without a deadline the call would
      // wait forever.
      const sockets: Socket[] = [];
      const silent = createServer((socket) => sockets.push(socket));
      await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
      const hanging = createGrpcClient<platformV1.StatusServiceClient>({
        url: `127.0.0.1:${(silent.address() as AddressInfo).port}`,
        grpcPackage: platformV1Package,
        service: platformV1.STATUS_SERVICE_NAME,
        deadlineMs: 300,
      });
      try {
        const error = await firstValueFrom(hanging.service.getStatus({ probe: 'x' }, new Metadata())).catch(
          (caught: ServiceError) => caught,
        );
        expect((error as ServiceError).code).toBe(GrpcStatus.DEADLINE_EXCEEDED);
      } finally {
        hanging.close();
        for (const socket of sockets) socket.destroy();
        silent.close();
      }
    });
  });
});
