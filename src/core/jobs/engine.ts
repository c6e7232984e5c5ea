// One generation from start to file: upload -> submit (sync or async) -> poll -> download. Each job is cancellable,
// bounded by a deadline, and reported as a persistable JobRecord on every state change so it can be resumed.
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { rename } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { getModel, type ModelId, type ModelSpec } from '../catalog';
import { generationFailed, type PrunaClient, type SubmitResult } from '../client';
import { PrunaError, toPrunaError } from '../errors';
import { extensionForMime } from '../http/sniff';
import { realSleep, type Sleep } from '../http/sleep';
import { assembleInput, isLocalSource, prepareInput, type JobFiles } from './inputs';
import { copyRecord, parseJobRecord, type JobRecord, type JobState } from './record';
import { Semaphore } from './semaphore';

export interface JobRequest {
  model: ModelId;
  input: Record<string, unknown>;
  /** Field -> local absolute path(s) (uploaded) or https URL(s) (passed through). */
  files?: JobFiles;
  label?: string;
}

export interface JobProgress {
  phase: 'upload' | 'download';
  done: number;
  total?: number;
}

export interface RunOptions {
  signal?: AbortSignal;
  /** Called on every state change with a record that can be persisted as is. */
  onUpdate?: (r: JobRecord) => void;
  /** Byte progress of uploads and the download (not a state change, so not persisted). */
  onProgress?: (p: JobProgress) => void;
}

export interface EngineOptions {
  client: PrunaClient;
  /** Results are downloaded here as <job id>.<ext>. */
  tempDir: string;
  /** 'auto' uses Try-Sync for models that suit it (images); 'never' always polls. */
  syncMode?: 'auto' | 'never';
  /** Overall limit for one job; default 10 min for images, 30 min for video. */
  deadlineMs?: number;
  maxConcurrent?: number | (() => number);
  now?: () => number;
  sleep?: Sleep;
  newId?: () => string;
}

const DEFAULT_DEADLINE_MS = { image: 10 * 60_000, edit: 10 * 60_000, video: 30 * 60_000 } as const;
export const DEFAULT_MAX_CONCURRENT = 8;

/** The next step a (possibly resumed) job has to take. */
type Step =
  | { kind: 'upload'; files: JobFiles | undefined }
  | { kind: 'poll'; getUrl: string; immediately: boolean; since?: number }
  | { kind: 'download'; url: string };

export class JobEngine {
  private readonly now: () => number;
  private readonly sleep: Sleep;
  private readonly newId: () => string;
  private readonly slots: Semaphore;

  constructor(private readonly o: EngineOptions) {
    this.now = o.now ?? Date.now;
    this.sleep = o.sleep ?? realSleep;
    this.newId = o.newId ?? randomUUID;
    const max = o.maxConcurrent;
    this.slots = new Semaphore(typeof max === 'function' ? max : () => max ?? DEFAULT_MAX_CONCURRENT);
  }

  /** Resolves in state 'downloaded'; rejects with a PrunaError after reporting a 'failed'/'canceled' record. */
  async run(req: JobRequest, o: RunOptions = {}): Promise<JobRecord> {
    const at = this.now();
    const record: JobRecord = {
      id: this.newId(),
      model: req.model,
      input: { ...req.input },
      state: 'uploading',
      createdAt: at,
      updatedAt: at,
    };
    if (req.label !== undefined) record.label = req.label;
    if (req.files && Object.keys(req.files).length > 0) record.sources = { ...req.files };
    return this.execute(record, { kind: 'upload', files: req.files }, o);
  }

