// pruna.showJobs: running and recent jobs, then what can be done with the picked one.
import * as vscode from 'vscode';
import type { JobView } from '../services';
import { spendSummary } from '../tools/spend';
import { showError } from '../ui/showError';
import type { CommandDeps } from './deps';

const STATE_ICON: Record<JobView['state'], string> = {
  queued: '$(clock)',
  uploading: '$(cloud-upload)',
  sent: '$(sync~spin)',
  running: '$(sync~spin)',
  downloading: '$(cloud-download)',
  downloaded: '$(save)',
  saved: '$(check)',
  parked: '$(debug-pause)',
  failed: '$(error)',
  canceled: '$(circle-slash)',
};

/** How the Retry action reads: it starts a new, separately billed generation. */
export const RETRY_BILLS_AGAIN = (): string => vscode.l10n.t('Retry (new generation, billed again)');

/** A job state as the user reads it in a description line (in English the state's own word). */
function stateLabel(state: JobView['state']): string {
  switch (state) {
    case 'queued': return vscode.l10n.t('queued');
    case 'uploading': return vscode.l10n.t('uploading');
    case 'sent': return vscode.l10n.t('sent');
    case 'running': return vscode.l10n.t('running');
    case 'downloading': return vscode.l10n.t('downloading');
    case 'downloaded': return vscode.l10n.t('downloaded');
    case 'saved': return vscode.l10n.t('saved');
    case 'parked': return vscode.l10n.t('parked');
    case 'failed': return vscode.l10n.t('failed');
    case 'canceled': return vscode.l10n.t('canceled');
  }
}

interface JobItem extends vscode.QuickPickItem {
  readonly job: JobView;
}

interface ActionItem extends vscode.QuickPickItem {
  readonly run: () => unknown;
}

export async function showJobs(deps: CommandDeps): Promise<void> {
  deps.statusBar.markSeen();
  const jobs = deps.jobs.list();
  if (jobs.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Pruna: no jobs yet. Run "Pruna: Generate Image" to start one.'));
    return;
  }
  const picked = await vscode.window.showQuickPick<JobItem>(
    jobs.map((job) => ({
      label: `${STATE_ICON[job.state]} ${job.prompt.length > 60 ? `${job.prompt.slice(0, 59)}…` : job.prompt}`,
      description: `${job.model} · ${stateLabel(job.state)} · ${elapsed(job)}${job.seed !== undefined ? ` · ${vscode.l10n.t('seed {0}', job.seed)}` : ''}`,
      ...(job.retrying ? { detail: job.retrying } : job.error ? { detail: job.error } : job.outputs[0] ? { detail: vscode.workspace.asRelativePath(vscode.Uri.parse(job.outputs[0])) } : {}),
      job,
    })),
    { title: [vscode.l10n.t('Pruna: Jobs'), spendSummary()].filter(Boolean).join(' · '), placeHolder: vscode.l10n.t('Pick a job to cancel, open or retry'), matchOnDescription: true, matchOnDetail: true },
  );
  if (!picked) return;
  const action = await vscode.window.showQuickPick(actionsFor(deps, picked.job), { title: picked.job.prompt });
  await action?.run();
}

function actionsFor(deps: CommandDeps, job: JobView): ActionItem[] {
  const actions: ActionItem[] = [];
  const running = job.state !== 'saved' && job.state !== 'failed' && job.state !== 'canceled' && job.state !== 'parked';
  if (job.resumable) {
    actions.push({
      label: `$(debug-continue) ${vscode.l10n.t('Resume')}`,
      detail: vscode.l10n.t('Fetches the result of the existing prediction: no new request, no new charge.'),
      run: () => vscode.commands.executeCommand('pruna.resumeJob', { id: job.id }),
    });
  }
  if (running) {
    actions.push({
      label: `$(circle-slash) ${vscode.l10n.t('Stop watching (cancel)')}`,
      detail: vscode.l10n.t('The P-API has no cancel endpoint: the prediction may still finish on the server and be billed.'),
      run: () => deps.jobs.cancel(job.id),
    });
  }
  for (const output of job.outputs) {
    const uri = vscode.Uri.parse(output);
    actions.push({ label: `$(go-to-file) ${vscode.l10n.t('Open')}`, description: vscode.workspace.asRelativePath(uri), run: () => vscode.commands.executeCommand('vscode.open', uri) });
    actions.push({ label: `$(insert) ${vscode.l10n.t('Insert reference')}`, description: vscode.l10n.t('into the last text editor'), run: () => deps.services.insertReference(uri).catch((e) => showError(e)) });
  }
  if ((job.state === 'failed' || job.state === 'canceled' || job.state === 'parked') && job.retryable !== false) {
    actions.push({
      label: `$(refresh) ${RETRY_BILLS_AGAIN()}`,
      detail: job.resumable
        ? vscode.l10n.t('Starts a second generation and bills it again; Resume fetches the first one for free.')
        : job.mayHaveBeenCreated
          ? vscode.l10n.t('The first attempt may have reached the server and been billed; this bills again.')
          : vscode.l10n.t('Runs the same request again (same seed); it is billed like any generation.'),
      run: () => deps.jobs.retry(job.id).done.catch(() => undefined),
    });
  }
  if (job.seed !== undefined) {
    actions.push({ label: `$(copy) ${vscode.l10n.t('Copy seed')}`, description: String(job.seed), run: () => vscode.env.clipboard.writeText(String(job.seed)) });
  }
  actions.push({ label: `$(output) ${vscode.l10n.t('Show log')}`, run: () => deps.log.show(true) });
  return actions;
}

function elapsed(job: JobView): string {
  const seconds = Math.max(0, Math.round(((job.finishedAt ?? Date.now()) - job.startedAt) / 1000));
  return seconds < 60 ? `${seconds}s` : `${Math.floor(seconds / 60)}m ${seconds % 60}s`;
}
