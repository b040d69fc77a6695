/**
 * A trunk is one way out to the phone network (the default carrier, a customer's own SIP trunk):
 * how a number is dialled through it, how many calls it carries at once and how fast they may
 * start, which caller IDs it may present, and which numbers it serves. Operator-level
 * configuration for now (not per project).
 */

/** How a caller ID is picked from a pool when the PlaceCall names none. */
export type CallerIdChoice = 'round-robin' | 'random';

export type CallerIdPool = {
  /** E.164 numbers the trunk may present. */
  readonly numbers: readonly string[];
  readonly choice: CallerIdChoice;
  /**
   * Also present a caller ID the PlaceCall names that is not in `numbers`. Only the implicit
   * trunk built without TRUNKS does, so setups from before trunks keep working unchanged.
   */
  readonly acceptsOthers: boolean;
};

export type Trunk = {
  readonly id: string;
  /** The callee's dial string: `{number}` and `{trunk}` are replaced (ARI). */
  readonly dialTemplate: string;
  /** Calls at once (ringing, talking, or waiting for their originate slot). */
  readonly channels: number;
  /** Originates per second; null: no cap here. */
  readonly callsPerSecond: number | null;
  readonly callerIds: CallerIdPool;
  /**
   * E.164 prefixes of the numbers it serves (`+7` a country, `+7495` a city); empty serves every
   * number, behind any trunk whose prefix matches.
   */
  readonly prefixes: readonly string[];
  /** Taken only by a PlaceCall naming it (a customer's own SIP trunk): the dial plan never picks it. */
  readonly namedOnly: boolean;
  /** A disabled trunk takes no call, named or not. */
  readonly enabled: boolean;
};

/** Why no trunk or caller ID could be used: the attempt is refused before anything rings. */
export type RoutingRefusal = { readonly reason: 'TrunkUnavailable' | 'CallerIdNotAllowed'; readonly detail: string };
