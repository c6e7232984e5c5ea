import * as assert from 'node:assert/strict';
import { PersistentUploadCache, UPLOAD_CACHE_KEY, type StateLike } from '../../../src/extension/uploadCacheStore';

class FakeState implements StateLike {
  readonly values = new Map<string, unknown>();
  get(key: string): unknown {
    return this.values.get(key);
  }
  async update(key: string, value: unknown): Promise<void> {
    this.values.set(key, structuredClone(value));
  }
}

describe('upload cache kept in globalState', () => {
  const NOW = 1_700_000_000_000;

  it('is read back by the next instance (what a reload does)', async () => {
    const state = new FakeState();
    const first = new PersistentUploadCache(state, () => NOW);
    first.set('https://api.pruna.ai|sha256:abc', { url: 'https://api.pruna.ai/v1/files/f1', expiresAt: NOW + 3_600_000 });
    await first.flush();
    const second = new PersistentUploadCache(state, () => NOW + 1000);
    assert.deepEqual(second.get('https://api.pruna.ai|sha256:abc'), { url: 'https://api.pruna.ai/v1/files/f1', expiresAt: NOW + 3_600_000 });
  });

  it('forgets expired entries on load and on write', async () => {
    const state = new FakeState();
    state.values.set(UPLOAD_CACHE_KEY, { old: { url: 'u-old', expiresAt: NOW - 1 }, live: { url: 'u-live', expiresAt: NOW + 10 } });
    const cache = new PersistentUploadCache(state, () => NOW);
    assert.equal(cache.get('old'), undefined);
    assert.equal(cache.get('live')?.url, 'u-live');
    cache.set('new', { url: 'u-new', expiresAt: NOW + 20 });
    await cache.flush();
    assert.deepEqual(Object.keys(state.values.get(UPLOAD_CACHE_KEY) as object).sort(), ['live', 'new']);
  });

  it('starts empty from a damaged value instead of failing', () => {
    for (const raw of ['nonsense', 42, null, [1, 2], { k: { url: 5 } }]) {
      const state = new FakeState();
      state.values.set(UPLOAD_CACHE_KEY, raw);
      assert.equal(new PersistentUploadCache(state, () => NOW).get('k'), undefined);
    }
  });

  it('keeps the 200 entries that live longest', async () => {
    const state = new FakeState();
    const cache = new PersistentUploadCache(state, () => NOW);
    for (let i = 0; i < 250; i++) cache.set(`k${i}`, { url: `u${i}`, expiresAt: NOW + 1000 + i });
    await cache.flush();
    const kept = Object.keys(state.values.get(UPLOAD_CACHE_KEY) as object);
    assert.equal(kept.length, 200);
    assert.ok(kept.includes('k249') && !kept.includes('k0'));
  });

  it('removes a deleted entry from the stored copy', async () => {
    const state = new FakeState();
    const cache = new PersistentUploadCache(state, () => NOW);
    cache.set('k', { url: 'u', expiresAt: NOW + 1000 });
    cache.delete('k');
    await cache.flush();
    assert.deepEqual(state.values.get(UPLOAD_CACHE_KEY), {});
  });

  it('reports a failed write instead of throwing into the upload', async () => {
    const warnings: string[] = [];
    const state: StateLike = { get: () => undefined, update: () => Promise.reject(new Error('disk full')) };
    const cache = new PersistentUploadCache(state, () => NOW, (m) => warnings.push(m));
    cache.set('k', { url: 'u', expiresAt: NOW + 1000 });
    await cache.flush();
    assert.deepEqual(warnings, ['Could not remember uploaded inputs: disk full']);
    assert.equal(cache.get('k')?.url, 'u', 'still reused within this window');
  });
});
