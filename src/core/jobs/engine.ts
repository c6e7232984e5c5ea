// One generation from start to file: upload -> submit (sync or async) -> poll -> download. Each job is cancellable,
// bounded by a deadline that starts when its POST is written, and reported as a persistable JobRecord on every
// state change so it can be resumed. Once a prediction exists the job ends only as downloaded, failed by the API,
// or parked (Resume continues it with no new POST): transient trouble is waited out until the deadline.
import * as l10n from '../l10n';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { rename } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { getModel, type ModelId, type ModelSpec } from '../catalog';
import { generationFailed, type PrunaClient, type RetryInfo, type SubmitResult } from '../client';
import { PrunaError, toPrunaError } from '../errors';
import { realSleep, type Sleep } from '../http/sleep';
import { assembleInput, isLocalSource, prepareInput, type JobFiles } from './inputs';
import { copyRecord, parseJobRecord, type FailedBy, type JobRecord } from './record';
import { DEADLINE_CODE, formatDuration, JobRun } from './run';
import { redactInput, withSecretInputs, type SecretInputSource } from './secrets';
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
  /** Limit for one job from its POST's write; default 10 min for images, 30 min for video, 2 h for training. */
  deadlineMs?: number;
  maxConcurrent?: number | (() => number);
  now?: () => number;
  sleep?: Sleep;
  newId?: () => string;
  /** Engine notes worth a log line (an unknown status, a refreshed delivery link). Never contains the key. */
  log?: (message: string) => void;
  /** Secret fields (a Hugging Face token) added to each POST's body at that moment; never to a record. */
  secretInputs?: SecretInputSource;
}

/**
 * How long a job may run and how often it is polled depend on its class: a trainer (its result is a zip of LoRA
 * weights) is neither an image nor a video. The API documents no training time; `steps` go up to 5000, and a
 * training runs for tens of minutes to hours, so it gets 2 h (then it parks: Resume keeps waiting, no new POST)
 * and a poll every 10 s at the most: a poll faster than that would only learn "processing" again.
 */
export type JobClass = 'image' | 'edit' | 'video' | 'training';

export function jobClassOf(model: Pick<ModelSpec, 'kind' | 'output'>): JobClass {
  return model.output === 'zip' ? 'training' : model.kind;
}

export const DEFAULT_DEADLINE_MS: Readonly<Record<JobClass, number>> = {
  image: 10 * 60_000,
  edit: 10 * 60_000,
  video: 30 * 60_000,
  training: 2 * 60 * 60_000,
};
export const DEFAULT_MAX_CONCURRENT = 8;
/** Never poll faster than this, whatever X-Poll-Interval says. */
export const POLL_FLOOR_MS: Readonly<Record<JobClass, number>> = { image: 500, edit: 500, video: 1500, training: 10_000 };
/** Nor slower than this (a huge X-Poll-Interval must not sleep a job past its result). */
export const POLL_CEILING_MS = 30_000;

/** The next step a (possibly resumed) job has to take. */
type Step =
  | { kind: 'upload'; files: JobFiles | undefined }
  | { kind: 'poll'; getUrl: string; immediately: boolean; since?: number }
  | { kind: 'download'; url: string };

/** Failures of the way to the P-API (as opposed to, say, a full disk or a rejected key). */
const NETWORK_KINDS = new Set(['server', 'network', 'timeout', 'bad-response', 'rate-limited']);

