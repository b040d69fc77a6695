import { notFound } from '../../ari-error';
import { pathParam, type Handler } from '../../handler';
import { noContent } from '../../reply';

/** DELETE /bridges/{id}: 204, then BridgeDestroyed. */
export const destroyBridge: Handler = (ctx) => {
  const id = pathParam(ctx, 'bridgeId');
  if (!ctx.core.bridges.has(id)) throw notFound('Bridge');
  ctx.core.ast.scheduler.after(0, () => ctx.core.bridges.destroy(id));
  return noContent();
};
