// Decides where a run's result will be saved before anything is sent: a bad folder, a read-only place or a missing
// workspace is reported while nothing has been spent yet.
import * as vscode from 'vscode';
import { PrunaError, baseNameFor, checkFileName, checkOutputFolder } from '../../core';
import type { Config } from '../config';
import { ShellError } from '../errors';
import { assertContained, type ContainmentRequest } from '../fileSystem';
import type { SaveTarget } from './target';

export interface TargetRequest {
  readonly outputFolder?: string;
  readonly fileName?: string;
  readonly saveAs?: string;
  /** A file the result relates to (an edited image): its workspace folder is preferred. */
  readonly near?: vscode.Uri;
  readonly prompt: string;
  readonly seed?: number;
  readonly kind: 'image' | 'edit' | 'video';
}

export async function resolveTarget(request: TargetRequest, config: Config): Promise<SaveTarget> {
  if (request.fileName !== undefined) {
    const problem = checkFileName(request.fileName);
    if (problem) throw new PrunaError('invalid-input', problem, { fields: ['fileName'], hint: 'check-input' });
  }
  if (request.saveAs !== undefined) {
    let uri: vscode.Uri;
    try {
      uri = vscode.Uri.parse(request.saveAs, true);
    } catch {
      throw new PrunaError('invalid-input', `saveAs "${request.saveAs}" is not a file URI.`, { fields: ['saveAs'], hint: 'check-input' });
    }
    // A file referenced from code: inside a workspace folder it must really be there (no link leading out).
    await ensureWritable(vscode.Uri.joinPath(uri, '..'), { outsideFolders: 'allow' });
    return { kind: 'exact', uri: uri.toString() };
  }
  const folder = pickWorkspaceFolder(request.near);
  if (!folder) return askWhereToSave(request);
  const raw = request.outputFolder ?? config.outputFolder(folder.uri);
  const check = checkOutputFolder(raw);
  if (!check.ok) throw new ShellError('output-folder', check.message);
  await ensureWritable(vscode.Uri.joinPath(folder.uri, ...check.segments), { folder: folder.uri });
  return {
    kind: 'folder',
    workspaceFolder: folder.uri.toString(),
    folder: check.segments.join('/'),
    ...(request.fileName !== undefined ? { fileName: request.fileName } : {}),
  };
}

function pickWorkspaceFolder(near: vscode.Uri | undefined): vscode.WorkspaceFolder | undefined {
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length === 0) return undefined;
  const fromNear = near && vscode.workspace.getWorkspaceFolder(near);
  if (fromNear) return fromNear;
  const active = vscode.window.activeTextEditor?.document.uri;
  const fromActive = active && vscode.workspace.getWorkspaceFolder(active);
  return fromActive ?? folders[0];
}

/** No folder open: a save dialog instead of a failure. */
async function askWhereToSave(request: TargetRequest): Promise<SaveTarget> {
  const ext = request.kind === 'video' ? 'mp4' : 'png';
  const name = request.fileName ?? `${baseNameFor(request.prompt, request.seed)}.${ext}`;
  const home = process.env.HOME ?? process.env.USERPROFILE;
  const uri = await vscode.window.showSaveDialog({
    title: vscode.l10n.t('Pruna: no folder is open — where should the result be saved?'),
    saveLabel: vscode.l10n.t('Save Here'),
    ...(home ? { defaultUri: vscode.Uri.joinPath(vscode.Uri.file(home), name) } : {}),
    filters: request.kind === 'video' ? { [vscode.l10n.t('Video')]: ['mp4'] } : { [vscode.l10n.t('Images')]: ['png', 'jpg', 'jpeg', 'webp'] },
  });
  if (!uri) {
    throw new ShellError('dismissed', vscode.l10n.t('Nothing was generated: no folder is open and no save location was chosen. Open a folder or pick a location to save the result.'));
  }
  await ensureWritable(vscode.Uri.joinPath(uri, '..'), { outsideFolders: 'allow' });
  return { kind: 'exact', uri: uri.toString() };
}

/**
 * Creates the folder now: a read-only place, or one that is really outside the workspace (a symbolic link on the
 * way), fails here, before the request, not after the user paid for it.
 */
async function ensureWritable(folder: vscode.Uri, scope: ContainmentRequest): Promise<void> {
  await assertContained(folder, scope);
  if (vscode.workspace.fs.isWritableFileSystem(folder.scheme) === false) {
    throw new ShellError('read-only', vscode.l10n.t('Cannot save into {0}: that location is read-only. Choose another output folder.', vscode.workspace.asRelativePath(folder, false)));
  }
  try {
    await vscode.workspace.fs.createDirectory(folder);
  } catch (e) {
    throw new ShellError('read-only', vscode.l10n.t('Cannot create the output folder {0} ({1}). Choose another output folder (setting pruna.outputFolder) or fix its permissions.', vscode.workspace.asRelativePath(folder, false), e instanceof Error ? e.message : String(e)), { cause: e });
  }
}
