import { chooseCallerId, chooseTrunk, takesRotationTurn, type RoutingRefusal, type Trunk } from './domain';
import { InMemoryTrunkLimits } from './limits/in-memory.trunk-limits';
import type { TrunkLimits } from './limits/trunk-limits.port';

/** Where one call goes out: the trunk, the caller ID it presents, and the trunk's pace. */
export type Routing =
  | { readonly kind: 'routed'; readonly trunkId: string; readonly callerId: string; readonly callsPerSecond: number | null }
  | ({ readonly kind: 'refused' } & RoutingRefusal);

/** What a PlaceCall asked for; absent means "call-control chooses". */
export type RoutingRequest = { readonly number: string; readonly trunkId?: string | undefined; readonly callerId?: string | undefined };

/**
 * The trunk catalogue: the dial plan and each trunk's caller-ID rotation. The rotation's turns
 * come from the trunk limits (`nextCallerIdTurn`, the pool named by its trunk's id): shared by the
 * replicas over PostgreSQL, so a pool is walked once across all of them rather than once per
 * replica; in memory (one process) a restart begins at the pool's first number again.
 */
export class TrunkRouter {
  private readonly byId: ReadonlyMap<string, Trunk>;

  constructor(
    readonly trunks: readonly Trunk[],
    private readonly random: () => number = Math.random,
    private readonly turns: Pick<TrunkLimits, 'nextCallerIdTurn'> = new InMemoryTrunkLimits(),
  ) {
    this.byId = new Map(trunks.map((trunk) => [trunk.id, trunk]));
  }

  /** Chooses the trunk and caller ID; a turn of the rotation is taken only when a pool's policy picks. */
  async route(request: RoutingRequest): Promise<Routing> {
    const choice = chooseTrunk(this.trunks, request.number, request.trunkId);
    if (choice.kind === 'refused') return choice;
    const { trunk } = choice;
    const turn = takesRotationTurn(trunk.callerIds, request.callerId) ? await this.turns.nextCallerIdTurn(trunk.id) : 0;
    const pick = chooseCallerId(trunk.callerIds, trunk.id, request.callerId, turn, this.random);
    if (pick.kind === 'refused') return pick;
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
