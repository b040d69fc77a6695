export * from './trunk';
export * from './dial-plan';
export * from './caller-id-pool';
export * from './originate-pacing';
