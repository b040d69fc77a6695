/**
 * Transport failures, translated by each adapter at its edge so callers never see driver types.
 * `retriable` tells a forwarder whether trying again later can succeed (a broker restart) or
 * not (a message too large, a misconfigured topic).
 */
export class IntegrationBusError extends Error {
  constructor(
    message: string,
    readonly code: 'PUBLISH_FAILED' | 'SUBSCRIBE_FAILED' | 'BUS_UNAVAILABLE' | 'INVALID_MESSAGE',
    readonly retriable: boolean,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}
