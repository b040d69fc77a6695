import { v7 as uuidv7 } from 'uuid';

/** New identifiers, injected (ID_GENERATOR token) so tests can make them predictable. */
export interface IdGenerator {
  next(): string;
}

/**
 * UUID v7: time-ordered, so ids created later sort later and B-tree indexes on them stay
 * append-mostly instead of splitting pages at random as v4 does.
 */
export class UuidV7IdGenerator implements IdGenerator {
  next(): string {
    return uuidv7();
  }
}

/** `prefix-000001`, `prefix-000002`, ...: readable ids for test expectations. */
export class SequentialIdGenerator implements IdGenerator {
  private counter = 0;

  constructor(private readonly prefix = 'id') {}

  next(): string {
    this.counter += 1;
    return `${this.prefix}-${String(this.counter).padStart(6, '0')}`;
  }
}
