import { AriError } from '../../ari-error';
import { requireChannel, type Handler } from '../../handler';
import { ok } from '../../reply';
import type { SimChannel } from '../../../asterisk/sim-channel';

/** The dialplan functions a client reads through GET /variable. */
function readFunction(channel: SimChannel, variable: string): string | undefined {
  const functions: Record<string, () => string> = {
    'CALLERID(name)': () => channel.caller.name,
    'CALLERID(num)': () => channel.caller.number,
    'CHANNEL(state)': () => channel.state,
    'CHANNEL(name)': () => channel.name,
    'CHANNEL(uniqueid)': () => channel.id,
    'CHANNEL(language)': () => 'en',
  };
  return functions[variable]?.();
}

/** GET /channels/{id}/variable: answers at once, even behind a playback. */
export const getChannelVariable: Handler = (ctx) => {
  const channel = requireChannel(ctx);
  const variable = ctx.params.require('variable', 'Variable name is required');
  const value = readFunction(channel, variable) ?? channel.variables.get(variable);
  if (value === undefined) throw new AriError(404, { message: 'Provided variable was not found' });
  return ok({ value });
};
