import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ID_GENERATOR, type IdGenerator } from '@zvonar/platform';
import type { FastifyReply } from 'fastify';
import { HostedStatusClients, type HostedStatus } from './hosted-status.clients';
import { StartLog } from './start-log';

/** GET /api/status: every hosted service, asked over its loopback gRPC port. */
@Controller('api')
export class StatusHttpController {
  constructor(
    private readonly clients: HostedStatusClients,
    private readonly startLog: StartLog,
    @Inject(ID_GENERATOR) private readonly ids: IdGenerator,
  ) {}

  @Get('status')
  async status(
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<{ ok: boolean; starts: number; services: HostedStatus[] }> {
    // A fresh probe per request proves each answer came back through gRPC for this request.
    const probe = this.ids.next();
    const services = await this.clients.statuses(probe);
    const ok = services.every((service) => service.status?.ready === true && service.status.probe === probe);
    reply.status(ok ? 200 : 503);
    return { ok, starts: await this.startLog.count(), services };
  }
}
