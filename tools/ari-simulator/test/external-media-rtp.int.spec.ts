import { eventually } from '@zvonar/testing';
import { createSocket } from 'node:dgram';
import type { AddressInfo } from 'node:net';
import { startAriSimulator } from '../src';

// external-media.json: the probe's UDP listener got ulaw RTP (PT 0) from the UnicastRTP channel.
test('an external media channel streams ulaw RTP to the external host until it is hung up', async () => {
  const listener = createSocket('udp4');
  const packets: Buffer[] = [];
  listener.on('message', (packet) => packets.push(packet));
  await new Promise<void>((resolve) => listener.bind(0, '127.0.0.1', () => resolve()));
  const sim = await startAriSimulator({ timeScale: 0.5 });
  const auth = { Authorization: `Basic ${Buffer.from('asterisk:asterisk').toString('base64')}` };
  try {
    const host = `127.0.0.1:${(listener.address() as AddressInfo).port}`;
    const created = await fetch(`${sim.url}/ari/channels/externalMedia?app=probe&external_host=${host}&format=ulaw&channelId=em-1`, { method: 'POST', headers: auth });
    expect(created.status).toBe(200);
    expect(await created.json()).toMatchObject({ id: 'em-1', name: expect.stringMatching(/^UnicastRTP\/127\.0\.0\.1:\d+-0x[0-9a-f]+$/) as string });
    await eventually(() => packets.length >= 10, { what: '10 RTP packets' });
    const [first, second] = packets;
    if (!first || !second) throw new Error('no packets');
    expect(first.length).toBe(172);
    expect([first[0], first[1]]).toEqual([0x80, 0]);
    expect((second.readUInt16BE(2) - first.readUInt16BE(2) + 65536) % 65536).toBe(1);
    expect((second.readUInt32BE(4) - first.readUInt32BE(4) + 2 ** 32) % 2 ** 32).toBe(160);
    expect((await fetch(`${sim.url}/ari/channels/em-1`, { method: 'DELETE', headers: auth })).status).toBe(204);
    await eventually(async () => (await fetch(`${sim.url}/ari/channels/em-1`, { headers: auth })).status === 404, { what: 'channel gone' });
  } finally {
    await sim.stop();
    listener.close();
  }
});
