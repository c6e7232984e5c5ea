// What the activation entry does right after activate() returns, without loading the rest of the extension unless
// there is work for it:
// - jobs to finish (a stored job still running or downloaded-but-unsaved, or the `.pruna/jobs-in-flight` marker that
//   woke this window): the rest is loaded, and it resumes them as before;
// - the `pruna.generatedFiles` context key behind "Regenerate with Pruna" / "Insert Reference" in the Explorer, from
//   the keys of each folder's recipe index alone (no validation: it only decides where a menu item shows; the
//   commands check the recipe itself). main.ts's syncGeneratedFilesContext takes over once the rest is loaded.
import * as vscode from 'vscode';
import { MARKER_FOLDER, MARKER_NAME } from '../jobs/inFlightMarkerText';
import { JOBS_STATE_KEY, hasJobsToResume } from '../jobs/pendingJobs';
import { RECIPES_OUTSIDE_KEY, RECIPE_INDEX_PATH } from '../recipes/recipeLocations';

/** Loads the rest of the extension when jobs wait for it; never throws (a failure is shown by the loader). */
export function resumeWaitingJobs(context: vscode.ExtensionContext, load: (reason: string) => unknown): void {
  setTimeout(() => {
    void (async () => {
      let reason: string | undefined;
      if (hasJobsToResume(context.workspaceState.get(JOBS_STATE_KEY))) reason = 'unfinished jobs';
      else if (await markerExists()) reason = `the ${MARKER_FOLDER}/${MARKER_NAME} marker`;
      if (reason) load(reason);
    })().catch(() => undefined);
  }, 0);
}

async function markerExists(): Promise<boolean> {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  if (!folder) return false;
  try {
    await vscode.workspace.fs.stat(vscode.Uri.joinPath(folder, MARKER_FOLDER, MARKER_NAME));
    return true;
  } catch {
    return false;
  }
}

/** Keeps `pruna.generatedFiles` set from the recipe indexes until disposed (when the rest of the extension loads). */
export function showGeneratedFiles(globalState: vscode.Memento): vscode.Disposable {
  let disposed = false;
  let pending: ReturnType<typeof setTimeout> | undefined;
  const update = async () => {
    const files: vscode.Uri[] = [];
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      for (const relative of await indexKeys(vscode.Uri.joinPath(folder.uri, ...RECIPE_INDEX_PATH))) {
        files.push(vscode.Uri.joinPath(folder.uri, ...relative.split('/')));
      }
    }
    const outside = globalState.get<unknown>(RECIPES_OUTSIDE_KEY);
    if (typeof outside === 'object' && outside !== null) {
      for (const uri of Object.keys(outside)) {
        try {
          files.push(vscode.Uri.parse(uri, true));
        } catch {
          // not a URI: no menu item for it
        }
      }
    }
    // Keyed as syncGeneratedFilesContext keys them: by fsPath and by URI path.
    const keys: Record<string, true> = {};
    for (const file of files) {
      keys[file.fsPath] = true;
      keys[file.path] = true;
    }
    if (!disposed) await vscode.commands.executeCommand('setContext', 'pruna.generatedFiles', keys);
  };
  const schedule = () => {
    if (pending) clearTimeout(pending);
    pending = setTimeout(() => void update().catch(() => undefined), 200);
  };
  schedule();
  const watcher = vscode.workspace.createFileSystemWatcher(`**/${RECIPE_INDEX_PATH.join('/')}`);
  const listeners = [watcher.onDidChange(schedule), watcher.onDidCreate(schedule), watcher.onDidDelete(schedule), vscode.workspace.onDidChangeWorkspaceFolders(schedule)];
  return new vscode.Disposable(() => {
    disposed = true;
    if (pending) clearTimeout(pending);
    for (const listener of listeners) listener.dispose();
    watcher.dispose();
  });
}

/** The workspace-relative paths a recipe index has entries for; none when it is missing or not an index. */
async function indexKeys(index: vscode.Uri): Promise<string[]> {
  let text: string;
  try {
    text = new TextDecoder().decode(await vscode.workspace.fs.readFile(index));
  } catch {
    return [];
  }
  try {
    const parsed: unknown = JSON.parse(text);
    const recipes = typeof parsed === 'object' && parsed !== null ? (parsed as { recipes?: unknown }).recipes : undefined;
    return typeof recipes === 'object' && recipes !== null && !Array.isArray(recipes) ? Object.keys(recipes) : [];
  } catch {
    return [];
  }
}
