/** One dialplan application the callee's leg runs. */
export type DialplanStep =
  | { app: 'Answer' }
  | { app: 'Ringing' }
  | { app: 'Wait'; seconds: number }
  /** Until the other side has sent `ms` of sound (the bot's prompt started). */
  | { app: 'WaitForNoise'; ms: number }
  /** Until the other side has been quiet for `ms` (the bot's prompt ended a while ago). */
  | { app: 'WaitForSilence'; ms: number }
  | { app: 'SendDTMF'; digits: string }
  | { app: 'Playback'; files: string[] }
  | { app: 'Echo' }
  | { app: 'Hangup'; cause?: number }
  | { app: 'Busy'; seconds: number }
  | { app: 'Congestion'; seconds: number };

const answer = (): DialplanStep => ({ app: 'Answer' });
const wait = (seconds: number): DialplanStep => ({ app: 'Wait', seconds });
const play = (...files: string[]): DialplanStep => ({ app: 'Playback', files });
const hangup = (cause?: number): DialplanStep => (cause === undefined ? { app: 'Hangup' } : { app: 'Hangup', cause });

/** The `sim` context of the recorded Asterisk: each extension is one virtual callee. */
export const SIM_CALLEES: Readonly<Record<string, readonly DialplanStep[]>> = {
  'answer-dtmf': [answer(), wait(2), { app: 'SendDTMF', digits: '1' }, wait(10), hangup()],
  'answer-silent': [answer(), wait(30), hangup()],
  busy: [{ app: 'Busy', seconds: 5 }],
  'busy-hangup17': [hangup(17)],
  reject: [hangup(21)],
  congestion: [{ app: 'Congestion', seconds: 5 }],
  noanswer: [{ app: 'Ringing' }, wait(60)],
  machine: [answer(), wait(0.5), play('vm-options', 'beep'), wait(3), hangup()],
  human: [answer(), wait(1), play('hello-world'), wait(15), hangup()],
  'hangup-early': [answer(), wait(1), hangup()],
  'dtmf-seq': [answer(), wait(1), { app: 'SendDTMF', digits: '123#' }, wait(10), hangup()],
  operator: [answer(), { app: 'Echo' }],
  'human-rtp': [answer(), play('silence/1'), play('hello-world'), play('silence/10', 'silence/5'), hangup()],
  'machine-rtp': [answer(), play('silence/1'), play('vm-options', 'beep'), play('silence/5'), hangup()],
  'silent-rtp': [answer(), play('silence/10', 'silence/10'), hangup()],
};

export function stepData(step: DialplanStep): string {
  switch (step.app) {
    case 'Answer':
    case 'Ringing':
    case 'Echo':
      return '';
    case 'WaitForNoise':
    case 'WaitForSilence':
      return String(step.ms);
    case 'Wait':
    case 'Busy':
    case 'Congestion':
      return String(step.seconds);
    case 'SendDTMF':
      return step.digits;
    case 'Playback':
      return step.files.join('&');
    case 'Hangup':
      return step.cause === undefined ? '' : String(step.cause);
  }
}
