import { Controller, Get, HttpCode, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { NotWork } from './not-work.decorator';
import { Readiness } from './readiness';

@Controller()
@NotWork()
export class HealthHttpController {
  constructor(private readonly readiness: Readiness) {}

  /** Liveness: the event loop answers. Restarting a pod never fixes a lost dependency. */
  @Get('healthz')
  @HttpCode(200)
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /** Readiness: 200 when this instance should get traffic, 503 otherwise, with the reasons. */
  @Get('readyz')
  async ready(@Res({ passthrough: true }) reply: FastifyReply): Promise<object> {
    const report = await this.readiness.report();
    reply.status(report.ready ? 200 : 503);
    return report;
  }
}
