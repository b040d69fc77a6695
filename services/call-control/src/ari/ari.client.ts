import type { AriConfig } from './ari.config';
import { AriCommands } from './ari.commands';
import { AriEventStream, type AriEventStreamOptions } from './ari.connection';
import { AriHttp } from './ari.http';

/** REST commands and the events stream for one Stasis application, sharing one config. */
export function createAriClient(config: AriConfig, events: Omit<AriEventStreamOptions, 'config' | 'commands'>): { commands: AriCommands; events: AriEventStream } {
  const commands = new AriCommands(new AriHttp(config), config.app);
  return { commands, events: new AriEventStream({ ...events, config, commands }) };
}
