// Caps how many jobs run at once; waiting is abortable so a canceled queued job leaves the line at once.
import { abortReason } from '../http/sleep';

export class Semaphore {
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly max: () => number) {}

  /** Takes a free slot at once if there is one (no promise, no listener): the common case of a lone job. */
  tryAcquire(): boolean {
    if (this.waiting.length > 0 || this.active >= Math.max(1, this.max())) return false;
    this.active++;
    return true;
  }

  async acquire(signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) throw abortReason(signal);
    if (this.active < Math.max(1, this.max())) {
      this.active++;
      return;
    }
    await new Promise<void>((resolve, reject) => {
      const grant = (): void => {
        signal?.removeEventListener('abort', onAbort);
        this.active++;
        resolve();
      };
      const onAbort = (): void => {
        const i = this.waiting.indexOf(grant);
        if (i >= 0) this.waiting.splice(i, 1);
        reject(abortReason(signal as AbortSignal));
      };
      this.waiting.push(grant);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  release(): void {
    this.active--;
    while (this.waiting.length > 0 && this.active < Math.max(1, this.max())) this.waiting.shift()?.();
  }
}
