import type { ServiceDefinition } from '@zvonar/platform';
import { projectsConfigSchema } from './config/projects.config';
import { projectsV1Package } from './project/api/projects.proto';
import { ProjectsModule, type ProjectsModuleOptions } from './projects.module';

/** The projects service with its adapters chosen by options (specs pass a TestClock). */
export const createProjectsService = (options: ProjectsModuleOptions = {}): ServiceDefinition => ({
  name: 'projects',
  version: '0.1.0',
  module: ProjectsModule.register(options),
  configSchema: projectsConfigSchema,
  grpc: { packages: [projectsV1Package] },
});

/** The projects service, run by its own main.ts or hosted by the all-in-one process. */
export const projectsService: ServiceDefinition = createProjectsService();