  /**
   * Continues a persisted job from where it stopped. A record with a predictionId is never re-submitted; a record
   * caught between sending and confirming its submission fails as 'ambiguous-submit' so the user decides.
   */
  async resume(raw: JobRecord, o: RunOptions = {}): Promise<JobRecord> {
    let record: JobRecord;
    try {
      record = parseJobRecord(JSON.parse(JSON.stringify(raw)));
    } catch (e) {
      throw toPrunaError(e);
    }
    if (record.state === 'downloaded' && record.resultPath && existsSync(record.resultPath)) return record;
    const priorError = record.error;
    delete record.error;
    delete record.finishedAt;
    if (record.generationUrl) return this.execute(record, { kind: 'download', url: record.generationUrl }, o);
    if (record.predictionId) {
      const getUrl = this.o.client.statusUrlFor(record.predictionId, record.getUrl);
      return this.execute(record, { kind: 'poll', getUrl, immediately: true }, o);
    }
    const mayHaveBeenSent =
      record.state === 'submitting' ||
      record.state === 'queued' ||
      record.state === 'processing' ||
      priorError?.mayHaveBeenCreated === true;
    if (mayHaveBeenSent) {
      const err = new PrunaError(
        'ambiguous-submit',
        'This generation was interrupted while it was being submitted; it may have been created and billed. Retry to submit it again.',
        { mayHaveBeenCreated: true, hint: 'retry', retryable: true },
      );
      const failed = this.update(record, { state: 'failed', error: err.toJSON(), finishedAt: this.now() });
      safeNotify(o.onUpdate, copyRecord(failed));
      throw err;
    }
    // Nothing reached the server yet: start over from the user's sources.
    const fresh: JobRecord = { ...record, input: { ...record.input } };
    const files = record.sources;
    if (files) for (const field of Object.keys(files)) delete fresh.input[field];
    return this.execute(fresh, { kind: 'upload', files }, o);
  }

  /** Changes the job's own record in place: listeners only ever get copies, so nobody else holds it. */
  private update(record: JobRecord, patch: Partial<JobRecord>): JobRecord {
    Object.assign(record, patch);
    record.updatedAt = this.now();
    return record;
  }

  private async execute(initial: JobRecord, step: Step, o: RunOptions): Promise<JobRecord> {
    const model = getModel(initial.model);
    const deadlineMs = this.o.deadlineMs ?? DEFAULT_DEADLINE_MS[model.kind];
    // One controller for both the caller's signal and the deadline (AbortSignal.any is slow on Node 20).
    const controller = new AbortController();
    const timer = setTimeout(() => {
      controller.abort(
        new PrunaError('timeout', `Gave up waiting after ${formatDuration(deadlineMs)}.`, { hint: 'retry', retryable: true }),
      );
    }, deadlineMs);
    const user = o.signal;
    const forward = user ? (): void => controller.abort(user.reason) : undefined;
    if (user && forward) {
      if (user.aborted) forward();
      else user.addEventListener('abort', forward, { once: true });
    }
    const signal = controller.signal;
    let record = initial;
    // The first state set is always reported, even if it equals the initial one (a run starts as 'uploading').
    let announced = false;
    const set = (patch: Partial<JobRecord>): void => {
      const changed = patch.state !== undefined && (patch.state !== record.state || !announced);
      record = this.update(record, patch);
      if (changed) {
        announced = true;
        if (o.onUpdate) safeNotify(o.onUpdate, copyRecord(record));
      }
    };
    try {
      if (signal.aborted || !this.slots.tryAcquire()) await this.slots.acquire(signal);
      try {
        return await this.steps(model, () => record, set, step, signal, o);
      } finally {
        this.slots.release();
      }
    } catch (e) {
      const err = this.finalError(e, record, signal);
      const state: JobState = err.kind === 'canceled' ? 'canceled' : 'failed';
      record = this.update(record, { state, error: err.toJSON(), finishedAt: this.now() });
      if (o.onUpdate) safeNotify(o.onUpdate, copyRecord(record));
      throw err;
    } finally {
      clearTimeout(timer);
      if (user && forward) user.removeEventListener('abort', forward);
    }
  }

