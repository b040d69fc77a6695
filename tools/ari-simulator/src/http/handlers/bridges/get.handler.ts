import { notFound } from '../../ari-error';
import { pathParam, type Handler } from '../../handler';
import { ok } from '../../reply';

export const getBridge: Handler = (ctx) => {
  const bridge = ctx.core.bridges.get(pathParam(ctx, 'bridgeId'));
  if (!bridge) throw notFound('Bridge');
  return ok(bridge);
};

export const listBridges: Handler = ({ core }) => ok(core.bridges.list());
