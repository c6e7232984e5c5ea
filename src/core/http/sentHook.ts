// Tells the caller when undici has written a request (headers and body) to the socket, without changing how the
// body is sent: a string body still goes out with its headers in one write. The rate limiter starts a request's
// clock there. undici reports it to legacy-style handlers only (`onRequestSent`), which is what `request()` uses;
// any other handler passes through untouched and the caller simply hears nothing (its slot then counts from the
// answer, which is later and so still safe).
// Its cost is one small object and one forwarding call per callback of a prediction POST: not measurable (issue 9
// audit, overhead bench, 5 interleaved runs: pair median 1.103 with it, 1.111 with the POST sent without it, runs
// vary by ±0.04), so it stays this simple rather than anything cleverer.
import { Dispatcher } from 'undici';

/** Request option key holding the callback (a symbol, so undici ignores it and it never reaches the wire). */
export const ON_REQUEST_SENT = Symbol('pruna.onRequestSent');

type LegacyHandler = Dispatcher.DispatchHandler & { onRequestSent?: () => void };

class SentNotifyingHandler {
  constructor(
    private readonly inner: LegacyHandler,
    private readonly onSent: () => void,
  ) {}

  onConnect(abort: (err?: Error) => void, context?: unknown): void {
    (this.inner.onConnect as (a: typeof abort, c?: unknown) => void)(abort, context);
  }
  onResponseStarted(): void {
    this.inner.onResponseStarted?.();
  }
  onHeaders(statusCode: number, headers: Buffer[], resume: () => void, statusText: string): boolean {
    return this.inner.onHeaders?.(statusCode, headers, resume, statusText) ?? true;
  }
  onData(chunk: Buffer): boolean {
    return this.inner.onData?.(chunk) ?? true;
  }
  onComplete(trailers: string[] | null): void {
    this.inner.onComplete?.(trailers);
  }
  onError(err: Error): void {
    this.inner.onError?.(err);
  }
  onUpgrade(statusCode: number, headers: Buffer[] | string[] | null, socket: import('node:stream').Duplex): void {
    this.inner.onUpgrade?.(statusCode, headers, socket);
  }
  onBodySent(chunkSize: number, totalBytesSent: number): void {
    this.inner.onBodySent?.(chunkSize, totalBytesSent);
  }
  onRequestSent(): void {
    try {
      this.onSent();
    } finally {
      this.inner.onRequestSent?.();
    }
  }
}

/** Wraps the caller's dispatcher (never the global one: loading or using the client changes no process-wide state). */
export class SentHookDispatcher extends Dispatcher {
  constructor(private readonly inner: Dispatcher) {
    super();
  }

  private target(): Dispatcher {
    return this.inner;
  }

  override dispatch(opts: Dispatcher.DispatchOptions, handler: Dispatcher.DispatchHandler): boolean {
    const onSent = (opts as { [ON_REQUEST_SENT]?: () => void })[ON_REQUEST_SENT];
    // A new-style handler would lose its other callbacks behind a legacy proxy: leave it alone.
    if (onSent === undefined || typeof handler.onRequestStart === 'function' || typeof handler.onConnect !== 'function') {
      return this.target().dispatch(opts, handler);
    }
    return this.target().dispatch(opts, new SentNotifyingHandler(handler as LegacyHandler, onSent) as Dispatcher.DispatchHandler);
  }

  // This wrapper owns no connections: closing or destroying it must not close a dispatcher others share.
  override close(): Promise<void> {
    return Promise.resolve();
  }
  override destroy(): Promise<void> {
    return Promise.resolve();
  }
}
