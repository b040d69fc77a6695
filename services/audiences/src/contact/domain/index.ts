export * from './normalisation-note';
export * from './phone-cell';
export * from './phone-normalisation';
export * from './phone-cell-normalisation';
export * from './email-normalisation';
export * from './contact-row';
export * from './contact-normaliser';
