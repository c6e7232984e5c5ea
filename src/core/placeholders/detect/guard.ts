// Cancellation while scanning. The detectors are synchronous, so a caller's `isCancelled` (a cancellation token, a
// deadline) is polled from inside their loops; when it says stop, the scan unwinds with ScanCancelled and the caller
// gets no references rather than a partial list it could mistake for the whole document.

export class ScanCancelled extends Error {
  constructor() {
    super('scan cancelled');
    this.name = 'ScanCancelled';
  }
}

let current: (() => boolean) | undefined;

/** Polls the running scan's `isCancelled` every 1024th call (`counter` is any loop index). */
export function checkCancelled(counter: number): void {
  if ((counter & 1023) === 0 && current?.()) throw new ScanCancelled();
}

/** Runs `scan` with `isCancelled` polled by checkCancelled; nested calls keep the outer callback. */
export function withCancellation<T>(isCancelled: (() => boolean) | undefined, scan: () => T): T {
  if (!isCancelled || current) return scan();
  current = isCancelled;
  try {
    if (isCancelled()) throw new ScanCancelled();
    return scan();
  } finally {
    current = undefined;
  }
}
