import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type { EventStore, RecordedEvent, Subscription } from '@zvonar/eventsourcing';
import { PG_POOL } from '@zvonar/platform';
import type { Pool } from 'pg';
import type { CallEvent } from '../../call/domain';
import { CALL_EVENT_STORE } from '../../call-control.di-tokens';
import { applyToCalls } from './calls.table';

export const CALLS_PROJECTOR = 'calls-read-model';

/** Keeps the calls table from a checkpointed subscription on the call streams, one transaction per batch. */
@Injectable()
export class CallsProjector implements OnApplicationBootstrap, OnModuleDestroy {
  private subscription: Subscription | undefined;

  constructor(
    @Inject(CALL_EVENT_STORE) private readonly store: EventStore,
    @Inject(PG_POOL) private readonly pool: Pool,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.subscription = this.store.subscribe({
      subscriberId: CALLS_PROJECTOR,
      categories: ['call'],
      handler: async (events) => {
        const client = await this.pool.connect();
        try {
          await client.query('BEGIN');
          for (const event of events) await applyToCalls(client, event as RecordedEvent<CallEvent>);
          await client.query('COMMIT');
        } catch (error) {
          await client.query('ROLLBACK').catch(() => undefined);
          throw error;
        } finally {
          client.release();
        }
      },
    });
    await this.subscription.start();
  }

  /** Resolves once every call event appended so far is in the table (tests). */
  async waitForIdle(): Promise<void> {
    await this.subscription?.waitForIdle();
  }

  async onModuleDestroy(): Promise<void> {
    // The drain let the last calls end just now: their last events leave before this stops (bounded).
    await this.subscription?.waitForIdle({ timeoutMs: 5_000 }).catch(() => undefined);
    await this.subscription?.stop();
  }
}
