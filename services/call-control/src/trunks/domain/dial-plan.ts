import type { RoutingRefusal, Trunk } from './trunk';

export type TrunkChoice = { readonly kind: 'chosen'; readonly trunk: Trunk } | ({ readonly kind: 'refused' } & RoutingRefusal);

/** How specifically a trunk serves a number: the longest matching prefix (0 for a catch-all), null if not at all. */
export const servingSpecificity = (trunk: Trunk, number: string): number | null => {
  if (trunk.prefixes.length === 0) return 0;
  const matches = trunk.prefixes.filter((prefix) => number.startsWith(prefix)).map((prefix) => prefix.length);
  return matches.length === 0 ? null : Math.max(...matches);
};

/**
 * The trunk for one call. A named trunk is used if it exists and is enabled (a PlaceCall that
 * names a trunk meant that one: it never silently goes out another way). Otherwise the dial plan
 * picks the enabled trunk with the longest prefix matching the number, catch-alls last, the
 * earlier trunk in the catalogue on a tie; trunks taken only by name are left out.
 */
export function chooseTrunk(trunks: readonly Trunk[], number: string, requestedId?: string): TrunkChoice {
  if (requestedId !== undefined) {
    const trunk = trunks.find((candidate) => candidate.id === requestedId);
    if (!trunk) return { kind: 'refused', reason: 'TrunkUnavailable', detail: `trunk ${requestedId} is not configured` };
    if (!trunk.enabled) return { kind: 'refused', reason: 'TrunkUnavailable', detail: `trunk ${requestedId} is disabled` };
    return { kind: 'chosen', trunk };
  }
  let best: { trunk: Trunk; specificity: number } | null = null;
  for (const trunk of trunks) {
    if (!trunk.enabled || trunk.namedOnly) continue;
    const specificity = servingSpecificity(trunk, number);
    if (specificity !== null && (best === null || specificity > best.specificity)) best = { trunk, specificity };
  }
  return best ? { kind: 'chosen', trunk: best.trunk } : { kind: 'refused', reason: 'TrunkUnavailable', detail: `no enabled trunk serves ${number}` };
}
