import { randomBytes } from 'node:crypto';

/** Short id that links an internal error's response to its log line. */
export const newErrorId = (): string => randomBytes(8).toString('hex');
