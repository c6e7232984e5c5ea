// Predictions and their lifecycle: starting -> processing -> succeeded | failed, driven by timers so that the
// 'succeeded' event fires at the moment the status flips (the benchmark measures detection latency against it).
import { predictionId } from './ids';
import type { LatencyMs, PredictionSnapshot } from './types';

export type PredictionStatus = 'starting' | 'processing' | 'succeeded' | 'failed' | 'canceled';

export interface Prediction {
  id: string;
  model: string;
  /** The input exactly as submitted (echoed in the async body). */
  input: Record<string, unknown>;
  /** The seed the output is rendered with: the submitted one, or a random one like the live API. */
  seed: number;
  status: PredictionStatus;
  createdAt: number;
  succeededAt?: number;
  error?: string;
  vanished: boolean;
  /** Set once succeeded: absolute or relative, as it will be answered. */
  generationUrl?: string;
}

export interface LifecycleHooks {
  /** Called when a prediction succeeds, before anyone is told; returns its generation_url. */
  onSucceeded(prediction: Prediction): string;
  /** Called after every terminal transition. */
  onSettled(prediction: Prediction): void;
}

const TERMINAL = new Set<PredictionStatus>(['succeeded', 'failed', 'canceled']);

export function isTerminal(status: PredictionStatus): boolean {
  return TERMINAL.has(status);
}

export class PredictionStore {
  private readonly items = new Map<string, Prediction>();
  private readonly timers = new Map<string, NodeJS.Timeout[]>();
  private readonly waiters = new Map<string, Set<() => void>>();
  private readonly failures = new Map<string, string[]>();

  constructor(private readonly hooks: LifecycleHooks) {}

  get(id: string): Prediction | undefined {
    return this.items.get(id);
  }

  failNext(model: string, error: string): void {
    const queue = this.failures.get(model) ?? [];
    queue.push(error);
    this.failures.set(model, queue);
  }

  /** Drops pending failNext() requests. */
  clearFailures(): void {
    this.failures.clear();
  }

  /** Creates a prediction and schedules its transitions; zero durations transition synchronously. */
  /** `failWith`: this prediction fails with that error (the model could not run it, e.g. weights it may not read). */
  create(model: string, input: Record<string, unknown>, latency: LatencyMs, failWith?: string): Prediction {
    const seed = typeof input['seed'] === 'number' ? input['seed'] : Math.floor(Math.random() * 2 ** 31);
    const prediction: Prediction = {
      id: predictionId(),
      model,
      input,
      seed,
      status: 'starting',
      createdAt: Date.now(),
      vanished: false,
    };
    this.items.set(prediction.id, prediction);
    const failure = failWith ?? this.failures.get(model)?.shift();
    const finish = () => (failure === undefined ? this.succeed(prediction) : this.fail(prediction, failure));
    const toProcessing = () => {
      if (prediction.status !== 'starting') return;
      prediction.status = 'processing';
      if (latency.processing > 0) this.schedule(prediction.id, finish, latency.processing);
      else finish();
    };
    if (latency.starting > 0) this.schedule(prediction.id, toProcessing, latency.starting);
    else toProcessing();
    return prediction;
  }

  cancel(id: string): void {
    const prediction = this.require(id);
    this.clearTimers(id);
    prediction.status = 'canceled';
    this.settle(prediction);
  }

  vanish(id: string): void {
    this.require(id).vanished = true;
  }

  /** Resolves when the prediction settles; the returned function stops waiting. */
  whenSettled(id: string, callback: () => void): () => void {
    const set = this.waiters.get(id) ?? new Set();
    set.add(callback);
    this.waiters.set(id, set);
    return () => set.delete(callback);
  }

  snapshot(id: string): PredictionSnapshot | undefined {
    const p = this.items.get(id);
    if (!p) return undefined;
    return {
      id: p.id,
      model: p.model,
      input: p.input,
      status: p.status,
      ...(p.succeededAt !== undefined ? { succeededAt: p.succeededAt } : {}),
    };
  }

  /** Stops every timer and wakes every waiter (used on close). */
  dispose(): void {
    for (const id of this.timers.keys()) this.clearTimers(id);
    for (const set of this.waiters.values()) for (const wake of [...set]) wake();
    this.waiters.clear();
  }

  private require(id: string): Prediction {
    const prediction = this.items.get(id);
    if (!prediction) throw new Error(`The simulator has no prediction '${id}'`);
    return prediction;
  }

  private succeed(prediction: Prediction): void {
    if (prediction.status !== 'processing') return;
    prediction.succeededAt = Date.now();
    prediction.generationUrl = this.hooks.onSucceeded(prediction);
    prediction.status = 'succeeded';
    this.settle(prediction);
  }

  private fail(prediction: Prediction, error: string): void {
    if (prediction.status !== 'processing') return;
    prediction.status = 'failed';
    prediction.error = error;
    this.settle(prediction);
  }

  private settle(prediction: Prediction): void {
    this.timers.delete(prediction.id);
    const set = this.waiters.get(prediction.id);
    this.waiters.delete(prediction.id);
    this.hooks.onSettled(prediction);
    if (set) for (const wake of set) wake();
  }

  private schedule(id: string, run: () => void, ms: number): void {
    const timer = setTimeout(run, ms);
    timer.unref();
    const list = this.timers.get(id) ?? [];
    list.push(timer);
    this.timers.set(id, list);
  }

  private clearTimers(id: string): void {
    for (const timer of this.timers.get(id) ?? []) clearTimeout(timer);
    this.timers.delete(id);
  }
}
