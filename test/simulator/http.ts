// Small response helpers. Every answer goes through `answer` so the request record learns its status code.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RecordedRequest } from './types';

export interface Exchange {
  req: IncomingMessage;
  res: ServerResponse;
  record: RecordedRequest;
}

export function answer(ex: Exchange, status: number, headers: Record<string, string>, body?: Buffer | string): void {
  if (ex.res.headersSent || ex.res.destroyed) return;
  ex.record.status = status;
  const bytes = body === undefined ? undefined : typeof body === 'string' ? Buffer.from(body) : body;
  ex.res.writeHead(status, { ...headers, 'Content-Length': String(bytes?.length ?? 0) });
  ex.res.end(bytes);
}

export function answerJson(ex: Exchange, status: number, value: unknown, headers: Record<string, string> = {}): void {
  answer(ex, status, { 'Content-Type': 'application/json', ...headers }, JSON.stringify(value));
}

/** Destroys the socket without an answer (status stays 0 in the record). */
export function hangUp(ex: Exchange): void {
  ex.req.socket.destroy();
}

export function lowerCaseHeaders(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

export type BodyResult = { kind: 'ok'; bytes: Buffer } | { kind: 'too-large' } | { kind: 'aborted' };

/** Reads a whole (JSON-sized) body, counting bytes into the record; stops collecting beyond `limit`. */
export function readBody(ex: Exchange, limit: number): Promise<BodyResult> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    ex.req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      ex.record.bodyBytes = size;
      if (size > limit) tooLarge = true;
      else chunks.push(chunk);
    });
    ex.req.on('end', () => resolve(tooLarge ? { kind: 'too-large' } : { kind: 'ok', bytes: Buffer.concat(chunks) }));
    ex.req.on('error', () => resolve({ kind: 'aborted' }));
    ex.req.on('close', () => {
      if (!ex.req.complete) resolve({ kind: 'aborted' });
    });
  });
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
