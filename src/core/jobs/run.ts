// One job's life in one object: its record (reported on every change), its signal (the user's cancel and the
// deadline in one), and its deadline, which starts when the prediction POST is written and not before.
import * as l10n from '../l10n';
import { PrunaError } from '../errors';
import { copyRecord, type JobRecord, type JobState } from './record';

export interface JobRunOptions {
  now: () => number;
  onUpdate: ((r: JobRecord) => void) | undefined;
  userSignal: AbortSignal | undefined;
}

/** Thrown (as the signal's reason) when the deadline passes. */
export const DEADLINE_CODE = 'JOB_DEADLINE';

export class JobRun {
  readonly controller = new AbortController();
  /** The input as it will be sent, secrets included (the record holds it without them). */
  input: Record<string, unknown>;
  private deadlineAt: number | undefined;
  private deadlineMs: number | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly forward: (() => void) | undefined;
  /** The first state set is always reported, even if it equals the initial one. */
  private announced = false;

  constructor(
    readonly record: JobRecord,
    input: Record<string, unknown>,
    private readonly o: JobRunOptions,
  ) {
    this.input = input;
    const user = o.userSignal;
    if (user) {
      this.forward = (): void => this.controller.abort(user.reason);
      if (user.aborted) this.forward();
      else user.addEventListener('abort', this.forward, { once: true });
    }
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  get state(): JobState {
    return this.record.state;
  }

  /** The prediction exists (or may be fetched): from now on the job can only be saved, failed by the API, or parked. */
  get hasPrediction(): boolean {
    return this.record.predictionId !== undefined || this.record.generationUrl !== undefined;
  }

  /** Whether the user (not the deadline) stopped this job. */
  get stoppedByUser(): boolean {
    return this.o.userSignal?.aborted === true;
  }

  /** Changes the record in place and reports it when the state, the retrying notice or the server's status changed. */
  set(patch: Partial<JobRecord>): void {
    const stateChanged = patch.state !== undefined && (patch.state !== this.record.state || !this.announced);
    // What the user reads besides the state: "retrying" appearing or clearing, and the P-API's own status word.
    const noticeChanged =
      ('retrying' in patch && (patch.retrying === undefined) !== (this.record.retrying === undefined)) ||
      (patch.serverStatus !== undefined && patch.serverStatus !== this.record.serverStatus);
    Object.assign(this.record, patch);
    for (const key of Object.keys(patch) as (keyof JobRecord)[]) if (patch[key] === undefined) delete this.record[key];
    this.record.updatedAt = this.o.now();
    if (stateChanged || noticeChanged) {
      this.announced = true;
      this.notify();
    }
  }

  notify(): void {
    const listener = this.o.onUpdate;
    if (!listener) return;
    try {
      listener(copyRecord(this.record));
    } catch {
      // A listener failing (e.g. persistence) must not lose the generation itself.
    }
  }

  /**
   * Starts the deadline once (at the POST's write, or when a resumed job starts); later calls keep the first. The
   * engine's clock decides (checkDeadline, remainingMs); a real timer also aborts work in flight at that moment.
   */
  startDeadline(ms: number): void {
    if (this.deadlineAt !== undefined) return;
    this.deadlineMs = ms;
    this.deadlineAt = this.o.now() + ms;
    this.timer = setTimeout(() => this.expire(), ms);
  }

  /** Aborts the job if its deadline has passed on the engine's clock. */
  checkDeadline(): void {
    if (this.deadlineAt !== undefined && this.o.now() >= this.deadlineAt) this.expire();
    if (this.signal.aborted) throw this.signal.reason;
  }

  /** Whether the deadline (not the user) ended the job. */
  get expired(): boolean {
    return this.deadlineAt !== undefined && (this.o.now() >= this.deadlineAt || (this.signal.reason as { code?: unknown } | undefined)?.code === DEADLINE_CODE);
  }

  private expire(): void {
    if (this.controller.signal.aborted) return;
    const ms = this.deadlineMs ?? 0;
    this.controller.abort(new PrunaError('timeout', l10n.t('Gave up waiting after {0}.', formatDuration(ms)), { hint: 'retry', retryable: true, code: DEADLINE_CODE }));
  }

  /** Milliseconds left before the deadline (Infinity before it started). */
  remainingMs(): number {
    return this.deadlineAt === undefined ? Infinity : Math.max(0, this.deadlineAt - this.o.now());
  }

  dispose(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    if (this.forward) this.o.userSignal?.removeEventListener('abort', this.forward);
  }
}

export function formatDuration(ms: number): string {
  return ms >= 60_000 ? `${Math.round(ms / 60_000)} min` : `${Math.round(ms / 1000)} s`;
}
