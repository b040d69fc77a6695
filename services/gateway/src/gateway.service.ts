import type { ServiceDefinition } from '@zvonar/platform';
import { gatewayConfigSchema } from './config/gateway.config';
import { GatewayModule, type GatewayModuleOptions } from './gateway.module';

/** The gateway with its adapters chosen by options (specs pass a TestClock). */
export const createGatewayService = (options: GatewayModuleOptions = {}): ServiceDefinition => ({
  name: 'gateway',
  version: '0.1.0',
  module: GatewayModule.register(options),
  configSchema: gatewayConfigSchema,
  // It serves no gRPC API of its own yet (the platform's StatusService only).
});

/** The gateway, run by its own main.ts or hosted by the all-in-one process. */
export const gatewayService: ServiceDefinition = createGatewayService();
