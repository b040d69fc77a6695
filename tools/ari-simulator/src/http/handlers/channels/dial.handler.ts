import { OutboundCall } from '../../../dialplan/outbound-call';
import { ringCallee } from '../../../dialplan/ring-callee';
import { conflict } from '../../ari-error';
import { queuedChannel, type Handler } from '../../handler';
import { noContent } from '../../reply';

/** POST /channels/{id}/dial: dials the endpoint a /channels/create channel was made for. */
export const dialChannel: Handler = async (ctx) => {
  const channel = await queuedChannel(ctx);
  const pending = ctx.core.undialled.get(channel.id);
  if (channel.state !== 'Down' || !pending) throw conflict("Channel is not in the 'Down' state");
  ctx.core.undialled.delete(channel.id);
  const { ast } = ctx.core;
  const timeoutSeconds = ctx.params.number('timeout', 0);
  const call = new OutboundCall(ast, channel, pending.callee, {
    placedBy: 'dial',
    app: channel.stasisApp ?? '',
    appArgs: [],
    dialstring: pending.target.dialstring,
    // ARI's dial timeout 0 means "no limit".
    timeoutMs: timeoutSeconds > 0 ? timeoutSeconds * 1000 : Number.MAX_SAFE_INTEGER / 4,
  });
  ctx.core.calls.set(channel.id, call);
  ast.scheduler.after(0, () => {
    ringCallee(ctx.core, call, pending.target);
  });
  return noContent();
};
