import { Module } from '@nestjs/common';
import { PROJECTS_UPSTREAM } from '../../gateway.di-tokens';
import { rpcController } from '../../rpc/rpc-controller';
import { upstreamProvider } from '../../upstream/upstream';
import { projectsRoutes } from './projects.routes';

/** The projects routes and their client (PROJECTS_GRPC_URL; 503 naming projects when it is missing). */
@Module({
  controllers: [rpcController(projectsRoutes, PROJECTS_UPSTREAM, 'ProjectsHttpController')],
  providers: [upstreamProvider(PROJECTS_UPSTREAM, projectsRoutes)],
})
export class ProjectsRoutesModule {}
