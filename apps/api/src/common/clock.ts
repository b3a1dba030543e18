/**
 * The time source for every deadline and expiry. Production uses the system clock; tests
 * provide their own instance (through Nest's DI) to move time without sleeping.
 */
export abstract class Clock {
  abstract now(): Date;
}

export class SystemClock extends Clock {
  now() {
    return new Date();
  }
}

/** A clock that stands still until moved: for tests and benchmarks. */
export class ManualClock extends Clock {
  constructor(private current = new Date()) {
    super();
  }
  now() {
    return new Date(this.current.getTime());
  }
  set(date: Date) {
    this.current = new Date(date.getTime());
  }
  advance(ms: number) {
    this.current = new Date(this.current.getTime() + ms);
  }
}
