import { AriNotFoundError } from '../../ari';

/**
 * Runs a command on a channel, bridge or playback that may be gone already: a 404 resolves to
 * `undefined` (the HungUp fact tells the story); every other failure is the caller's.
 */
export async function unlessGone<T>(command: Promise<T>): Promise<T | undefined> {
  try {
    return await command;
  } catch (error) {
    if (error instanceof AriNotFoundError) return undefined;
    throw error;
  }
}
