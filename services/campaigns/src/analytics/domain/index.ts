export * from './call-rates';
export * from './csv';
export * from './live-progress';
export * from './statistics-range';
