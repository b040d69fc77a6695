import type { Asterisk } from '../asterisk/asterisk';
import type { Timer } from '../clock/scheduler';
import { isSilence, soundDurationMs } from '../media/sounds';
import { stepData, type DialplanStep } from './callees';
import type { OutboundCall } from './outbound-call';

// SendDTMF as observed: the first digit arrives ~200 ms after the application starts, the
// next ones ~351 ms apart, and the application returns ~250 ms after the last digit.
const DTMF_FIRST_MS = 200;
const DTMF_GAP_MS = 351;
const DTMF_TAIL_MS = 250;
// Answer() returns when the first media frame comes from the other side (the bot's prompt,
// ~2 ms after PlaybackStarted) or after 500 ms without any: that is why some callees' next
// application started 500 ms late in the traces and others within milliseconds.
const ANSWER_MEDIA_WAIT_MS = 500;
const ANSWER_MEDIA_LAG_MS = 2;

/** Runs a callee's dialplan on the callee leg of `call`, one application at a time. */
export function runCallee(ast: Asterisk, call: OutboundCall, steps: readonly DialplanStep[]): void {
  const { callee, caller } = call;

  const next = (index: number): void => {
    if (call.isOver || callee.destroyed) return;
    const step = steps[index];
    if (step === undefined) return call.answered ? call.farHangup(16) : call.rejected(16);
    ast.dialplanApp(callee, step.app, stepData(step));
    execute(step, () => next(index + 1));
  };

  const execute = (step: DialplanStep, done: () => void): void => {
    switch (step.app) {
      case 'Answer':
        call.answer();
        return untilMediaOrTimeout(done);
      case 'Ringing':
        call.ringing();
        return done();
      case 'Wait':
        caller.receiveAudio('none');
        ast.after(callee, step.seconds * 1000, done);
        return;
      case 'WaitForNoise':
        caller.receiveAudio('frames');
        return untilPromptHeard(step.ms, done);
      case 'WaitForSilence':
        caller.receiveAudio('frames');
        return untilQuietFor(step.ms, done);
      case 'SendDTMF':
        [...step.digits].forEach((digit, i) => ast.after(callee, DTMF_FIRST_MS + DTMF_GAP_MS * i, () => call.dtmf(digit)));
        ast.after(callee, DTMF_FIRST_MS + DTMF_GAP_MS * (step.digits.length - 1) + DTMF_TAIL_MS, done);
        return;
      case 'Playback':
        return playFiles(step.files, 0, () => {
          ast.setVariable(callee, 'PLAYBACKSTATUS', 'SUCCESS');
          done();
        });
      case 'Echo':
        caller.receiveAudio('frames');
        return;
      case 'Hangup':
        return call.answered ? call.farHangup(step.cause ?? 16) : call.rejected(step.cause ?? 16);
      case 'Busy':
      case 'Congestion':
        return call.busy(step.app, step.seconds);
    }
  };

  const untilMediaOrTimeout = (done: () => void): void => {
    let settled = false;
    const settle = (delay: number): void => {
      if (settled) return;
      settled = true;
      stopListening();
      timeout.cancel();
      ast.after(callee, delay, done);
    };
    const stopListening = caller.onMediaSent(() => settle(ANSWER_MEDIA_LAG_MS));
    const timeout = ast.after(callee, ANSWER_MEDIA_WAIT_MS, () => settle(0));
  };

  // The bot's side "makes noise" while a playback runs on the app's channel (what the callee hears).
  const untilPromptHeard = (ms: number, done: () => void): void => {
    if (caller.sendingMedia) {
      ast.after(callee, ms, done);
      return;
    }
    const stopListening = caller.onMediaSent(() => {
      stopListening();
      ast.after(callee, ms, done);
    });
  };

  const untilQuietFor = (ms: number, done: () => void): void => {
    let quiet: Timer | undefined;
    const stopListening = [
      caller.onMediaSent(() => quiet?.cancel()),
      caller.onMediaStopped(() => startQuiet()),
    ];
    const startQuiet = (): void => {
      quiet?.cancel();
      quiet = ast.after(callee, ms, () => {
        for (const stop of stopListening) stop();
        done();
      });
    };
    if (!caller.sendingMedia) startQuiet();
  };

  const playFiles = (files: readonly string[], index: number, done: () => void): void => {
    const file = files[index];
    if (file === undefined) return done();
    if (call.answered) caller.receiveAudio(isSilence(file) ? 'frames' : 'speech');
    ast.after(callee, soundDurationMs(file) ?? 0, () => playFiles(files, index + 1, done));
  };

  next(0);
}
