import { requireChannel, type Handler } from '../../handler';
import { ok } from '../../reply';

export const getChannel: Handler = (ctx) => ok(requireChannel(ctx).snapshot());
