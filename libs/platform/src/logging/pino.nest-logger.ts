import type { LoggerService } from '@nestjs/common';
import type { Logger } from 'pino';

/**
 * Nest's own messages (module init, route mapping, uncaught errors) through the same pino
 * logger as everything else, so a pod emits one JSON format only.
 */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  // Nest's `log` level is wiring chatter (modules initialised, routes mapped): debug for us, so
  // a pod's info stream holds what the service did rather than how it was assembled.
  log(message: unknown, ...optional: unknown[]): void {
    this.write('debug', message, optional);
  }

  error(message: unknown, ...optional: unknown[]): void {
    // Nest calls error(message, stack, context); the stack is kept as a field, not in the text.
    const [maybeStack, ...rest] = optional;
    if (typeof maybeStack === 'string' && maybeStack.includes('\n    at ')) {
      this.write('error', message, rest, { stack: maybeStack });
    } else {
      this.write('error', message, optional);
    }
  }

  warn(message: unknown, ...optional: unknown[]): void {
    this.write('warn', message, optional);
  }

  debug(message: unknown, ...optional: unknown[]): void {
    this.write('debug', message, optional);
  }

  verbose(message: unknown, ...optional: unknown[]): void {
    this.write('trace', message, optional);
  }

  fatal(message: unknown, ...optional: unknown[]): void {
    this.write('fatal', message, optional);
  }

  private write(
    level: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace',
    message: unknown,
    optional: unknown[],
    extra: object = {},
  ): void {
    // The last optional argument is the context (the class that logged), when it is a string.
    const context = typeof optional.at(-1) === 'string' ? (optional.at(-1) as string) : undefined;
    const fields = { ...extra, ...(context ? { context } : {}) };
    if (message instanceof Error) this.logger[level]({ ...fields, err: message }, message.message);
    else if (typeof message === 'object' && message !== null) this.logger[level]({ ...fields, ...message });
    else this.logger[level](fields, String(message));
  }
}
