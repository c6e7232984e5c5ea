// What the command handlers need, gathered once in activate().
import * as vscode from 'vscode';
import type { ApiKeyStore } from '../apiKey';
import type { Config } from '../config';
import type { LastTextEditor } from '../insert/insertReference';
import type { JobManager } from '../jobs/jobManager';
import type { ShellServices, StartedRun } from '../prunaServices';
import { offerUpscales, pendingUpscales } from '../saving/upscaleOffer';
import { NO_KEY_MESSAGE } from '../prunaServices';
import type { RecipeStore } from '../recipes/recipeStore';
import type { RunRequest } from '../services';
import type { JobsStatusBar } from '../statusBar';
import { needsKey, showError } from '../ui/showError';
import { isArgumentObject } from './args';

export interface CommandDeps {
  readonly services: ShellServices;
  readonly config: Config;
  readonly keys: ApiKeyStore;
  readonly jobs: JobManager;
  readonly recipes: RecipeStore;
  readonly editors: LastTextEditor;
  readonly memento: vscode.Memento;
  readonly log: vscode.LogOutputChannel;
  readonly statusBar: JobsStatusBar;
}

/** Offers to set a key when none is available; false when the user declines. */
export async function ensureKey(deps: CommandDeps): Promise<boolean> {
  if (await deps.keys.get()) return true;
  const setKey = vscode.l10n.t('Set API Key');
  const choice = await vscode.window.showWarningMessage(NO_KEY_MESSAGE(), setKey);
  if (choice !== setKey) return false;
  await vscode.commands.executeCommand('pruna.setApiKey');
  return (await deps.keys.get()) !== undefined;
}

/**
 * The two ways every generating command runs. With an argument object: no prompts, resolves to the saved files or
 * rejects with the typed error. Interactively: asks, starts in the background (status bar), reports problems as
 * notifications and resolves to the files (undefined when dismissed or failed).
 */
export async function runCommand(
  deps: CommandDeps,
  arg: unknown,
  fromArgs: (arg: Record<string, unknown>) => RunRequest | Promise<RunRequest>,
  interactive: () => Promise<RunRequest | undefined>,
): Promise<vscode.Uri[] | undefined> {
  if (isArgumentObject(arg)) {
    try {
      const started = await deps.services.start(await fromArgs(arg), {});
      const saved = await started.done;
      // Silent otherwise, but an enlargement past 1.5× is never silent: said, with the upscale offered.
      offerUpscales((request) => deps.services.jobs.run(request), pendingUpscales(saved));
      return saved;
    } catch (e) {
      // A missing or rejected key is the user's to fix whoever called: offer "Set API Key" as well as rejecting.
      if (needsKey(e)) showError(e, {}, deps.log);
      throw e;
    }
  }
  if (!(await ensureKey(deps))) return undefined;
  let started: StartedRun;
  try {
    const request = await interactive();
    if (!request) return undefined;
    started = await deps.services.start(request, { announce: true });
  } catch (e) {
    showError(e, {}, deps.log);
    return undefined;
  }
  // Failures after the start are announced by the job itself (with Retry), so they are not shown twice.
  return started.done.catch(() => undefined);
}
