import { AriError } from '../../ari-error';
import { requireChannel, type Handler } from '../../handler';
import { ok } from '../../reply';

/** GET /channels/{id}/variable: answers at once, even behind a playback. */
export const getChannelVariable: Handler = (ctx) => {
  const channel = requireChannel(ctx);
  const variable = ctx.params.require('variable', 'Variable name is required');
  const value =
    variable === 'CALLERID(name)' ? channel.caller.name : variable === 'CALLERID(num)' ? channel.caller.number : channel.variables.get(variable);
  if (value === undefined) throw new AriError(404, { message: 'Provided variable was not found' });
  return ok({ value });
};
