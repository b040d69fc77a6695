export * from './preflight-tally';
export * from './preflight-forecast';
