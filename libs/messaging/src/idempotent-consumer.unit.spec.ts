import { InMemoryIdempotentConsumer } from './idempotent-consumer.port';

describe('InMemoryIdempotentConsumer', () => {
  it('runs the work once per consumer and message id', async () => {
    const consumer = new InMemoryIdempotentConsumer();
    let charged = 0;
    const charge = async () => void (charged += 1);
    expect(await consumer.handleOnce('billing', 'm-1', charge)).toBe('processed');
    expect(await consumer.handleOnce('billing', 'm-1', charge)).toBe('duplicate');
    expect(await consumer.handleOnce('analytics', 'm-1', charge)).toBe('processed');
    expect(charged).toBe(2);
  });

  it('forgets a message whose work failed, so its redelivery runs again', async () => {
    const consumer = new InMemoryIdempotentConsumer();
    await expect(consumer.handleOnce('billing', 'm-1', async () => Promise.reject(new Error('db down')))).rejects.toThrow('db down');
    let ran = false;
    expect(await consumer.handleOnce('billing', 'm-1', async () => void (ran = true))).toBe('processed');
    expect(ran).toBe(true);
  });
});
