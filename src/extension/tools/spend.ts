// Today's and this window's spend, estimated from the price table. A job counts once, when it is billed for certain
// enough to count: its prediction exists on the server or its file is saved. Today's tally lives in global state (all
// windows add to it; a job resumed in another window is not counted twice), the window's in memory.
import * as l10n from '../../core/l10n';
import type * as vscode from 'vscode';
import { estimateCost, usd } from '../../core';
import type { JobManager } from '../jobs/jobManager';

const STATE_KEY = 'pruna.spend.v1';

interface DayTally {
  readonly day: string;
  readonly usd: number;
  readonly runs: number;
  readonly unknownRuns: number;
  /** Job ids counted today (so a resumed job is not counted again). */
  readonly ids: readonly string[];
}

export interface Tally {
  readonly usd: number;
  readonly runs: number;
  readonly unknownRuns: number;
}

let current: SpendTally | undefined;

/** One line for "Show Jobs", or undefined before activation. */
export function spendSummary(): string | undefined {
  return current?.summary();
}

export class SpendTally implements vscode.Disposable {
  private readonly windowStartedAt: number;
  private readonly seen = new Set<string>();
  private window: Tally = { usd: 0, runs: 0, unknownRuns: 0 };
  private writes: Promise<unknown> = Promise.resolve();
  private readonly listener: vscode.Disposable;

  constructor(
    private readonly jobs: JobManager,
    private readonly state: vscode.Memento,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.windowStartedAt = now().getTime();
    this.listener = jobs.onDidChange(() => this.scan());
    current = this;
  }

  today(): Tally {
    const stored = this.stored();
    return { usd: stored.usd, runs: stored.runs, unknownRuns: stored.unknownRuns };
  }

  thisWindow(): Tally {
    return this.window;
  }

  summary(): string {
    const runs = (t: Tally) => (t.runs === 1 ? l10n.t('1 run') : l10n.t('{0} runs', t.runs)) + (t.unknownRuns ? l10n.t(', {0} of unknown price', t.unknownRuns) : '');
    const part = (t: Tally) => `≈ ${usd(t.usd)} (${runs(t)})`;
    return l10n.t('Spent today {0}, this window {1} — estimated from published prices, not a bill', part(this.today()), part(this.window));
  }

  /** Counts every job that became billed since the last look. Public so a test can force a look. */
  scan(): void {
    for (const view of this.jobs.list()) {
      if (this.seen.has(view.id)) continue;
      const job = this.jobs.get(view.id);
      if (!job) continue;
      const billed = job.phase === 'saved' || job.record?.predictionId !== undefined;
      if (!billed) continue;
      this.seen.add(view.id);
      const estimate = estimateCost(job.spec.model, job.spec.input, 1);
      const add = (t: Tally): Tally => (estimate.known ? { ...t, usd: round(t.usd + estimate.usd), runs: t.runs + 1 } : { ...t, runs: t.runs + 1, unknownRuns: t.unknownRuns + 1 });
      if (job.startedAt >= this.windowStartedAt) this.window = add(this.window);
      const stored = this.stored();
      if (stored.ids.includes(view.id)) continue;
      const next = add(stored);
      const day: DayTally = { day: stored.day, usd: next.usd, runs: next.runs, unknownRuns: next.unknownRuns, ids: [...stored.ids, view.id] };
      this.writes = this.writes.then(() => this.state.update(STATE_KEY, day), () => undefined);
    }
  }

  /** Waits for pending writes (tests, deactivate). */
  flush(): Promise<unknown> {
    return this.writes;
  }

  private stored(): DayTally {
    const today = localDay(this.now());
    const raw = this.state.get<Partial<DayTally>>(STATE_KEY);
    if (raw && raw.day === today && typeof raw.usd === 'number' && typeof raw.runs === 'number' && Array.isArray(raw.ids)) {
      return { day: today, usd: raw.usd, runs: raw.runs, unknownRuns: typeof raw.unknownRuns === 'number' ? raw.unknownRuns : 0, ids: raw.ids.filter((i) => typeof i === 'string') };
    }
    return { day: today, usd: 0, runs: 0, unknownRuns: 0, ids: [] };
  }

  dispose(): void {
    this.listener.dispose();
    if (current === this) current = undefined;
  }
}

function localDay(d: Date): string {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

function round(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}
