import { streamId } from '@zvonar/eventsourcing';

/** The attempt id is the call id: one attempt is one call, and its idempotency key. */
export const callStreamId = (attemptId: string): string => streamId('call', attemptId);

/** The telephony channel of an attempt; derived so that a retried originate reuses it. */
export const channelIdOf = (attemptId: string): string => `zvc-${attemptId}`;
