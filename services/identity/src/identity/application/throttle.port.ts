import type { ThrottleState } from '../domain/lockout-policy';

/** Failed-sign-in counters by key ("email:..." / "ip:..."). */
export interface ThrottleStore {
  read(keys: readonly string[]): Promise<ReadonlyMap<string, ThrottleState>>;
  /** Applies `next` to the key's counter under a row lock, so concurrent failures all count. */
  update(key: string, next: (state: ThrottleState | undefined) => ThrottleState): Promise<void>;
  clear(key: string): Promise<void>;
}
