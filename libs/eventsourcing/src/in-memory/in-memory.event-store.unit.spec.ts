import { describeEventStoreContract } from '../testing';
import { InMemoryEventStore } from './in-memory.event-store';

describeEventStoreContract('InMemoryEventStore', async () => new InMemoryEventStore({ pollIntervalMs: 50, retryDelayMs: 5 }));
