import { Module } from '@nestjs/common';
import { scenariosV1, scenariosV1Package } from '@zvonar/proto-ts';
import { SCENARIOS_UPSTREAM } from '../../gateway.di-tokens';
import { upstreamProvider } from '../../upstream/upstream';
import { ScenariosHttpController } from './scenarios.http.controller';

/** The scenarios routes and their client (SCENARIOS_GRPC_URL; 503 naming scenarios when it is missing). */
@Module({
  controllers: [ScenariosHttpController],
  providers: [upstreamProvider(SCENARIOS_UPSTREAM, { name: 'scenarios', grpcPackage: scenariosV1Package, service: scenariosV1.SCENARIOS_SERVICE_NAME })],
})
export class ScenariosRoutesModule {}
