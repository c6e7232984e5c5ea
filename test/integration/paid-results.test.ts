// Paid results are never lost and never paid twice, in the real host: an outage longer than the job's budget parks
// it; Resume (the command, with no new POST) saves it; Retry says it bills again; and a window that reloads in any
// state (queued, sent, running, downloaded, or between copying a result and recording it) continues correctly.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { JobEngine, PrunaClient, type JobRecord } from '../../src/core';
import { JobManager } from '../../src/extension/jobs/jobManager';
import { JobStore, type JobSpec, type PersistedJob } from '../../src/extension/jobs/jobStore';
import { RecipeStore } from '../../src/extension/recipes/recipeStore';
import { Saver } from '../../src/extension/saving/saver';
import type { PrunaServices } from '../../src/extension/services';
import { encodePng } from '../simulator/png';
import { SIMULATOR_KEY, useSimulator } from './support/simulator';
import { deletePath, exists, listFiles, stub, waitFor, workspaceFolder, workspaceUri } from './support/workspace';

const DIR = 'paid-results-test';

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

function spec(prompt: string, seed: number, model = 'p-image'): JobSpec {
  return {
    model,
    input: { prompt, seed },
    target: { kind: 'folder', workspaceFolder: workspaceFolder().toString(), folder: DIR },
    label: prompt,
  };
}

const posts = (sim: ReturnType<ReturnType<typeof useSimulator>>, prompt: string) =>
  sim.requests.filter((r) => r.method === 'POST' && r.path === '/v1/predictions' && (r.body as { input?: { prompt?: string } })?.input?.prompt === prompt).length;

