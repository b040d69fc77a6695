import { z } from 'zod';
import { loadConfig } from '../config/load-config';
import { platformConfigShape, type PlatformConfig } from '../config/platform.config';
import type { ServiceDefinition } from './service-definition';

export type Env = Readonly<Record<string, string | undefined>>;

/**
 * A service's configuration: the platform's variables and its own, parsed in one pass so one
 * ConfigError lists every problem of both. Hosts call it for all services before starting any.
 */
export function loadServiceConfig(definition: ServiceDefinition, env: Env): PlatformConfig {
  const schema = z.object({ ...platformConfigShape, ...(definition.configSchema?.shape ?? {}) });
  return loadConfig(schema, env, definition.name) as PlatformConfig;
}
