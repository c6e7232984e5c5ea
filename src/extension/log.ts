// The "Pruna" log channel. Request lines carry method, path, status, duration and prediction id — never headers,
// bodies or the key (the client never hands us those, and we redact defensively anyway).
import * as vscode from 'vscode';

export interface RequestEvent {
  readonly method: string;
  readonly path: string;
  readonly status?: number;
  readonly durationMs: number;
  readonly predictionId?: string;
  readonly attempt: number;
  readonly error?: string;
}

export function createLog(): vscode.LogOutputChannel {
  return vscode.window.createOutputChannel('Pruna', { log: true });
}

export function logRequest(log: vscode.LogOutputChannel, e: RequestEvent, secret: string | undefined): void {
  const parts = [
    `${e.method} ${stripQuery(e.path)}`,
    e.status !== undefined ? String(e.status) : 'no response',
    `${Math.round(e.durationMs)} ms`,
  ];
  if (e.predictionId) parts.push(`prediction ${e.predictionId}`);
  if (e.attempt > 1) parts.push(`attempt ${e.attempt}`);
  if (e.error) parts.push(e.error);
  const line = redact(parts.join(' · '), secret);
  if (e.error || (e.status !== undefined && e.status >= 400)) log.warn(line);
  else log.info(line);
}

/** Query strings may carry tokens on some gateways; the path alone is enough to follow a request. */
function stripQuery(path: string): string {
  const q = path.indexOf('?');
  return q === -1 ? path : path.slice(0, q);
}

export function redact(text: string, secret: string | undefined): string {
  return secret && secret.length >= 4 ? text.split(secret).join('***') : text;
}
