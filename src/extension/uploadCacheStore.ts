// The core client's upload cache, kept in globalState so a re-run after a reload (or in another window) reuses an
// input uploaded earlier while its temporary URL is still valid, instead of uploading the same bytes again. Entries
// hold the API origin, a sha256 and the temporary file URL — never the key or the file's name.
import { MemoryUploadCache, type UploadCacheEntry, type UploadCacheStore } from '../core';

export const UPLOAD_CACHE_KEY = 'pruna.uploads.v1';
/** Enough for every input of a long session; older entries would expire within a day anyway. */
const MAX_ENTRIES = 200;

/** The part of vscode.Memento used here (kept structural so unit tests run in plain Node). */
export interface StateLike {
  get(key: string): unknown;
  update(key: string, value: unknown): Thenable<void>;
}

export class PersistentUploadCache implements UploadCacheStore {
  private readonly memory: MemoryUploadCache;
  private writes: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly state: StateLike,
    private readonly now: () => number = Date.now,
    private readonly warn: (message: string) => void = () => undefined,
  ) {
    // Expired or malformed entries are dropped on load: they could only cost a failed fetch by the model.
    this.memory = MemoryUploadCache.fromJSON(state.get(UPLOAD_CACHE_KEY), now());
  }

  get(key: string): UploadCacheEntry | undefined {
    return this.memory.get(key);
  }

  set(key: string, entry: UploadCacheEntry): void {
    this.memory.set(key, entry);
    this.persist();
  }

  delete(key: string): void {
    this.memory.delete(key);
    this.persist();
  }

  /** Resolves once the last change is in globalState (tests). */
  flush(): Promise<void> {
    return this.writes.then(() => undefined);
  }

  private persist(): void {
    const now = this.now();
    const live = Object.entries(this.memory.toJSON())
      .filter(([, entry]) => entry.expiresAt > now)
      .sort(([, a], [, b]) => b.expiresAt - a.expiresAt)
      .slice(0, MAX_ENTRIES);
    const snapshot = Object.fromEntries(live);
    this.writes = this.writes
      .then(() => this.state.update(UPLOAD_CACHE_KEY, snapshot))
      .catch((e: unknown) => this.warn(`Could not remember uploaded inputs: ${e instanceof Error ? e.message : String(e)}`));
  }
}
