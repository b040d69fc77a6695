import { audiencesService } from '@zvonar/audiences';
import { callControlService } from '@zvonar/call-control';
import { campaignsService } from '@zvonar/campaigns';
import { gatewayService, PublicGrpcServer } from '@zvonar/gateway';
import { identityService } from '@zvonar/identity';
import { platformStatusService, type RunningService, type ServiceDefinition } from '@zvonar/platform';
import { projectsService } from '@zvonar/projects';
import { scenariosService } from '@zvonar/scenarios';

/**
 * Every service the all-in-one process hosts. A service joins with one line: its definition,
 * exported from its package index (`import { campaignsService } from '@zvonar/campaigns'`).
 * Order is start order; each gets its own loopback gRPC port, known to all before any starts
 * (`<NAME>_GRPC_URL`). The gateway comes last: it is the door, opened once the rooms exist.
 */
export const serviceModules: readonly ServiceDefinition[] = [
  platformStatusService,
  identityService,
  projectsService,
  scenariosService,
  audiencesService,
  campaignsService,
  callControlService,
  gatewayService,
];

/** Where partners' gRPC API listens (the gateway's second listener), when it is served. */
export const publicGrpcAddressOf = (services: readonly RunningService[]): string | undefined =>
  services.find((service) => service.name === gatewayService.name)?.app.get(PublicGrpcServer).address;
