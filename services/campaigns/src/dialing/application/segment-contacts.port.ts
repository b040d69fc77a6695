/** One dialable contact of an audience segment, as the audiences service streams it. */
export type SegmentContact = {
  readonly contactId: string;
  readonly phone: string;
  readonly timeZones: readonly string[];
  readonly region: string;
  readonly fields: Readonly<Record<string, string>>;
  /** On a blacklist of the project or the account's do-not-call list when the stream read it. */
  readonly blacklisted: boolean;
};

/** The audiences service's segment stream: every active contact, always in the same order. */
export interface SegmentContactSource {
  /** `signal` aborts the stream: the iteration fails with its reason and the call is cancelled. */
  stream(projectId: string, segmentId: string, signal?: AbortSignal): AsyncIterable<SegmentContact>;
}
