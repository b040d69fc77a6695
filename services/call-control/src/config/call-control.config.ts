import { envList, envMilliseconds, envPositiveInt, envUrl } from '@zvonar/platform';
import { projectAccessConfig } from '@zvonar/project-access';
import { z } from 'zod';
import { trunksVariable } from '../trunks/trunks.config';

/** The call-control service's own variables (the platform's are merged over them at boot). */
// ARI_URL / ARI_USERNAME / ARI_PASSWORD are required when TELEPHONY=ari; the telephony factory
// says so with a ConfigError (the platform merges only the object's shape, not refinements).
export const callControlConfigSchema = z.object({
    DATABASE_URL: envUrl('postgres', 'postgresql'),
    /** embedded: bus logs in PostgreSQL (all-in-one); kafka: KAFKA_BROKERS. */
    BUS: z.enum(['embedded', 'kafka']).default('embedded'),
    KAFKA_BROKERS: envList().optional(),
    /**
     * CONSUMER_GROUP_PREFIX (consumer groups are `<prefix>-<consumer>`; a deployment or a test run
     * gets its own offsets) and PROJECTS_GRPC_URL (read-your-writes of the project-access read model).
     */
    ...projectAccessConfig('call-control'),
    /** `host:port` of the scenarios service (pinned versions' graphs). */
    SCENARIOS_GRPC_URL: z.string().min(1, 'must be host:port'),
    /** simulated: virtual callees (the embedded default); ari: Asterisk over ARI_URL. */
    TELEPHONY: z.enum(['simulated', 'ari']).default('simulated'),
    ARI_URL: envUrl('http', 'https').optional(),
    ARI_USERNAME: z.string().min(1).optional(),
    ARI_PASSWORD: z.string().min(1).optional(),
    /** The Stasis application (`zvonar` when neither this nor the chart's ARI_APP is set). */
    ARI_APPLICATION: z.string().regex(/^[\w.-]+$/, 'must be a Stasis application name').optional(),
    ARI_APP: z.string().regex(/^[\w.-]+$/, 'must be a Stasis application name').optional(),
    /** Dial string of a callee through a trunk that sets none; `{number}` and `{trunk}` are replaced. */
    ARI_DIAL_TEMPLATE: z.string().min(1).default('PJSIP/{number}@{trunk}'),
    /** Simulated seconds per real second (1 = real time, 20 = twenty times faster). */
    SIMULATION_TIME_SCALE: z.coerce.number({ error: 'must be a number' }).positive('must be above 0').default(1),
    /**
     * What call times say under a time scale: `wall` keeps them true (calling windows, reports and
     * the other services agree; compressed calls are recorded as short as they were), `scaled`
     * records simulated durations on a clock that runs ahead of the wall.
     */
    SIMULATION_CLOCK: z.enum(['wall', 'scaled']).default('wall'),
    /** Seed of the virtual callees of projects that configured none. */
    SIMULATION_SEED: z.coerce.number({ error: 'must be a number' }).int('must be a whole number').default(1),
    /** A call-control process silent for longer is gone: other replicas end the calls it left open. */
    HOST_TTL_MS: envMilliseconds().min(300, 'must be at least 300').default(30_000),
    /** How often a replica looks for open calls of processes that are gone. */
    ORPHAN_SWEEP_INTERVAL_MS: envMilliseconds().min(100, 'must be at least 100').default(15_000),
    /**
     * Where trunks' calls-per-second, channels and caller-ID turns are counted: `postgres` (shared
     * by every replica) or `memory` (this process). Absent: postgres over ARI, memory with
     * simulated telephony (why: `trunkLimitsKindOf`).
     */
    TRUNK_LIMITS: z.enum(['postgres', 'memory'], { error: 'must be postgres or memory' }).optional(),
    /** Calls at once per trunk that sets no `channels`: the last safety net under the dialer's concurrency cap. */
    CHANNELS_PER_TRUNK: envPositiveInt().default(100),
    /**
     * The trunk catalogue, JSON (see the README): dial template, channels, calls per second,
     * caller-ID pool, prefixes, enabled. Absent: one trunk from the three variables below.
     */
    TRUNKS: trunksVariable().optional(),
    /** Without TRUNKS: the one trunk's id. */
    DEFAULT_TRUNK_ID: z.string().min(1).default('default'),
    /** Without TRUNKS: the caller ID of a PlaceCall that names none, E.164. */
    DEFAULT_CALLER_ID: z.string().regex(/^\+[1-9]\d{7,14}$/, 'must be an E.164 number').default('+74950000000'),
  });

export type CallControlConfig = z.output<typeof callControlConfigSchema>;
