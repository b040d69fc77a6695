import type { Asterisk } from '../asterisk/asterisk';
import type { SimChannel } from '../asterisk/sim-channel';
import type { Timer } from '../clock/scheduler';

// AMD() as observed with default settings: a greeting still going 1.8 s after it began is a
// machine (MAXWORDS-3-2, ~1.76 s in); a short greeting followed by ~0.7 s of silence is a human.
const MACHINE_AFTER_MS = 1760;
const HUMAN_SILENCE_MS = 720;
const TOTAL_ANALYSIS_MS = 5000;

export interface AmdResult {
  status: 'HUMAN' | 'MACHINE' | 'NOTSURE';
  cause: string;
}

/** Runs AMD() on a channel that left Stasis through the `amd` context; reports once. */
export function runAmd(ast: Asterisk, channel: SimChannel, onResult: (result: AmdResult) => void): void {
  ast.dialplanApp(channel, 'AMD', '');
  const timers: Timer[] = [];
  let decided = false;
  let speechStarted = false;
  let humanTimer: Timer | undefined;
  let machineTimer: Timer | undefined;

  const decide = (result: AmdResult): void => {
    if (decided) return;
    decided = true;
    unsubscribe();
    for (const timer of timers) timer.cancel();
    humanTimer?.cancel();
    machineTimer?.cancel();
    onResult(result);
  };

  function startGreeting(): void {
    speechStarted = true;
    machineTimer = ast.after(channel, MACHINE_AFTER_MS, () => decide({ status: 'MACHINE', cause: 'MAXWORDS-3-2' }));
  }

  const unsubscribe = channel.onAudio((kind) => {
    if (kind === 'speech') {
      humanTimer?.cancel();
      if (!speechStarted) startGreeting();
      return;
    }
    // The greeting ended before it was too long for a human.
    machineTimer?.cancel();
    if (speechStarted) humanTimer = ast.after(channel, HUMAN_SILENCE_MS, () => decide({ status: 'HUMAN', cause: 'HUMAN-801-800' }));
  });
  timers.push(ast.after(channel, TOTAL_ANALYSIS_MS, () => decide({ status: 'NOTSURE', cause: 'TOOLONG-5000' })));
  if (channel.incomingAudio === 'speech') startGreeting();
}
