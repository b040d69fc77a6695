import { assertValidMessage, type IntegrationMessage } from './integration-message';
import type { IntegrationEventPublisher } from './integration-event-publisher.port';
import type { IntegrationConsumer, IntegrationEventSubscriber, SubscribeOptions } from './integration-event-subscriber.port';
import { deadLetterOf, deliver, interruptiblePause, resolveRetryPolicy } from './delivery';
import { partitionForKey } from './key-partitioner';

type Member = {
  readonly topics: ReadonlySet<string>;
  readonly options: SubscribeOptions<unknown>;
  stopping: boolean;
  readonly stopped: Promise<void>;
  readonly signalStop: () => void;
  /** Deliveries running on this member right now; stop() waits for them. */
  readonly inFlight: Set<Promise<unknown>>;
};

type Group = {
  readonly members: Member[];
  /** Next offset to deliver per `topic#partition`: the group's committed offsets. */
  readonly offsets: Map<string, number>;
  /** Partitions with a delivery loop running, so each partition is handled one message at a time. */
  readonly pumping: Map<string, Promise<void>>;
};

/**
 * The bus for unit tests and single-process wiring. It behaves like the real adapters, and it
 * passes the same contract suite: keys hash to partitions, a group's members split the partitions,
 * each partition is delivered in order, one message at a time, with the shared retry and
 * dead-letter rule. Messages are held in memory for the life of the bus.
 */
export class InMemoryIntegrationBus implements IntegrationEventPublisher, IntegrationEventSubscriber {
  private readonly log = new Map<string, IntegrationMessage[][]>();
  private readonly groups = new Map<string, Group>();
  private readonly partitions: number;

  constructor(options: { partitions?: number } = {}) {
    this.partitions = options.partitions ?? 8;
  }

  async publish(messages: readonly IntegrationMessage[]): Promise<void> {
    messages.forEach(assertValidMessage);
    const touched = new Set<string>();
    for (const message of messages) {
      this.partitionsOf(message.topic)[partitionForKey(message.key, this.partitions)]!.push(message);
      touched.add(message.topic);
    }
    for (const topic of touched) this.wakeTopic(topic);
  }

  async subscribe<T>(options: SubscribeOptions<T>): Promise<IntegrationConsumer> {
    resolveRetryPolicy(options.retry);
    let signalStop!: () => void;
    const stopped = new Promise<void>((resolve) => (signalStop = resolve));
    const member: Member = { topics: new Set(options.topics), options: options as SubscribeOptions<unknown>, stopping: false, stopped, signalStop, inFlight: new Set() };
    const group = this.groupOf(options.group);
    this.startPositions(group, options);
    group.members.push(member);
    for (const topic of member.topics) this.wakeGroup(options.group, group, topic);
    return {
      stop: async () => {
        if (member.stopping) return;
        member.stopping = true;
        member.signalStop();
        await Promise.all(member.inFlight);
        group.members.splice(group.members.indexOf(member), 1);
        // The last member of an ephemeral group takes the group's offsets with it.
        if (options.ephemeral && group.members.length === 0 && this.groups.get(options.group) === group) this.groups.delete(options.group);
        else for (const topic of member.topics) this.wakeGroup(options.group, group, topic);
      },
    };
  }

  /** Everything published to `topic` so far, in partition order: for assertions in tests. */
  messagesOf(topic: string): IntegrationMessage[] {
    return (this.log.get(topic) ?? []).flat();
  }

  private partitionsOf(topic: string): IntegrationMessage[][] {
    let partitions = this.log.get(topic);
    if (!partitions) {
      partitions = Array.from({ length: this.partitions }, () => []);
      this.log.set(topic, partitions);
    }
    return partitions;
  }

  private groupOf(name: string): Group {
    let group = this.groups.get(name);
    if (!group) {
      group = { members: [], offsets: new Map(), pumping: new Map() };
      this.groups.set(name, group);
    }
    return group;
  }

  /**
   * Gives every partition the group has no offset for yet its starting one, at subscribe time:
   * the log's current end for `'latest'`, so a message published after subscribe() resolved is
   * never behind it. A partition with an offset keeps it (the group "committed" there).
   */
  private startPositions(group: Group, options: Pick<SubscribeOptions<unknown>, 'topics' | 'startAt'>): void {
    for (const topic of options.topics) {
      this.partitionsOf(topic).forEach((messages, partition) => {
        const slot = `${topic}#${partition}`;
        if (!group.offsets.has(slot)) group.offsets.set(slot, options.startAt === 'latest' ? messages.length : 0);
      });
    }
  }

  private wakeTopic(topic: string): void {
    for (const [name, group] of this.groups) {
      if (group.members.some((member) => member.topics.has(topic))) this.wakeGroup(name, group, topic);
    }
  }

  private wakeGroup(name: string, group: Group, topic: string): void {
    for (let partition = 0; partition < this.partitions; partition += 1) {
      const slot = `${topic}#${partition}`;
      if (group.pumping.has(slot)) continue;
      const pump = this.pump(name, group, topic, partition).finally(() => {
        group.pumping.delete(slot);
        // A publish or a rebalance may have happened while this loop was finishing.
        if (this.hasWork(group, topic, partition)) this.wakeGroup(name, group, topic);
      });
      group.pumping.set(slot, pump);
    }
  }

  /** Members split partitions by position, like a range assignor: stable while membership is. */
  private ownerOf(group: Group, topic: string, partition: number): Member | undefined {
    const candidates = group.members.filter((member) => member.topics.has(topic) && !member.stopping);
    return candidates[partition % Math.max(1, candidates.length)];
  }

  private hasWork(group: Group, topic: string, partition: number): boolean {
    const offset = group.offsets.get(`${topic}#${partition}`) ?? 0;
    return this.ownerOf(group, topic, partition) !== undefined && offset < this.partitionsOf(topic)[partition]!.length;
  }

  private async pump(name: string, group: Group, topic: string, partition: number): Promise<void> {
    const slot = `${topic}#${partition}`;
    // Hand control back first: publish() resolves before any handler runs, as on a real broker.
    await Promise.resolve();
    for (;;) {
      const owner = this.ownerOf(group, topic, partition);
      const offset = group.offsets.get(slot) ?? 0;
      const message = this.partitionsOf(topic)[partition]![offset];
      if (!owner || !message) return;
      const coordinates = { topic, partition, offset: String(offset) };
      const delivery = (async () => {
        const outcome = await deliver(message, coordinates, {
          decode: owner.options.decode,
          handle: owner.options.handle,
          retry: resolveRetryPolicy(owner.options.retry),
          isStopping: () => owner.stopping,
          pause: interruptiblePause(owner.stopped),
        });
        if (outcome.kind === 'aborted') return false;
        if (outcome.kind === 'dead-letter') {
          await this.publish([deadLetterOf(message, { reason: outcome.reason, group: name, coordinates, attempts: outcome.attempts })]);
        }
        group.offsets.set(slot, offset + 1);
        return true;
      })();
      owner.inFlight.add(delivery);
      const delivered = await delivery.finally(() => owner.inFlight.delete(delivery));
      if (!delivered) return;
    }
  }
}
