import { IllegalStateError } from '@zvonar/eventsourcing';

/** A telephony observation or command for an attempt that was never requested (or was refused). */
export class CallNotPlacedError extends IllegalStateError {
  constructor(command: string, status: string) {
    super(`${command} needs a placed call; the call is ${status}`, status);
  }
}
