export * from './phone-intelligence.contract';
export * from './russian-time-zone.cases';
export * from './numbering-tables.fixture';
export * from './generated-numbering-data';
