// Uploaded inputs outlive a reload: the upload cache is kept in globalState, so the runtime of the next window reuses
// an input uploaded by the previous one while its temporary URL is still valid, and uploads again once it is not.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { ApiKeyStore } from '../../src/extension/apiKey';
import { Config } from '../../src/extension/config';
import { Runtime } from '../../src/extension/runtime';
import { UPLOAD_CACHE_KEY } from '../../src/extension/uploadCacheStore';
import { encodePng } from '../simulator/png';
import { SIMULATOR_KEY, useSimulator } from './support/simulator';

/** globalState stand-in that survives the "reload" (a new Runtime over the same values), JSON-only like the real one. */
class MemoryState implements vscode.Memento {
  readonly values = new Map<string, unknown>();
  keys(): readonly string[] {
    return [...this.values.keys()];
  }
  get<T>(key: string, fallback?: T): T | undefined {
    return this.values.has(key) ? (JSON.parse(JSON.stringify(this.values.get(key))) as T) : fallback;
  }
  async update(key: string, value: unknown): Promise<void> {
    this.values.set(key, JSON.parse(JSON.stringify(value)));
  }
}

const secrets = {
  get: async () => SIMULATOR_KEY,
  store: async () => undefined,
  delete: async () => undefined,
  onDidChange: new vscode.EventEmitter<vscode.SecretStorageChangeEvent>().event,
} as unknown as vscode.SecretStorage;

const silentLog = { info: () => undefined, warn: () => undefined, error: () => undefined } as unknown as vscode.LogOutputChannel;

describe('uploaded inputs across a reload', function () {
  const sim = useSimulator({ timeScale: 0 });
  const disposables: vscode.Disposable[] = [];
  let dir: string;
  let image: string;

  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pruna-upload-'));
    image = path.join(dir, 'input.png');
    fs.writeFileSync(image, encodePng(32, 32, (y) => Buffer.alloc(96, y)));
  });
  afterEach(() => disposables.splice(0).forEach((d) => d.dispose()));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  function runtime(state: vscode.Memento): Runtime {
    const config = new Config();
    const keys = new ApiKeyStore(secrets);
    disposables.push(config, keys);
    return new Runtime(config, keys, silentLog, vscode.Uri.file(dir), state);
  }

  const uploads = () => sim().requests.filter((r) => r.method === 'POST' && r.path === '/v1/files').length;

  it('reuses an unexpired upload made before the reload instead of sending the file again', async () => {
    const state = new MemoryState();
    const before = uploads();
    const first = await runtime(state).client.upload(image);
    assert.equal(first.reused, false);
    await new Promise((resolve) => setTimeout(resolve, 0));
    assert.ok(state.values.has(UPLOAD_CACHE_KEY), 'the upload is remembered in globalState');
    assert.doesNotMatch(JSON.stringify(state.values.get(UPLOAD_CACHE_KEY)), new RegExp(`${SIMULATOR_KEY}|input\\.png`), 'no key, no file name');

    const second = await runtime(state).client.upload(image);
    assert.equal(second.reused, true);
    assert.equal(second.url, first.url);
    assert.equal(uploads(), before + 1, 'one upload for both runs');
  });

  it('uploads again after a reload once the remembered URL has expired', async () => {
    const state = new MemoryState();
    const first = await runtime(state).client.upload(image);
    await new Promise((resolve) => setTimeout(resolve, 0));
    const remembered = state.get<Record<string, { url: string; expiresAt: number }>>(UPLOAD_CACHE_KEY)!;
    for (const entry of Object.values(remembered)) entry.expiresAt = Date.now() - 1;
    await state.update(UPLOAD_CACHE_KEY, remembered);
    const before = uploads();
    const second = await runtime(state).client.upload(image);
    assert.equal(second.reused, false);
    assert.notEqual(second.url, first.url);
    assert.equal(uploads(), before + 1);
  });
});
