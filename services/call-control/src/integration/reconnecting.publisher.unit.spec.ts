import type { IntegrationMessage } from '@zvonar/messaging';
import { ReconnectingPublisher } from './reconnecting.publisher';

const aMessage = (id: string): IntegrationMessage => ({ messageId: id, topic: 'zvonar.call-control.call.v1', key: 'campaign-1', type: 't', payload: new Uint8Array(), occurredAt: new Date(), headers: {} });

describe('ReconnectingPublisher', () => {
  it('opens the bus on first use, and again after a failed open', async () => {
    const published: string[] = [];
    let opens = 0;
    const publisher = new ReconnectingPublisher(async () => {
      opens += 1;
      if (opens === 1) throw new Error('broker still starting');
      return { publish: async (messages) => void published.push(...messages.map((message) => message.messageId)), close: async () => undefined };
    });
    await expect(publisher.publish([aMessage('m1')])).rejects.toThrow('broker still starting');
    await publisher.publish([aMessage('m1')]);
    await publisher.publish([aMessage('m2')]);
    expect(opens).toBe(2);
    expect(published).toEqual(['m1', 'm2']);
  });

  it('closes the bus it opened and publishes nothing after', async () => {
    let closed = false;
    const publisher = new ReconnectingPublisher(async () => ({ publish: async () => undefined, close: async () => void (closed = true) }));
    await publisher.publish([aMessage('m1')]);
    await publisher.close();
    expect(closed).toBe(true);
    await expect(publisher.publish([aMessage('m2')])).rejects.toThrow('closed');
  });
});
