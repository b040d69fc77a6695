/** Who this service is; provided under SERVICE_INFO. */
export interface ServiceInfo {
  readonly name: string;
  readonly version: string;
  readonly startedAt: Date;
}
