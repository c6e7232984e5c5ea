// Background jobs: a job persisted by one JobManager is finished by another over the same workspace state (what a
// window reload does), a downloaded-but-unsaved result is saved after a restart, cancel says the truth about the
// P-API, and "Show Jobs" lists jobs with their actions.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { JobEngine, PrunaClient } from '../../src/core';
import { JobManager } from '../../src/extension/jobs/jobManager';
import { JobStore, type JobSpec, type PersistedJob } from '../../src/extension/jobs/jobStore';
import { RecipeStore } from '../../src/extension/recipes/recipeStore';
import { Saver } from '../../src/extension/saving/saver';
import type { PrunaServices } from '../../src/extension/services';
import { decodePngSize } from '../simulator/index';
import { encodePng } from '../simulator/png';
import { SIMULATOR_KEY, useSimulator } from './support/simulator';
import { deletePath, exists, readBytes, stub, waitFor, workspaceFolder } from './support/workspace';

const DIR = 'jobs-test';

/** workspaceState stand-in shared by two managers, as the real one is shared across a reload. */
class MemoryMemento implements vscode.Memento {
  private readonly values = new Map<string, unknown>();
  keys(): readonly string[] {
    return [...this.values.keys()];
  }
  get<T>(key: string, fallback?: T): T | undefined {
    return this.values.has(key) ? (structuredClone(this.values.get(key)) as T) : fallback;
  }
  async update(key: string, value: unknown): Promise<void> {
    this.values.set(key, structuredClone(value));
  }
}

function spec(prompt: string, seed: number): JobSpec {
  return {
    model: 'p-image',
    input: { prompt, seed, aspect_ratio: '3:4' },
    target: { kind: 'folder', workspaceFolder: workspaceFolder().toString(), folder: DIR },
    label: prompt,
  };
}

