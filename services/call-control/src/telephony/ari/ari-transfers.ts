import { AriHttpError, type AriCommands } from '../../ari';
import type { OriginateResult, TelephonyEvent, TelephonyListener, Unsubscribe } from '../telephony.port';
import { unlessGone } from './ari-gone';
import type { ChannelOriginate } from './ari-originate';
import type { AriTelephonyLogEntry } from './ari-telephony.options';

export type TransferDeps = {
  readonly commands: AriCommands;
  readonly subscribe: (channelId: string, listener: TelephonyListener) => Unsubscribe;
  readonly originate: (request: ChannelOriginate) => Promise<OriginateResult>;
  readonly hangUp: (channelId: string, cause: number) => Promise<void>;
  /** Delivers a fact to the customer channel's listeners. */
  readonly emit: (channelId: string, event: TelephonyEvent) => void;
  readonly now: () => number;
  readonly log: (entry: AriTelephonyLogEntry) => void;
};

type Transfer = {
  readonly customerId: string;
  readonly transferId: string;
  readonly bridgeId: string;
  readonly operatorId: string;
  answered: boolean;
  ended: boolean;
  unsubscribe: Unsubscribe;
};

const FAILURE_BY_CAUSE: Readonly<Record<number, string>> = { 17: 'Busy', 18: 'NoAnswer', 19: 'NoAnswer', 21: 'Rejected', 34: 'Congestion', 38: 'Congestion', 41: 'Congestion' };

/**
 * Transfers through a mixing bridge: the customer waits in it while the operator channel rings
 * (our id, our app, `operator` args); on the operator's answer it joins (TransferAnswered). An
 * operator who never answers fails the transfer and the bridge goes; once connected, whichever
 * side hangs up ends the other.
 */
export class AriTransfers {
  private readonly byCustomer = new Map<string, Transfer>();

  constructor(private readonly deps: TransferDeps) {}

  async start(customerId: string, transferId: string, endpoint: string, ringTimeoutMs: number): Promise<void> {
    if (this.byCustomer.has(customerId)) return;
    const { commands } = this.deps;
    const bridgeId = `${customerId}-${transferId}`;
    const transfer: Transfer = { customerId, transferId, bridgeId, operatorId: `${bridgeId}-op`, answered: false, ended: false, unsubscribe: () => undefined };
    this.byCustomer.set(customerId, transfer);
    await commands.createBridge(bridgeId, `transfer-${transferId}`, 'mixing');
    try {
      await commands.addToBridge(bridgeId, [customerId]);
    } catch (error) {
      // Gone (404/400) or out of Stasis (422): no transfer; a gone customer's HungUp tells the rest.
      if (!(error instanceof AriHttpError)) throw error;
      return this.fail(transfer, 'CustomerUnavailable');
    }
    // The customer may have hung up meanwhile: then no operator is rung.
    if (transfer.ended) return;
    transfer.unsubscribe = this.deps.subscribe(transfer.operatorId, (event) => void this.onOperator(transfer, event));
    const placed = await this.deps.originate({ channelId: transfer.operatorId, endpoint, appArgs: ['operator', transferId], ringTimeoutMs });
    if (placed.kind === 'refused') await this.fail(transfer, placed.reason);
    // The customer left while the operator's originate was on its way: the operator must not stay.
    else if (transfer.ended) await this.deps.hangUp(transfer.operatorId, 16);
  }

  /** The customer's channel is gone: the operator goes too, and the bridge. */
  async customerGone(customerId: string): Promise<void> {
    const transfer = this.byCustomer.get(customerId);
    if (!transfer) return;
    await this.deps.hangUp(transfer.operatorId, 16);
    await this.end(transfer);
  }

  private async onOperator(transfer: Transfer, event: TelephonyEvent): Promise<void> {
    if (transfer.ended) return;
    try {
      if (event.type === 'Answered') {
        await this.deps.commands.addToBridge(transfer.bridgeId, [transfer.operatorId]);
        transfer.answered = true;
        this.deps.emit(transfer.customerId, { type: 'TransferAnswered', transferId: transfer.transferId, at: this.deps.now() });
      } else if (event.type === 'HungUp') {
        if (transfer.answered) await this.deps.hangUp(transfer.customerId, 16);
        else await this.fail(transfer, FAILURE_BY_CAUSE[event.cause] ?? `Cause${event.cause}`);
      }
    } catch (error) {
      this.deps.log({ message: `transfer ${transfer.transferId}: ${error instanceof Error ? error.message : String(error)}`, channelId: transfer.customerId });
      await this.fail(transfer, 'TransferError');
    }
  }

  private async fail(transfer: Transfer, reason: string): Promise<void> {
    if (transfer.ended) return;
    await this.end(transfer);
    this.deps.emit(transfer.customerId, { type: 'TransferFailed', transferId: transfer.transferId, reason, at: this.deps.now() });
  }

  private async end(transfer: Transfer): Promise<void> {
    if (transfer.ended) return;
    transfer.ended = true;
    transfer.unsubscribe();
    this.byCustomer.delete(transfer.customerId);
    await unlessGone(this.deps.commands.destroyBridge(transfer.bridgeId)).catch((error: unknown) =>
      this.deps.log({ message: `bridge ${transfer.bridgeId} not destroyed`, channelId: transfer.customerId, detail: String(error) }),
    );
  }
}
