// The one place that turns a failure into a notification with the action that helps: "Set API Key" for a missing or
// rejected key, "Retry" when trying again can work, "Save As…" when a result is kept after a failed save.
import * as vscode from 'vscode';
import { isPrunaError, toPrunaError } from '../../core';
import { isShellError } from '../errors';

export interface ErrorActions {
  readonly retry?: () => unknown;
  readonly saveAs?: () => unknown;
}

const SET_KEY = 'Set API Key';
const RETRY = 'Retry';
const SAVE_AS = 'Save As…';
const SHOW_LOG = 'Show Log';

export function needsKey(e: unknown): boolean {
  return isPrunaError(e) && (e.hint === 'set-api-key' || e.kind === 'auth' || e.kind === 'no-api-key');
}

/** Not awaited by callers: a notification must never hold up a job. */
export function showError(e: unknown, actions: ErrorActions = {}, log?: vscode.LogOutputChannel): void {
  if (isShellError(e) && e.kind === 'dismissed') return;
  const message = isShellError(e) ? e.message : toPrunaError(e).message;
  const choices: string[] = [];
  if (needsKey(e)) choices.push(SET_KEY);
  if (actions.saveAs && isShellError(e) && e.details.keptAt) choices.push(SAVE_AS);
  const retryable = isShellError(e) ? e.kind === 'save-failed' || e.kind === 'read-only' : toPrunaError(e).retryable;
  if (actions.retry && retryable && !needsKey(e)) choices.push(RETRY);
  if (log) choices.push(SHOW_LOG);
  const show = isPrunaError(e) && e.kind === 'canceled' ? vscode.window.showInformationMessage : vscode.window.showErrorMessage;
  void Promise.resolve(show(`Pruna: ${message}`, ...choices)).then((choice) => {
    if (choice === SET_KEY) void vscode.commands.executeCommand('pruna.setApiKey');
    else if (choice === RETRY) void actions.retry?.();
    else if (choice === SAVE_AS) void actions.saveAs?.();
    else if (choice === SHOW_LOG) log?.show(true);
  });
}
