// Identifier shapes as the live API emits them.
import { randomBytes } from 'node:crypto';

const LOWER = 'abcdefghijklmnopqrstuvwxyz0123456789';
const MIXED = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function randomString(alphabet: string, length: number): string {
  const bytes = randomBytes(length);
  let out = '';
  // The modulo bias is irrelevant for identifiers that only need to be unique and well-shaped.
  for (let i = 0; i < length; i++) out += alphabet[bytes[i]! % alphabet.length];
  return out;
}

/** e.g. 1zww7deyssrme0csqwr90phzzr */
export const predictionId = (): string => randomString(LOWER, 26);
/** e.g. fqadqq42xq */
export const fileId = (): string => randomString(LOWER, 10);
/** e.g. xezq/52UGYRrRfqViaKmvYsEnENTh0qLDAWHptQ8jOnEHu7XC6AtKA (4 + 48 chars) */
export const deliveryKey = (): string => `${randomString('abcdefghijklmnopqrstuvwxyz', 4)}/${randomString(MIXED, 48)}`;
