import { randomBytes } from 'node:crypto';
import { startRtpSender } from '../../../media/rtp-sender';
import { badRequest } from '../../ari-error';
import type { Handler } from '../../handler';
import { ok } from '../../reply';

let nextRtpPort = 10000;

/**
 * POST /channels/externalMedia: a UnicastRTP channel that "dials" the external host, answers
 * and enters Stasis with no args before the 200 (whose snapshot still says Down), then sends
 * RTP (G.711 silence) to the external host while it lives.
 */
export const createExternalMedia: Handler = ({ core, params }) => {
  const app = params.get('app');
  if (!app) throw badRequest('Missing parameter app');
  const host = params.require('external_host', 'Missing parameter external_host');
  const format = params.require('format', 'Missing parameter format');
  const { ast } = core;
  const channel = ast.addChannel({
    id: params.get('channelId') || ast.nextUniqueId(),
    name: `UnicastRTP/${host}-0x${randomBytes(6).toString('hex')}`,
    technology: 'UnicastRTP',
    state: 'Down',
    dialplan: { context: 'default', exten: 's', priority: 1, app_name: '', app_data: '' },
    creationtime: ast.timestamp(),
  });
  channel.subscribedApp = app;
  channel.variables.set('UNICASTRTP_LOCAL_ADDRESS', '127.0.0.1');
  channel.variables.set('UNICASTRTP_LOCAL_PORT', String(nextRtpPort));
  nextRtpPort = nextRtpPort >= 19998 ? 10000 : nextRtpPort + 2;
  const reply = ok({ ...channel.snapshot(), channelvars: Object.fromEntries(channel.variables) });
  const dialstring = `${host}/c(${format})`;
  ast.emit(channel, { type: 'Dial', dialstatus: '', forward: '', dialstring, peer: channel.snapshot() });
  ast.setState(channel, 'Up');
  ast.emit(channel, { type: 'Dial', dialstatus: 'ANSWER', forward: '', dialstring, peer: channel.snapshot() });
  ast.enterStasis(channel, app, []);
  startRtpSender(ast, channel, host, format);
  return reply;
};
