// Zod building blocks shared by the model schemas. Local rules beyond the spec are marked; each one stops an input
// the API would reject or silently ignore.
import * as z from 'zod';

/** Seeds are 32-bit signed on the server side; we only generate and accept the non-negative half. */
export const SEED_MAX = 2147483647;

/** Not in the spec: an empty or whitespace-only prompt is a user mistake, never a valid request. */
export const prompt = z.string().refine((s) => s.trim().length > 0, { message: 'must not be empty' });

export const seed = z.int().min(0).max(SEED_MAX);

export const boolean = z.boolean();

export function intRange(min: number, max: number) {
  return z.int().min(min).max(max);
}

export function numberRange(min: number, max: number) {
  return z.number().min(min).max(max);
}

export function oneOf<const T extends readonly [string, ...string[]]>(values: T) {
  return z.enum(values);
}

/**
 * A file input as the API takes it: an http(s) URL (Pruna upload URL or public URL). data: URIs are refused
 * because the FAQ says base64 is not supported; the engine additionally refuses plain http for user-given URLs.
 */
export const fileUrl = z.string().refine(
  (s) => {
    try {
      const u = new URL(s);
      return u.protocol === 'https:' || u.protocol === 'http:';
    } catch {
      return false;
    }
  },
  { message: 'must be an https URL (upload local files first)' },
);

export const loraUrl = z.string().min(1);
