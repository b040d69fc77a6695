import { Module, type DynamicModule } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { GatewayCoreModule, type GatewayCoreOptions } from './gateway-core.module';
import { OpenApiHttpController } from './openapi/openapi.http.controller';
import { RouteCatalogue } from './openapi/route-catalogue';
import { GrpcIdempotency } from './public-grpc/grpc-idempotency';
import { PublicGrpcServer } from './public-grpc/public-grpc.server';
import { AudiencesRoutesModule } from './routes/audiences/audiences-routes.module';
import { CallsRoutesModule } from './routes/calls/calls-routes.module';
import { CampaignAnalyticsRoutesModule } from './routes/campaign-analytics/campaign-analytics-routes.module';
import { CampaignsRoutesModule } from './routes/campaigns/campaigns-routes.module';
import { IdentityRoutesModule } from './routes/identity/identity-routes.module';
import { ProjectsRoutesModule } from './routes/projects/projects-routes.module';
import { ScenariosRoutesModule } from './routes/scenarios/scenarios-routes.module';

export type GatewayModuleOptions = GatewayCoreOptions;

/**
 * The composition root of the gateway: the shared edge (core), one module per service's routes, and
 * the OpenAPI document built from whatever routes those modules declare, and the public gRPC API
 * serving the RPCs behind those routes. A service's routes join with one module here.
 */
@Module({})
export class GatewayModule {
  static register(options: GatewayModuleOptions = {}): DynamicModule {
    return {
      module: GatewayModule,
      imports: [
        DiscoveryModule,
        GatewayCoreModule.register(options),
        IdentityRoutesModule,
        ProjectsRoutesModule,
        ScenariosRoutesModule,
        AudiencesRoutesModule,
        CampaignsRoutesModule,
        CampaignAnalyticsRoutesModule,
        CallsRoutesModule,
      ],
      controllers: [OpenApiHttpController],
      providers: [RouteCatalogue, GrpcIdempotency, PublicGrpcServer],
    };
  }
}
