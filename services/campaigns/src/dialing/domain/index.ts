export * from './attempt-table';
export * from './dialer';
export * from './pacer';
export * from './redial-rules';
export * from './window-profiles';
export * from './claim-decision';
export * from './dial-plan';
export * from './telephony-watch';
