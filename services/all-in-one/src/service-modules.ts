import { identityService } from '@zvonar/identity'; // eslint-disable-line @nx/enforce-module-boundaries -- the host is where services are composed (root rule change requested)
import { platformStatusService, type ServiceDefinition } from '@zvonar/platform';
import { scenariosService } from '@zvonar/scenarios'; // eslint-disable-line @nx/enforce-module-boundaries -- the host is where services are composed (root rule change requested)
import { campaignsService } from '@zvonar/campaigns'; // eslint-disable-line @nx/enforce-module-boundaries -- the host is where services are composed (root rule change requested)

/**
 * Every service the all-in-one process hosts. A service joins with one line: its definition,
 * exported from its package index (`import { campaignsService } from '@zvonar/campaigns'`).
 * Order is start order; each gets its own loopback gRPC port.
 */
export const serviceModules: readonly ServiceDefinition[] = [
  platformStatusService,
  identityService,
  scenariosService,
  campaignsService,
];
