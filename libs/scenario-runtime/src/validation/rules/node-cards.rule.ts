import { endsNode } from '../../model/scenario.graph';
import type { Card, PlaySource, ScenarioVersion } from '../../model/scenario.model';
import type { IssueDraft } from '../validation.issue';

/** More retries than this make a "press 1" loop feel endless to the caller. */
export const MAX_RETRIES = 5;

const hasSound = (source: PlaySource): boolean => (source.kind === 'text' ? source.text.trim() !== '' : source.materialId.trim() !== '');

const playSources = (card: Card): PlaySource[] => {
  if (card.type === 'Play') return [card.source];
  if (card.type === 'MachineFilter' && card.onMachine.kind === 'playThenHangup') return [card.onMachine.source];
  return [];
};

/** Rules about the cards of one node taken on their own. */
export function nodeCardRules(scenario: ScenarioVersion): IssueDraft[] {
  const issues: IssueDraft[] = [];
  for (const node of Object.values(scenario.nodes)) {
    const count = (type: Card['type']) => node.cards.filter((card) => card.type === type).length;
    if (count('Play') > 1) issues.push({ nodeId: node.id, code: 'DUPLICATE_PLAY' });
    if (count('Transfer') > 1) issues.push({ nodeId: node.id, code: 'DUPLICATE_TRANSFER' });
    const exitIndex = node.cards.findIndex(endsNode);
    node.cards.forEach((card, index) => {
      if (exitIndex >= 0 && index > exitIndex) issues.push({ nodeId: node.id, cardId: card.id, code: 'CARD_AFTER_EXIT' });
      if (playSources(card).some((source) => !hasSound(source))) issues.push({ nodeId: node.id, cardId: card.id, code: 'PLAY_WITHOUT_SOURCE' });
      if (card.type === 'Recognition' && card.retries > MAX_RETRIES) issues.push({ nodeId: node.id, cardId: card.id, code: 'RETRY_CAP' });
      if (card.type === 'Recognition' && card.mode === 'dtmf' && card.choices.some((choice) => choice.digits.length > card.maxDigits)) {
        issues.push({ nodeId: node.id, cardId: card.id, code: 'DTMF_CHOICE_TOO_LONG' });
      }
      if (card.type === 'RandomSplit' && card.shares.reduce((sum, share) => sum + share.percent, 0) !== 100) {
        issues.push({ nodeId: node.id, cardId: card.id, code: 'SPLIT_NOT_100' });
      }
    });
  }
  return issues;
}
