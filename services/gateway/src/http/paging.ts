import { z } from 'zod';

/** `?cursor=&limit=` of every list route. */
export const pageQuery = {
  cursor: z.string().max(1000).optional().describe('nextCursor of the previous page; absent for the first page'),
  limit: z.coerce.number().int().min(1).max(100).optional().describe('Items per page (1–100; the service default when absent)'),
};

/** The shape of every list answer. */
export const page = <T extends z.ZodType>(item: T) =>
  z.object({
    items: z.array(item),
    nextCursor: z.string().nullable().describe('Pass as ?cursor= for the next page; null on the last page'),
  });

/** REST paging → `zvonar.common.v1.PageRequest`. */
export const pageRequest = (query: { cursor?: string; limit?: number }) => ({ pageSize: query.limit ?? 0, pageToken: query.cursor ?? '' });

/** `zvonar.common.v1.PageInfo` + items → the REST page. */
export const pageOf = <T>(items: T[], info: { nextPageToken: string } | undefined): { items: T[]; nextCursor: string | null } => ({
  items,
  nextCursor: info?.nextPageToken ? info.nextPageToken : null,
});
