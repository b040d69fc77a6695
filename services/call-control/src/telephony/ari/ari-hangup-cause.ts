/**
 * With Local channels, Busy() and Congestion() end the app's channel with cause 0 "Unknown";
 * only the last `Dial.dialstatus` tells what happened (ari-traces busy.json, congestion.json).
 */
const CAUSE_BY_DIAL_STATUS: Readonly<Record<string, number>> = {
  BUSY: 17,
  NOANSWER: 19,
  CHANUNAVAIL: 20,
  CONGESTION: 34,
};

export type HangupClues = {
  /** `ChannelDestroyed.cause` and `tech_cause`. */
  readonly destroyed: { readonly cause: number; readonly techCause?: number | undefined };
  /** The last non-empty `Dial.dialstatus` of the channel. */
  readonly dialStatus?: string | undefined;
  /** The last hard (not `soft`) `ChannelHangupRequest`: soft ones carry flags, not causes. */
  readonly request?: { readonly cause: number; readonly techCause?: number | undefined } | undefined;
};

/** The Q.850 cause and SIP code of a channel's end, from what ARI told along the way. */
export function hangupCauseOf(clues: HangupClues): { cause: number; sipCode?: number } {
  const { destroyed, dialStatus, request } = clues;
  const byStatus = dialStatus === undefined ? undefined : CAUSE_BY_DIAL_STATUS[dialStatus];
  const cause = destroyed.cause !== 0 ? destroyed.cause : (byStatus ?? request?.cause ?? 0);
  const sipCode = [destroyed.techCause, request?.techCause].find((code) => code !== undefined && code > 0);
  return sipCode === undefined ? { cause } : { cause, sipCode };
}
