import { z } from 'zod';

/**
 * The variables ProjectAccessModule reads from a service's config, to spread into its zod schema
 * (`z.object({ ...own, ...projectAccessConfig('scenarios') })`): the consumer group prefix
 * (`<prefix>-project-access`; a deployment or a test run gets its own offsets) and where projects
 * listens for read-your-writes (optional: without it the read model alone answers).
 */
export const projectAccessConfig = (service: string) => ({
  CONSUMER_GROUP_PREFIX: z
    .string()
    .regex(/^[a-z0-9][a-z0-9.-]{0,100}$/, 'must be lower-case letters, digits, dots and dashes')
    .default(service),
  /** projects' gRPC `host:port` (the platform hands every service `<NAME>_GRPC_URL`). */
  PROJECTS_GRPC_URL: z.string().min(1, 'must be host:port').optional(),
});
