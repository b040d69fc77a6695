import { hash, verify, type Algorithm } from '@node-rs/argon2';
import type { PasswordHasher } from '../application/crypto.port';

// The package declares Algorithm as a const enum, which isolated modules (swc) cannot inline.
const ARGON2ID = 2 as Algorithm;

export type Argon2Parameters = { readonly memoryKib: number; readonly iterations: number };

/** argon2id with the configured cost; the PHC string keeps each hash's own parameters. */
export class Argon2PasswordHasher implements PasswordHasher {
  readonly decoy: Promise<string>;

  constructor(private readonly parameters: Argon2Parameters) {
    this.decoy = this.hash('no one has this password 7c1f');
    // Computed eagerly; a failure here would surface on the first unknown-email sign-in instead.
    this.decoy.catch(() => undefined);
  }

  hash(password: string): Promise<string> {
    return hash(password, { algorithm: ARGON2ID, memoryCost: this.parameters.memoryKib, timeCost: this.parameters.iterations, parallelism: 1 });
  }

  async verify(passwordHash: string, password: string): Promise<boolean> {
    try {
      return await verify(passwordHash, password);
    } catch {
      // A malformed stored hash must refuse, not crash the sign-in.
      return false;
    }
  }
}
