export * from './ari.telephony';
export * from './ari-telephony.options';
export * from './ari-event.mapper';
export * from './ari-hangup-cause';
