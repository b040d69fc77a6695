// The generated modules are re-exported one namespace per proto package, named like the package
// (zvonar.common.v1 -> commonV1), so two packages may declare messages with the same name.
import { grpcPackage } from './proto-files';

export * as commonV1 from './zvonar.common.v1';
export * as platformV1 from './zvonar.platform.v1';
export * as scenariosV1 from './zvonar.scenarios.v1';
export * as identityV1 from './zvonar.identity.v1';
export * as projectsV1 from './zvonar.projects.v1';
export * as audiencesV1 from './zvonar.audiences.v1';
export * as campaignsV1 from './zvonar.campaigns.v1';
export * as callControlV1 from './zvonar.callcontrol.v1';
export { protoRoot, grpcPackage, type GrpcPackage } from './proto-files';

/** The package every service serves next to its own API (StatusService). */
export const platformV1Package = grpcPackage('zvonar.platform.v1', 'status.proto');
/** What Nest's gRPC transport needs to serve or call ScenariosService. */
export const scenariosV1Package = grpcPackage('zvonar.scenarios.v1', 'scenarios_service.proto', 'scenario_events.proto');
/** What Nest's gRPC transport needs to serve or call IdentityService. */
export const identityV1Package = grpcPackage('zvonar.identity.v1', 'identity_service.proto', 'identity_events.proto');
/** What Nest's gRPC transport needs to serve or call ProjectsService. */
export const projectsV1Package = grpcPackage('zvonar.projects.v1', 'projects_service.proto', 'project_events.proto');
/** What Nest's gRPC transport needs to serve or call AudiencesService. */
export const audiencesV1Package = grpcPackage('zvonar.audiences.v1', 'audiences_service.proto', 'audience_events.proto');
/** What Nest's gRPC transport needs to serve or call CampaignsService and CampaignDialingService. */
export const campaignsV1Package = grpcPackage('zvonar.campaigns.v1', 'campaigns_service.proto', 'dialing_service.proto', 'analytics_service.proto', 'campaign_events.proto');
/** What Nest's gRPC transport needs to serve or call CallsService (and decode call commands/events). */
export const callControlV1Package = grpcPackage('zvonar.callcontrol.v1', 'calls_service.proto', 'call_events.proto', 'call_commands.proto');
