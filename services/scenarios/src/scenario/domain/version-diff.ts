import type { Card, ScenarioVersion } from '@zvonar/scenario-runtime';
import { edgesOf, type LabelledEdge } from './graph-edges';

/** One node, card or edge that differs; for an edge `label` is its outcome and `targetNodeId` its end. */
export type DiffEntry = {
  readonly nodeId: string;
  readonly cardId: string;
  readonly label: string;
  readonly targetNodeId: string;
};

export type VersionDiff = {
  readonly nodesAdded: DiffEntry[];
  readonly nodesRemoved: DiffEntry[];
  readonly nodesChanged: DiffEntry[];
  readonly cardsAdded: DiffEntry[];
  readonly cardsRemoved: DiffEntry[];
  readonly cardsChanged: DiffEntry[];
  readonly edgesAdded: DiffEntry[];
  readonly edgesRemoved: DiffEntry[];
};

type PlacedCard = { readonly nodeId: string; readonly card: Card };

const placedCards = (version: ScenarioVersion): Map<string, PlacedCard> =>
  new Map(
    Object.values(version.nodes).flatMap((node) =>
      node.cards.map((card) => [card.id, { nodeId: node.id, card }] as const),
    ),
  );

const edgeKey = (edge: LabelledEdge): string => JSON.stringify([edge.from, edge.cardId, edge.label, edge.to]);
const edgeEntry = (edge: LabelledEdge): DiffEntry => ({
  nodeId: edge.from,
  cardId: edge.cardId,
  label: edge.label,
  targetNodeId: edge.to,
});
const nodeEntry = (nodeId: string): DiffEntry => ({ nodeId, cardId: '', label: '', targetNodeId: '' });
const cardEntry = ({ nodeId, card }: PlacedCard): DiffEntry => ({
  nodeId,
  cardId: card.id,
  label: card.type,
  targetNodeId: '',
});

/** Keys present only on the left. */
const only = <T>(left: Map<string, T>, right: Map<string, T>): T[] =>
  [...left].filter(([key]) => !right.has(key)).map(([, value]) => value);

/**
 * What changed from `from` to `to`. Nodes and cards are matched by id (a card that moved to another
 * node is changed, not removed and added); a node changed when its card order or `next` differ;
 * edges are matched by (node, card, outcome, target), so a re-pointed branch is one removal plus
 * one addition.
 */
export function diffVersions(from: ScenarioVersion, to: ScenarioVersion): VersionDiff {
  const fromNodes = new Map(Object.entries(from.nodes));
  const toNodes = new Map(Object.entries(to.nodes));
  const shape = (nodeId: string, nodes: Map<string, ScenarioVersion['nodes'][string]>) => {
    const node = nodes.get(nodeId);
    return JSON.stringify([node?.cards.map((card) => card.id), node?.next ?? null]);
  };
  const fromCards = placedCards(from);
  const toCards = placedCards(to);
  const fromEdges = new Map([...fromNodes.values()].flatMap(edgesOf).map((edge) => [edgeKey(edge), edge] as const));
  const toEdges = new Map([...toNodes.values()].flatMap(edgesOf).map((edge) => [edgeKey(edge), edge] as const));
  return {
    nodesAdded: only(toNodes, fromNodes).map((node) => nodeEntry(node.id)),
    nodesRemoved: only(fromNodes, toNodes).map((node) => nodeEntry(node.id)),
    nodesChanged: [...toNodes.keys()]
      .filter((nodeId) => fromNodes.has(nodeId) && shape(nodeId, fromNodes) !== shape(nodeId, toNodes))
      .map(nodeEntry),
    cardsAdded: only(toCards, fromCards).map(cardEntry),
    cardsRemoved: only(fromCards, toCards).map(cardEntry),
    cardsChanged: [...toCards.values()]
      .filter(({ nodeId, card }) => {
        const before = fromCards.get(card.id);
        return (
          before !== undefined && (before.nodeId !== nodeId || JSON.stringify(before.card) !== JSON.stringify(card))
        );
      })
      .map(cardEntry),
    edgesAdded: only(toEdges, fromEdges).map(edgeEntry),
    edgesRemoved: only(fromEdges, toEdges).map(edgeEntry),
  };
}
