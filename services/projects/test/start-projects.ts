import { startService, type Clock, type RunningService } from '@zvonar/platform';
import { startOnLoopback, type ServiceUnderTest } from '@zvonar/testing';
import { createProjectsService, projectsService } from '../src/projects.service';
import { projectsClient, type ProjectsClient } from './projects.test-client';

/** The projects service on loopback ports, in this process, with a client; for int specs (a TestClock for expiry). */
export const startProjects = (env: Record<string, string>, clock?: Clock): Promise<ServiceUnderTest<RunningService, ProjectsClient>> =>
  startOnLoopback((merged) => startService(clock ? createProjectsService({ clock }) : projectsService, merged), projectsClient, env);
