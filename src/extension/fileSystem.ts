import * as vscode from 'vscode';
import { decideContainment, type Containment } from '../core/naming/containment';
import { ShellError } from './errors';
import { containLocal } from './saving/realPath';

/**
 * Whether something exists at `uri` (through workspace.fs, so remote and virtual workspaces work too). Only "not
 * found" means missing: a path we cannot stat for another reason is treated as taken, so nothing overwrites it.
 */
export async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch (e) {
    return !(e instanceof vscode.FileSystemError && e.code === 'FileNotFound');
  }
}

export interface ContainmentRequest {
  /** The workspace folder the target must really be in; default: the folder that (textually) contains it. */
  readonly folder?: vscode.Uri;
  /** Refuse a target that is itself a symbolic link, dangling or not (`.pruna/*` files the extension owns). */
  readonly refuseLinkedTarget?: boolean;
  /**
   * A target in no workspace folder at all: 'refuse' (default) or 'allow' (a place the user picked in a dialog, or
   * a file the user named outside the workspace). A target inside a folder is always checked.
   */
  readonly outsideFolders?: 'refuse' | 'allow';
  /** What is being done, for the message: "write" (default) or "read". */
  readonly purpose?: 'write' | 'read';
}

/**
 * The containment verdict for `target`: follows the symbolic links of its existing ancestors (lstat + realpath on
 * disk for file: URIs; for other schemes, where links cannot be followed, any link on the way is refused) and decides
 * with `decideContainment`. `{ ok: true, real: '' }` for an allowed target outside every folder.
 */
export async function checkContainment(target: vscode.Uri, request: ContainmentRequest = {}): Promise<Containment> {
  const label = `"${vscode.workspace.asRelativePath(target, false)}"`;
  const folder = request.folder ?? vscode.workspace.getWorkspaceFolder(target)?.uri;
  if (!folder) {
    return request.outsideFolders === 'allow'
      ? { ok: true, real: '' }
      : { ok: false, reason: 'outside', message: vscode.l10n.t('{0} is not inside a workspace folder.', label) };
  }
  const relative = relativeSegments(folder, target);
  if (relative === undefined) return { ok: false, reason: 'outside', message: vscode.l10n.t('{0} is not inside the workspace folder {1}.', label, folder.path) };
  if (relative.some((s) => s === '.' || s === '..' || s === '')) {
    return { ok: false, reason: 'bad-name', message: vscode.l10n.t('{0} has "." or ".." parts; give the path without them.', label) };
  }
  const options = { label, ...(request.refuseLinkedTarget ? { refuseLinkedTarget: true } : {}) };
  if (folder.scheme === 'file' && target.scheme === 'file') {
    return containLocal(folder.fsPath, relative, options);
  }
  return probeVirtual(folder, relative, label, request.refuseLinkedTarget === true);
}

/**
 * Throws ShellError('outside-workspace') unless `target` is really inside its workspace folder (see
 * `checkContainment`). Call it right before every write and every read of a user's file; it costs one lstat per
 * missing path part and two realpath calls.
 */
export async function assertContained(target: vscode.Uri, request: ContainmentRequest = {}): Promise<void> {
  const verdict = await checkContainment(target, request);
  if (verdict.ok) return;
  throw new ShellError('outside-workspace', request.purpose === 'read' ? vscode.l10n.t('Not read: {0}', verdict.message) : vscode.l10n.t('Nothing was written: {0}', verdict.message));
}

/** The path parts from `folder` down to `target`, or undefined when `target` is not textually below `folder`. */
function relativeSegments(folder: vscode.Uri, target: vscode.Uri): string[] | undefined {
  if (folder.scheme !== target.scheme || folder.authority !== target.authority) return undefined;
  const base = folder.path.replace(/\/+$/, '');
  const path = target.path;
  const insensitive = folder.scheme === 'file' && (process.platform === 'win32' || process.platform === 'darwin');
  const same = (a: string, b: string) => (insensitive ? a.toLowerCase() === b.toLowerCase() : a === b);
  if (same(path.replace(/\/+$/, ''), base)) return [];
  const prefix = path.slice(0, base.length + 1);
  if (!same(prefix, `${base}/`)) return undefined;
  return path.slice(base.length + 1).replace(/\/+$/, '').split('/');
}

/** Remote or virtual file systems: links cannot be followed here, so any link under the folder is refused. */
async function probeVirtual(folder: vscode.Uri, relative: readonly string[], label: string, refuseLinkedTarget: boolean): Promise<Containment> {
  for (let depth = 1; depth <= relative.length; depth++) {
    const here = vscode.Uri.joinPath(folder, ...relative.slice(0, depth));
    let stat: vscode.FileStat;
    try {
      stat = await vscode.workspace.fs.stat(here);
    } catch (e) {
      if (e instanceof vscode.FileSystemError && e.code === 'FileNotFound') {
        return decideContainment({ folderReal: '/', existingReal: '/', missing: relative.slice(depth - 1) }, { label, platform: 'linux' });
      }
      return { ok: false, reason: 'unknown', message: vscode.l10n.t('{0} cannot be checked ({1}).', label, describe(e)) };
    }
    if (stat.type & vscode.FileType.SymbolicLink) {
      const isTarget = depth === relative.length;
      return isTarget && refuseLinkedTarget
        ? { ok: false, reason: 'linked-target', message: vscode.l10n.t('{0} is a symbolic link; the extension does not write or read its own files through links. Remove the link.', label) }
        : { ok: false, reason: 'outside', message: vscode.l10n.t('{0} goes through a symbolic link, which cannot be followed safely on this file system.', label) };
    }
  }
  return { ok: true, real: vscode.Uri.joinPath(folder, ...relative).toString() };
}

function describe(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/**
 * Before a local input file is read (uploaded): a file in a workspace folder must really be there, so a link in a
 * cloned repository (`assets/photo.png -> ~/private.png`) cannot make a command or recipe upload a file from
 * elsewhere. A file outside every folder was named by the user (a dialog, an absolute path) and is read as given.
 */
export function assertReadableInput(filePath: string): Promise<void> {
  return assertContained(vscode.Uri.file(filePath), { purpose: 'read', outsideFolders: 'allow' });
}
