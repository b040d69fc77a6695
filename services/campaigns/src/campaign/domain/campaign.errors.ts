import { IllegalStateError, NotFoundError, ValidationError, type FieldViolation } from '@zvonar/eventsourcing';
import type { Campaign, CampaignStatus, ExistingCampaign } from './campaign';

export class CampaignNotFoundError extends NotFoundError {
  constructor(readonly campaignId: string) {
    super(`Campaign ${campaignId} does not exist`);
  }
}

/** The state name a 409 answer carries: the status, or `Archived` for an archived campaign. */
export const stateLabel = (state: Campaign): string => (state.status !== 'Initial' && state.archived ? 'Archived' : state.status);

export const notAllowed = (commandType: string, state: Campaign): IllegalStateError =>
  new IllegalStateError(`${commandType} is not allowed while the campaign is ${stateLabel(state)}`, stateLabel(state));

/** The campaign, when it exists, is not archived and is in one of `allowed`; otherwise the domain error. */
export const requireStatus = (
  state: Campaign,
  command: { type: string; data: { campaignId: string } },
  allowed: readonly CampaignStatus[],
): ExistingCampaign => {
  if (state.status === 'Initial') throw new CampaignNotFoundError(command.data.campaignId);
  if (state.archived || !allowed.includes(state.status)) throw notAllowed(command.type, state);
  return state;
};

export const invalidSettings = (violations: readonly FieldViolation[]): ValidationError =>
  new ValidationError('The campaign settings are out of range', violations);

export const launchRejected = (violations: readonly FieldViolation[]): ValidationError =>
  new ValidationError(`The campaign cannot be launched: ${violations.map((violation) => violation.message).join('; ')}`, violations);
