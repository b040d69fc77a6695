import { allocateLegs, parseEndpoint } from '../../../dialplan/legs';
import { badRequest } from '../../ari-error';
import type { Handler } from '../../handler';
import { ok } from '../../reply';
import { splitArgs } from './originate.handler';

/** POST /channels/create: the channel enters Stasis at once, in state Down, and waits for /dial. */
export const createChannel: Handler = ({ core, params }) => {
  const target = parseEndpoint(core, params.get('endpoint'));
  const app = params.get('app');
  if (!app) throw badRequest('Application must be specified');
  const { caller, callee } = allocateLegs(core, target, { channelId: params.get('channelId'), otherChannelId: params.get('otherChannelId'), originate: false });
  caller.subscribedApp = app;
  core.undialled.set(caller.id, { callee, target });
  const args = splitArgs(params.get('appArgs'));
  const reply = ok(caller.snapshot());
  core.ast.scheduler.after(0, () => {
    if (caller.destroyed) return;
    core.ast.dialplanApp(caller, 'Stasis', [app, ...args].join(','));
    core.ast.enterStasis(caller, app, args);
  });
  return reply;
};