  private finalError(e: unknown, record: JobRecord, signal: AbortSignal): PrunaError {
    let err = toPrunaError(e);
    if (signal.aborted) {
      const reason: unknown = signal.reason;
      err = reason instanceof PrunaError ? reason : new PrunaError('canceled', 'Canceled.', {});
    }
    const submitted = record.predictionId !== undefined || record.generationUrl !== undefined;
    if (record.predictionId !== undefined && err.predictionId === undefined) err = err.with({ predictionId: record.predictionId });
    if (signal.aborted && record.state === 'submitting' && !submitted) {
      // Stopped between sending and confirming: the server may have the job.
      return err.with({
        mayHaveBeenCreated: true,
        message: `${err.message} The request had already been sent, so the generation may still have been created and billed.`,
      });
    }
    if (signal.aborted && submitted && record.state !== 'downloading') {
      return err.with({
        message:
          err.kind === 'canceled'
            ? 'Stopped watching this generation. The P-API has no cancel endpoint, so it may still finish (and be billed); resume the job to fetch it.'
            : `${err.message} The generation may still finish on the server; resume the job to check again.`,
      });
    }
    return err;
  }

  private async steps(
    model: ModelSpec,
    current: () => JobRecord,
    set: (patch: Partial<JobRecord>) => void,
    first: Step,
    signal: AbortSignal,
    o: RunOptions,
  ): Promise<JobRecord> {
    let step = first;
    if (step.kind === 'upload') {
      const submitted = await this.uploadAndSubmit(model, current, set, step.files, signal, o);
      step =
        submitted.result.kind === 'done'
          ? { kind: 'download', url: submitted.result.generationUrl }
          : { kind: 'poll', getUrl: submitted.result.getUrl, immediately: false, since: submitted.sentAt };
    }
    if (step.kind === 'poll') {
      const url = await this.poll(model, current, set, step.getUrl, step.immediately, step.since, signal);
      step = { kind: 'download', url };
    }
    return this.download(current, set, step.url, signal, o);
  }

  private async uploadAndSubmit(
    model: ModelSpec,
    current: () => JobRecord,
    set: (patch: Partial<JobRecord>) => void,
    files: JobFiles | undefined,
    signal: AbortSignal,
    o: RunOptions,
  ): Promise<{ result: SubmitResult; sentAt: number | undefined }> {
    const { client } = this.o;
    // Without files there is nothing to check or upload: the input goes out as given (validated by submit).
    const prepared =
      files && Object.keys(files).length > 0
        ? await prepareInput(model, current().input, files, client)
        : { input: current().input, sources: undefined, uploads: [] };
    const uploaded = new Map<string, string>();
    if (prepared.uploads.length > 0) {
      set({ state: 'uploading' });
      let expiresAt = Infinity;
      const paths = [...new Set(prepared.uploads.map((u) => u.path))];
      for (const path of paths) {
        const result = await client.upload(path, {
          signal,
          onProgress: (done, total) => o.onProgress?.({ phase: 'upload', done, total }),
        });
        uploaded.set(path, result.url);
        expiresAt = Math.min(expiresAt, result.expiresAt);
      }
      set({ uploadExpiresAt: expiresAt });
    }
    const input = prepared.sources
      ? assembleInput(prepared.input, prepared.sources, (path) => {
          const url = uploaded.get(path);
          if (url === undefined || !isLocalSource(path)) throw new PrunaError('invalid-file', `No upload URL for "${path}".`, {});
          return url;
        })
      : prepared.input;
    set({ state: 'submitting', input });
    const sync = (this.o.syncMode ?? 'auto') === 'auto' && model.syncSuitable;
    // On the engine's clock (the client may run on another one in tests).
    let sentAt: number | undefined;
    const result = await client.submit(model.id, input, { sync, signal, onSent: () => (sentAt = this.now()) });
    const submittedAt = this.now();
    if (result.kind === 'done') {
      // Not a state change yet: download() reports 'downloading' with the URL right away.
      const patch: Partial<JobRecord> = { generationUrl: result.generationUrl, submittedAt };
      if (result.predictionId !== undefined) patch.predictionId = result.predictionId;
      set(patch);
      return { result, sentAt };
    }
    set({ state: 'queued', predictionId: result.id, getUrl: result.getUrl, submittedAt });
    return { result, sentAt };
  }

