// While at least one job is unfinished (running, or downloaded but not saved yet) the first workspace folder holds
// `.pruna/jobs-in-flight`. The manifest's `workspaceContains:.pruna/jobs-in-flight` activation event then starts the
// extension as soon as the window opens again after a reload or a crash, so jobs resume without waiting for a Pruna
// command — and only then: activating at every startup would cost every window for the rare one with work to finish.
// With no folder open there is nowhere to put the marker; jobs then resume on the next activation (any Pruna command).
import * as vscode from 'vscode';
import { assertContained } from '../fileSystem';
import { MARKER_FOLDER, MARKER_NAME, gitignoreWithMarker, markerText } from './inFlightMarkerText';

export interface InFlightMarkerDeps {
  /** Jobs that still need this window: running or downloaded-but-unsaved. */
  readonly unfinished: () => number;
  readonly onDidChange: vscode.Event<void>;
  readonly log: { warn(message: string): void };
}

export class InFlightMarker implements vscode.Disposable {
  /** Count the queue will leave on disk (0 = no marker); undefined until the first sync, which also clears a stale one. */
  private scheduled: number | undefined;
  private queue: Promise<void> = Promise.resolve();
  private disposed = false;
  private readonly listener: vscode.Disposable;

  constructor(private readonly deps: InFlightMarkerDeps) {
    this.listener = deps.onDidChange(() => this.sync());
  }

  /** Brings the marker in line with the job list; cheap when nothing changed (no file system call). */
  sync(): void {
    if (this.disposed) return;
    const count = this.deps.unfinished();
    if (count === this.scheduled) return;
    const creating = !this.scheduled;
    this.scheduled = count;
    this.queue = this.queue.then(() => this.apply(count, creating));
  }

  /** Resolves once every scheduled write or delete has been made (tests). */
  flush(): Promise<void> {
    return this.queue;
  }

  private async apply(count: number, creating: boolean): Promise<void> {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    if (!folder) return;
    const dir = vscode.Uri.joinPath(folder, MARKER_FOLDER);
    const marker = vscode.Uri.joinPath(dir, MARKER_NAME);
    try {
      if (count === 0) {
        // A repository may ship `.pruna` as a link to a folder elsewhere: nothing there is deleted either.
        await assertContained(dir, { folder });
        await vscode.workspace.fs.delete(marker, { useTrash: false }).then(undefined, (e: unknown) => {
          if (!(e instanceof vscode.FileSystemError && e.code === 'FileNotFound')) throw e;
        });
        return;
      }
      // A cloned repository may ship `.pruna` or its files as symbolic links: never written through, even into the
      // workspace (a link can be retargeted between two writes).
      await assertContained(dir, { folder });
      await vscode.workspace.fs.createDirectory(dir);
      await assertContained(marker, { folder, refuseLinkedTarget: true });
      await vscode.workspace.fs.writeFile(marker, new TextEncoder().encode(markerText(count)));
      // Checked each time the marker appears (not on count changes): the user may have replaced the file meanwhile.
      if (creating) await this.ignoreMarker(folder, vscode.Uri.joinPath(dir, '.gitignore'));
    } catch (e) {
      // The marker only speeds up resuming; jobs are persisted in workspace state either way.
      this.deps.log.warn(`Could not update ${MARKER_FOLDER}/${MARKER_NAME}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  /** Writes `.pruna/.gitignore` only if missing; a user's own file only gets the marker line appended. */
  private async ignoreMarker(folder: vscode.Uri, gitignore: vscode.Uri): Promise<void> {
    await assertContained(gitignore, { folder, refuseLinkedTarget: true });
    let existing: string | undefined;
    try {
      existing = new TextDecoder().decode(await vscode.workspace.fs.readFile(gitignore));
    } catch (e) {
      if (!(e instanceof vscode.FileSystemError && e.code === 'FileNotFound')) throw e;
    }
    const next = gitignoreWithMarker(existing);
    if (next !== undefined) await vscode.workspace.fs.writeFile(gitignore, new TextEncoder().encode(next));
  }

  /** Leaves the marker where it is: a window that closes with jobs running must find it when it opens again. */
  dispose(): void {
    this.disposed = true;
    this.listener.dispose();
  }
}
