import { chooseCallerId, chooseTrunk, type RoutingRefusal, type Trunk } from './domain';

/** Where one call goes out: the trunk, the caller ID it presents, and the trunk's pace. */
export type Routing =
  | { readonly kind: 'routed'; readonly trunkId: string; readonly callerId: string; readonly callsPerSecond: number | null }
  | ({ readonly kind: 'refused' } & RoutingRefusal);

/** What a PlaceCall asked for; absent means "call-control chooses". */
export type RoutingRequest = { readonly number: string; readonly trunkId?: string | undefined; readonly callerId?: string | undefined };

/**
 * The trunk catalogue of this process: the dial plan and each trunk's caller-ID rotation. The
 * round-robin position lives in memory, per process: replicas rotate each on their own, and a
 * restart begins at the pool's first number again (each number still gets its share).
 */
export class TrunkRouter {
  private readonly cursors = new Map<string, number>();
  private readonly byId: ReadonlyMap<string, Trunk>;

  constructor(
    readonly trunks: readonly Trunk[],
    private readonly random: () => number = Math.random,
  ) {
    this.byId = new Map(trunks.map((trunk) => [trunk.id, trunk]));
  }

  /** Chooses the trunk and caller ID; the rotation moves on only when a pool's policy picked. */
  route(request: RoutingRequest): Routing {
    const choice = chooseTrunk(this.trunks, request.number, request.trunkId);
    if (choice.kind === 'refused') return choice;
    const { trunk } = choice;
    const pick = chooseCallerId(trunk.callerIds, trunk.id, request.callerId, this.cursors.get(trunk.id) ?? 0, this.random);
    if (pick.kind === 'refused') return pick;
    this.cursors.set(trunk.id, pick.nextCursor);
    return { kind: 'routed', trunkId: trunk.id, callerId: pick.callerId, callsPerSecond: trunk.callsPerSecond };
  }

  /** Calls at once on the trunk; 0 for one that is not configured. */
  channelsOf(trunkId: string): number {
    return this.byId.get(trunkId)?.channels ?? 0;
  }

  trunk(trunkId: string): Trunk | undefined {
    return this.byId.get(trunkId);
  }
}
