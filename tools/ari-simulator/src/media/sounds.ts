// Durations (ms) of the stock English prompts, measured from the recorded traces.
const SOUND_MS: Readonly<Record<string, number>> = {
  'hello-world': 1403,
  beep: 424,
  'vm-options': 16368,
  'demo-congrats': 30000,
};

/** Duration of a sound file in ms, or undefined when the system has no such sound. */
export function soundDurationMs(name: string): number | undefined {
  const silence = /^silence\/(\d+)$/.exec(name);
  if (silence) return Number(silence[1]) * 1000;
  return SOUND_MS[name];
}

export function isSilence(name: string): boolean {
  return name.startsWith('silence/');
}

export function knownSounds(): string[] {
  return Object.keys(SOUND_MS);
}
