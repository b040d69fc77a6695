import type { Asterisk } from '../asterisk/asterisk';
import type { SimChannel } from '../asterisk/sim-channel';
import type { Timer } from '../clock/scheduler';

export type PlacedBy = 'originate' | 'dial';

export interface OutboundCallOptions {
  /** `originate`: POST /channels (enters Stasis on answer); `dial`: POST /channels/{id}/dial on a created channel. */
  placedBy: PlacedBy;
  app: string;
  appArgs: string[];
  dialstring: string;
  timeoutMs: number;
}

// What a SIP peer answers for each Q.850 cause (the loop trunk of the traces).
const SIP_CODE: Readonly<Record<number, number>> = { 17: 486, 19: 480, 21: 403, 34: 503 };
const DIAL_STATUS: Readonly<Record<number, string>> = { 17: 'BUSY', 21: 'NOANSWER', 34: 'CONGESTION' };
const QOS_VARIABLES = ['RTPAUDIOQOS', 'RTPAUDIOQOSJITTER', 'RTPAUDIOQOSLOSS', 'RTPAUDIOQOSRTT', 'RTPAUDIOQOSMES'];

/**
 * One outgoing call: the application's channel (`caller`) dialling a callee leg that runs the
 * callee's dialplan. Local calls expose the callee leg (`;2`) to the app when originated; over
 * PJSIP the app sees only its own leg. Each method is one observed event sequence.
 */
export class OutboundCall {
  answered = false;
  private over = false;
  private timeout: Timer | undefined;

  constructor(
    private readonly ast: Asterisk,
    readonly caller: SimChannel,
    readonly callee: SimChannel,
    private readonly options: OutboundCallOptions,
  ) {}

  get isSip(): boolean {
    return this.caller.technology === 'PJSIP';
  }

  get isOver(): boolean {
    return this.over || this.caller.destroyed;
  }

  /** The dial starts: `Dial("")` and the no-answer timer. */
  start(): void {
    this.dialEvent('', this.options.dialstring);
    this.timeout = this.ast.after(this.caller, this.options.timeoutMs, () => this.noAnswer());
  }

  private dialEvent(dialstatus: string, dialstring = this.options.placedBy === 'dial' ? '' : this.options.dialstring): void {
    this.ast.emit(this.caller, { type: 'Dial', dialstatus, forward: '', dialstring, peer: this.caller.snapshot() });
  }

  private end(): void {
    this.over = true;
    this.timeout?.cancel();
  }

  ringing(): void {
    if (this.isOver) return;
    this.ast.setState(this.caller, 'Ringing');
    this.dialEvent('RINGING');
  }

  answer(): void {
    if (this.isOver || this.answered) return;
    this.answered = true;
    this.timeout?.cancel();
    this.ast.setState(this.callee, 'Up');
    this.ast.setState(this.caller, 'Up');
    this.dialEvent('ANSWER');
    if (this.options.placedBy === 'originate') this.ast.enterStasis(this.caller, this.options.app, this.options.appArgs);
  }

  dtmf(digit: string): void {
    if (this.isOver || !this.answered) return;
    this.ast.emit(this.caller, { type: 'ChannelDtmfReceived', digit, duration_ms: 100, channel: this.caller.snapshot() });
  }

  /** Busy() / Congestion(): the callee signals without answering and holds the line `seconds`. */
  busy(kind: 'Busy' | 'Congestion', seconds: number): void {
    if (this.isOver) return;
    const cause = kind === 'Busy' ? 17 : 34;
    if (this.isSip) return this.rejected(cause);
    this.ast.setState(this.callee, 'Busy');
    this.dialEvent(DIAL_STATUS[cause] ?? '');
    if (this.options.placedBy === 'originate') {
      // Dial() on the originating side gives up at once: the app's ;1 ends with cause 0.
      this.end();
      this.ast.hangupRequest(this.callee, 0);
      this.ast.destroy(this.caller, 0);
      this.ast.hangupRequest(this.callee, 16, { soft: true });
      this.ast.destroy(this.callee, cause);
      return;
    }
    // A Stasis dial keeps the channel until the callee's Busy(n) / Congestion(n) ends.
    this.ast.after(this.callee, seconds * 1000, () => {
      this.end();
      this.ast.destroy(this.callee, cause);
      this.ast.hangupRequest(this.caller, cause);
      this.ast.finishStasisChannel(this.caller, cause);
    });
  }

