import { startService, type RunningService } from '@zvonar/platform';
import { startOnLoopback, type ServiceUnderTest } from '@zvonar/testing';
import { projectsService } from '../src/projects.service';
import { projectsClient, type ProjectsClient } from './projects.test-client';

/** The projects service on loopback ports, in this process, with a client; for int specs. */
export const startProjects = (env: Record<string, string>): Promise<ServiceUnderTest<RunningService, ProjectsClient>> =>
  startOnLoopback((merged) => startService(projectsService, merged), projectsClient, env);
