import { setTimeout as delay } from 'node:timers/promises';
import type { Logger } from 'pino';
import type { Readiness } from '../health/readiness';
import type { InFlightWork } from './in-flight-work';

export interface DrainOptions {
  readonly readiness: Readiness;
  readonly inFlight: InFlightWork;
  /** Time for load balancers to notice readiness went false before new work is refused. */
  readonly delayMs: number;
  /** Upper bound on waiting for in-flight work. */
  readonly timeoutMs: number;
  /** Closes servers, consumers and pools (Nest's app.close() runs the shutdown hooks). */
  readonly close: () => Promise<void>;
  readonly logger: Logger;
}

/**
 * The shutdown sequence, in the order Kubernetes needs it: unready first (no new traffic is
 * routed here), then refuse what still arrives, then let accepted work finish (bounded), then
 * close servers and pools. Returns whether everything in flight finished in time.
 */
export async function drainAndClose({
  readiness,
  inFlight,
  delayMs,
  timeoutMs,
  close,
  logger,
}: DrainOptions): Promise<boolean> {
  readiness.markDraining();
  logger.info({ inFlight: inFlight.count, delayMs, timeoutMs }, 'draining: readiness is false');
  if (delayMs > 0) await delay(delayMs);
  inFlight.stopAccepting();
  const drained = await inFlight.drained(timeoutMs);
  if (drained) logger.info('in-flight work finished');
  else logger.warn({ abandoned: inFlight.count }, 'in-flight work did not finish in time; closing anyway');
  await close();
  logger.info('closed');
  return drained;
}
