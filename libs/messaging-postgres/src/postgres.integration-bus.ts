import {
  resolveRetryPolicy,
  type IntegrationConsumer,
  type IntegrationEventPublisher,
  type IntegrationEventSubscriber,
  type IntegrationMessage,
  type SubscribeOptions,
} from '@zvonar/messaging';
import { Pool, type ClientBase, type PoolConfig } from 'pg';
import { appendToLog } from './postgres.bus-log';
import { CoalescedNotify } from './postgres.coalesced-notify';
import { atTheEdge } from './postgres.errors';
import { GroupMember } from './postgres.group-member';
import { checkSchemaName, migrateMessaging, wakeupChannel } from './postgres.messaging-schema';
import { withTransaction } from './postgres.transaction';
// The event store's LISTEN connection does exactly what the bus needs: ring a doorbell per NOTIFY, reconnect in the background.
import { AppendNotifications } from '@zvonar/event-store-postgres/src/postgres.notifications';

export type PostgresBusOptions = {
  /** A pool you own (you close it), or a connection string (the bus owns its pool). */
  pool?: Pool;
  connectionString?: string;
  poolConfig?: Omit<PoolConfig, 'connectionString'>;
  /** The producing service's schema; its consumers read the log there. Default `messaging`. */
  schema?: string;
  /** Partitions per topic: the most members of one group that can work at once. Default 8. */
  partitions?: number;
  migrate?: boolean;
  /** Longest a consumer waits when no NOTIFY arrives (the polling fallback). Default 500 ms. */
  pollIntervalMs?: number;
  leaseMs?: number;
  batchSize?: number;
  /**
   * How long an ephemeral group (`SubscribeOptions.ephemeral`) whose members all stopped
   * heartbeating without leaving (a crash) keeps its offsets before a later subscribe sweeps them.
   * Default 15 minutes; never less than the lease.
   */
  ephemeralGroupExpiryMs?: number;
};

/**
 * The embedded integration bus of the all-in-one mode: the log lives in PostgreSQL next to the
 * producer's data, and consumers read it with per-group offsets and leases. Same ports, same
 * guarantees as the Kafka adapter (per-key order, at-least-once, retries then `<topic>.dlq`).
 *
 * ```ts
 * const bus = await PostgresIntegrationBus.connect({ pool, schema: 'calls' });
 * const forwarder = startIntegrationForwarder({ store, publisher: bus, subscriberId: 'calls-forwarder', map });
 * await bus.subscribe({ group: 'billing', topics: [callsTopic], decode: CallEnded.decode, handle });
 * ```
 */
export class PostgresIntegrationBus implements IntegrationEventPublisher, IntegrationEventSubscriber {
  private readonly members = new Set<IntegrationConsumer>();
  private readonly schema: string;
  private readonly channel: string;
  private readonly partitions: number;
  private readonly notifier: CoalescedNotify;

  private constructor(
    private readonly pool: Pool,
    private readonly ownsPool: boolean,
    private readonly wakeups: AppendNotifications,
    private readonly options: PostgresBusOptions,
  ) {
    this.schema = checkSchemaName(options.schema ?? 'messaging');
    this.channel = wakeupChannel(this.schema);
    this.partitions = options.partitions ?? 8;
    this.notifier = new CoalescedNotify(pool, this.channel);
  }

  static async connect(options: PostgresBusOptions): Promise<PostgresIntegrationBus> {
    if (!options.pool && !options.connectionString) throw new TypeError('PostgresIntegrationBus needs a pool or a connectionString');
    const pool = options.pool ?? new Pool({ ...options.poolConfig, connectionString: options.connectionString });
    // Without a listener, an idle connection dropped by the server would crash the process.
    if (!options.pool) pool.on('error', () => undefined);
    const schema = checkSchemaName(options.schema ?? 'messaging');
    const wakeups = new AppendNotifications(pool.options, wakeupChannel(schema));
    try {
      await atTheEdge('BUS_UNAVAILABLE', `Preparing the embedded bus in schema ${schema}`, async () => {
        if (options.migrate !== false) await migrateMessaging(pool, schema);
        await wakeups.start();
      });
    } catch (error) {
      await wakeups.close();
      if (!options.pool) await pool.end();
      throw error;
    }
    return new PostgresIntegrationBus(pool, !options.pool, wakeups, options);
  }

  async publish(messages: readonly IntegrationMessage[]): Promise<void> {
    if (messages.length === 0) return;
    await atTheEdge('PUBLISH_FAILED', `Publishing ${messages.length} message(s)`, () =>
      withTransaction(this.pool, (client) => appendToLog(client, this.schema, messages, this.partitions)),
    );
    // Committed: wake this process's members now, other processes' through one shared NOTIFY.
    this.wakeups.wakeup.ring();
    this.notifier.announce();
  }

  /**
   * The outbox form: appends to the log inside the caller's open transaction, so a service
   * without an event store commits its change and its integration events together. The
   * partitions' head rows stay locked until that transaction ends, so keep it short.
   */
  async publishInTransaction(client: ClientBase, messages: readonly IntegrationMessage[]): Promise<void> {
    if (messages.length === 0) return;
    await atTheEdge('PUBLISH_FAILED', `Publishing ${messages.length} message(s)`, () => appendToLog(client, this.schema, messages, this.partitions, this.channel));
  }

  async subscribe<T>(options: SubscribeOptions<T>): Promise<IntegrationConsumer> {
    const leaseMs = this.options.leaseMs ?? 10_000;
    const member = new GroupMember(
      {
        pool: this.pool,
        schema: this.schema,
        channel: this.channel,
        doorbell: this.wakeups.wakeup,
        partitions: this.partitions,
        pollIntervalMs: this.options.pollIntervalMs ?? 500,
        leaseMs,
        ephemeralGroupExpiryMs: Math.max(leaseMs, this.options.ephemeralGroupExpiryMs ?? 15 * 60_000),
        batchSize: this.options.batchSize ?? 100,
        publish: (messages) => this.publish(messages),
      },
      options,
      resolveRetryPolicy(options.retry),
    );
    const consumer = await member.join();
    const handle: IntegrationConsumer = {
      stop: async () => {
        this.members.delete(handle);
        await consumer.stop();
      },
    };
    this.members.add(handle);
    return handle;
  }

  /** Stops every member (each releases its partitions), then the LISTEN connection and an owned pool. */
  async close(): Promise<void> {
    await Promise.all([...this.members].map((member) => member.stop()));
    await this.notifier.flush();
    await this.wakeups.close();
    if (this.ownsPool) await this.pool.end();
  }
}
