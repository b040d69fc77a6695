import { randomInt } from 'node:crypto';
import { createSocket } from 'node:dgram';
import type { Asterisk } from '../asterisk/asterisk';
import type { SimChannel } from '../asterisk/sim-channel';

// G.711 at 8 kHz in 20 ms packets: 160 payload bytes, timestamp +160 per packet.
const PACKET_MS = 20;
const SAMPLES = 160;
const PAYLOAD_TYPE: Readonly<Record<string, { pt: number; silence: number }>> = {
  ulaw: { pt: 0, silence: 0xff },
  alaw: { pt: 8, silence: 0xd5 },
};

/**
 * Sends the external media channel's audio to `host:port` over RTP/UDP while the channel
 * lives. The simulator has no audio, so the payload is G.711 silence. Other formats send nothing.
 */
export function startRtpSender(ast: Asterisk, channel: SimChannel, externalHost: string, format: string): void {
  const codec = PAYLOAD_TYPE[format];
  const separator = externalHost.lastIndexOf(':');
  const host = externalHost.slice(0, separator);
  const port = Number(externalHost.slice(separator + 1));
  if (!codec || !host || !Number.isInteger(port)) return;
  const socket = createSocket('udp4');
  socket.on('error', () => undefined);
  channel.track({ cancel: () => socket.close() });
  const ssrc = randomInt(2 ** 31);
  let sequence = randomInt(2 ** 16);
  let timestamp = randomInt(2 ** 31);
  const tick = (): void => {
    const packet = Buffer.alloc(12 + SAMPLES, codec.silence);
    packet[0] = 0x80;
    packet[1] = codec.pt;
    packet.writeUInt16BE(sequence, 2);
    packet.writeUInt32BE(timestamp, 4);
    packet.writeUInt32BE(ssrc, 8);
    socket.send(packet, port, host);
    sequence = (sequence + 1) % 2 ** 16;
    timestamp = (timestamp + SAMPLES) % 2 ** 32;
    ast.after(channel, PACKET_MS, tick);
  };
  ast.after(channel, PACKET_MS, tick);
}
