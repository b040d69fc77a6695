import { startService, type RunningService } from '@zvonar/platform';
import { startOnLoopback, type ServiceUnderTest } from '@zvonar/testing';
import { scenariosService } from '../src/scenarios.service';
import { scenariosClient, type ScenariosClient } from './scenarios.test-client';

/** The scenarios service on loopback ports, in this process, with a client; for int specs. */
export const startScenarios = (env: Record<string, string>): Promise<ServiceUnderTest<RunningService, ScenariosClient>> =>
  startOnLoopback((merged) => startService(scenariosService, merged), scenariosClient, env);
