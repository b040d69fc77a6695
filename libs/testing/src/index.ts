export * from './servers';
export * from './databases';
export * from './wait';
