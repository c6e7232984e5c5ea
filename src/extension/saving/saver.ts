// Copies a downloaded result from the extension's temp folder into the workspace through workspace.fs (so remote and
// virtual workspaces work), never overwriting a file, then removes the temp copy. A failed write keeps the temp file so
// nothing is lost: the caller can offer "Save As…" and try again.
import * as vscode from 'vscode';
import { checkContainment, exists, type ContainmentRequest } from '../fileSystem';
import { open } from 'node:fs/promises';
import { ShellError } from '../errors';
import {
  baseNameFor,
  candidateNames,
  checkOutputFolder,
  extensionForContentType,
  extensionFromMagic,
  sameExtension,
  splitExtension,
} from '../../core';
import type { SaveTarget } from './target';

export interface SaveRequest {
  /** Local path of the downloaded file (extension global storage). */
  readonly tempPath: string;
  readonly contentType?: string;
  readonly target: SaveTarget;
  readonly prompt: string;
  readonly seed?: number;
  /** Told the exact target before the copy starts (the job records it, so a crash mid-save is recoverable). */
  readonly onTarget?: (target: vscode.Uri) => Promise<void>;
}

export class Saver {
  // One save at a time: two jobs finishing together must not pick the same free name.
  private queue: Promise<unknown> = Promise.resolve();

  save(request: SaveRequest): Promise<vscode.Uri> {
    const next = this.queue.then(() => this.saveNow(request));
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async saveNow(request: SaveRequest): Promise<vscode.Uri> {
    const tempUri = vscode.Uri.file(request.tempPath);
    let head: Uint8Array;
    try {
      head = await readHead(request.tempPath);
    } catch (e) {
      throw new ShellError('save-failed', vscode.l10n.t('The downloaded result at {0} is gone ({1}). Run the job again.', request.tempPath, describe(e)), { cause: e });
    }
    const ext = extensionForContentType(request.contentType) ?? extensionFromMagic(head) ?? '.bin';
    const { folder, base, wantedExt } = destination(request, ext);
    // Really inside the workspace folder (links followed) before the folder is created and before each name is tried.
    const scope: ContainmentRequest =
      request.target.kind === 'folder'
        ? { folder: vscode.Uri.parse(request.target.workspaceFolder) }
        : { outsideFolders: 'allow' };
    await this.contain(folder, scope, request.tempPath);
    if (vscode.workspace.fs.isWritableFileSystem(folder.scheme) === false) {
      throw new ShellError('read-only', vscode.l10n.t('Cannot save into {0}: that location is read-only. The result is kept; use "Save As…" to choose another place.', label(folder)), { keptAt: request.tempPath });
    }
    try {
      await vscode.workspace.fs.createDirectory(folder);
    } catch (e) {
      throw writeError(folder, e, request.tempPath);
    }
    const finalExt = sameExtension(wantedExt, ext) ? wantedExt : ext;
    // copy with overwrite:false fails if the name was taken meanwhile (another window), so never overwriting does
    // not depend on the stat above being still true; streaming copy also keeps large videos out of memory.
    for (const name of candidateNames(base, finalExt)) {
      const target = vscode.Uri.joinPath(folder, name);
      if (await exists(target)) continue;
      // A link at the name (even one leading nowhere, which stat calls missing) is taken: never written through.
      const verdict = await checkContainment(target, { ...scope, refuseLinkedTarget: true });
      if (!verdict.ok && (verdict.reason === 'linked-target' || verdict.reason === 'dangling-link')) continue;
      if (!verdict.ok) throw outside(verdict.message, request.tempPath);
      await request.onTarget?.(target);
      try {
        await vscode.workspace.fs.copy(tempUri, target, { overwrite: false });
      } catch (e) {
        if (e instanceof vscode.FileSystemError && e.code === 'FileExists') continue;
        throw writeError(target, e, request.tempPath);
      }
      await vscode.workspace.fs.delete(tempUri).then(undefined, () => undefined);
      return target;
    }
    throw new Error('unreachable: candidate names are infinite');
  }

  private async contain(folder: vscode.Uri, scope: ContainmentRequest, keptAt: string): Promise<void> {
    const verdict = await checkContainment(folder, scope);
    if (!verdict.ok) throw outside(verdict.message, keptAt);
  }
}

function outside(message: string, keptAt: string): ShellError {
  return new ShellError('outside-workspace', vscode.l10n.t('Nothing was written: {0} The result is kept; use "Save As…" to choose another place.', message), { keptAt });
}

/** The first bytes, to tell the type when the server sent no useful Content-Type. */
async function readHead(path: string): Promise<Uint8Array> {
  const handle = await open(path, 'r');
  try {
    const buffer = new Uint8Array(16);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}


function destination(request: SaveRequest, ext: string): { folder: vscode.Uri; base: string; wantedExt: string } {
  const target = request.target;
  if (target.kind === 'exact') {
    const uri = vscode.Uri.parse(target.uri);
    const name = uri.path.slice(uri.path.lastIndexOf('/') + 1);
    const { base, ext: given } = splitExtension(name);
    return { folder: vscode.Uri.joinPath(uri, '..'), base, wantedExt: given || ext };
  }
  const check = checkOutputFolder(target.folder);
  if (!check.ok) throw new ShellError('output-folder', check.message);
  const folder = vscode.Uri.joinPath(vscode.Uri.parse(target.workspaceFolder), ...check.segments);
  if (target.fileName) {
    const { base, ext: given } = splitExtension(target.fileName);
    return { folder, base, wantedExt: given || ext };
  }
  return { folder, base: baseNameFor(request.prompt, request.seed), wantedExt: ext };
}

function writeError(where: vscode.Uri, e: unknown, keptAt: string): ShellError {
  const code = e instanceof vscode.FileSystemError ? e.code : (e as { code?: unknown })?.code;
  if (code === 'NoPermissions' || code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
    return new ShellError('read-only', vscode.l10n.t('Cannot write {0}: permission denied. The result is kept; use "Save As…" to choose another place, or fix the folder\'s permissions.', label(where)), { keptAt, cause: e });
  }
  return new ShellError('save-failed', vscode.l10n.t('Could not save {0} ({1}). The result is kept; use "Save As…" to choose another place.', label(where), describe(e)), { keptAt, cause: e });
}

function label(uri: vscode.Uri): string {
  return vscode.workspace.asRelativePath(uri, false);
}

function describe(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
