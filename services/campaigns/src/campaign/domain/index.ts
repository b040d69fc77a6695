export * from './campaign';
export * from './campaign-settings';
export * from './campaign.commands';
export * from './campaign.decide';
export * from './campaign.errors';
export * from './campaign.events';
