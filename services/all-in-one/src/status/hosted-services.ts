/** Where one hosted service listens; handed to the host module at start. */
export interface HostedEndpoint {
  readonly name: string;
  readonly grpcUrl: string;
  readonly httpUrl: string;
}

export const HOSTED_ENDPOINTS = Symbol('HOSTED_ENDPOINTS');
export const HOSTED_STATUS_CLIENTS = Symbol('HOSTED_STATUS_CLIENTS');
