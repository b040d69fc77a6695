import { badRequest } from '../../ari-error';
import { requireChannel, type Handler } from '../../handler';
import { ok } from '../../reply';
import { splitArgs } from './originate.handler';

/** POST /channels/{id}/snoop: a `Snoop/<id>-N` channel, Up, in Stasis, hearing the spied direction. */
export const snoopChannel: Handler = (ctx) => {
  const spied = requireChannel(ctx);
  const app = ctx.params.get('app');
  if (!app) throw badRequest('Missing parameter app');
  const { core } = ctx;
  const { ast } = core;
  const snoop = ast.addChannel({
    id: ctx.params.get('snoopId') || ast.nextUniqueId(),
    name: `Snoop/${spied.id}-${ast.nextNameSuffix(`Snoop/${spied.id}`)}`,
    technology: 'Snoop',
    state: 'Up',
    dialplan: { context: 'default', exten: 's', priority: 1, app_name: '', app_data: '' },
    creationtime: ast.timestamp(),
  });
  snoop.subscribedApp = app;
  core.snoops.set(spied.id, [...(core.snoops.get(spied.id) ?? []), snoop]);
  // spy=in hears what the spied channel receives; the simulator models only that direction.
  spied.onAudio((kind) => snoop.receiveAudio(kind));
  snoop.receiveAudio(spied.incomingAudio);
  const reply = ok(snoop.snapshot());
  ast.scheduler.after(0, () => {
    if (!snoop.destroyed) ast.enterStasis(snoop, app, splitArgs(ctx.params.get('appArgs')), false);
  });
  return reply;
};
