import { Module } from '@nestjs/common';
import { AUDIENCES_UPSTREAM } from '../../gateway.di-tokens';
import { rpcController } from '../../rpc/rpc-controller';
import { upstreamProvider } from '../../upstream/upstream';
import { audiencesRoutes } from './audiences.routes';
import { UploadHttpController } from './upload.http.controller';

/** The audiences routes, the file upload, and their client (AUDIENCES_GRPC_URL; 503 naming audiences when it is missing). */
@Module({
  controllers: [UploadHttpController, rpcController(audiencesRoutes, AUDIENCES_UPSTREAM, 'AudiencesHttpController')],
  providers: [upstreamProvider(AUDIENCES_UPSTREAM, audiencesRoutes)],
})
export class AudiencesRoutesModule {}
