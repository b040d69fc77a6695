import { InFlightWork } from './in-flight-work';
import { ServiceDrainingError } from './service-draining.error';

describe('InFlightWork', () => {
  it('reports drained only once the last unit of work ends', async () => {
    const work = new InFlightWork();
    const endFirst = work.begin();
    const endSecond = work.begin();
    let drained: boolean | undefined;
    const waiting = work.drained(10_000).then((result) => (drained = result));
    endFirst();
    endFirst(); // ending twice must not count twice
    await Promise.resolve();
    expect(drained).toBeUndefined();
    expect(work.count).toBe(1);
    endSecond();
    await waiting;
    expect(drained).toBe(true);
  });

  it('refuses new work after stopAccepting, but lets running work end', async () => {
    const work = new InFlightWork();
    const end = work.begin();
    expect(work.stopSignal.aborted).toBe(false);
    work.stopAccepting();
    expect(work.stopSignal.aborted).toBe(true);
    expect(() => work.begin()).toThrow(ServiceDrainingError);
    end();
    await expect(work.drained(10_000)).resolves.toBe(true);
  });

  it('gives up waiting after the timeout', async () => {
    const work = new InFlightWork();
    work.begin();
    await expect(work.drained(20)).resolves.toBe(false);
  });
});
