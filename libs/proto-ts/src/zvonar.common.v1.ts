export * from './generated/zvonar/common/v1/money';
export * from './generated/zvonar/common/v1/paging';
export * from './generated/zvonar/common/v1/phone';
export * from './generated/zvonar/common/v1/problem';
