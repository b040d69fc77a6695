export * from './domain/phone-intelligence.port';
export * from './domain/prefix-table';
export * from './domain/numbering-tables';
export * from './domain/russian-time-zones';
export * from './domain/time-zone-candidates';
export * from './domain/describe-number';
export * from './numbering-data.file';
export * from './offline.phone-intelligence';
