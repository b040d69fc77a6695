export { startAriSimulator, DEFAULT_CREDENTIALS, type AriSimulator, type AriSimulatorOptions } from './ari-simulator';
export { realTimeScheduler, type Scheduler, type Timer } from './clock/scheduler';
export { SIM_CALLEES, type DialplanStep } from './dialplan/callees';
export { ManualScheduler } from './clock/manual-scheduler';
export { MIXED_BEHAVIOURS, MIXED_DIALPLANS, parseCalleeMix, pickMixedBehaviour, type CalleeMix, type MixedBehaviour } from './dialplan/callee-mix';
export type { PlacedCall } from './sim-core';
