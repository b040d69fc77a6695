import { removeTalkDetect, setTalkDetect } from '../../../media/talk-detect';
import { queuedChannel, type Handler } from '../../handler';
import { noContent } from '../../reply';

/** POST /channels/{id}/variable: plain variables raise ChannelVarset; TALK_DETECT and CALLERID are functions. */
export const setChannelVariable: Handler = async (ctx) => {
  const variable = ctx.params.require('variable', 'Variable name is required');
  const given = ctx.params.get('value');
  const value = given ?? '';
  const channel = await queuedChannel(ctx);
  const { ast } = ctx.core;
  if (variable === 'TALK_DETECT(set)') setTalkDetect(ast, channel, value);
  else if (variable === 'TALK_DETECT(remove)') removeTalkDetect(channel);
  else if (variable === 'CALLERID(name)') channel.caller = { ...channel.caller, name: value };
  else if (variable === 'CALLERID(num)') channel.caller = { ...channel.caller, number: value };
  // No value unsets the variable: 204 and no ChannelVarset (errors.json).
  else if (given === undefined) channel.variables.delete(variable);
  else ast.setVariable(channel, variable, value);
  return noContent();
};
