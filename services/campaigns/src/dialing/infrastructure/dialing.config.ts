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
};

export const dialingConfigSchema = z.object(dialingConfigShape);
export type DialingConfig = z.output<typeof dialingConfigSchema>;
