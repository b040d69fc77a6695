import { found, pathParam, type Handler } from '../../handler';
import { ok } from '../../reply';

export const getBridge: Handler = (ctx) => ok(found(ctx.core.bridges.get(pathParam(ctx, 'bridgeId')), 'Bridge'));

export const listBridges: Handler = ({ core }) => ok(core.bridges.list());
