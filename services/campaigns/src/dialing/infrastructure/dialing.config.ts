import { envMilliseconds } from '@zvonar/platform';
import { z } from 'zod';

/**
 * The dialer's variables. The campaigns config schema extends itself with this shape
 * (`campaignsConfigSchema.extend(dialingConfigShape)`), so one boot reports every problem.
 */
export const dialingConfigShape = {
  /**
   * host:port of the audiences service's gRPC API (every hosted or distributed service gets it).
   * Without it the dialer still follows campaigns and outcomes, but no audience can be loaded:
   * each load fails naming the variable.
   */
  AUDIENCES_GRPC_URL: z.string().regex(/^[\w.-]+:\d+$/, 'must be host:port').optional(),
  /** Real time between two dialing steps; it bounds how late a pause is seen. */
  DIALER_STEP_MS: envMilliseconds().default(100),
  /** The longest a segment stream may take (a million contacts stream for minutes). */
  DIALER_SEGMENT_STREAM_DEADLINE_MS: envMilliseconds().default(30 * 60_000),
  /**
   * The longest a segment stream may stay silent before its first contact: an audiences service
   * that is down or hung fails the load then (retried with backoff), instead of holding a load
   * slot until the stream's deadline.
   */
  DIALER_SEGMENT_FIRST_ANSWER_MS: envMilliseconds().default(30_000),
  /**
   * Audience loads at once per process (each holds at most two pool connections while it streams);
   * keep it well under the pool size (10) so the API always has connections to answer with.
   */
  DIALER_LOAD_CONCURRENCY: z.coerce.number().int().min(1).max(4).default(2),
  /** The wait before retrying a failed load, doubled after each failure in a row up to the maximum. */
  DIALER_LOAD_RETRY_MS: envMilliseconds().default(1_000),
  DIALER_LOAD_RETRY_MAX_MS: envMilliseconds().default(60_000),
  /**
   * How long after a call lost to our own infrastructure (CALL_OUTCOME_INTERRUPTED: call-control
   * crashed, Asterisk went away) its contact is dialled again. Such a retry does not use one of the
   * contact's redial attempts.
   */
  DIALER_INTERRUPTED_RETRY_DELAY_MS: envMilliseconds().default(60_000),
  /** Such retries per contact (per round of attempts); past them the contact ends as Interrupted. 0 = never retried. */
  DIALER_INTERRUPTED_RETRY_MAX: z.coerce.number().int().min(0).max(10).default(2),
  /**
   * host:port of call-control's gRPC API (`grpcUrlVariable('call-control')`; the all-in-one host
   * and the chart set it). The telephony watch asks its StatusService whether calls can be placed.
   * Without it there is no watch: the telephony counts as always available (a service hosted
   * without call-control, a test).
   */
  CALL_CONTROL_GRPC_URL: z.string().regex(/^[\w.-]+:\d+$/, 'must be host:port').optional(),
  /** Real time between two status checks of call-control. */
  TELEPHONY_CHECK_MS: envMilliseconds().min(50, 'must be at least 50').default(1_000),
  /** The deadline of one status check: a call-control that does not answer within it counts as down. */
  TELEPHONY_CHECK_DEADLINE_MS: envMilliseconds().min(50, 'must be at least 50').default(2_000),
  /**
   * How long call-control may stay unreachable or not ready before running campaigns are paused
   * (TelephonyUnavailable); a restart of call-control shorter than this pauses nothing.
   */
  TELEPHONY_GRACE_MS: envMilliseconds().default(5_000),
  /**
   * The same until call-control first answers ready after this process started (hosted in one
   * process, call-control starts after campaigns; a loaded machine makes that slow).
   */
  TELEPHONY_STARTUP_GRACE_MS: envMilliseconds().default(30_000),
  /**
   * While call-control is available, how often campaigns still paused for it are looked for (one a
   * process that died during an outage left behind); each resumes once, through the aggregate.
   */
  TELEPHONY_RESUME_SWEEP_MS: envMilliseconds().min(1_000, 'must be at least 1000').default(30_000),
};

export const dialingConfigSchema = z.object(dialingConfigShape);
export type DialingConfig = z.output<typeof dialingConfigSchema>;
