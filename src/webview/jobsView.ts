// Running and recent jobs: state, elapsed time, upload progress and expiry, the error with Retry, and Cancel.
// Rows are updated in place (keyed by job id) so focus on a row's button survives live updates.
import * as l10n from './l10n';
import type { Job } from '../shared/protocol';
import { button, clear, h, icon } from './dom';
import { formatClock, formatElapsed, isRunning, shorten, stateLabel } from './format';

export interface JobsActions {
  cancel(job: Job): void;
  retry(job: Job): void;
  /** Fetches a parked job's existing prediction (no new POST). */
  resume(job: Job): void;
  open(uri: string): void;
}

const STATE_ICON: Record<Job['state'], string> = {
  queued: 'watch',
  uploading: 'cloud-upload',
  sent: 'loading',
  running: 'loading',
  downloading: 'cloud-download',
  downloaded: 'save',
  saved: 'pass',
  parked: 'debug-pause',
  failed: 'error',
  canceled: 'circle-slash',
};

export class JobsView {
  readonly el: HTMLElement;
  private readonly list: HTMLUListElement;
  private readonly empty: HTMLElement;
  private readonly rows = new Map<string, { el: HTMLLIElement; signature: string; elapsed: HTMLElement }>();
  private jobs: Job[] = [];
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(
    private readonly actions: JobsActions,
    private readonly now: () => number = () => Date.now(),
  ) {
    this.list = h('ul', { className: 'jobs', 'aria-label': l10n.t('Jobs') });
    this.empty = h('p', { className: 'hint empty' }, l10n.t('No jobs yet. Runs from this panel and from the command palette appear here.'));
    this.el = h('section', { className: 'card', 'aria-labelledby': 'jobs-heading' }, h('h2', { id: 'jobs-heading' }, l10n.t('Jobs')), this.empty, this.list);
  }

  /** Returns the jobs whose state changed, for announcements. */
  update(jobs: readonly Job[]): Job[] {
    const previous = new Map(this.jobs.map((j) => [j.id, j.state]));
    this.jobs = [...jobs].sort((a, b) => b.startedAt - a.startedAt);
    const changed = this.jobs.filter((j) => previous.get(j.id) !== j.state);
    const seen = new Set<string>();
    // Only the newest upload's expiry matters (older ones were superseded); repeating it on every row is noise.
    const expiryShownOn = this.jobs.find((j) => j.uploadExpiresAt !== undefined)?.id;
    this.jobs.forEach((job, index) => {
      seen.add(job.id);
      const showExpiry = job.id === expiryShownOn;
      const signature = `${showExpiry}${JSON.stringify(job)}`;
      let row = this.rows.get(job.id);
      if (!row || row.signature !== signature) {
        const focusedIndex = row ? [...row.el.querySelectorAll('button')].indexOf(document.activeElement as HTMLButtonElement) : -1;
        const built = this.renderRow(job, showExpiry);
        if (row) row.el.replaceWith(built.el);
        row = { ...built, signature };
        this.rows.set(job.id, row);
        if (focusedIndex >= 0) (row.el.querySelectorAll('button')[focusedIndex] ?? row.el.querySelector('button'))?.focus();
      }
      if (this.list.children[index] !== row.el) this.list.insertBefore(row.el, this.list.children[index] ?? null);
    });
    for (const [id, row] of this.rows) {
      if (!seen.has(id)) {
        row.el.remove();
        this.rows.delete(id);
      }
    }
    this.empty.hidden = this.jobs.length > 0;
    this.tickWhileRunning();
    return changed;
  }

  private tickWhileRunning(): void {
    const running = this.jobs.some((j) => isRunning(j.state));
    if (running && !this.timer) this.timer = setInterval(() => this.tick(), 1000);
    if (!running && this.timer) {
      clearInterval(this.timer);
      this.timer = undefined;
    }
  }

  private tick(): void {
    for (const job of this.jobs) {
      const row = this.rows.get(job.id);
      if (row && isRunning(job.state)) row.elapsed.textContent = formatElapsed(this.now() - job.startedAt);
    }
  }

  private renderRow(job: Job, showExpiry: boolean): { el: HTMLLIElement; elapsed: HTMLElement } {
    const running = isRunning(job.state);
    const elapsed = h('span', { className: 'elapsed' }, formatElapsed((job.finishedAt ?? this.now()) - job.startedAt));
    const stateIcon = icon(STATE_ICON[job.state], running && STATE_ICON[job.state] === 'loading' ? 'codicon-modifier-spin' : '');
    const details: (HTMLElement | null)[] = [];
    if (job.state === 'uploading' && job.uploadProgress !== undefined) {
      const percent = Math.round(job.uploadProgress * 100);
      details.push(
        h(
          'div',
          { className: 'upload' },
          h('progress', { max: 100, value: percent, 'aria-label': l10n.t('Upload progress') }),
          h('span', {}, l10n.t('Uploading inputs: {0}%', percent)),
        ),
      );
    }
    if (showExpiry && job.uploadExpiresAt !== undefined) {
      const expired = job.uploadExpiresAt <= this.now();
      details.push(
        h(
          'p',
          { className: 'hint' },
          expired
            ? l10n.t('Uploaded inputs have expired; a new run uploads them again.')
            : l10n.t('Uploaded inputs stay available until {0}; a later run uploads them again.', formatClock(job.uploadExpiresAt)),
        ),
      );
    }
    if (running && job.retrying) {
      details.push(h('p', { className: 'hint retrying', role: 'status' }, icon('sync'), ` ${job.retrying}`));
    }
    if (job.state === 'parked' && job.error) {
      details.push(h('p', { className: 'hint parked' }, icon('debug-pause'), ` ${job.error}`));
    }
    if (job.state === 'failed' && job.error) {
      details.push(h('p', { className: 'job-error', role: 'alert' }, icon('warning'), ` ${job.error}`));
      if (job.mayHaveBeenCreated) {
        details.push(h('p', { className: 'hint' }, l10n.t('The first attempt may have reached the API and been billed.')));
      }
    }
    const actions = h('div', { className: 'item-actions' });
    if (running) actions.append(button(l10n.t('Cancel'), () => this.actions.cancel(job), { icon: 'stop-circle' }));
    if (job.resumable) actions.append(button(l10n.t('Resume'), () => this.actions.resume(job), { icon: 'debug-continue' }));
    if ((job.state === 'failed' || job.state === 'parked') && job.retryable !== false) {
      // A new generation: never the only way on when the first one exists, and it says it bills again.
      actions.append(button(l10n.t('Retry (bills again)'), () => this.actions.retry(job), { icon: 'refresh' }));
    }
    for (const output of job.outputs) {
      actions.append(button(l10n.t('Open {0}', output.name), () => this.actions.open(output.uri), { icon: 'go-to-file' }));
    }
    const el = h(
      'li',
      { className: `job state-${job.state}`, 'data-job-id': job.id, 'data-state': job.state },
      h(
        'div',
        { className: 'job-head' },
        h('span', { className: 'state' }, stateIcon, ' ', stateLabel(job.state)),
        h('span', { className: 'model' }, job.model),
        job.seed !== undefined ? h('span', { className: 'meta' }, l10n.t('seed {0}', job.seed)) : null,
        elapsed,
      ),
      h('p', { className: 'prompt', title: job.prompt }, shorten(job.prompt, 140)),
      ...details,
      actions.children.length ? actions : null,
    );
    return { el, elapsed };
  }

  dispose(): void {
    if (this.timer) clearInterval(this.timer);
    clear(this.list);
  }
}