describe('paid results: parking, Resume and reloads', function () {
  this.timeout(60_000);
  const sim = useSimulator({ timeScale: 1, syncWindowMs: 200, latencyMs: { 'p-image': { starting: 100, processing: 200 }, 'p-video': { starting: 200, processing: 400 } } });
  const restores: (() => void)[] = [];
  const disposables: vscode.Disposable[] = [];
  const log = vscode.window.createOutputChannel('Pruna paid-results test', { log: true });
  let tempDir: string;

  function manager(state: vscode.Memento, deadlineMs?: number): JobManager {
    const client = new PrunaClient({ baseUrl: () => sim().url, getApiKey: async () => SIMULATOR_KEY });
    const engine = new JobEngine({ client, tempDir, syncMode: 'never', ...(deadlineMs ? { deadlineMs } : {}) });
    const recipes = new RecipeStore({ globalState: new MemoryMemento(), warn: () => undefined });
    const jobs = new JobManager({ store: new JobStore(state, () => undefined), engine: () => engine, saver: new Saver(), recipes, log });
    disposables.push(recipes, jobs);
    return jobs;
  }

  /** A prediction that exists on the simulator, as a record a previous window had persisted. */
  async function existingPrediction(prompt: string, state: JobRecord['state']): Promise<JobRecord> {
    const client = new PrunaClient({ baseUrl: sim().url, getApiKey: async () => SIMULATOR_KEY });
    const res = await client.submit('p-image', { prompt, seed: 3 }, { sync: false });
    assert.ok(res.kind === 'pending');
    const now = Date.now();
    return { id: `r-${prompt}`, model: 'p-image', input: { prompt, seed: 3 }, state, predictionId: res.id, getUrl: res.getUrl, createdAt: now, updatedAt: now, sentAt: now };
  }

  async function restart(jobs: PersistedJob[]): Promise<JobManager> {
    const state = new MemoryMemento();
    await new JobStore(state, () => undefined).save(jobs);
    const m = manager(state);
    m.resumeAll();
    return m;
  }

  const persisted = (id: string, prompt: string, seed: number, record: JobRecord, extra: Partial<PersistedJob> = {}): PersistedJob => ({
    id,
    spec: spec(prompt, seed),
    phase: 'running',
    outputs: [],
    startedAt: Date.now(),
    record,
    ...extra,
  });

  before(async () => {
    tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pruna-paid-'));
    await vscode.workspace.getConfiguration('pruna').update('openAfterSave', false, vscode.ConfigurationTarget.Global);
  });
  afterEach(() => {
    restores.splice(0).forEach((restore) => restore());
    disposables.splice(0).forEach((d) => d.dispose());
    sim().reset();
  });
  after(async () => {
    log.dispose();
    fs.rmSync(tempDir, { recursive: true, force: true });
    await vscode.workspace.getConfiguration('pruna').update('openAfterSave', undefined, vscode.ConfigurationTarget.Global);
    await deletePath(DIR);
  });

  it('parks a job when a status outage outlasts its deadline, and Resume saves it with no new POST', async () => {
    const jobs = manager(new MemoryMemento(), 3_000);
    const outageEnds = Date.now() + 6_000;
    sim().inject({ path: '/v1/predictions/status/', forMs: 6_000, fault: { kind: 'status', code: 503, body: 'text' } });
    const { id, done } = jobs.start(spec('outage parks', 11));
    await assert.rejects(done, /Resume fetches the result with no new request/);
    const view = jobs.list().find((j) => j.id === id)!;
    assert.equal(view.state, 'parked');
    assert.equal(view.resumable, true);
    assert.equal(jobs.runningCount(), 0, 'a parked job does not hold the status bar or the in-flight marker');
    assert.ok(sim().requests.some((r) => r.status === 503), 'the outage was hit');
    await new Promise((r) => setTimeout(r, Math.max(0, outageEnds - Date.now()) + 200));
    const uri = await jobs.resume(id).done;
    assert.ok(await exists(vscode.workspace.asRelativePath(uri, false)));
    assert.equal(posts(sim(), 'outage parks'), 1, 'Resume did not POST again');
  });

  it('pruna.resumeJob {id} resumes a job the user stopped watching, and Show Jobs says Retry bills again', async () => {
    const api = (await vscode.extensions.getExtension('pruna-community.pruna-vscode')!.activate()) as PrunaServices;
    // Long enough that the first poll (3 s after the POST) finds it still running.
    sim().setOptions({ latencyMs: { 'p-video': { starting: 4_000, processing: 4_000 } } });
    const pending = Promise.resolve(vscode.commands.executeCommand('pruna.generateVideo', { prompt: 'stop watching me', seed: 5, outputFolder: DIR }));
    pending.catch(() => undefined);
    await waitFor(() => sim().requests.some((r) => r.path.startsWith('/v1/predictions/status/')), 'the job to be polled (its prediction exists)');
    const job = api.jobs.list().find((j) => j.prompt === 'stop watching me')!;
    api.jobs.cancel(job.id);
    await assert.rejects(pending);
    await waitFor(() => api.jobs.list().find((j) => j.id === job.id)?.state === 'parked', 'the stopped job to be parked');

    const shown: string[] = [];
    restores.push(
      stub(vscode.window, 'showQuickPick', (async (items: readonly vscode.QuickPickItem[] | Thenable<readonly vscode.QuickPickItem[]>) => {
        const list = await items;
        if (shown.length === 0) {
          shown.push('jobs');
          return list.find((i) => i.label.includes('stop watching me'));
        }
        shown.push(...list.map((i) => `${i.label} — ${i.detail ?? ''}`));
        return undefined;
      }) as unknown as typeof vscode.window.showQuickPick),
    );
    await vscode.commands.executeCommand('pruna.showJobs');
    assert.ok(shown.some((l) => l.includes('Resume') && /no new charge/.test(l)), shown.join('\n'));
    assert.ok(shown.some((l) => /Retry \(new generation, billed again\)/.test(l) && /bills it again/.test(l)), shown.join('\n'));

    const saved = (await vscode.commands.executeCommand('pruna.resumeJob', { id: job.id })) as vscode.Uri;
    assert.ok(saved instanceof vscode.Uri);
    assert.ok(await exists(vscode.workspace.asRelativePath(saved, false)));
    assert.equal(posts(sim(), 'stop watching me'), 1, 'no second POST');
  });

  it("restarts a job reloaded in 'queued' (nothing sent) with exactly one POST", async () => {
    const now = Date.now();
    const m = await restart([persisted('q', 'reload queued', 1, { id: 'rq', model: 'p-image', input: { prompt: 'reload queued', seed: 1 }, state: 'queued', createdAt: now, updatedAt: now })]);
    await waitFor(() => m.get('q')?.phase === 'saved', 'the queued job to be saved');
    assert.equal(posts(sim(), 'reload queued'), 1);
  });

  it("does not guess about a job reloaded in 'sent': it may have been billed, Retry decides, nothing is sent", async () => {
    const now = Date.now();
    const before = sim().requests.length;
    const m = await restart([persisted('s', 'reload sent', 2, { id: 'rs', model: 'p-image', input: { prompt: 'reload sent', seed: 2 }, state: 'sent', createdAt: now, updatedAt: now, sentAt: now })]);
    await waitFor(() => m.get('s')?.phase === 'failed', 'the sent job to be marked');
    const view = m.list().find((j) => j.id === 's')!;
    assert.equal(view.mayHaveBeenCreated, true);
    assert.equal(view.resumable, undefined, 'no Resume without a prediction id');
    assert.equal(sim().requests.length, before);
  });

  it("continues a job reloaded in 'running' by polling its prediction, with no new POST", async () => {
    const record = await existingPrediction('reload running', 'running');
    const m = await restart([persisted('r', 'reload running', 3, record)]);
    await waitFor(() => m.get('r')?.phase === 'saved', 'the running job to be saved');
    assert.equal(posts(sim(), 'reload running'), 1, 'only the original POST');
  });

  it("fetches again a job reloaded in 'downloaded' whose temp file is gone, from its delivery URL, with no new POST", async () => {
    const record = await existingPrediction('reload downloaded', 'running');
    await waitFor(() => sim().prediction(record.predictionId!)?.status === 'succeeded', 'the prediction to finish');
    const client = new PrunaClient({ baseUrl: sim().url, getApiKey: async () => SIMULATOR_KEY });
    const status = await client.status(record.getUrl!);
    const gone = path.join(tempDir, 'gone.png');
    const m = await restart([
      persisted('d', 'reload downloaded', 4, { ...record, state: 'downloaded', generationUrl: status.generationUrl!, resultPath: gone, contentType: 'image/png' }, { phase: 'downloaded' }),
    ]);
    await waitFor(() => m.get('d')?.phase === 'saved', 'the downloaded job to be fetched again and saved');
    assert.equal(posts(sim(), 'reload downloaded'), 1);
  });

  it('records as saved a job whose result was copied just before the crash, without a second copy', async () => {
    const bytes = encodePng(24, 16, () => Buffer.alloc(24 * 3, 40));
    const target = workspaceUri(`${DIR}/copied-before-crash.png`);
    await vscode.workspace.fs.createDirectory(workspaceUri(DIR));
    await vscode.workspace.fs.writeFile(target, bytes);
    const now = Date.now();
    const before = sim().requests.length;
    const filesBefore = (await listFiles(DIR)).length;
    const record: JobRecord = {
      id: 'rc',
      model: 'p-image',
      input: { prompt: 'copied before crash' },
      state: 'downloaded',
      resultPath: path.join(tempDir, 'already-moved.png'),
      resultBytes: bytes.length,
      contentType: 'image/png',
      createdAt: now,
      updatedAt: now,
    };
    const m = await restart([persisted('c', 'copied before crash', 6, record, { phase: 'downloaded', savingTo: target.toString() })]);
    await waitFor(() => m.get('c')?.phase === 'saved', 'the job to be recorded as saved');
    assert.equal(m.get('c')!.outputs[0], target.toString());
    assert.equal((await listFiles(DIR)).length, filesBefore, 'no duplicate file');
    assert.equal(sim().requests.length, before, 'nothing fetched');
    assert.equal(m.runningCount(), 0);
  });
});
