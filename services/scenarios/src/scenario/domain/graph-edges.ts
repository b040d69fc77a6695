import type { Card, ScenarioNode } from '@zvonar/scenario-runtime';

/** An edge of the graph with the outcome that takes it, so a diff can say what changed. */
export type LabelledEdge = {
  readonly from: string;
  readonly cardId: string;
  readonly label: string;
  readonly to: string;
};

const outcomes = (card: Card): { label: string; to: string }[] => {
  switch (card.type) {
    case 'Recognition': {
      const choices =
        card.mode === 'dtmf'
          ? card.choices.map((choice) => ({ label: `dtmf ${choice.digits}`, to: choice.next }))
          : card.choices.map((choice, index) => ({ label: `speech ${index + 1}`, to: choice.next }));
      return [...choices, { label: 'noInput', to: card.noInput.next }, { label: 'noMatch', to: card.noMatch.next }];
    }
    case 'Transfer':
      return [{ label: 'noAnswer', to: card.noAnswer.next }];
    case 'MachineFilter':
      return card.onMachine.kind === 'branch' ? [{ label: 'onMachine', to: card.onMachine.next }] : [];
    case 'SilenceDetection':
      return [{ label: 'onSilence', to: card.onSilence.next }];
    case 'Condition':
      return [
        ...card.rules.map((rule, index) => ({ label: `rule ${index + 1}`, to: rule.next })),
        { label: 'otherwise', to: card.otherwise.next },
      ];
    case 'RandomSplit':
      return card.shares.map((share, index) => ({ label: `share ${index + 1} (${share.percent}%)`, to: share.next }));
    default:
      return [];
  }
};

/** Every edge leaving a node: each card's outcomes, then the node's `next` (card id empty). */
export function edgesOf(node: ScenarioNode): LabelledEdge[] {
  const edges = node.cards.flatMap((card) =>
    outcomes(card).map(({ label, to }) => ({ from: node.id, cardId: card.id, label, to })),
  );
  if (node.next !== undefined) edges.push({ from: node.id, cardId: '', label: 'next', to: node.next });
  return edges;
}
