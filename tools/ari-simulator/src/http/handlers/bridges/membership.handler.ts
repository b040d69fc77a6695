import type { SimChannel } from '../../../asterisk/sim-channel';
import { AriError, badRequest, notFound } from '../../ari-error';
import { pathParam, type Handler, type HandlerContext } from '../../handler';
import { noContent } from '../../reply';

function resolve(ctx: HandlerContext): { bridgeId: string; channels: SimChannel[] } {
  const bridgeId = pathParam(ctx, 'bridgeId');
  if (!ctx.core.bridges.has(bridgeId)) throw notFound('Bridge');
  const ids = ctx.params.require('channel', 'Missing parameter channel').split(',');
  const channels = ids.map((id) => ctx.core.ast.channels.get(id));
  if (channels.some((c) => c === undefined)) throw badRequest('Channel not found');
  const found = channels.filter((c): c is SimChannel => c !== undefined);
  if (found.some((c) => c.stasisApp === undefined)) throw new AriError(422, { message: 'Channel not in Stasis application' });
  return { bridgeId, channels: found };
}

/** POST /bridges/{id}/addChannel: 204, then ChannelEnteredBridge (and BRIDGEPEER on two parties). */
export const addChannelToBridge: Handler = (ctx) => {
  const { bridgeId, channels } = resolve(ctx);
  ctx.core.ast.scheduler.after(0, () => {
    for (const channel of channels) if (!channel.destroyed) ctx.core.bridges.addChannel(bridgeId, channel);
  });
  return noContent();
};

export const removeChannelFromBridge: Handler = (ctx) => {
  const { bridgeId, channels } = resolve(ctx);
  if (channels.some((c) => c.bridgeId !== bridgeId)) throw new AriError(422, { message: 'Channel not in this bridge' });
  for (const channel of channels) ctx.core.bridges.removeChannel(bridgeId, channel);
  return noContent();
};
