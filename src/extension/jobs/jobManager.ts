// Runs, watches, persists, resumes and saves jobs. One instance per window; the commands, the status bar and the
// Studio panel all see the same list. Every job is written to workspace state on each engine update, so after a
// reload `resumeAll()` finishes what was running and saves what was downloaded but not yet saved.
import * as vscode from 'vscode';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { isResumable, PrunaError, redactInput, toPrunaError, type JobEngine, type JobProgress, type JobRecord } from '../../core';
import { ShellError } from '../errors';
import type { JobView } from '../services';
import type { Saver } from '../saving/saver';
import type { RecipeStore } from '../recipes/recipeStore';
import { JobStore, type JobSpec, type PersistedJob } from './jobStore';
import type { PostProcessRecord } from '../../core/imaging';
import { postprocess } from '../saving/postprocess';
import { canResume, rank, recipeFor, toView } from './jobViews';

export interface JobManagerDeps {
  readonly store: JobStore;
  /** The engine to use for new work (rebuilt by the caller when settings change). */
  readonly engine: () => JobEngine;
  readonly saver: Saver;
  readonly recipes: RecipeStore;
  readonly log: vscode.LogOutputChannel;
  /** Called once per job that ends (saved, failed or canceled), for notifications and opening files. */
  readonly onFinished?: (job: PersistedJob, error?: unknown) => void;
}

interface LiveJob {
  data: PersistedJob;
  /** The spec's input as the user gave it, secrets included (persisted data holds it without them). */
  input?: Record<string, unknown>;
  /** The engine's last record (its state says whether a stop parked the job). */
  last?: JobRecord;
  controller?: AbortController;
  /** 0..1 while local inputs upload; not persisted (a resumed upload starts over anyway). */
  uploadProgress?: number;
  /** Resolves with the saved file, rejects with the typed error. */
  done: Promise<vscode.Uri>;
}

const CANCEL_MESSAGE = (): string =>
  vscode.l10n.t('Stopped watching this job. The P-API has no cancel endpoint, so the prediction may still finish on the server (and be billed); its result will not be saved.');

export class JobManager implements vscode.Disposable {
  private readonly jobs = new Map<string, LiveJob>();
  private readonly emitter = new vscode.EventEmitter<void>();
  readonly onDidChange = this.emitter.event;
  private persistQueue: Promise<unknown> = Promise.resolve();
  private disposed = false;

  constructor(private readonly deps: JobManagerDeps) {}

  /** Starts one job in the background; the promise settles when its file is saved or it fails. */
  start(spec: JobSpec): { id: string; done: Promise<vscode.Uri> } {
    // Secret inputs (a Hugging Face token) go to the engine, never into workspace state.
    const data: PersistedJob = { id: randomUUID(), spec: { ...spec, input: redactInput(spec.input) }, phase: 'running', outputs: [], startedAt: Date.now() };
    const live = this.track(data);
    live.input = spec.input;
    live.done = this.execute(live, (engine, opts) =>
      engine.run({ model: spec.model as never, input: spec.input, ...(spec.files ? { files: spec.files } : {}), ...(spec.label ? { label: spec.label } : {}) }, opts),
    );
    return { id: data.id, done: live.done };
  }

  /** After activation: continue unfinished jobs, save downloaded ones. Never awaited by activate(). */
  resumeAll(): void {
    for (const data of this.deps.store.load()) {
      if (this.jobs.has(data.id)) continue;
      const live = this.track(data);
      if (data.phase === 'running' && data.record) {
        this.deps.log.info(`Resuming job ${data.id} (${data.record.state}${data.record.predictionId ? `, prediction ${data.record.predictionId}` : ''}).`);
        const record = data.record;
        live.done = this.execute(live, (engine, opts) => engine.resume(record, opts));
      } else if (data.phase === 'running') {
        // Never got an engine record (closed while preparing): nothing was sent, so it is safe to start again.
        const spec = data.spec;
        live.done = this.execute(live, (engine, opts) =>
          engine.run({ model: spec.model as never, input: spec.input, ...(spec.files ? { files: spec.files } : {}) }, opts),
        );
      } else if (data.phase === 'downloaded' && !data.error && data.record) {
        live.done = this.recoverDownloaded(live, data.record);
      } else {
        live.done = settledFor(data);
      }
      live.done.catch(() => undefined);
    }
    this.changed();
  }