describe('background jobs', function () {
  const sim = useSimulator({ timeScale: 1, latencyMs: { 'p-image': { starting: 300, processing: 700 } } });
  const restores: (() => void)[] = [];
  const disposables: vscode.Disposable[] = [];
  const log = vscode.window.createOutputChannel('Pruna jobs test', { log: true });
  let tempDir: string;

  function manager(state: vscode.Memento): JobManager {
    const client = new PrunaClient({ baseUrl: () => sim().url, getApiKey: async () => SIMULATOR_KEY });
    const engine = new JobEngine({ client, tempDir, syncMode: 'never' });
    const recipes = new RecipeStore({ globalState: new MemoryMemento(), warn: () => undefined });
    const jobs = new JobManager({ store: new JobStore(state, () => undefined), engine: () => engine, saver: new Saver(), recipes, log });
    disposables.push(recipes, jobs);
    return jobs;
  }

  before(async () => {
    tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pruna-jobs-'));
    await vscode.commands.executeCommand('pruna.clearApiKey');
    await vscode.workspace.getConfiguration('pruna').update('openAfterSave', false, vscode.ConfigurationTarget.Global);
  });
  afterEach(() => {
    restores.splice(0).forEach((restore) => restore());
    disposables.splice(0).forEach((d) => d.dispose());
    sim().setOptions({ latencyMs: { 'p-image': { starting: 300, processing: 700 } } });
  });
  after(async () => {
    log.dispose();
    fs.rmSync(tempDir, { recursive: true, force: true });
    await vscode.workspace.getConfiguration('pruna').update('openAfterSave', undefined, vscode.ConfigurationTarget.Global);
    await deletePath(DIR);
  });

  it('finishes after a restart a job the previous window had submitted, without submitting it again', async () => {
    const state = new MemoryMemento();
    const first = manager(state);
    const { id, done } = first.start(spec('survives a reload', 21));
    done.catch(() => undefined);
    const stored = () => new JobStore(state, () => undefined).load().find((j) => j.id === id);
    await waitFor(() => stored()?.record?.predictionId, 'the job to be persisted with its prediction id');
    await first.flush();
    first.dispose(); // the window closes while the prediction is still processing
    assert.equal(stored()?.phase, 'running', 'closing does not mark the job canceled');

    const second = manager(state);
    second.resumeAll();
    await waitFor(() => second.get(id)?.phase === 'saved', 'the resumed job to be saved');
    const saved = second.get(id)!.outputs[0]!;
    assert.match(saved, /jobs-test\/survives-a-reload-21\.png$/);
    assert.deepEqual(decodePngSize(Buffer.from(await readBytes(vscode.workspace.asRelativePath(vscode.Uri.parse(saved), false)))), { width: 896, height: 1152 });
    const submits = sim().requests.filter((r) => r.method === 'POST' && r.path === '/v1/predictions' && (r.body as { input?: { prompt?: string } })?.input?.prompt === 'survives a reload');
    assert.equal(submits.length, 1, 'the resumed job polls the existing prediction');
  });

  it('saves after a restart a result that was downloaded but not yet saved', async () => {
    const state = new MemoryMemento();
    const resultPath = path.join(tempDir, 'downloaded-before-crash.png');
    fs.writeFileSync(resultPath, encodePng(48, 32, () => Buffer.alloc(48 * 3, 10)));
    const now = Date.now();
    const job: PersistedJob = {
      id: 'crashed-before-save',
      spec: spec('downloaded before the crash', 5),
      phase: 'downloaded',
      outputs: [],
      startedAt: now,
      record: { id: 'r1', model: 'p-image', input: { prompt: 'downloaded before the crash' }, state: 'downloaded', resultPath, contentType: 'image/png', createdAt: now, updatedAt: now },
    };
    await new JobStore(state, () => undefined).save([job]);
    const jobs = manager(state);
    const before = sim().requests.length;
    jobs.resumeAll();
    await waitFor(() => jobs.get(job.id)?.phase === 'saved', 'the kept result to be saved');
    assert.ok(await exists(`${DIR}/downloaded-before-the-crash-5.png`));
    assert.equal(fs.existsSync(resultPath), false, 'the temporary copy is removed once saved');
    assert.equal(sim().requests.length, before, 'nothing had to be fetched again');
  });

  it('marks a job canceled, says the P-API cannot cancel it, and offers a retry in "Show Jobs" that completes', async () => {
    const api = (await vscode.extensions.getExtension('pruna-community.pruna-vscode')!.activate()) as PrunaServices;
    sim().setOptions({ latencyMs: { 'p-image': { starting: 30_000, processing: 30_000 } } });
    const pending = Promise.resolve(vscode.commands.executeCommand('pruna.generateImage', { prompt: 'cancel me', seed: 77, outputFolder: DIR }));
    const job = await waitFor(() => api.jobs.list().find((j) => j.prompt === 'cancel me' && j.state !== 'canceled'), 'the job to be listed');
    await waitFor(() => sim().requests.some((r) => r.method === 'POST' && (r.body as { input?: { prompt?: string } })?.input?.prompt === 'cancel me'), 'the submit');
    api.jobs.cancel(job.id);
    await assert.rejects(pending, (e: Error & { kind?: string }) => {
      assert.equal(e.kind, 'canceled');
      assert.match(e.message, /no cancel endpoint.*may still finish on the server/);
      return true;
    });
    assert.equal(api.jobs.list().find((j) => j.id === job.id)?.state, 'canceled');

    sim().setOptions({ latencyMs: { 'p-image': { starting: 0, processing: 0 } } });
    const shown: string[][] = [];
    restores.push(
      stub(vscode.window, 'showQuickPick', (async (items: readonly vscode.QuickPickItem[] | Thenable<readonly vscode.QuickPickItem[]>) => {
        const list = await items;
        shown.push(list.map((i) => `${i.label} ${i.description ?? ''}`));
        return shown.length === 1 ? list.find((i) => i.label.includes('cancel me')) : list.find((i) => i.label.includes('Retry'));
      }) as unknown as typeof vscode.window.showQuickPick),
    );
    await vscode.commands.executeCommand('pruna.showJobs');
    assert.ok(shown[0]?.some((line) => /cancel me .*p-image · canceled · .*seed 77/.test(line)), shown[0]?.join('\n'));
    assert.ok(shown[1]?.some((line) => line.includes('Retry')));
    await waitFor(async () => exists(`${DIR}/cancel-me-77.png`), 'the retried job to be saved with the same seed');
  });

  it('shows a cancellable progress notification only when asked to wait', async () => {
    const calls: vscode.ProgressOptions[] = [];
    const original = vscode.window.withProgress;
    restores.push(
      stub(vscode.window, 'withProgress', ((options: vscode.ProgressOptions, task: Parameters<typeof original>[1]) => {
        calls.push(options);
        return original(options, task);
      }) as typeof vscode.window.withProgress),
    );
    await vscode.commands.executeCommand('pruna.generateImage', { prompt: 'background', seed: 1, outputFolder: DIR });
    assert.equal(calls.length, 0, 'background runs only use the status bar');
    await vscode.commands.executeCommand('pruna.generateImage', { prompt: 'waiting', seed: 2, outputFolder: DIR, wait: true });
    assert.equal(calls.length, 1);
    assert.equal(calls[0]!.location, vscode.ProgressLocation.Notification);
    assert.equal(calls[0]!.cancellable, true);
  });
});
