import { Controller, Inject } from '@nestjs/common';
import { platformV1 } from '@zvonar/proto-ts';
import { NotWork } from '../health/not-work.decorator';
import { Readiness } from '../health/readiness';
import { SERVICE_INFO } from '../platform.di-tokens';
import type { ServiceInfo } from '../bootstrap/service-info';

/** zvonar.platform.v1.StatusService, served by every service next to its own API. */
@Controller()
@NotWork()
@platformV1.StatusServiceControllerMethods()
export class StatusGrpcController implements platformV1.StatusServiceController {
  constructor(
    @Inject(SERVICE_INFO) private readonly info: ServiceInfo,
    private readonly readiness: Readiness,
  ) {}

  async getStatus(request: platformV1.GetStatusRequest): Promise<platformV1.GetStatusResponse> {
    const { ready } = await this.readiness.report();
    return {
      service: this.info.name,
      version: this.info.version,
      pid: process.pid,
      startedAt: this.info.startedAt,
      ready,
      probe: request.probe,
    };
  }
}
