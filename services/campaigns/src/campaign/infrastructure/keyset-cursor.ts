import { ValidationError } from '@zvonar/eventsourcing';

/** Where a page ended: the (time, id) of its last row. Opaque to clients (base64url JSON). */
export type KeysetCursor = { readonly at: Date; readonly id: string };

export const encodeCursor = (cursor: KeysetCursor | undefined): string | undefined =>
  cursor ? Buffer.from(JSON.stringify([cursor.at.toISOString(), cursor.id])).toString('base64url') : undefined;

/** Throws a field violation on `page.pageToken` for a token this service did not hand out. */
export const decodeCursor = (token: string | undefined): KeysetCursor | undefined => {
  if (!token) return undefined;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
    if (Array.isArray(parsed) && typeof parsed[0] === 'string' && typeof parsed[1] === 'string') {
      const at = new Date(parsed[0]);
      if (!Number.isNaN(at.getTime())) return { at, id: parsed[1] };
    }
  } catch {
    // Falls through to the violation below.
  }
  throw new ValidationError('The page token is not valid', [{ field: 'page.pageToken', code: 'INVALID_PAGE_TOKEN', message: 'page token is not valid' }]);
};

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 200;

/** 0 asks for the default; anything above the maximum is capped. */
export const pageSizeOf = (requested: number): number => (requested <= 0 ? DEFAULT_PAGE_SIZE : Math.min(requested, MAX_PAGE_SIZE));
