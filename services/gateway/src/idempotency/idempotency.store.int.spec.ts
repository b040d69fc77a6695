import { runMigrations, createPool } from '@zvonar/platform';
import { createTestDatabase, describeWithPostgres } from '@zvonar/testing';
import type { Pool } from 'pg';
import { gatewayMigrations } from './gateway.migrations';
import { PostgresIdempotencyStore, type IdempotencyRequest } from './idempotency.store';

const HOUR = 3_600_000;
const times = (now: string) => ({ now: new Date(now), ttlMs: 24 * HOUR, inFlightTimeoutMs: 60_000 });

describeWithPostgres('PostgresIdempotencyStore', (serverUrl) => {
  let database: { url: string; drop(): Promise<void> };
  let pool: Pool;
  let store: PostgresIdempotencyStore;
  let counter = 0;
  const aRequest = (overrides: Partial<IdempotencyRequest> = {}): IdempotencyRequest => ({
    accountId: 'account-1',
    key: `key-${(counter += 1)}`,
    fingerprint: 'fingerprint-a',
    ...overrides,
  });

  beforeAll(async () => {
    database = await createTestDatabase(serverUrl, 'gateway_idempotency');
    pool = createPool(database.url, { schema: 'gateway' });
    await runMigrations(pool, 'gateway', gatewayMigrations);
    store = new PostgresIdempotencyStore(pool);
  });

  afterAll(async () => {
    await pool?.end();
    await database?.drop();
  });

  it('given a completed key, when the same request comes again within 24 h, then its answer is replayed', async () => {
    const request = aRequest();
    expect(await store.claim(request, times('2026-03-02T09:00:00Z'))).toEqual({ outcome: 'claimed' });
    await store.complete(request, 201, { scenarioId: 's-1' });

    expect(await store.claim(request, times('2026-03-03T08:59:59Z'))).toEqual({ outcome: 'replay', status: 201, body: { scenarioId: 's-1' } });
  });

  it('given a key older than 24 h, when it comes again, then it is claimed afresh (even for another request)', async () => {
    const request = aRequest();
    await store.claim(request, times('2026-03-02T09:00:00Z'));
    await store.complete(request, 201, { first: true });

    expect(await store.claim({ ...request, fingerprint: 'fingerprint-b' }, times('2026-03-03T09:00:00Z'))).toEqual({ outcome: 'claimed' });
  });

  it('refuses another request under a live key, and reports a running one as in flight', async () => {
    const request = aRequest();
    await store.claim(request, times('2026-03-02T09:00:00Z'));

    expect(await store.claim(request, times('2026-03-02T09:00:01Z'))).toEqual({ outcome: 'in-flight' });
    expect(await store.claim({ ...request, fingerprint: 'fingerprint-b' }, times('2026-03-02T09:00:01Z'))).toEqual({ outcome: 'mismatch' });
  });

  it('lets the same request take over a claim whose gateway died (older than the in-flight timeout)', async () => {
    const request = aRequest();
    await store.claim(request, times('2026-03-02T09:00:00Z'));

    expect(await store.claim(request, times('2026-03-02T09:00:59Z'))).toEqual({ outcome: 'in-flight' });
    expect(await store.claim(request, times('2026-03-02T09:01:00Z'))).toEqual({ outcome: 'claimed' });
  });

  it('given a released key, when the request is retried, then it runs again', async () => {
    const request = aRequest();
    await store.claim(request, times('2026-03-02T09:00:00Z'));
    await store.release(request);

    expect(await store.claim(request, times('2026-03-02T09:00:01Z'))).toEqual({ outcome: 'claimed' });
  });

  it('keeps keys apart per account', async () => {
    const request = aRequest();
    await store.claim(request, times('2026-03-02T09:00:00Z'));

    expect(await store.claim({ ...request, accountId: 'account-2', fingerprint: 'fingerprint-b' }, times('2026-03-02T09:00:00Z'))).toEqual({ outcome: 'claimed' });
  });

  it('purges only expired keys', async () => {
    const old = aRequest({ accountId: 'account-purge' });
    const fresh = aRequest({ accountId: 'account-purge' });
    await store.claim(old, times('2026-01-01T00:00:00Z'));
    await store.claim(fresh, times('2026-01-02T12:00:00Z'));

    await store.purgeExpired(new Date('2026-01-02T12:00:00Z'));

    const { rows } = await pool.query<{ idempotency_key: string }>(`SELECT idempotency_key FROM idempotency_keys WHERE account_id = 'account-purge'`);
    expect(rows.map((row) => row.idempotency_key)).toEqual([fresh.key]);
  });
});
