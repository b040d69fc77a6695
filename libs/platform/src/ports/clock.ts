/** The current time, injected (CLOCK token) so deciders and tests never read the wall clock. */
export interface Clock {
  now(): Date;
}

export class SystemClock implements Clock {
  now(): Date {
    return new Date();
  }
}

/** A clock that moves only when told; for tests of timeouts, calling windows and redials. */
export class TestClock implements Clock {
  private current: number;

  constructor(start: Date | string = '2026-01-01T09:00:00.000Z') {
    this.current = new Date(start).getTime();
  }

  now(): Date {
    return new Date(this.current);
  }

  set(to: Date | string): void {
    this.current = new Date(to).getTime();
  }

  advance(milliseconds: number): Date {
    this.current += milliseconds;
    return this.now();
  }
}
