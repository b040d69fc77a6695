import { removeTalkDetect, setTalkDetect } from '../../../media/talk-detect';
import { queuedChannel, type Handler } from '../../handler';
import { noContent } from '../../reply';

/** POST /channels/{id}/variable: plain variables raise ChannelVarset; TALK_DETECT and CALLERID are functions. */
export const setChannelVariable: Handler = async (ctx) => {
  const variable = ctx.params.require('variable', 'Variable name is required');
  const value = ctx.params.get('value') ?? '';
  const channel = await queuedChannel(ctx);
  const { ast } = ctx.core;
  if (variable === 'TALK_DETECT(set)') setTalkDetect(ast, channel, value);
  else if (variable === 'TALK_DETECT(remove)') removeTalkDetect(channel);
  else if (variable === 'CALLERID(name)') channel.caller = { ...channel.caller, name: value };
  else if (variable === 'CALLERID(num)') channel.caller = { ...channel.caller, number: value };
  else ast.setVariable(channel, variable, value);
  return noContent();
};