  /** Polls at the model's interval (or the server's X-Poll-Interval) until a terminal status; returns the URL. */
  private async poll(
    model: ModelSpec,
    current: () => JobRecord,
    set: (patch: Partial<JobRecord>) => void,
    getUrl: string,
    immediately: boolean,
    since: number | undefined,
    signal: AbortSignal,
  ): Promise<string> {
    const { client } = this.o;
    if (current().state !== 'queued' && current().state !== 'processing') set({ state: 'queued', getUrl });
    let interval = model.pollIntervalMs;
    // Fixed-rate polling: the next poll is due one interval after the previous one started, not after it ended.
    // A new job's clock started on the server when its POST arrived: the first poll is due one interval after the
    // POST was written (if known), not after its answer got back (a crowded server answers late). An answer later
    // than that (a Try-Sync POST held open) is itself fresh news, so the wait is then a full interval from it.
    const start = this.now();
    let due = immediately ? start : since !== undefined && since + interval > start ? since + interval : start + interval;
    for (;;) {
      const wait = due - this.now();
      if (wait > 0) await this.sleep(wait, signal);
      const s = await client.status(getUrl, signal);
      if (s.pollAfterMs !== undefined) interval = s.pollAfterMs;
      // Keep the cadence of the schedule (late wake-ups do not accumulate); poll at once if we fell behind.
      due = Math.max(due + interval, this.now());
      const predictionId = current().predictionId;
      switch (s.status) {
        case 'starting':
          set({ state: 'queued' });
          break;
        case 'processing':
          set({ state: 'processing' });
          break;
        case 'succeeded':
          if (!s.generationUrl) {
            throw new PrunaError('bad-response', 'The P-API reported success but sent no download URL.', predictionId ? { predictionId } : {});
          }
          return s.generationUrl;
        case 'failed':
          throw generationFailed(s.error ?? s.message, predictionId);
        case 'canceled':
          throw new PrunaError('canceled', 'The P-API reports that this generation was canceled.', {
            retryable: true,
            ...(predictionId ? { predictionId } : {}),
          });
      }
    }
  }

  private async download(
    current: () => JobRecord,
    set: (patch: Partial<JobRecord>) => void,
    url: string,
    signal: AbortSignal,
    o: RunOptions,
  ): Promise<JobRecord> {
    set({ state: 'downloading', generationUrl: url });
    const id = current().id;
    const guessed = extname(urlPath(url)).toLowerCase();
    const dest = join(this.o.tempDir, `${id}${/^\.[a-z0-9]{1,5}$/.test(guessed) ? guessed : ''}`);
    const report = o.onProgress;
    const result = await this.o.client.download(
      url,
      dest,
      report
        ? { signal, onProgress: (done, total) => report(total === undefined ? { phase: 'download', done } : { phase: 'download', done, total }) }
        : { signal },
    );
    // Trust the bytes' declared type over the URL's extension.
    let path = result.path;
    const ext = extensionForMime(result.contentType);
    if (ext !== undefined && extname(path).toLowerCase() !== ext && !(ext === '.jpg' && extname(path).toLowerCase() === '.jpeg')) {
      const renamed = join(this.o.tempDir, `${id}${ext}`);
      await rename(path, renamed);
      path = renamed;
    }
    set({ state: 'downloaded', resultPath: path, contentType: result.contentType, resultBytes: result.bytes, finishedAt: this.now() });
    return current();
  }
}

/** The path of an absolute URL without parsing it (only its extension is wanted; a bad URL fails in download). */
function urlPath(url: string): string {
  return /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*([^?#]*)/i.exec(url)?.[1] ?? '';
}

/** A listener failing (e.g. persistence) must not lose the generation itself. */
function safeNotify(listener: ((r: JobRecord) => void) | undefined, record: JobRecord): void {
  if (!listener) return;
  try {
    listener(record);
  } catch {
    // Deliberately ignored: see above.
  }
}

function formatDuration(ms: number): string {
  return ms >= 60_000 ? `${Math.round(ms / 60_000)} min` : `${Math.round(ms / 1000)} s`;
}

/** A new request equal to a record's original one (for a user-chosen retry). */
export function requestFromRecord(record: JobRecord): JobRequest {
  const input = { ...record.input };
  if (record.sources) for (const field of Object.keys(record.sources)) delete input[field];
  const req: JobRequest = { model: record.model, input };
  if (record.sources) req.files = { ...record.sources };
  if (record.label !== undefined) req.label = record.label;
  return req;
}
