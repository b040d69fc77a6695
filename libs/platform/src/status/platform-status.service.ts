import { Module } from '@nestjs/common';
import type { ServiceDefinition } from '../bootstrap/service-definition';

/** No providers of its own: the platform adds StatusService and the probes to every service. */
@Module({})
export class PlatformStatusModule {}

/**
 * The smallest service there is: only what the platform gives every service. The all-in-one
 * registry hosts it so the loopback gRPC path is proven before any real service exists.
 */
export const platformStatusService: ServiceDefinition = {
  name: 'platform-status',
  version: '0.1.0',
  module: PlatformStatusModule,
};
