import { identityService } from '@zvonar/identity';
import { platformStatusService, type ServiceDefinition } from '@zvonar/platform';
import { scenariosService } from '@zvonar/scenarios';
import { campaignsService } from '@zvonar/campaigns';

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