  /**
   * After a crash between copying a result into the workspace and recording it: a target that is there (whole) means
   * saved; otherwise the temp file is saved again, or, when that is gone too, fetched again from its delivery URL
   * (no new POST) while the P-API still keeps it.
   */
  private async recoverDownloaded(live: LiveJob, record: JobRecord): Promise<vscode.Uri> {
    const { data } = live;
    if (data.savingTo) {
      const target = vscode.Uri.parse(data.savingTo);
      const size = await vscode.workspace.fs.stat(target).then((s) => s.size, () => undefined);
      // Whole: the size of what was being copied (a converted file may differ from the download).
      const expected = data.savingBytes ?? record.resultBytes;
      if (size !== undefined && (expected === undefined || size === expected)) {
        this.deps.log.info(`Job ${data.id}: its result had reached ${target.toString()} before the window closed; recorded as saved.`);
        if (record.resultPath) await vscode.workspace.fs.delete(vscode.Uri.file(record.resultPath)).then(undefined, () => undefined);
        return this.markSaved(live, target, record);
      }
    }
    if (record.resultPath && existsSync(record.resultPath)) {
      this.deps.log.info(`Saving the result of job ${data.id}, downloaded before the window closed.`);
      return this.saveDownloaded(live);
    }
    if (isResumable({ ...record, state: 'parked' })) {
      this.deps.log.info(`Job ${data.id}: its downloaded file is gone; fetching it again from the P-API (no new generation).`);
      return this.execute(live, (engine, opts) => engine.resume(record, opts));
    }
    return this.saveDownloaded(live);
  }

  /** Continues a parked job (or one that stopped after its prediction existed) with no new POST. */
  resume(id: string): { id: string; done: Promise<vscode.Uri> } {
    const live = this.jobs.get(id);
    if (!live) throw new PrunaError('not-found', vscode.l10n.t('That job is no longer in the list; start it again from its command.'));
    if (live.data.phase === 'running') return { id, done: live.done };
    if (live.data.phase === 'saved') return { id, done: Promise.resolve(vscode.Uri.parse(live.data.outputs[0]!)) };
    const record = live.data.record;
    if (live.data.phase === 'downloaded' && record) {
      live.data = { ...live.data, error: undefined };
      live.done = this.recoverDownloaded(live, record);
    } else if (record && canResume(live.data)) {
      this.deps.log.info(`Resuming job ${id} (prediction ${record.predictionId ?? 'with a delivery URL'}); no new request is billed.`);
      live.done = this.execute(live, (engine, opts) => engine.resume(record, opts));
    } else {
      throw new PrunaError('not-found', vscode.l10n.t('This job has nothing to resume: its prediction was never confirmed by the P-API. Retry starts a new, billed run.'), {
        retryable: true,
      });
    }
    live.done.catch(() => undefined);
    this.changed();
    return { id, done: live.done };
  }

  cancel(id: string): void {
    const live = this.jobs.get(id);
    if (!live || live.data.phase !== 'running') return;
    live.controller?.abort(new PrunaError('canceled', CANCEL_MESSAGE()));
  }

  /** Runs a failed or canceled job again (same seed and inputs); a result kept after a failed save is saved again. */
  retry(id: string): { id: string; done: Promise<vscode.Uri> } {
    const live = this.jobs.get(id);
    if (!live) throw new PrunaError('not-found', vscode.l10n.t('That job is no longer in the list; start it again from its command.'));
    if (live.data.phase === 'running') return { id, done: live.done };
    if (live.data.phase === 'saved') return { id, done: Promise.resolve(vscode.Uri.parse(live.data.outputs[0]!)) };
    if (live.data.phase === 'downloaded' && live.data.record?.resultPath && existsSync(live.data.record.resultPath)) {
      live.data = { ...live.data, error: undefined, phase: 'downloaded' };
      live.done = this.saveDownloaded(live);
      this.changed();
      return { id, done: live.done };
    }
    this.jobs.delete(id);
    // A new, separately billed run: the callers' buttons say so.
    return this.start(live.input ? { ...live.data.spec, input: live.input } : live.data.spec);
  }

