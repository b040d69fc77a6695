export * from './calling-schedule';
export * from './local-window';
export { isKnownTimeZone } from './zone-offset';
