import { eventually } from '@zvonar/testing';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import { AriCommands, AriEventStream, AriHttp, type AriEvent, type MalformedEvent } from '../src/ari';

// A bare WebSocket peer stands in for Asterisk here: the point is what the stream does with
// messages no real Asterisk would send.
describe('AriEventStream with malformed messages', () => {
  test('reports them with the channel id and keeps delivering the next events', async () => {
    const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await new Promise<void>((resolve) => server.once('listening', () => resolve()));
    const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const channel = { id: 'zv-1', name: 'PJSIP/loop-00000001', state: 'Up' };
    server.on('connection', (ws) => {
      ws.send('{"type":"ChannelDestroyed","cause":"sixteen","cause_txt":"?","channel":' + JSON.stringify(channel) + '}');
      ws.send('not json at all');
      ws.send(JSON.stringify({ type: 'ChannelDtmfReceived', digit: '5', duration_ms: 100, channel, timestamp: 't', asterisk_id: 'a', application: 'zvonar' }));
      ws.send(JSON.stringify({ type: 'StasisEnd', channel, timestamp: 't', asterisk_id: 'a', application: 'zvonar' }));
    });
    const config = { baseUrl, username: 'u', password: 'p', app: 'zvonar' };
    const events: AriEvent[] = [];
    const malformed: MalformedEvent[] = [];
    const stream = new AriEventStream({
      config,
      commands: new AriCommands(new AriHttp(config), 'zvonar'),
      onEvent: (event) => {
        events.push(event);
        if (event.type === 'ChannelDtmfReceived') throw new Error('handler bug');
      },
      onMalformed: (report) => malformed.push(report),
    });
    stream.start();
    try {
      await eventually(() => events.length === 2, { what: 'both good events' });
      expect(events.map((e) => e.type)).toEqual(['ChannelDtmfReceived', 'StasisEnd']);
      expect(malformed.map(({ reason, channelId }) => ({ reason, channelId }))).toEqual([
        { reason: 'ChannelDestroyed.cause is not a number', channelId: 'zv-1' },
        { reason: 'not JSON', channelId: undefined },
        { reason: 'handler failed: handler bug', channelId: 'zv-1' },
      ]);
      expect(stream.state).toBe('connected');
    } finally {
      await stream.stop();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
