// Uploaded inputs are reused while they live: same bytes (sha256) to the same API origin within expires_at minus a
// safety margin. The store is an interface so the extension can persist it across restarts (globalState).
import * as z from 'zod';

export const UploadCacheEntrySchema = z.object({ url: z.string(), expiresAt: z.number() });
export type UploadCacheEntry = z.infer<typeof UploadCacheEntrySchema>;

export interface UploadCacheStore {
  get(key: string): UploadCacheEntry | undefined;
  set(key: string, entry: UploadCacheEntry): void;
  delete(key: string): void;
}

export class MemoryUploadCache implements UploadCacheStore {
  private readonly entries = new Map<string, UploadCacheEntry>();

  get(key: string): UploadCacheEntry | undefined {
    return this.entries.get(key);
  }

  set(key: string, entry: UploadCacheEntry): void {
    this.entries.set(key, entry);
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  /** Plain object for persistence. */
  toJSON(): Record<string, UploadCacheEntry> {
    return Object.fromEntries(this.entries);
  }

  /** Restores a persisted cache; invalid entries are dropped (they only cost a re-upload). */
  static fromJSON(raw: unknown, now: number): MemoryUploadCache {
    const cache = new MemoryUploadCache();
    const parsed = z.record(z.string(), z.unknown()).safeParse(raw);
    if (!parsed.success) return cache;
    for (const [key, value] of Object.entries(parsed.data)) {
      const entry = UploadCacheEntrySchema.safeParse(value);
      if (entry.success && entry.data.expiresAt > now) cache.set(key, entry.data);
    }
    return cache;
  }
}

export function uploadCacheKey(apiOrigin: string, sha256: string): string {
  return `${apiOrigin}|sha256:${sha256}`;
}
