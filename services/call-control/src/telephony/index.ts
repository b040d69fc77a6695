export * from './telephony.port';
export * from './channel-listeners';
export * from './time/scheduler.port';
export * from './time/real-time.scheduler';
export * from './time/virtual.scheduler';
export * from './simulated/callee-behaviour';
export * from './simulated/simulated.telephony';
export * from './ari';
