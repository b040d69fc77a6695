import type { Answer, Loose } from '../../../services/gateway/test/rest-client';

/** Something that GETs a REST path, like the gateway's ConformingClient. */
export interface Getter {
  get(path: string): Promise<Answer<Loose>>;
}

/** Every item of a paged list route (`{items, nextCursor}`), following the cursors to the end. */
export async function allPages<T>(client: Getter, path: string, limit: number): Promise<T[]> {
  const items: T[] = [];
  const separator = path.includes('?') ? '&' : '?';
  for (let cursor: string | null = null, pages = 0; ; pages += 1) {
    if (pages > 1000) throw new Error(`${path}: more than 1000 pages`);
    const answer = await client.get(`${path}${separator}limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    if (answer.status !== 200) throw new Error(`GET ${path}: ${answer.status} ${JSON.stringify(answer.body)}`);
    items.push(...(answer.body.items as T[]));
    cursor = answer.body.nextCursor as string | null;
    if (!cursor) return items;
  }
}
