/**
 * What the validator needs to know about things a scenario points at. The materials and
 * integrations services own these facts; until they answer over gRPC, the caller passes a
 * snapshot as data so validation stays a pure function.
 */
export type MaterialKind = 'audio' | 'tts' | 'sms';
export type ModerationStatus = 'approved' | 'pending' | 'rejected';

export interface ReferenceCatalogue {
  readonly materials: Readonly<Record<string, { readonly kind: MaterialKind; readonly status: ModerationStatus }>>;
  readonly integrations: Readonly<Record<string, { readonly status: 'active' | 'disabled' }>>;
  /** Scenarios a Hand-over card may target; omitted means not checked. */
  readonly publishedScenarios?: readonly string[];
}

export const lookup = <T>(table: Readonly<Record<string, T>>, key: string): T | undefined =>
  Object.prototype.hasOwnProperty.call(table, key) ? table[key] : undefined;
