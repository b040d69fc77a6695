/** Clock port (ports/clock.ts). */
export const CLOCK = Symbol('CLOCK');
/** IdGenerator port (ports/id-generator.ts). */
export const ID_GENERATOR = Symbol('ID_GENERATOR');
/** The service's parsed configuration (platform variables merged with its own). */
export const SERVICE_CONFIG = Symbol('SERVICE_CONFIG');
/** The service's pino logger. */
export const LOGGER = Symbol('LOGGER');
/** The service's identity: { name, version, startedAt }. */
export const SERVICE_INFO = Symbol('SERVICE_INFO');
/** The service's PostgreSQL pool, search_path set to its schema (PostgresModule). */
export const PG_POOL = Symbol('PG_POOL');
