// pruna.showJobs: running and recent jobs, then what can be done with the picked one.
import * as vscode from 'vscode';
import type { JobView } from '../services';
import { spendSummary } from '../tools/spend';
import { showError } from '../ui/showError';
import type { CommandDeps } from './deps';

const STATE_ICON: Record<JobView['state'], string> = {
  uploading: '$(cloud-upload)',
  submitting: '$(sync~spin)',
  queued: '$(clock)',
  processing: '$(sync~spin)',
  downloading: '$(cloud-download)',
  saved: '$(check)',
  failed: '$(error)',
  canceled: '$(circle-slash)',
};

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
    void vscode.window.showInformationMessage('Pruna: no jobs yet. Run "Pruna: Generate Image" to start one.');
    return;
  }
  const picked = await vscode.window.showQuickPick<JobItem>(
    jobs.map((job) => ({
      label: `${STATE_ICON[job.state]} ${job.prompt.length > 60 ? `${job.prompt.slice(0, 59)}…` : job.prompt}`,
      description: `${job.model} · ${job.state} · ${elapsed(job)}${job.seed !== undefined ? ` · seed ${job.seed}` : ''}`,
      ...(job.error ? { detail: job.error } : job.outputs[0] ? { detail: vscode.workspace.asRelativePath(vscode.Uri.parse(job.outputs[0])) } : {}),
      job,
    })),
    { title: ['Pruna: Jobs', spendSummary()].filter(Boolean).join(' · '), placeHolder: 'Pick a job to cancel, open or retry', matchOnDescription: true, matchOnDetail: true },
  );
  if (!picked) return;
  const action = await vscode.window.showQuickPick(actionsFor(deps, picked.job), { title: picked.job.prompt });
  await action?.run();
}

function actionsFor(deps: CommandDeps, job: JobView): ActionItem[] {
  const actions: ActionItem[] = [];
  const running = job.state !== 'saved' && job.state !== 'failed' && job.state !== 'canceled';
  if (running) {
    actions.push({
      label: '$(circle-slash) Stop watching (cancel)',
      detail: 'The P-API has no cancel endpoint: the prediction may still finish on the server and be billed.',
      run: () => deps.jobs.cancel(job.id),
    });
  }
  for (const output of job.outputs) {
    const uri = vscode.Uri.parse(output);
    actions.push({ label: '$(go-to-file) Open', description: vscode.workspace.asRelativePath(uri), run: () => vscode.commands.executeCommand('vscode.open', uri) });
    actions.push({ label: '$(insert) Insert reference', description: 'into the last text editor', run: () => deps.services.insertReference(uri).catch((e) => showError(e)) });
  }
  if ((job.state === 'failed' || job.state === 'canceled') && job.retryable !== false) {
    actions.push({
      label: '$(refresh) Retry',
      detail: job.mayHaveBeenCreated ? 'The first attempt may have reached the server and been billed.' : 'Runs the same request again (same seed).',
      run: () => deps.jobs.retry(job.id).done.catch(() => undefined),
    });
  }
  if (job.seed !== undefined) {
    actions.push({ label: '$(copy) Copy seed', description: String(job.seed), run: () => vscode.env.clipboard.writeText(String(job.seed)) });
  }
  actions.push({ label: '$(output) Show log', run: () => deps.log.show(true) });
  return actions;
}

function elapsed(job: JobView): string {
  const seconds = Math.max(0, Math.round(((job.finishedAt ?? Date.now()) - job.startedAt) / 1000));
  return seconds < 60 ? `${seconds}s` : `${Math.floor(seconds / 60)}m ${seconds % 60}s`;
}
