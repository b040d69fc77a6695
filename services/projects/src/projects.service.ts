import type { ServiceDefinition } from '@zvonar/platform';
import { projectsConfigSchema } from './config/projects.config';
import { projectsV1Package } from './project/api/projects.proto';
import { ProjectsModule } from './projects.module';

/** The projects service, run by its own main.ts or hosted by the all-in-one process. */
export const projectsService: ServiceDefinition = {
  name: 'projects',
  version: '0.1.0',
  module: ProjectsModule,
  configSchema: projectsConfigSchema,
  grpc: { packages: [projectsV1Package] },
};
