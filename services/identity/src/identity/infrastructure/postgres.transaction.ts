// One transaction helper for the whole monorepo lives in messaging-postgres; identity uses it
// rather than keeping a copy.
export { withTransaction as inTransaction } from '@zvonar/messaging-postgres';

/** SQLSTATE 23505: the row would break a unique constraint. */
export const isUniqueViolation = (error: unknown): boolean =>
  typeof error === 'object' && error !== null && 'code' in error && (error as { code: unknown }).code === '23505';