  /** Saves a kept result somewhere else (after a failed save). */
  async saveKeptResultAs(id: string, target: vscode.Uri): Promise<vscode.Uri> {
    const live = this.jobs.get(id);
    if (!live) throw new PrunaError('not-found', vscode.l10n.t('That job is no longer in the list.'));
    live.data = { ...live.data, error: undefined, spec: { ...live.data.spec, target: { kind: 'exact', uri: target.toString() } } };
    live.done = this.saveDownloaded(live);
    this.changed();
    return live.done;
  }

  get(id: string): PersistedJob | undefined {
    return this.jobs.get(id)?.data;
  }

  /** Running first, then most recent. */
  list(): JobView[] {
    return [...this.jobs.values()]
      .map((j) => toView(j.data, j.uploadProgress))
      .sort((a, b) => rank(a) - rank(b) || b.startedAt - a.startedAt);
  }

  runningCount(): number {
    let n = 0;
    for (const j of this.jobs.values()) if (j.data.phase === 'running' || (j.data.phase === 'downloaded' && !j.data.error)) n++;
    return n;
  }

  private track(data: PersistedJob): LiveJob {
    const live: LiveJob = { data, done: Promise.resolve(undefined as never) };
    this.jobs.set(data.id, live);
    return live;
  }

  private async execute(
    live: LiveJob,
    go: (engine: JobEngine, opts: { signal: AbortSignal; onUpdate: (r: JobRecord) => void; onProgress: (p: JobProgress) => void }) => Promise<JobRecord>,
  ): Promise<vscode.Uri> {
    const controller = new AbortController();
    live.controller = controller;
    live.data = { ...live.data, phase: 'running', error: undefined };
    this.persist();
    let record: JobRecord;
    try {
      record = await go(this.deps.engine(), {
        signal: controller.signal,
        onUpdate: (r) => {
          if (live.data.phase !== 'running') return;
          live.last = r;
          live.data = { ...live.data, record: r };
          if (r.state !== 'uploading') live.uploadProgress = undefined;
          this.persist();
        },
        onProgress: (p) => {
          if (p.phase !== 'upload' || !p.total) return;
          // Whole percents only: a large upload reports thousands of chunks and every change repaints the views.
          const fraction = Math.floor((p.done / p.total) * 100) / 100;
          if (fraction === live.uploadProgress) return;
          live.uploadProgress = fraction;
          this.changed();
        },
      });
    } catch (e) {
      if (live.last?.state === 'parked') {
        // The prediction exists: keep everything needed to fetch it, say how to go on.
        this.finish(live, 'parked', toPrunaError(e));
        throw e;
      }
      const err = controller.signal.aborted ? new PrunaError('canceled', CANCEL_MESSAGE()) : toPrunaError(e);
      this.finish(live, err.kind === 'canceled' && controller.signal.aborted ? 'canceled' : 'failed', err, live.last?.failedBy);
      throw err;
    } finally {
      live.controller = undefined;
    }
    live.data = { ...live.data, record, phase: 'downloaded' };
    this.persist();
    return this.saveDownloaded(live);
  }

  private async saveDownloaded(live: LiveJob): Promise<vscode.Uri> {
    const record = live.data.record;
    if (!record?.resultPath) {
      const err = new PrunaError('bad-response', vscode.l10n.t('The job finished without a downloaded file. Retry it.'));
      this.finish(live, 'failed', err);
      throw err;
    }
    const spec = live.data.spec;
    const seed = typeof spec.input.seed === 'number' ? spec.input.seed : undefined;
    let uri: vscode.Uri;
    // The file the name and size ask for, made locally; never throws (the model's bytes are the fallback).
    const post = await postprocess({ tempPath: record.resultPath, ...(record.contentType ? { contentType: record.contentType } : {}), spec, log: this.deps.log });
    try {
      uri = await this.deps.saver.save({
        tempPath: post.tempPath,
        ...(post.contentType ? { contentType: post.contentType } : {}),
        target: spec.target,
        prompt: String(spec.input.prompt ?? spec.label ?? ''),
        ...(seed !== undefined ? { seed } : {}),
        // Recorded before the copy starts, so a crash between the copy and the 'saved' record is recoverable.
        onTarget: async (target) => {
          const bytes = await stat(post.tempPath).then((st) => st.size, () => undefined);
          live.data = { ...live.data, savingTo: target.toString(), ...(bytes !== undefined ? { savingBytes: bytes } : {}) };
          this.persist();
          await this.flush();
        },
      });
    } catch (e) {
      const err = e instanceof ShellError ? e : new ShellError('save-failed', vscode.l10n.t('Could not save the result: {0}', e instanceof Error ? e.message : String(e)), { keptAt: record.resultPath });
      live.data = {
        ...live.data,
        phase: 'downloaded',
        finishedAt: Date.now(),
        error: { kind: err.kind, message: err.message, retryable: true, keptAt: record.resultPath },
      };
      this.persist();
      this.deps.log.warn(`Job ${live.data.id}: ${err.message}`);
      this.deps.onFinished?.(live.data, err);
      throw err;
    }
    await post.saved(uri);
    return this.markSaved(live, uri, record, post.record);
  }