  /** Hangup(cause) before answer: busy-hangup17, reject. */
  rejected(cause: number): void {
    if (this.isOver) return;
    this.end();
    const techCause = this.isSip ? SIP_CODE[cause] : undefined;
    if (this.isSip) {
      this.ast.destroy(this.callee, cause);
      this.ast.hangupRequest(this.caller, cause, techCause === undefined ? {} : { techCause });
      if (this.options.placedBy === 'dial') return this.ast.finishStasisChannel(this.caller, cause, techCause);
      this.dialEvent(DIAL_STATUS[cause] ?? '');
      return this.ast.destroy(this.caller, cause, techCause);
    }
    this.ast.hangupRequest(this.callee, 16, { soft: true });
    this.ast.hangupRequest(this.caller, cause);
    this.ast.destroy(this.callee, cause);
    this.dialEvent(DIAL_STATUS[cause] ?? '');
    if (this.options.placedBy === 'dial') return this.ast.finishStasisChannel(this.caller, cause);
    this.ast.destroy(this.caller, cause);
  }

  /** The originate / dial timeout expired before an answer: cause 19, no final Dial event. */
  private noAnswer(): void {
    if (this.isOver || this.answered) return;
    this.end();
    const techCause = this.isSip ? 480 : undefined;
    if (this.options.placedBy === 'dial') {
      this.ast.hangupRequest(this.caller, 32, { soft: true });
      this.ast.destroy(this.callee, 19);
      return this.ast.finishStasisChannel(this.caller, 19, techCause);
    }
    if (this.isSip) {
      this.ast.destroy(this.callee, 19);
      return this.ast.destroy(this.caller, 19, techCause);
    }
    this.ast.hangupRequest(this.callee, 19);
    this.ast.destroy(this.caller, 19);
    this.ast.hangupRequest(this.callee, 16, { soft: true });
    this.ast.destroy(this.callee, 19);
  }

  /** The callee hangs up after answering (Hangup(), or the end of its dialplan). */
  farHangup(cause = 16): void {
    if (this.isOver) return;
    this.end();
    if (this.isSip) {
      this.ast.destroy(this.callee, cause);
      this.qosVariables();
      this.ast.hangupRequest(this.caller, cause);
      return this.ast.finishStasisChannel(this.caller, cause);
    }
    this.ast.hangupRequest(this.callee, 16, { soft: true });
    this.ast.hangupRequest(this.caller, cause);
    this.ast.destroy(this.callee, cause);
    this.ast.finishStasisChannel(this.caller, cause);
  }

  /** The extension does not exist: both halves go at once with cause 0, no Dial events. */
  unknownExtension(): void {
    this.end();
    this.ast.destroy(this.callee, 0);
    this.ast.destroy(this.caller, 0);
  }

  /** DELETE /channels/{caller}: the application hangs up its own leg. */
  hangupByApp(cause: number): void {
    this.end();
    if (this.isSip && this.answered) this.qosVariables();
    this.ast.hangupRequest(this.caller, 32, { soft: true });
    this.ast.finishStasisChannelWithoutDestroy(this.caller);
    if (this.isSip) {
      this.ast.destroy(this.callee, cause);
      this.ast.destroy(this.caller, cause);
      return;
    }
    const calleeInPlayback = this.answered && this.callee.dialplan.app_name === 'Playback';
    this.ast.hangupRequest(this.callee, cause);
    this.ast.destroy(this.caller, cause);
    if (calleeInPlayback) this.ast.setVariable(this.callee, 'PLAYBACKSTATUS', 'SUCCESS');
    this.ast.hangupRequest(this.callee, 16, { soft: true });
    this.ast.destroy(this.callee, cause);
  }

  private qosVariables(): void {
    for (const variable of QOS_VARIABLES) this.ast.setVariable(this.caller, variable, qosValue(variable));
  }
}

function qosValue(variable: string): string {
  return variable === 'RTPAUDIOQOS'
    ? 'ssrc=0;themssrc=0;lp=0;rxjitter=0.000000;rxcount=0;txjitter=0.000000;txcount=0;rlp=0;rtt=0.000000;rxmes=0.000000;txmes=0.000000'
    : 'min=000.000000;max=000.000000;avg=000.000000;stdev=000.000000;';
}
