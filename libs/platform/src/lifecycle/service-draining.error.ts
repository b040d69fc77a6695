/** New work offered to an instance that is shutting down. Retry elsewhere. */
export class ServiceDrainingError extends Error {
  constructor() {
    super('The service is shutting down and accepts no new work');
    this.name = 'ServiceDrainingError';
  }
}
