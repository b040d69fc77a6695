import { allocateLegs, parseCallerId, parseEndpoint } from '../../../dialplan/legs';
import { OutboundCall } from '../../../dialplan/outbound-call';
import { ringCallee } from '../../../dialplan/ring-callee';
import { badRequest } from '../../ari-error';
import type { Handler } from '../../handler';
import { ok } from '../../reply';

/** POST /channels and POST /channels/{channelId}: dial out, enter Stasis when answered. */
export const originateChannel: Handler = ({ core, params, path }) => {
  const target = parseEndpoint(core, params.get('endpoint'));
  const app = params.get('app');
  if (!app) throw badRequest('Application or extension must be specified');
  const { ast } = core;
  const { caller, callee } = allocateLegs(core, target, {
    channelId: path['channelId'] ?? params.get('channelId'),
    otherChannelId: params.get('otherChannelId'),
    originate: true,
  });
  const callerId = parseCallerId(params.get('callerId'));
  const originator = params.get('originator') === undefined ? undefined : ast.channels.get(params.get('originator') ?? '');
  const variables = new Map(params.variables);
  if (callerId) {
    caller.connected = { ...callerId };
    callee.caller = { ...callerId };
  }
  if (originator) caller.connected = { ...originator.caller };
  caller.caller = {
    name: variables.get('CALLERID(name)') ?? '',
    number: variables.get('CALLERID(num)') ?? (variables.has('CALLERID(name)') ? (callerId?.number ?? '') : ''),
  };
  callee.connected = { ...caller.caller };
  for (const [name, value] of variables) if (!name.includes('(')) caller.variables.set(name, value);
  if (target.technology === 'Local') callee.subscribedApp = app;
  caller.subscribedApp = app;
  const reply = ok(caller.snapshot());

  const call = new OutboundCall(ast, caller, callee, {
    placedBy: 'originate',
    app,
    appArgs: splitArgs(params.get('appArgs')),
    dialstring: target.dialstring,
    timeoutMs: params.number('timeout', 30) * 1000,
  });
  core.calls.set(caller.id, call);
  ast.scheduler.after(0, () => {
    // The originate variables land on the callee half, newest first, before Dial.
    for (const [name, value] of [...variables].reverse()) ast.setVariable(callee, name, value);
    if (callerId || originator || variables.has('CALLERID(name)')) {
      ast.emit(callee, { type: 'ChannelCallerId', caller_presentation: 0, caller_presentation_txt: 'Presentation Allowed, Not Screened', channel: callee.snapshot() });
    }
    if (callerId) ast.emit(callee, { type: 'ChannelConnectedLine', channel: callee.snapshot() });
    ringCallee(core, call, target);
  });
  return reply;
};

/** `appArgs` reach StasisStart split on commas. */
export function splitArgs(appArgs: string | undefined): string[] {
  return appArgs ? appArgs.split(',') : [];
}
