import type { BlacklistCard, GoalCard, IntegrationCard, MessageCard, RecordingCard } from '../../model/scenario.model';
import { renderTemplate } from '../template.renderer';
import { issue, proceed } from '../turn';
import { instant } from './card-behaviour';

// Cards that only emit a fact for another service (or switch recording on) and let the node go on.

export const goalCard = instant<GoalCard>((turn, card) => {
  issue(turn, card.tag === undefined ? { type: 'MarkGoal' } : { type: 'MarkGoal', tag: card.tag });
  proceed(turn);
});

export const blacklistCard = instant<BlacklistCard>((turn, card) => {
  issue(turn, { type: 'AddToBlacklist', scope: card.scope });
  proceed(turn);
});

export const integrationCard = instant<IntegrationCard>((turn, card) => {
  const fields = Object.fromEntries(Object.entries(card.fieldMapping).map(([field, template]) => [field, renderTemplate(template, turn.state.variables, turn.state.contact)]));
  issue(turn, { type: 'CallIntegration', integrationId: card.integrationId, fields });
  proceed(turn);
});

export const messageCard = instant<MessageCard>((turn, card) => {
  issue(turn, { type: 'SendSms', materialId: card.materialId });
  proceed(turn);
});

export const recordingCard = instant<RecordingCard>((turn) => {
  // A second recording card (a hand-over back into a start node) must not start a second recorder.
  if (!turn.state.recording) {
    turn.state.recording = true;
    issue(turn, { type: 'StartRecording' });
  }
  proceed(turn);
});
