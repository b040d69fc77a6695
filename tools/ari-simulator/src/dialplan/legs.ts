import type { CallerId } from '@zvonar/ari-model';
import type { SimChannel } from '../asterisk/sim-channel';
import { AriError, badRequest, conflict } from '../http/ari-error';
import type { SimCallee, SimCore } from '../sim-core';

export interface DialTarget {
  technology: 'Local' | 'PJSIP';
  exten: string;
  /** The dialplan context of the callee (`sim` for both forms in the traces). */
  context: string;
  dialstring: string;
  /** Undefined: nobody is there (an unknown extension). */
  callee: SimCallee | undefined;
}

/** `Local/<exten>@<context>` or `PJSIP/<exten>@loop` (the loop trunk lands in context `sim`). */
export function parseEndpoint(core: SimCore, endpoint: string | undefined): DialTarget {
  if (!endpoint) throw badRequest('Endpoint must be specified');
  const match = /^(Local|PJSIP)\/([^@]+)@(.+)$/.exec(endpoint);
  if (!match) throw new AriError(500, { error: 'Allocation failed' });
  const [, technology, exten = '', where = ''] = match;
  const context = technology === 'PJSIP' ? 'sim' : where;
  const callee = context === 'sim' ? core.calleeAt(exten) : undefined;
  return { technology: technology === 'PJSIP' ? 'PJSIP' : 'Local', exten, context, dialstring: `${exten}@${where}`, callee };
}

export interface LegOptions {
  channelId: string | undefined;
  otherChannelId: string | undefined;
  /** true for POST /channels (the Dial app drives the call), false for /channels/create. */
  originate: boolean;
}

/** Allocates the application's channel and the callee leg of a call to `target`. */
export function allocateLegs(core: SimCore, target: DialTarget, options: LegOptions): { caller: SimChannel; callee: SimChannel } {
  const { ast } = core;
  // otherChannelId only counts together with channelId (checked against the Asterisk source).
  const callerId = options.channelId || undefined;
  const calleeId = callerId === undefined ? undefined : options.otherChannelId || `${callerId};2`;
  for (const id of [callerId, calleeId]) {
    if (id !== undefined && core.channelIdInUse(id)) throw conflict('Channel with given unique ID already exists');
  }
  const creationtime = ast.timestamp();
  const callerDialplan = {
    context: target.context,
    exten: target.technology === 'PJSIP' ? 's' : target.exten,
    priority: 1,
    app_name: options.originate ? 'AppDial2' : '',
    app_data: options.originate ? '(Outgoing Line)' : '',
  };
  const calleeDialplan = { context: target.context, exten: target.exten, priority: 1, app_name: '', app_data: '' };
  if (target.technology === 'Local') {
    const suffix = ast.nextNameSuffix('Local');
    const base = `Local/${target.dialstring}-${suffix}`;
    const caller = ast.addChannel({ id: callerId ?? ast.nextUniqueId(), name: `${base};1`, technology: 'Local', state: 'Down', dialplan: callerDialplan, creationtime });
    const callee = ast.addChannel({ id: calleeId ?? ast.nextUniqueId(), name: `${base};2`, technology: 'Local', state: 'Ring', dialplan: calleeDialplan, creationtime });
    return { caller, callee };
  }
  const caller = ast.addChannel({
    id: callerId ?? ast.nextUniqueId(),
    name: `PJSIP/loop-${ast.nextNameSuffix('PJSIP')}`,
    technology: 'PJSIP',
    state: 'Down',
    dialplan: callerDialplan,
    creationtime,
    protocolId: core.newResourceId(),
  });
  // The incoming SIP leg exists on the same Asterisk but the application never sees it.
  const callee = ast.addChannel({
    id: ast.nextUniqueId(),
    name: `PJSIP/loop-${ast.nextNameSuffix('PJSIP')}`,
    technology: 'PJSIP',
    state: 'Ring',
    dialplan: calleeDialplan,
    creationtime,
    protocolId: caller.protocolId,
  });
  return { caller, callee };
}

/** `"Voice Bot" <1000>` → `{name: 'Voice Bot', number: '1000'}`. */
export function parseCallerId(value: string | undefined): CallerId | undefined {
  if (!value) return undefined;
  const match = /^\s*(?:"([^"]*)"|([^<]*?))\s*<([^>]*)>\s*$/.exec(value);
  if (!match) return { name: '', number: value.trim() };
  return { name: (match[1] ?? match[2] ?? '').trim(), number: match[3] ?? '' };
}
