// The one place that turns a failure into a notification with the action that helps: "Set API Key" for a missing or
// rejected key, "Retry" when trying again can work, "Save As…" when a result is kept after a failed save.
import * as vscode from 'vscode';
import { isPrunaError, toPrunaError } from '../../core';
import { isShellError } from '../errors';

export interface ErrorActions {
  readonly retry?: () => unknown;
  readonly saveAs?: () => unknown;
}

// Button labels in the user's language, made when shown (and compared against the same value).
const SET_KEY = (): string => vscode.l10n.t('Set API Key');
const RETRY = (): string => vscode.l10n.t('Retry');
const SAVE_AS = (): string => vscode.l10n.t('Save As…');
const SHOW_LOG = (): string => vscode.l10n.t('Show Log');

export function needsKey(e: unknown): boolean {
  return isPrunaError(e) && (e.hint === 'set-api-key' || e.kind === 'auth' || e.kind === 'no-api-key');
}

/** Not awaited by callers: a notification must never hold up a job. */
export function showError(e: unknown, actions: ErrorActions = {}, log?: vscode.LogOutputChannel): void {
  if (isShellError(e) && e.kind === 'dismissed') return;
  const message = isShellError(e) ? e.message : toPrunaError(e).message;
  const choices: string[] = [];
  const [setKey, retry, saveAs, showLog] = [SET_KEY(), RETRY(), SAVE_AS(), SHOW_LOG()];
  if (needsKey(e)) choices.push(setKey);
  if (actions.saveAs && isShellError(e) && e.details.keptAt) choices.push(saveAs);
  const retryable = isShellError(e) ? e.kind === 'save-failed' || e.kind === 'read-only' : toPrunaError(e).retryable;
  if (actions.retry && retryable && !needsKey(e)) choices.push(retry);
  if (log) choices.push(showLog);
  const show = isPrunaError(e) && e.kind === 'canceled' ? vscode.window.showInformationMessage : vscode.window.showErrorMessage;
  void Promise.resolve(show(`Pruna: ${message}`, ...choices)).then((choice) => {
    if (choice === setKey) void vscode.commands.executeCommand('pruna.setApiKey');
    else if (choice === retry) void actions.retry?.();
    else if (choice === saveAs) void actions.saveAs?.();
    else if (choice === showLog) log?.show(true);
  });
}
