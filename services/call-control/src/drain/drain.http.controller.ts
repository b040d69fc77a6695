import { Controller, Get, Header, HttpCode, Post } from '@nestjs/common';
import { NotWork, Readiness } from '@zvonar/platform';
import { PlaceCallConsumer } from '../placing/place-call.consumer';
import { CallRuntime } from '../runtime/call-runtime';

/** The gauge deploy/scripts/drain-wait.mjs waits on before Kubernetes sends SIGTERM. */
export const CALLS_ACTIVE_METRIC = 'zvonar_calls_active';

/**
 * The preStop contract (deploy/scripts/drain-wait.mjs): POST /drain stops taking calls and turns
 * the pod unready; GET /metrics exposes the calls still up. Neither counts as work, so a
 * draining service still answers them.
 */
@Controller()
@NotWork()
export class DrainHttpController {
  constructor(
    private readonly readiness: Readiness,
    private readonly consumer: PlaceCallConsumer,
    private readonly runtime: CallRuntime,
  ) {}

  @Post('drain')
  @HttpCode(202)
  async drain(): Promise<{ draining: true; activeCalls: number }> {
    this.readiness.markDraining();
    await this.consumer.stop();
    return { draining: true, activeCalls: this.runtime.activeCalls };
  }

  @Get('metrics')
  @Header('content-type', 'text/plain; version=0.0.4')
  metrics(): string {
    return [`# HELP ${CALLS_ACTIVE_METRIC} Calls live in this process.`, `# TYPE ${CALLS_ACTIVE_METRIC} gauge`, `${CALLS_ACTIVE_METRIC} ${this.runtime.activeCalls}`, ''].join('\n');
  }
}