/** Errors after which the API itself has ended the prediction: nothing to resume. */
function endedByApi(err: PrunaError): boolean {
  return err.kind === 'generation-failed' || err.kind === 'not-found' || err.kind === 'expired' || (err.kind === 'canceled' && err.code === 'API_CANCELED');
}

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

  /** Resolves in state 'downloaded'; rejects with a PrunaError after reporting a 'failed'/'parked'/'canceled' record. */
  async run(req: JobRequest, o: RunOptions = {}): Promise<JobRecord> {
    const at = this.now();
    const record: JobRecord = {
      id: this.newId(),
      model: req.model,
      input: redactInput(req.input),
      state: 'queued',
      createdAt: at,
      updatedAt: at,
    };
    if (req.label !== undefined) record.label = req.label;
    if (req.files && Object.keys(req.files).length > 0) record.sources = { ...req.files };
    return this.execute(this.newRun(record, { ...req.input }, o), { kind: 'upload', files: req.files }, o);
  }

  /**
   * Continues a persisted job from where it stopped. A record with a predictionId or a delivery URL is never
   * re-submitted; a record caught between sending and confirming its submission fails as 'ambiguous-submit' so the
   * user decides; one that never sent anything starts over.
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
    for (const key of ['error', 'finishedAt', 'failedBy', 'retrying', 'resultPath', 'resultBytes', 'contentType'] as const) delete record[key];
    const run = (r: JobRecord): JobRun => this.newRun(r, { ...r.input }, o);
    if (record.generationUrl) {
      const job = run(record);
      return this.execute(job, { kind: 'download', url: record.generationUrl }, o, true);
    }
    if (record.predictionId) {
      const getUrl = this.o.client.statusUrlFor(record.predictionId, record.getUrl);
      return this.execute(run(record), { kind: 'poll', getUrl, immediately: true }, o, true);
    }
    const mayHaveBeenSent = record.state === 'sent' || record.state === 'running' || priorError?.mayHaveBeenCreated === true;
    if (mayHaveBeenSent) {
      const err = new PrunaError(
        'ambiguous-submit',
        l10n.t('This generation was interrupted after its request was sent but before the P-API confirmed it; it may have been created and billed. Retry to submit it again (billed again).'),
        { mayHaveBeenCreated: true, hint: 'retry', retryable: true },
      );
      const job = run(record);
      job.set({ state: 'failed', failedBy: 'unconfirmed', error: err.toJSON(), finishedAt: this.now() });
      job.dispose();
      throw err;
    }
    // Nothing reached the server yet: start over from the user's sources.
    const fresh: JobRecord = { ...record, input: { ...record.input }, state: 'queued' };
    const files = record.sources;
    if (files) for (const field of Object.keys(files)) delete fresh.input[field];
    return this.execute(run(fresh), { kind: 'upload', files }, o);
  }

  private newRun(record: JobRecord, input: Record<string, unknown>, o: RunOptions): JobRun {
    return new JobRun(record, input, { now: this.now, onUpdate: o.onUpdate, userSignal: o.signal });
  }

  private deadlineFor(model: ModelSpec): number {
    return this.o.deadlineMs ?? DEFAULT_DEADLINE_MS[jobClassOf(model)];
  }

  private async execute(job: JobRun, step: Step, o: RunOptions, resumed = false): Promise<JobRecord> {
    const model = getModel(job.record.model);
    // A resumed job's POST was written long ago: its (new) deadline runs from now.
    if (resumed) job.startDeadline(this.deadlineFor(model));
    try {
      job.set({ state: job.record.state });
      if (job.signal.aborted || !this.slots.tryAcquire()) await this.slots.acquire(job.signal);
      try {
        return await this.steps(job, model, step, o);
      } finally {
        this.slots.release();
      }
    } catch (e) {
      throw this.end(job, e);
    } finally {
      job.dispose();
    }
  }

  /** Reports how the job ended and returns the error to reject with. */
  private end(job: JobRun, e: unknown): PrunaError {
    const signal = job.signal;
    // A retry that would have waited past the deadline ends the job as the deadline does.
    if (!signal.aborted && job.expired) {
      try {
        job.checkDeadline();
      } catch {
        // The signal now carries the deadline's error.
      }
    }
    let err = toPrunaError(e);
    if (signal.aborted) {
      const reason: unknown = signal.reason;
      err = reason instanceof PrunaError ? reason : new PrunaError('canceled', 'Canceled.', {});
    }
    const { predictionId } = job.record;
    if (predictionId !== undefined && err.predictionId === undefined) err = err.with({ predictionId });
    const finishedAt = this.now();
    const clear = { retrying: undefined } as const;
    if (job.hasPrediction && !(endedByApi(err) && !signal.aborted)) {
      const why = signal.aborted
        ? job.stoppedByUser
          ? l10n.t('Stopped watching this generation. The P-API has no cancel endpoint, so it may still finish (and is billed either way).')
          : err.code === DEADLINE_CODE
            ? l10n.t('{0} The P-API may still be working on it.', err.message)
            : err.message
        : NETWORK_KINDS.has(err.kind)
          ? l10n.t('Stopped after trouble reaching the P-API: {0}', err.message)
          : l10n.t('Stopped: {0}', err.message);
      const parked = err.with({
        message: l10n.t('{0} Resume fetches the result with no new request (no extra charge).', why),
        retryable: true,
        hint: 'retry',
      });
      job.set({ ...clear, state: 'parked', error: parked.toJSON(), finishedAt });
      return parked;
    }
    if (job.hasPrediction) {
      job.set({ ...clear, state: 'failed', failedBy: 'api', error: err.toJSON(), finishedAt });
      return err;
    }
    if (job.state === 'sent' || err.kind === 'ambiguous-submit') {
      // Stopped between sending and confirming: the server may have the job.
      const unconfirmed =
        err.kind === 'ambiguous-submit'
          ? err
          : err.with({
              mayHaveBeenCreated: true,
              message: l10n.t('{0} The request had already been sent, so the generation may still have been created and billed.', err.message),
            });
      job.set({ ...clear, state: 'failed', failedBy: 'unconfirmed', error: unconfirmed.toJSON(), finishedAt });
      return unconfirmed;
    }
    if (err.kind === 'canceled' && signal.aborted) {
      job.set({ ...clear, state: 'canceled', error: err.toJSON(), finishedAt });
      return err;
    }
    const by: FailedBy = err.status !== undefined && err.status < 500 && err.kind !== 'rate-limited' ? 'api' : 'client';
    job.set({ ...clear, state: 'failed', failedBy: by, error: err.toJSON(), finishedAt });
    return err;
  }

  private async steps(job: JobRun, model: ModelSpec, first: Step, o: RunOptions): Promise<JobRecord> {
    let step = first;
    if (step.kind === 'upload') {
      const submitted = await this.uploadAndSubmit(job, model, step.files, o);
      step =
        submitted.result.kind === 'done'
          ? { kind: 'download', url: submitted.result.generationUrl }
          : { kind: 'poll', getUrl: submitted.result.getUrl, immediately: false, since: submitted.sentAt };
    }
    if (step.kind === 'poll') {
      const url = await this.poll(job, model, step.getUrl, step.immediately, step.since);
      step = { kind: 'download', url };
    }
    return this.downloadWithRefresh(job, model, step.url, o);
  }

  private async uploadAndSubmit(
    job: JobRun,
    model: ModelSpec,
    files: JobFiles | undefined,
    o: RunOptions,
  ): Promise<{ result: SubmitResult; sentAt: number | undefined }> {
    const { client } = this.o;
    const { signal } = job;
    // Without files there is nothing to check or upload: the input goes out as given (validated by submit).
    const prepared =
      files && Object.keys(files).length > 0 ? await prepareInput(model, job.input, files, client) : { input: job.input, sources: undefined, uploads: [] };
    const uploaded = new Map<string, string>();
    if (prepared.uploads.length > 0) {
      job.set({ state: 'uploading' });
      let expiresAt = Infinity;
      const paths = [...new Set(prepared.uploads.map((u) => u.path))];
      for (const path of paths) {
        const result = await client.upload(path, { signal, onProgress: (done, total) => o.onProgress?.({ phase: 'upload', done, total }) });
        uploaded.set(path, result.url);
        expiresAt = Math.min(expiresAt, result.expiresAt);
      }
      job.set({ uploadExpiresAt: expiresAt });
    }
    const input = prepared.sources
      ? assembleInput(prepared.input, prepared.sources, (path) => {
          const url = uploaded.get(path);
          if (url === undefined || !isLocalSource(path)) throw new PrunaError('invalid-file', l10n.t('No upload URL for "{0}".', path), {});
          return url;
        })
      : prepared.input;
    job.input = input;
    // Still 'queued' (or 'uploading') while the rate limiter holds it: nothing has left the machine yet.
    job.set({ input: redactInput(input) });
    const sync = (this.o.syncMode ?? 'auto') === 'auto' && model.syncSuitable && client.syncAllowed(model.id);
    let sentAt: number | undefined;
    const body = this.o.secretInputs ? await withSecretInputs(model, input, this.o.secretInputs) : input;
    const result = await client.submit(model.id, body, {
      sync,
      signal,
      onSent: () => {
        // On the engine's clock (the client may run on another one in tests). The deadline starts here.
        sentAt ??= this.now();
        job.startDeadline(this.deadlineFor(model));
        if (job.state !== 'sent') job.set({ state: 'sent', sentAt });
      },
    });
    const submittedAt = this.now();
    if (job.state !== 'sent') job.set({ state: 'sent', sentAt: sentAt ?? submittedAt });
    if (result.kind === 'done') {
      // Not a state change yet: download() reports 'downloading' with the URL right away.
      const patch: Partial<JobRecord> = { generationUrl: result.generationUrl, submittedAt };
      if (result.predictionId !== undefined) patch.predictionId = result.predictionId;
      job.set(patch);
      return { result, sentAt };
    }
    job.set({ state: 'running', predictionId: result.id, getUrl: result.getUrl, submittedAt });
    return { result, sentAt };
  }

  /** How the job shows transient trouble: not an error, a notice that clears with the next good answer. */
  private retryNotice(job: JobRun): (info: RetryInfo) => void {
    return (info) => {
      if (job.record.retrying) return;
      job.set({ retrying: { since: this.now(), reason: info.error.message.slice(0, 300) } });
    };
  }

  /** Polls at the model's interval (or the server's X-Poll-Interval, clamped) until a terminal status; returns the URL. */
  private async poll(job: JobRun, model: ModelSpec, getUrl: string, immediately: boolean, since: number | undefined): Promise<string> {
    const { client } = this.o;
    const { signal } = job;
    if (job.state !== 'running') job.set({ state: 'running', getUrl });
    const floor = POLL_FLOOR_MS[jobClassOf(model)];
    const clamp = (ms: number): number => Math.min(POLL_CEILING_MS, Math.max(floor, ms));
    let interval = clamp(model.pollIntervalMs);
    let warnedUnknown = false;
    const onRetry = this.retryNotice(job);
    // Fixed-rate polling: the next poll is due one interval after the previous one started, not after it ended.
    // A new job's clock started on the server when its POST arrived: the first poll is due one interval after the
    // POST was written (if known), not after its answer got back (a crowded server answers late). An answer later
    // than that (a Try-Sync POST held open) is itself fresh news, so the wait is then a full interval from it.
    const start = this.now();
    let due = immediately ? start : since !== undefined && since + interval > start ? since + interval : start + interval;
    for (;;) {
      // Never sleep past the deadline: the deadline parks the job at its own moment.
      const wait = Math.min(due - this.now(), job.remainingMs());
      if (wait > 0) await this.sleep(wait, signal);
      job.checkDeadline();
      const pollStart = this.now();
      let retried = false;
      const s = await client.status(getUrl, {
        signal,
        budgetMs: () => job.remainingMs(),
        onRetry: (info) => {
          retried = true;
          onRetry(info);
        },
        minRetryDelayMs: floor,
      });
      if (job.record.retrying) job.set({ retrying: undefined });
      if (s.pollAfterMs !== undefined) interval = clamp(s.pollAfterMs);
      // Keep the cadence of the schedule (late wake-ups do not accumulate; poll at once if we fell behind), but
      // never start a poll sooner than the floor after the last request of this one (after retries: its answer).
      due = Math.max(due + interval, retried ? this.now() + floor : pollStart + floor, this.now());
      const predictionId = job.record.predictionId;
      const ids = predictionId ? { predictionId } : {};
      switch (s.status) {
        case 'starting':
        case 'processing':
          if (job.record.serverStatus !== s.raw) job.set({ serverStatus: s.raw });
          break;
        case 'unknown':
          if (!warnedUnknown) {
            warnedUnknown = true;
            this.o.log?.(`Job ${job.record.id}: the P-API reported status "${s.raw}", which this version does not know; still waiting.`);
          }
          if (job.record.serverStatus !== s.raw) job.set({ serverStatus: s.raw });
          break;
        case 'succeeded':
          if (!s.generationUrl) {
            // A success without its URL is the server's hiccup, not the end: ask again at the next interval.
            this.o.log?.(`Job ${job.record.id}: the P-API reported success without a download URL; asking again.`);
            break;
          }
          return s.generationUrl;
        case 'failed':
          throw generationFailed(s.error ?? s.message, predictionId);
        case 'canceled':
          throw new PrunaError('canceled', l10n.t('The P-API reports that this generation was canceled.'), { retryable: true, code: 'API_CANCELED', ...ids });
      }
    }
  }

  /**
   * Downloads the result; a delivery link that expired (403/404/410) while the prediction is known is replaced by a
   * fresh one from the status endpoint once, before the job is given up as expired.
   */
  private async downloadWithRefresh(job: JobRun, model: ModelSpec, url: string, o: RunOptions): Promise<JobRecord> {
    try {
      return await this.download(job, model, url, o);
    } catch (e) {
      const err = toPrunaError(e);
      const linkGone = err.kind === 'expired' || (err.kind === 'not-found' && err.status !== undefined);
      if (!linkGone || job.signal.aborted || job.record.predictionId === undefined) throw e;
      this.o.log?.(`Job ${job.record.id}: the download link stopped working (${err.status ?? err.kind}); asking the P-API for a fresh one.`);
      const getUrl = this.o.client.statusUrlFor(job.record.predictionId, job.record.getUrl);
      // Once: the same URL again is worth one more try too (a signed link re-signed behind the same path).
      const fresh = await this.poll(job, model, getUrl, true, undefined);
      return this.download(job, model, fresh, o);
    }
  }

  private async download(job: JobRun, model: ModelSpec, url: string, o: RunOptions): Promise<JobRecord> {
    job.set({ state: 'downloading', generationUrl: url });
    const id = job.record.id;
    const guessed = extname(urlPath(url)).toLowerCase();
    const dest = join(this.o.tempDir, `${id}${/^\.[a-z0-9]{1,5}$/.test(guessed) ? guessed : ''}`);
    const report = o.onProgress;
    const result = await this.o.client.download(url, dest, {
      signal: job.signal,
      budgetMs: () => job.remainingMs(),
      onRetry: this.retryNotice(job),
      media: model.kind === 'video' ? 'video' : 'image',
      ...(report ? { onProgress: (done: number, total?: number) => report(total === undefined ? { phase: 'download', done } : { phase: 'download', done, total }) } : {}),
    });
    // Name the file by what the bytes are, not by the URL's extension.
    let path = result.path;
    const current = extname(path).toLowerCase();
    if (current !== result.ext && !(result.ext === '.jpg' && current === '.jpeg')) {
      const renamed = join(this.o.tempDir, `${id}${result.ext}`);
      await rename(path, renamed);
      path = renamed;
    }
    job.set({
      state: 'downloaded',
      retrying: undefined,
      resultPath: path,
      contentType: result.contentType,
      resultBytes: result.bytes,
      finishedAt: this.now(),
    });
    return copyRecord(job.record);
  }
}

/** The path of an absolute URL without parsing it (only its extension is wanted; a bad URL fails in download). */
function urlPath(url: string): string {
  return /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*([^?#]*)/i.exec(url)?.[1] ?? '';
}

export { formatDuration };

/** A new request equal to a record's original one (for a user-chosen retry). */
export function requestFromRecord(record: JobRecord): JobRequest {
  const input = { ...record.input };
  if (record.sources) for (const field of Object.keys(record.sources)) delete input[field];
  const req: JobRequest = { model: record.model, input };
  if (record.sources) req.files = { ...record.sources };
  if (record.label !== undefined) req.label = record.label;
  return req;
}
