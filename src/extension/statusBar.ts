// One status-bar item: a spinner and the number of running jobs, or a warning count for jobs that failed since the
// user last looked at "Show Jobs". Hidden when there is nothing to say. Click → Show Jobs.
import * as vscode from 'vscode';
import type { JobManager } from './jobs/jobManager';

export interface JobsStatusBar extends vscode.Disposable {
  /** The user has seen the job list: failures before now no longer need the warning. */
  markSeen(): void;
}

export function createJobsStatusBar(jobs: JobManager): JobsStatusBar {
  const item = vscode.window.createStatusBarItem('pruna.jobs', vscode.StatusBarAlignment.Left, 50);
  item.name = vscode.l10n.t('Pruna Jobs');
  item.command = 'pruna.showJobs';
  let seenAt = Date.now();
  const update = () => {
    const running = jobs.runningCount();
    const unseenFailures = jobs.list().filter((j) => j.state === 'failed' && (j.finishedAt ?? 0) > seenAt).length;
    if (running > 0) {
      item.text = `$(sync~spin) Pruna ${running}`;
      item.tooltip = running === 1
        ? vscode.l10n.t('1 Pruna job running — click to see it')
        : vscode.l10n.t('{0} Pruna jobs running — click to see them', running);
      item.backgroundColor = undefined;
      item.show();
    } else if (unseenFailures > 0) {
      item.text = `$(warning) Pruna ${unseenFailures}`;
      item.tooltip = unseenFailures === 1
        ? vscode.l10n.t('1 Pruna job failed — click to see why or retry')
        : vscode.l10n.t('{0} Pruna jobs failed — click to see why or retry', unseenFailures);
      item.backgroundColor = new vscode.ThemeColor('statusBarItem.warningBackground');
      item.show();
    } else {
      item.hide();
    }
  };
  update();
  const listener = jobs.onDidChange(update);
  return {
    markSeen() {
      seenAt = Date.now();
      update();
    },
    dispose() {
      listener.dispose();
      item.dispose();
    },
  };
}
