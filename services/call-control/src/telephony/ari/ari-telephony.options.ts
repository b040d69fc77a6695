import type { AriConfig, AriConnectionState, Media } from '../../ari';
import type { OriginateRequest, PromptMedia, TransferTarget } from '../telephony.port';

/** Where calls go and what prompts play: the only places numbers and materials become ARI strings. */
export interface AriDialPlan {
  /** The dial string of a callee, e.g. `PJSIP/+79991234567@trunk-default`. */
  callee(request: OriginateRequest): string;
  /** The dial string of a transfer's operator. */
  operator(target: TransferTarget): string;
  /** ARI media URIs for a prompt (several play one after another under one playback id). */
  media(media: PromptMedia): readonly Media[];
}

/** Something the adapter could not use and skipped: a malformed or unexpected event, a failed clean-up. */
export interface AriTelephonyLogEntry {
  readonly message: string;
  readonly channelId?: string;
  readonly detail?: string;
}

/** What the adapter found on Asterisk after (re)connecting. */
export interface AriTelephonyResync {
  /** Our channels that are alive: their events keep flowing to their listeners. */
  readonly adopted: readonly string[];
  /** Channels of our app nobody here owns: hung up. */
  readonly hungUp: readonly string[];
  /** Channels we knew that Asterisk no longer has (they ended while the socket was down): reported as HungUp. */
  readonly lost: readonly string[];
  readonly reconnected: boolean;
}

export interface AriTelephonyOptions {
  readonly ari: AriConfig;
  readonly dialPlan: AriDialPlan;
  /** The time put on every telephony event (the process's scheduler, so facts and timers agree). */
  readonly clock: { now(): Date };
  /** Ids of channels we originate start with it (the orchestration's `zvc-`). */
  readonly channelIdPrefix?: string;
  /** Dialplan context that runs AMD() and returns into Stasis with `amd-done,<status>,<cause>`. */
  readonly amdContext?: string;
  /** Tries of an originate whose answer never came (same channel id: a 409 means it went through). */
  readonly originateAttempts?: number;
  /** A channel of our app that this process does not know: adopt it (true) or hang it up. */
  readonly claim?: (channelId: string) => boolean;
  readonly onResync?: (resync: AriTelephonyResync) => void;
  readonly onConnectionState?: (state: AriConnectionState) => void;
  readonly log?: (entry: AriTelephonyLogEntry) => void;
}

export const writeToStderr = (entry: AriTelephonyLogEntry): void => {
  process.stderr.write(`${JSON.stringify({ component: 'ari-telephony', ...entry })}\n`);
};
