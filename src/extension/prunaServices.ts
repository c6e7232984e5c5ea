// The one implementation of PrunaServices: commands, the status bar and the Studio panel all go through it, so a job
// started anywhere is listed everywhere.
import * as vscode from 'vscode';
import { PrunaError, checkOutputFolder } from '../core';
import type { ApiKeyStore } from './apiKey';
import type { Config } from './config';
import { insertReference, referenceFor, type LastTextEditor } from './insert/insertReference';
import { prepareRun, withTarget } from './jobs/buildSpecs';
import type { JobManager } from './jobs/jobManager';
import type { RecipeStore } from './recipes/recipeStore';
import { resolveTarget } from './saving/resolveTarget';
import { outputSettings } from './saving/postprocess';
import type { PrunaServices, RunRequest } from './services';

export interface ServicesDeps {
  readonly config: Config;
  readonly keys: ApiKeyStore;
  readonly jobs: JobManager;
  readonly recipes: RecipeStore;
  readonly editors: LastTextEditor;
  readonly checkFile: (path: string) => Promise<unknown>;
  readonly log: vscode.LogOutputChannel;
}

/** Extra switches the shell's own commands use on top of the shared RunRequest. */
export interface RunOptions {
  /** Show a notification when each job ends (interactive commands and resumed jobs). */
  readonly announce?: boolean;
}

export const NO_KEY_MESSAGE = (): string =>
  vscode.l10n.t('No Pruna API key is set. Run "Pruna: Set API Key" (stored in VS Code\'s secret storage) or set the PRUNA_API_KEY environment variable.');

export interface StartedRun {
  readonly ids: string[];
  /** Settles when every job's file is saved (in order), or rejects with the first failure once all have ended. */
  readonly done: Promise<vscode.Uri[]>;
}

export type ShellServices = PrunaServices & {
  /** Checks everything locally, then starts the jobs; rejects only for problems found before any request. */
  start(request: RunRequest, options: RunOptions): Promise<StartedRun>;
};

export function createServices(deps: ServicesDeps): ShellServices {
  const start = async (request: RunRequest, options: RunOptions): Promise<StartedRun> => {
    // Everything checkable locally first, so a mistake costs no request: key, inputs, target.
    if (!(await deps.keys.get())) throw new PrunaError('no-api-key', NO_KEY_MESSAGE(), { hint: 'set-api-key' });
    const prepared = await prepareRun(request, { config: deps.config, checkFile: deps.checkFile });
    const firstLocal = [...(request.images ?? []), ...Object.values(request.files ?? {}).flat()].find((s) => /^file:/i.test(s));
    const target = await resolveTarget(
      {
        ...(request.outputFolder !== undefined ? { outputFolder: request.outputFolder } : {}),
        ...(request.fileName !== undefined ? { fileName: request.fileName } : {}),
        ...(request.saveAs !== undefined ? { saveAs: request.saveAs } : {}),
        ...(firstLocal ? { near: vscode.Uri.parse(firstLocal) } : {}),
        prompt: prepared.prompt,
        ...(prepared.specs[0]?.seed !== undefined ? { seed: prepared.specs[0].seed } : {}),
        kind: prepared.model.kind,
      },
      deps.config,
    );
    const open = request.open ?? (request.saveAs !== undefined ? false : undefined);
    // Images only: a video is saved as the model made it (a .webm or .mov name gets the .mp4 it is).
    const output = prepared.model.kind === 'video' ? undefined : { ...outputSettings(), ...request.output };
    const extra = {
      ...(open !== undefined ? { open } : {}),
      ...(options.announce ? { announce: true } : {}),
      ...(output && Object.keys(output).length > 0 ? { output } : {}),
    };
    const started = prepared.specs.map((spec) => deps.jobs.start(withTarget(spec, target, extra)));
    const all = Promise.allSettled(started.map((s) => s.done)).then((results) => {
      const failure = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
      if (failure) throw failure.reason;
      return results.map((r) => (r as PromiseFulfilledResult<vscode.Uri>).value);
    });
    if (request.wait) {
      void vscode.window.withProgress(
        {
          location: vscode.ProgressLocation.Notification,
          title: prepared.specs.length > 1 ? vscode.l10n.t('Pruna: {0} variations of "{1}"', prepared.specs.length, shorten(prepared.prompt)) : vscode.l10n.t('Pruna: "{0}"', shorten(prepared.prompt)),
          cancellable: true,
        },
        async (progress, token) => {
          progress.report({ message: vscode.l10n.t('waiting for the P-API…') });
          const sub = token.onCancellationRequested(() => started.forEach((s) => deps.jobs.cancel(s.id)));
          try {
            await all.catch(() => undefined);
          } finally {
            sub.dispose();
          }
        },
      );
    }
    return { ids: started.map((s) => s.id), done: all };
  };

  return {
    start,
    jobs: {
      onDidChange: deps.jobs.onDidChange,
      list: () => deps.jobs.list(),
      run: async (request) => (await start(request, {})).done,
      cancel: (id) => deps.jobs.cancel(id),
      retry: async (id) => [await deps.jobs.retry(id).done],
      resume: async (id) => [await deps.jobs.resume(id).done],
    },
    gallery: {
      onDidChange: deps.recipes.onDidChange,
      list: () => deps.recipes.list(),
    },
    insertReference: async (file) => {
      await insertReference(file, deps.editors.get(), deps.recipes);
    },
    referenceFor: (document, file) => referenceFor(document, file, deps.recipes),
    log: {
      info: (message) => deps.log.info(message),
      warn: (message) => deps.log.warn(message),
      error: (message) => deps.log.error(message),
    },
    outputRoots: () =>
      (vscode.workspace.workspaceFolders ?? []).flatMap((folder) => {
        const check = checkOutputFolder(deps.config.outputFolder(folder.uri));
        return check.ok ? [vscode.Uri.joinPath(folder.uri, ...check.segments)] : [];
      }),
    defaults: () => ({
      disableSafetyChecker: deps.config.disableSafetyChecker(),
      defaultAspectRatio: deps.config.defaultAspectRatio(),
      seed: deps.config.seed(),
    }),
  };
}

function shorten(text: string): string {
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}
