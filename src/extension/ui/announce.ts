// What the user sees when a job ends: the file opens (beside the document they are typing in, which keeps focus), a
// short note carries the seed and a one-click "Insert Reference"; failures get the action that helps.
import * as vscode from 'vscode';
import type { Config } from '../config';
import type { JobManager } from '../jobs/jobManager';
import type { PersistedJob } from '../jobs/jobStore';
import { answerUpscales, enlargedNote, pendingUpscales, upscaleButton } from '../saving/upscaleOffer';
import type { RunRequest } from '../services';
import { showError } from './showError';

export function announcer(deps: {
  config: Config;
  jobs: () => JobManager;
  log: vscode.LogOutputChannel;
  insert: (uri: vscode.Uri) => Promise<void>;
  /** A new run (the upscale offered below, only on its button). */
  run: (request: RunRequest) => Promise<vscode.Uri[]>;
}) {
  return (job: PersistedJob, error?: unknown): void => {
    if (job.phase === 'saved' && job.outputs[0]) {
      const uri = vscode.Uri.parse(job.outputs[0]);
      if (job.spec.open !== false && deps.config.openAfterSave()) {
        void vscode.commands.executeCommand('vscode.open', uri, { preview: true, preserveFocus: true, viewColumn: resultColumn() }).then(undefined, (e: unknown) => deps.log.warn(`Could not open ${uri.toString()}: ${String(e)}`));
      }
      if (!job.spec.announce) return;
      const savedText = typeof job.spec.input.seed === 'number'
        ? vscode.l10n.t('Pruna: saved {0} (seed {1}).', vscode.workspace.asRelativePath(uri), job.spec.input.seed)
        : vscode.l10n.t('Pruna: saved {0}.', vscode.workspace.asRelativePath(uri));
      // Enlarged more than 1.5× to the size asked for: said here, and the upscale model offered (run only on its click).
      const upscales = pendingUpscales([uri]);
      const enlarged = upscales[0];
      const saved = enlarged ? `${savedText} ${enlargedNote(enlarged)}` : savedText;
      const upscale = enlarged ? upscaleButton(upscales) : undefined;
      const insert = vscode.l10n.t('Insert Reference');
      const copySeed = vscode.l10n.t('Copy Seed');
      const buttons = upscale ? [upscale, insert, copySeed] : [insert, copySeed];
      void Promise.resolve(vscode.window.showInformationMessage(saved, ...buttons)).then(async (choice) => {
        if (upscale) await answerUpscales(choice, upscale, deps.run, upscales);
        if (choice === insert) deps.insert(uri).catch((e) => showError(e));
        else if (choice === copySeed && typeof job.spec.input.seed === 'number') void vscode.env.clipboard.writeText(String(job.spec.input.seed));
      });
      return;
    }
    if (!job.spec.announce || error === undefined) return;
    if (job.phase === 'parked') {
      // The prediction exists: Resume fetches it for free; Retry is a second, billed generation.
      const message = `Pruna: ${job.error?.message ?? vscode.l10n.t('the job is parked.')}`;
      const resume = vscode.l10n.t('Resume');
      const retry = vscode.l10n.t('Retry (bills again)');
      void Promise.resolve(vscode.window.showWarningMessage(message, resume, retry)).then((choice) => {
        if (choice === resume) void vscode.commands.executeCommand('pruna.resumeJob', { id: job.id }).then(undefined, (e: unknown) => showError(e));
        else if (choice === retry) deps.jobs().retry(job.id).done.catch(() => undefined);
      });
      return;
    }
    showError(
      error,
      {
        retry: () => deps.jobs().retry(job.id).done.catch(() => undefined),
        saveAs: async () => {
          const target = await vscode.window.showSaveDialog({ title: vscode.l10n.t('Pruna: save the result as…'), saveLabel: vscode.l10n.t('Save') });
          if (target) await deps.jobs().saveKeptResultAs(job.id, target).catch((e) => showError(e));
        },
      },
      deps.log,
    );
  };
}

/**
 * Beside only when there is something to keep visible: the text editor the user works in, or the Studio panel (a
 * webview) they started the run from. Otherwise (no editor at all, or an earlier result's preview) the active group,
 * so no empty editor group is left behind and a new result replaces the last preview.
 */
export function resultColumn(): vscode.ViewColumn {
  if (vscode.window.activeTextEditor) return vscode.ViewColumn.Beside;
  const activeTab = vscode.window.tabGroups.activeTabGroup.activeTab;
  return activeTab?.input instanceof vscode.TabInputWebview ? vscode.ViewColumn.Beside : vscode.ViewColumn.Active;
}
