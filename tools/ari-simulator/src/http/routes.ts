import type { Handler } from './handler';
import * as asterisk from './handlers/asterisk/asterisk.handlers';
import { createBridge } from './handlers/bridges/create.handler';
import { destroyBridge } from './handlers/bridges/destroy.handler';
import { getBridge, listBridges } from './handlers/bridges/get.handler';
import { addChannelToBridge, removeChannelFromBridge } from './handlers/bridges/membership.handler';
import { answerChannel } from './handlers/channels/answer.handler';
import { continueInDialplan } from './handlers/channels/continue.handler';
import { createChannel } from './handlers/channels/create.handler';
import { dialChannel } from './handlers/channels/dial.handler';
import { sendDtmf } from './handlers/channels/dtmf.handler';
import { createExternalMedia } from './handlers/channels/external-media.handler';
import { getChannel } from './handlers/channels/get.handler';
import { hangupChannel } from './handlers/channels/hangup.handler';
import { listChannels } from './handlers/channels/list.handler';
import { originateChannel } from './handlers/channels/originate.handler';
import { playOnChannel } from './handlers/channels/play.handler';
import { recordChannel } from './handlers/channels/record.handler';
import { snoopChannel } from './handlers/channels/snoop.handler';
import { getChannelVariable } from './handlers/channels/variable-get.handler';
import { setChannelVariable } from './handlers/channels/variable-set.handler';
import { getPlayback, stopPlayback } from './handlers/playbacks/playback.handlers';
import { getLiveRecording, stopLiveRecording } from './handlers/recordings/live.handlers';
import * as stored from './handlers/recordings/stored.handlers';

type Method = 'GET' | 'POST' | 'DELETE';

/** The ARI resources the simulator serves (paths below /ari). Literal segments win over `:params`. */
const ROUTES: ReadonlyArray<readonly [Method, string, Handler]> = [
  ['POST', '/channels', originateChannel],
  ['GET', '/channels', listChannels],
  ['POST', '/channels/create', createChannel],
  ['POST', '/channels/externalMedia', createExternalMedia],
  ['POST', '/channels/:channelId', originateChannel],
  ['GET', '/channels/:channelId', getChannel],
  ['DELETE', '/channels/:channelId', hangupChannel],
  ['POST', '/channels/:channelId/answer', answerChannel],
  ['POST', '/channels/:channelId/dial', dialChannel],
  ['POST', '/channels/:channelId/continue', continueInDialplan],
  ['POST', '/channels/:channelId/play', playOnChannel],
  ['POST', '/channels/:channelId/play/:playbackId', playOnChannel],
  ['POST', '/channels/:channelId/record', recordChannel],
  ['POST', '/channels/:channelId/snoop', snoopChannel],
  ['POST', '/channels/:channelId/dtmf', sendDtmf],
  ['POST', '/channels/:channelId/variable', setChannelVariable],
  ['GET', '/channels/:channelId/variable', getChannelVariable],
  ['GET', '/playbacks/:playbackId', getPlayback],
  ['DELETE', '/playbacks/:playbackId', stopPlayback],
  ['GET', '/recordings/live/:recordingName', getLiveRecording],
  ['POST', '/recordings/live/:recordingName/stop', stopLiveRecording],
  ['GET', '/recordings/stored', stored.listStoredRecordings],
  ['GET', '/recordings/stored/:recordingName', stored.getStoredRecording],
  ['DELETE', '/recordings/stored/:recordingName', stored.deleteStoredRecording],
  ['GET', '/recordings/stored/:recordingName/file', stored.getStoredRecordingFile],
  ['POST', '/bridges', createBridge],
  ['GET', '/bridges', listBridges],
  ['POST', '/bridges/:bridgeId', createBridge],
  ['GET', '/bridges/:bridgeId', getBridge],
  ['DELETE', '/bridges/:bridgeId', destroyBridge],
  ['POST', '/bridges/:bridgeId/addChannel', addChannelToBridge],
  ['POST', '/bridges/:bridgeId/removeChannel', removeChannelFromBridge],
  ['GET', '/asterisk/info', asterisk.asteriskInfo],
  ['GET', '/asterisk/ping', asterisk.asteriskPing],
  ['GET', '/asterisk/variable', asterisk.asteriskVariable],
  ['GET', '/applications', asterisk.listApplications],
  ['GET', '/applications/:applicationName', asterisk.getApplication],
  ['GET', '/endpoints', asterisk.listEndpoints],
  ['GET', '/sounds/:soundId', asterisk.getSound],
];

export interface RouteMatch {
  handler: Handler;
  path: Record<string, string>;
}

export type RouteLookup = RouteMatch | 'no-route' | 'bad-method';

export function matchRoute(method: string, pathname: string): RouteLookup {
  const segments = pathname.split('/').filter((s) => s !== '');
  let pathMatched = false;
  let best: { match: RouteMatch; literals: number } | undefined;
  for (const [routeMethod, pattern, handler] of ROUTES) {
    const parts = pattern.split('/').filter((s) => s !== '');
    if (parts.length !== segments.length) continue;
    const path: Record<string, string> = {};
    let literals = 0;
    const fits = parts.every((part, i) => {
      const segment = segments[i] ?? '';
      if (part.startsWith(':')) {
        path[part.slice(1)] = decodeURIComponent(segment);
        return true;
      }
      literals += 1;
      return part === segment;
    });
    if (!fits) continue;
    pathMatched = true;
    if (routeMethod === method && (!best || literals > best.literals)) best = { match: { handler, path }, literals };
  }
  if (best) return best.match;
  return pathMatched ? 'bad-method' : 'no-route';
}
