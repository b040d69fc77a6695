import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import type { Secrets } from '../application/crypto.port';

const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';

export class NodeCryptoSecrets implements Secrets {
  code(): string {
    return String(randomInt(0, 1_000_000)).padStart(6, '0');
  }

  token(): string {
    return randomBytes(32).toString('base64url');
  }

  keyPrefix(): string {
    return Array.from({ length: 10 }, () => alphabet[randomInt(alphabet.length)]).join('');
  }

  digest(value: string): string {
    return createHash('sha256').update(value, 'utf8').digest('hex');
  }

  same(a: string, b: string): boolean {
    const left = Buffer.from(a, 'utf8');
    const right = Buffer.from(b, 'utf8');
    return left.length === right.length && timingSafeEqual(left, right);
  }
}
