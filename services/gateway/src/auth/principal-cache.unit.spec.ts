import type { Caller } from '../upstream/call-context';
import { PrincipalCache } from './principal-cache';

const caller = (userId: string): Caller => ({ accountId: `account-of-${userId}`, userId, roles: ['user'], scopes: ['projects:read'], email: `${userId}@example.test`, credential: 'access-token' });

describe('PrincipalCache', () => {
  let now: number;
  const cacheOf = (ttlMs = 30_000, maxEntries = 100) => new PrincipalCache({ ttlMs, maxEntries, now: () => now });
  const openCache = (ttlMs?: number, maxEntries?: number) => {
    const cache = cacheOf(ttlMs, maxEntries);
    cache.openUp();
    return cache;
  };

  beforeEach(() => {
    now = 1_000_000;
  });

  it('keeps nothing until it is opened (the invalidation stream is not live yet)', () => {
    const cache = cacheOf();
    cache.remember('token-a', caller('u1'), undefined, cache.mark());
    expect(cache.get('token-a')).toBeUndefined();
  });

  it('answers a remembered principal until the ttl', () => {
    const cache = openCache(30_000);
    cache.remember('token-a', caller('u1'), undefined, cache.mark());
    now += 29_999;
    expect(cache.get('token-a')).toEqual(caller('u1'));
    now += 1;
    expect(cache.get('token-a')).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('never keeps a principal past its credential\'s validity', () => {
    const cache = openCache(30_000);
    cache.remember('token-a', caller('u1'), new Date(now + 5_000), cache.mark());
    now += 5_000;
    expect(cache.get('token-a')).toBeUndefined();
  });

  it('does not store a principal whose credential is already expired', () => {
    const cache = openCache();
    cache.remember('token-a', caller('u1'), new Date(now), cache.mark());
    expect(cache.size).toBe(0);
  });

  it('forgets every credential of a user, and only theirs', () => {
    const cache = openCache();
    cache.remember('token-a', caller('u1'), undefined, cache.mark());
    cache.remember('key-b', caller('u1'), undefined, cache.mark());
    cache.remember('token-c', caller('u2'), undefined, cache.mark());
    cache.forgetUser('u1');
    expect([cache.get('token-a'), cache.get('key-b'), cache.get('token-c')]).toEqual([undefined, undefined, caller('u2')]);
  });

  it('does not store an answer that was in flight while something was forgotten: it may predate the change', () => {
    const cache = openCache();
    const mark = cache.mark();
    cache.forgetUser('someone-else');
    cache.remember('token-a', caller('u1'), undefined, mark);
    expect(cache.get('token-a')).toBeUndefined();
  });

  it('forgets everything when closed, and keeps nothing after', () => {
    const cache = openCache();
    cache.remember('token-a', caller('u1'), undefined, cache.mark());
    cache.close();
    cache.remember('token-b', caller('u2'), undefined, cache.mark());
    expect([cache.get('token-a'), cache.get('token-b'), cache.size]).toEqual([undefined, undefined, 0]);
  });

  it('lets the oldest entry go when full', () => {
    const cache = openCache(30_000, 2);
    cache.remember('token-a', caller('u1'), undefined, cache.mark());
    cache.remember('token-b', caller('u2'), undefined, cache.mark());
    cache.remember('token-c', caller('u3'), undefined, cache.mark());
    expect([cache.get('token-a'), cache.get('token-b'), cache.get('token-c')]).toEqual([undefined, caller('u2'), caller('u3')]);
    cache.forgetUser('u1');
    expect(cache.size).toBe(2);
  });

  it('stays off with a ttl of 0', () => {
    const cache = openCache(0);
    cache.remember('token-a', caller('u1'), undefined, cache.mark());
    expect([cache.open, cache.get('token-a')]).toEqual([false, undefined]);
  });
});
