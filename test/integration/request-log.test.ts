// The "Pruna" log channel records each request (method, path, status, duration, prediction id) and never the key,
// even when a failure message would carry it.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { ApiKeyStore } from '../../src/extension/apiKey';
import { Config } from '../../src/extension/config';
import { Runtime } from '../../src/extension/runtime';
import { useSimulator } from './support/simulator';

const KEY = 'test-key';

function fakeSecrets(value: string | undefined): vscode.SecretStorage {
  const changed = new vscode.EventEmitter<vscode.SecretStorageChangeEvent>();
  return {
    get: async () => value,
    store: async () => undefined,
    delete: async () => undefined,
    onDidChange: changed.event,
  } as unknown as vscode.SecretStorage;
}

class MemoryState implements vscode.Memento {
  private readonly values = new Map<string, unknown>();
  keys(): readonly string[] {
    return [...this.values.keys()];
  }
  get<T>(key: string, fallback?: T): T | undefined {
    return this.values.has(key) ? (this.values.get(key) as T) : fallback;
  }
  async update(key: string, value: unknown): Promise<void> {
    this.values.set(key, value);
  }
}

function captureLog(lines: string[]): vscode.LogOutputChannel {
  const record = (level: string) => (message: string) => void lines.push(`${level} ${message}`);
  return { info: record('info'), warn: record('warn'), error: record('error'), debug: record('debug'), trace: record('trace') } as unknown as vscode.LogOutputChannel;
}

describe('the request log', function () {
  const sim = useSimulator({ timeScale: 0.05, apiKeys: [KEY] });
  let storage: string;

  before(() => {
    storage = fs.mkdtempSync(path.join(os.tmpdir(), 'pruna-log-'));
  });
  after(() => fs.rmSync(storage, { recursive: true, force: true }));

  async function runWithKey(key: string, lines: string[]): Promise<unknown> {
    const config = new Config();
    const keys = new ApiKeyStore(fakeSecrets(key));
    const runtime = new Runtime(config, keys, captureLog(lines), vscode.Uri.file(storage), new MemoryState());
    try {
      return await runtime.engine().run({ model: 'p-image', input: { prompt: 'log me', seed: 1, aspect_ratio: '1:1' } });
    } catch (e) {
      return e;
    } finally {
      keys.dispose();
      config.dispose();
    }
  }

  it('logs method, path, status, duration and prediction id of each request', async () => {
    const lines: string[] = [];
    await vscode.workspace.getConfiguration('pruna').update('syncMode', 'never', vscode.ConfigurationTarget.Global);
    try {
      await runWithKey(KEY, lines);
    } finally {
      await vscode.workspace.getConfiguration('pruna').update('syncMode', undefined, vscode.ConfigurationTarget.Global);
    }
    const submit = lines.find((l) => l.includes('POST /v1/predictions'));
    assert.ok(submit, lines.join('\n'));
    const id = sim().requests.find((r) => r.path.startsWith('/v1/predictions/status/'))?.path.split('/').pop();
    assert.match(submit, /^info POST \/v1\/predictions · 20\d · \d+ ms/);
    assert.ok(id !== undefined && submit.includes(id), `the submit line names the prediction it created: ${submit}`);
    assert.ok(lines.some((l) => l.startsWith('info GET /v1/predictions/status/') && id !== undefined && l.includes(id)), lines.join('\n'));
    assert.ok(lines.some((l) => l.includes('/v1/predictions/delivery/')), 'the download is logged too');
  });

  it('never writes the key, even for a rejected one', async () => {
    const lines: string[] = [];
    const secret = 'sk-live-do-not-log-me-0123456789';
    const error = (await runWithKey(secret, lines)) as Error & { kind?: string };
    assert.equal(error.kind, 'auth');
    assert.ok(lines.some((l) => l.startsWith('warn POST /v1/predictions · 401')), lines.join('\n'));
    assert.ok(lines.every((l) => !l.includes(secret) && !l.includes('do-not-log')), lines.join('\n'));
    assert.ok(!error.message.includes(secret));
  });
});