  private async markSaved(live: LiveJob, uri: vscode.Uri, record: JobRecord, postRecord?: PostProcessRecord): Promise<vscode.Uri> {
    try {
      await this.deps.recipes.record(uri, { ...recipeFor(live.data, record), ...(postRecord ? { post: postRecord } : {}) });
    } catch (e) {
      this.deps.log.warn(`Saved ${uri.toString()} but could not record its recipe: ${e instanceof Error ? e.message : String(e)}`);
    }
    live.data = { ...live.data, phase: 'saved', outputs: [uri.toString()], finishedAt: Date.now(), error: undefined, savingTo: undefined, savingBytes: undefined };
    this.persist();
    this.deps.log.info(`Job ${live.data.id} saved to ${uri.toString()}.`);
    this.deps.onFinished?.(live.data);
    return uri;
  }

  private finish(live: LiveJob, phase: 'failed' | 'canceled' | 'parked', err: PrunaError, failedBy?: JobRecord['failedBy']): void {
    // Shutting down: the stored record still says "running", which is what makes it resume next time.
    if (this.disposed) return;
    live.data = {
      ...live.data,
      phase,
      finishedAt: Date.now(),
      error: {
        kind: err.kind,
        message: err.message,
        retryable: phase === 'canceled' || phase === 'parked' || err.retryable,
        ...(err.mayHaveBeenCreated !== undefined ? { mayHaveBeenCreated: err.mayHaveBeenCreated } : {}),
        ...(failedBy !== undefined ? { failedBy } : {}),
      },
    };
    this.persist();
    (phase === 'failed' ? this.deps.log.warn : this.deps.log.info).call(this.deps.log, `Job ${live.data.id} ${phase}: ${err.message}`);
    this.deps.onFinished?.(live.data, err);
  }

  private persist(): void {
    this.changed();
    if (this.disposed) return;
    const snapshot = [...this.jobs.values()].map((j) => j.data).sort((a, b) => a.startedAt - b.startedAt);
    this.persistQueue = this.persistQueue
      .then(() => this.deps.store.save(snapshot))
      .catch((e) => this.deps.log.error(`Could not persist jobs: ${e instanceof Error ? e.message : String(e)}`));
  }

  /** Resolves once every pending write to workspace state has been made (tests, deactivate). */
  flush(): Promise<void> {
    return this.persistQueue.then(() => undefined);
  }

  private changed(): void {
    if (!this.disposed) this.emitter.fire();
  }

  /** Stops watching without marking jobs canceled: they stay "running" in state and resume next time. */
  dispose(): void {
    this.disposed = true;
    for (const live of this.jobs.values()) {
      if (live.data.phase === 'running') live.controller?.abort(new PrunaError('canceled', vscode.l10n.t('The window is closing; the job resumes when it opens again.')));
    }
    this.emitter.dispose();
  }
}

function settledFor(data: PersistedJob): Promise<vscode.Uri> {
  if (data.phase === 'saved' && data.outputs[0]) return Promise.resolve(vscode.Uri.parse(data.outputs[0]));
  return Promise.reject(new PrunaError('canceled', data.error?.message ?? vscode.l10n.t('This job did not finish.')));
}
