/**
 * The telephony as the dialer sees it: call-control's own word on whether it can take calls
 * (its StatusService answer), and the sweeps the telephony watch runs over the campaigns.
 */

/** One status answer of call-control: ready, or why not (unreachable, not ready). */
export type TelephonyStatusAnswer = { readonly ready: true } | { readonly ready: false; readonly problem: string };

export interface TelephonyStatus {
  /** Never throws: an unreachable or hung call-control is an answer (`ready: false`). */
  check(): Promise<TelephonyStatusAnswer>;
}

/** What the dialing loop and the resume command ask: may calls be placed now? */
export interface TelephonyAvailability {
  available(): boolean;
}

/** Nest token of the process's TelephonyAvailability (the watch, or always available without CALL_CONTROL_GRPC_URL). */
export const TELEPHONY_AVAILABILITY = Symbol('TELEPHONY_AVAILABILITY');

export const ALWAYS_AVAILABLE: TelephonyAvailability = { available: () => true };

/** The campaigns the watch pauses and resumes, through the Campaign aggregate. */
export interface TelephonyPauses {
  /** Pauses every running campaign for `TelephonyUnavailable`; answers how many it paused. */
  pauseRunning(): Promise<number>;
  /** Resumes every campaign still paused for `TelephonyUnavailable`; answers how many resumed. */
  resumePaused(): Promise<number>;
}
